import { paginateByToken } from "../http/paginate.js";
import type { CallOptions } from "../http/call-options.js";

/**
 * One page of a lakeFS list response: `results` plus the `pagination` object
 * every list endpoint returns.
 *
 * @internal
 */
export interface Page<T> {
  readonly results: readonly T[];
  readonly pagination: { readonly has_more: boolean; readonly next_offset: string };
}

/**
 * Options of every list call.
 *
 * @public
 */
export interface ListOptions extends CallOptions {
  /** Start after this item (exclusive), as the server orders them. */
  readonly after?: string;
  /** Items per request (the server caps it, 1 000 by default). */
  readonly pageSize?: number;
  /** Stop after this many items in all. */
  readonly limit?: number;
}

/**
 * Iterates over every item of a paginated lakeFS list endpoint, fetching
 * pages lazily: the REST adapter of {@link paginateByToken} (`after` /
 * `pagination.next_offset` / `has_more`), so one generator serves every list
 * call. An empty page ends the listing too.
 *
 * @param fetchPage - Fetches the page that starts after `after`.
 * @internal
 */
export function paginate<T>(
  fetchPage: (after: string | undefined) => Promise<Page<T>>,
  options: ListOptions = {},
): AsyncGenerator<T, void, undefined> {
  return paginateByToken(
    async (after) => {
      const page = await fetchPage(after);
      const more = page.pagination.has_more && page.results.length > 0;
      return { items: page.results, next: more ? page.pagination.next_offset : undefined };
    },
    { start: options.after, limit: options.limit, signal: options.signal },
  );
}
