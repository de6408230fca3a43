import { throwIfAborted } from "./abort.js";
import type { CallOptions } from "./call-options.js";

/**
 * One page of any listing, REST or S3: its items and the token that asks for
 * the next page (`undefined` on the last page).
 *
 * @internal
 */
export interface TokenPage<T> {
  readonly items: readonly T[];
  /** The next page's token (REST `pagination.next_offset`, S3 `NextContinuationToken`); `undefined` when this page is the last. */
  readonly next: string | undefined;
}

/**
 * Fetches the page that `token` names (`undefined`: the first page). `remaining`
 * is how many more items the consumer may take, so a page size can be capped.
 *
 * @internal
 */
export type FetchTokenPage<T> = (token: string | undefined, remaining: number) => Promise<TokenPage<T>>;

/**
 * Options of {@link paginateByToken}.
 *
 * @internal
 */
export interface PaginateOptions extends CallOptions {
  /** The token of the first request (REST `after`). Default: none. */
  readonly start?: string;
  /** Stop after this many items in all. Default: no limit. */
  readonly limit?: number;
  /** Operation name for the `AbortError` message. */
  readonly operation?: string;
}

/**
 * Iterates over every item of a token-paginated listing, fetching pages
 * lazily: the next page is requested only when the consumer asks for more,
 * so breaking out of the loop stops the listing. One generator serves the
 * REST listings (`after` / `next_offset` / `has_more`) and the S3 ones
 * (continuation token); each supplies a {@link FetchTokenPage} that maps its
 * own token names.
 *
 * @internal
 */
export async function* paginateByToken<T>(fetchPage: FetchTokenPage<T>, options: PaginateOptions = {}): AsyncGenerator<T, void, undefined> {
  let token = options.start;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    throwIfAborted(options.signal, options.operation);
    const page = await fetchPage(token, remaining);
    for (const item of page.items) {
      if (remaining <= 0) return;
      remaining--;
      yield item;
    }
    if (page.next === undefined) return;
    token = page.next;
  }
}

/**
 * Collects an async iterable into an array, stopping early at `limit`: with a
 * lazy listing, no page past the one that holds the `limit`-th item is fetched.
 *
 * @param limit - Most items to collect. Default: all.
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
