import { finished, type Readable } from "node:stream";
import { abortError } from "./abort.js";
import { fromNetworkError } from "../errors/from-network-error.js";
import { LakeFSError } from "../errors/lakefs-error.js";
import { NetworkError, TimeoutError } from "../errors/network-errors.js";
import { isWrittenBody } from "./direct/written-body.js";

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
 * Hands each chunk of `body` to `onChunk` as it was pushed, pausing the body
 * while a returned promise is pending; resolves after the end and the last
 * promise. Unlike `for await`, which reads a paused stream whole and joins
 * the chunks buffered meanwhile into a new buffer (a copy into fresh memory),
 * this never copies. A failure of `onChunk` or of the body destroys the body
 * and rejects.
 */
function eachChunk(body: Readable, onChunk: (chunk: Buffer | string) => void | Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending: Promise<void> | undefined;
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      body.off("data", onData);
      stop();
      body.destroy();
      reject(err);
    };
    const onData = (chunk: Buffer | string): void => {
      let next: void | Promise<void>;
      try {
        next = onChunk(chunk);
      } catch (err) {
        fail(err);
        return;
      }
      if (!next) return;
      body.pause();
      pending = next.then(() => {
        if (!settled) body.resume();
      }, fail);
    };
    const stop = finished(body, { writable: false }, (err) => {
      if (err) {
        fail(err);
        return;
      }
      void (pending ?? Promise.resolve()).then(() => {
        if (settled) return;
        settled = true;
        stop();
        resolve();
      });
    });
    body.on("data", onData);
  });
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
  const size = await pumpBody(body, expectedLength, operation, signal, (buf, offset) => {
    if (out) buf.copy(out, offset);
    else chunks.push(buf);
  });
  return out ?? Buffer.concat(chunks, size);
}

/**
 * Reads a whole body as the chunks it arrived in (no copy), and checks that
 * exactly `expectedLength` bytes arrived.
 *
 * @internal
 */
export async function collectChunks(body: Readable, expectedLength: number | undefined, operation: string, signal?: AbortSignal): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  await pumpBody(body, expectedLength, operation, signal, (buf) => {
    chunks.push(buf);
  });
  return chunks;
}

/**
 * Reads a body chunk by chunk, handing each chunk and its offset in the body
 * to `onChunk` (awaited when it returns a promise, so a slow consumer slows
 * the socket down), and checks that exactly `expectedLength` bytes arrived.
 * Failures are typed as {@link collectBody}'s. Returns the bytes read.
 * A body a worker wrote into a file itself ({@link isWrittenBody}) hands
 * nothing to `onChunk`: its byte count is checked the same way.
 *
 * @internal
 */
export async function pumpBody(
  body: Readable,
  expectedLength: number | undefined,
  operation: string,
  signal: AbortSignal | undefined,
  onChunk: (chunk: Buffer, offset: number) => void | Promise<void>,
): Promise<number> {
  let size = 0;
  const tooLong = (): LakeFSError =>
    new LakeFSError(`${operation}: the response is longer than its Content-Length ${expectedLength}`, { operation, code: "BodyLengthMismatch" });
  try {
    if (isWrittenBody(body)) {
      // The worker writes no byte past the range; it counts what arrived.
      size = await body.written();
      if (expectedLength !== undefined && size > expectedLength) throw tooLong();
    } else {
      await eachChunk(body, (chunk) => {
        const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
        if (expectedLength !== undefined && size + buf.length > expectedLength) throw tooLong();
        const at = size;
        size += buf.length;
        return onChunk(buf, at);
      });
    }
  } catch (err) {
    if (signal?.aborted) throw abortError(signal, operation, err);
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
  if (expectedLength !== undefined && size !== expectedLength) {
    throw bodyFailure(new NetworkError(`${operation}: the response ended after ${size} of ${expectedLength} bytes`, { operation, code: "BodyLengthMismatch" }));
  }
  return size;
}
