import type { S3Client } from "@aws-sdk/client-s3";
import { TimeoutError } from "../../errors/network-errors.js";
import { withRetries } from "../../http/retry.js";
import { isBodyFailure } from "./collect-body.js";

/** The client's `maxAttempts` (a number or a provider in the SDK's resolved config); 3 when unknown. */
async function maxAttemptsOf(s3: S3Client): Promise<number> {
  const value: unknown = (s3.config as { maxAttempts?: unknown }).maxAttempts;
  const resolved = typeof value === "function" ? await (value as () => Promise<unknown>)() : value;
  return typeof resolved === "number" && Number.isInteger(resolved) && resolved >= 1 ? resolved : 3;
}

/** Carries an error that must not be retried past `withRetries`. */
class Final {
  constructor(readonly error: unknown) {}
}

/**
 * Runs a read whose response body may break off mid-way (a reset or a short
 * body after the headers arrived, which the SDK's retries do not cover):
 * such a failure ({@link isBodyFailure}) sends the GET again, up to
 * the client's `maxAttempts` (`attempts`: the S3 client, or the number itself), with the same backoff and full jitter as every
 * other retry. Reads are idempotent, so this is always safe. A body that
 * stalls (`TimeoutError` after `socketTimeout`), any other error, and an
 * abort end it at once, so a stalled server fails within one `socketTimeout`.
 *
 * @internal
 */
export async function retryBrokenBody<T>(attempts: S3Client | number, read: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  const maxAttempts = typeof attempts === "number" ? attempts : await maxAttemptsOf(attempts);
  try {
    return await withRetries(
      async () => {
        try {
          return await read();
        } catch (err) {
          // A reset or a short body is retried; a stall (TimeoutError) is not: the server is not answering,
          // and another attempt would only multiply the time bound of socketTimeout.
          if (isBodyFailure(err) && !(err instanceof TimeoutError) && !signal?.aborted) throw err;
          throw new Final(err);
        }
      },
      { maxAttempts, idempotent: true, signal },
    );
  } catch (err) {
    throw err instanceof Final ? err.error : err;
  }
}
