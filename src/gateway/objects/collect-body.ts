import type { Readable } from "node:stream";
import { LakeFSError } from "../../errors/lakefs-error.js";
import { abortErrorFor } from "./object-error.js";

/**
 * Reads a whole body into one buffer, allocated once when the length is
 * known, and checks that exactly that many bytes arrived.
 *
 * @internal
 */
export async function collectBody(body: Readable, expectedLength: number | undefined, operation: string, signal?: AbortSignal): Promise<Buffer> {
  const out = expectedLength !== undefined ? Buffer.allocUnsafe(expectedLength) : undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
      if (out) {
        if (size + buf.length > out.length) throw new LakeFSError(`${operation}: the response is longer than its Content-Length ${out.length}`, { operation, code: "BodyLengthMismatch" });
        buf.copy(out, size);
      } else chunks.push(buf);
      size += buf.length;
    }
  } catch (err) {
    if (signal?.aborted) throw abortErrorFor(signal, operation, err);
    if (err instanceof LakeFSError) throw err;
    throw new LakeFSError(`${operation}: the response body broke off after ${size} bytes: ${err instanceof Error ? err.message : String(err)}`, {
      operation,
      code: "BodyReadError",
      retryable: true,
      cause: err,
    });
  }
  if (out) {
    if (size !== out.length) {
      throw new LakeFSError(`${operation}: the response ended after ${size} of ${out.length} bytes`, { operation, code: "BodyLengthMismatch", retryable: true });
    }
    return out;
  }
  return Buffer.concat(chunks, size);
}
