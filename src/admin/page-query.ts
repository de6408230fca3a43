import { validateInteger } from "../validation/integer.js";
import type { ListOptions } from "./paginate.js";

/** lakeFS's largest page (`pagination.max_per_page`). */
const MAX_PAGE_SIZE = 1000;

/**
 * The `amount` to ask for per page: `pageSize` when given, else `limit` when
 * it is smaller than a full page, else the server's default (1,000).
 * Throws a `ValidationError` for a `pageSize` or `limit` that is not a
 * positive integer (`pageSize` at most 1,000).
 *
 * @internal
 */
export function pageAmount(options: ListOptions): number | undefined {
  const { pageSize, limit } = options;
  if (pageSize !== undefined) validateInteger("pageSize", pageSize, { min: 1, max: MAX_PAGE_SIZE, code: "InvalidPageSize" });
  if (limit !== undefined) validateInteger("limit", limit, { code: "InvalidLimit" });
  if (pageSize !== undefined) return pageSize;
  if (limit !== undefined && limit > 0 && limit < MAX_PAGE_SIZE) return limit;
  return undefined;
}
