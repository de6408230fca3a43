import type { Readable } from "node:stream";
import { fromNetworkError } from "../../../src/errors/from-network-error.js";
import { LakeFSError } from "../../../src/errors/lakefs-error.js";
import { NetworkError, TimeoutError } from "../../../src/errors/network-errors.js";
import { abortErrorFor } from "../../../src/gateway/objects/object-error.js";

const bodyFailures = new WeakSet<object>();

/**
 * Whether `err` is a network failure that {@link collectBody} met while
 * reading a response body (the request itself had succeeded).
 *
 * @internal
 */
export function isBodyFailure(err: unknown): boolean {
  return typeof err === "object" && err !== null && bodyFailures.has(err);
}

function bodyFailure<E extends NetworkError>(err: E): E {
  bodyFailures.add(err);
  return err;
}

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
    const detail = err instanceof Error ? err.message : String(err);
    // A stalled or dropped connection mid-body is a network failure, typed as such.
    const network = fromNetworkError(err, { operation });
    if (network instanceof TimeoutError) {
      throw bodyFailure(
        new TimeoutError(`${operation}: the response body stalled after ${size} bytes: ${detail}`, {
          operation,
          cause: err,
          hint: "Raise the socketTimeout option, or check that the server is reachable and not overloaded",
        }),
      );
    }
    if (network instanceof NetworkError) {
      throw bodyFailure(
        new NetworkError(`${operation}: the response body broke off after ${size} bytes (${network.code}): ${detail}`, {
          operation,
          code: "BodyReadError",
          cause: err,
        }),
      );
    }
    throw new LakeFSError(`${operation}: the response body broke off after ${size} bytes: ${detail}`, {
      operation,
      code: "BodyReadError",
      retryable: true,
      cause: err,
    });
  }
  if (out) {
    if (size !== out.length) {
      throw bodyFailure(new NetworkError(`${operation}: the response ended after ${size} of ${out.length} bytes`, { operation, code: "BodyLengthMismatch" }));
    }
    return out;
  }
  return Buffer.concat(chunks, size);
}
