import { throwIfAborted } from "../http/abort.js";
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
 * pages lazily (`after` / `pagination.next_offset` / `has_more`), so one
 * generator serves every list call.
 *
 * @param fetchPage - Fetches the page that starts after `after`.
 * @internal
 */
export async function* paginate<T>(
  fetchPage: (after: string | undefined) => Promise<Page<T>>,
  options: ListOptions = {},
): AsyncGenerator<T, void, undefined> {
  let after = options.after;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    throwIfAborted(options.signal);
    const page = await fetchPage(after);
    for (const item of page.results) {
      if (remaining-- <= 0) return;
      yield item;
    }
    if (!page.pagination.has_more || page.results.length === 0) return;
    after = page.pagination.next_offset;
  }
}

/**
 * Collects an async iterable into an array, stopping early at `limit`.
 *
 * @public
 */
export async function collect<T>(items: AsyncIterable<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const out: T[] = [];
  if (limit <= 0) return out;
  for await (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}
