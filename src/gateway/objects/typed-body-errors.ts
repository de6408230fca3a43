import { PassThrough, type Readable } from "node:stream";
import { fromNetworkError } from "../../errors/from-network-error.js";
import { LakeFSError } from "../../errors/lakefs-error.js";
import { NetworkError, TimeoutError } from "../../errors/network-errors.js";

/**
 * The toolkit's error for a response body that failed mid-way: a
 * {@link TimeoutError} when it stalled past `socketTimeout`, a
 * {@link NetworkError} with code `BodyReadError` when the connection broke.
 * A `LakeFSError` (such as an `AbortError`) is kept as it is.
 *
 * @internal
 */
export function typedBodyError(err: unknown, operation: string, bytes: number): LakeFSError {
  if (err instanceof LakeFSError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  const network = fromNetworkError(err, { operation });
  if (network instanceof TimeoutError) {
    return new TimeoutError(`${operation}: the response body stalled after ${bytes} bytes: ${detail}`, {
      operation,
      cause: err,
      hint: "Raise the socketTimeout option, or check that the server is reachable and not overloaded",
    });
  }
  return new NetworkError(`${operation}: the response body broke off after ${bytes} bytes (${network?.code ?? "error"}): ${detail}`, {
    operation,
    code: "BodyReadError",
    cause: err,
  });
}

/**
 * Passes a response body through unchanged, except that a failure mid-way
 * reaches the consumer as a typed {@link LakeFSError} ({@link typedBodyError})
 * instead of Node's raw `aborted`/`ECONNRESET` error. Destroying the returned
 * stream destroys the body, so its socket is released.
 *
 * @internal
 */
export function withTypedBodyErrors(body: Readable, operation: string): Readable {
  const out = new PassThrough();
  let bytes = 0;
  body.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
  });
  body.once("error", (err) => out.destroy(typedBodyError(err, operation, bytes)));
  out.once("close", () => {
    if (!body.destroyed) body.destroy();
  });
  body.pipe(out);
  return out;
}
