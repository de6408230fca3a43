import { LakeFSError } from "../errors/lakefs-error.js";
import { TimeoutError } from "../errors/network-errors.js";
import { withRetries } from "./retry.js";
import { isBodyFailure } from "./collect-body.js";

/** Carries an error that must not be retried past `withRetries`. */
class Final {
  constructor(readonly error: unknown) {}
}

/**
 * Runs a read whose response body may break off mid-way (a reset or a short
 * body after the headers arrived, which a client's request retries do not
 * cover): such a failure ({@link isBodyFailure}) sends the GET again, up to
 * `maxAttempts` in all, with the same backoff and full jitter as every other
 * retry. With `answers`, a retryable answer (5xx, 429, `SlowDown`, a reset
 * before the answer) is tried again too: for clients that have no retries of
 * their own (presigned requests to the store). Reads are idempotent, so this
 * is always safe. A body that stalls (`TimeoutError` after `socketTimeout`),
 * any other error, and an abort end it at once, so a stalled server fails
 * within one `socketTimeout`.
 *
 * @internal
 */
export async function retryBrokenBody<T>(
  maxAttempts: number,
  read: () => Promise<T>,
  signal: AbortSignal | undefined,
  options: { readonly answers?: boolean } = {},
): Promise<T> {
  try {
    return await withRetries(
      async () => {
        try {
          return await read();
        } catch (err) {
          if (signal?.aborted || err instanceof TimeoutError) throw new Final(err);
          // A reset or a short body is retried; a stall (TimeoutError) is not: the server is not answering,
          // and another attempt would only multiply the time bound of socketTimeout.
          if (isBodyFailure(err)) throw err;
          if (options.answers && err instanceof LakeFSError && err.retryable) throw err;
          throw new Final(err);
        }
      },
      { maxAttempts, idempotent: true, signal },
    );
  } catch (err) {
    throw err instanceof Final ? err.error : err;
  }
}
