import { PreconditionFailedError } from "../errors/input-errors.js";
import { LakeFSError } from "../errors/lakefs-error.js";
import { collectBody, pumpBody } from "../http/collect-body.js";
import { retryBrokenBody } from "../http/retry-broken-body.js";
import type { ByteSpan, RangeBody, RangeSource } from "../model/transfer-adapter.js";

/**
 * One version of an object, learnt by {@link openVersion}: every range read
 * through it must come from that version.
 *
 * @internal
 */
export interface OpenedVersion {
  readonly source: RangeSource;
  /** The object's size in bytes. */
  readonly size: number;
  /** The version's ETag, unquoted (`undefined` for an empty object on the gateway, which has no byte to answer with). */
  readonly etag: string | undefined;
  /** What the object is called in messages (`repo/ref/path`). */
  readonly what: string;
}

/** The error for an object overwritten while it was open: the class the engine's download throws. */
function changedWhileOpen(version: OpenedVersion, cause?: unknown): PreconditionFailedError {
  const operation = version.source.operation;
  return new PreconditionFailedError(`${operation}: ${version.what} changed while it was open (it had ETag ${version.etag ?? "?"})`, {
    operation,
    hint: "Open it again, or open it on a commit id, which never changes",
    cause,
  });
}

/** Runs `read` again when its body breaks off (and, where the adapter's client does not, after a retryable answer). */
function withRetries<T>(source: RangeSource, read: () => Promise<T>, signal: AbortSignal): Promise<T> {
  return retryBrokenBody(source.maxAttempts, read, signal, { answers: !source.retriesAnswers });
}

/**
 * Learns the object's size and version with a one-byte range (an empty
 * object answers with none), retried like every range.
 *
 * @internal
 */
export async function openVersion(source: RangeSource, what: string, signal: AbortSignal): Promise<OpenedVersion> {
  const first = await withRetries(
    source,
    async () => {
      const res = await source.open({ start: 0, end: 0 }, undefined, signal);
      if (res.size === undefined) {
        res.body.destroy();
        throw new LakeFSError(`${source.operation}: the server answered a ranged GET of ${what} with the whole object`, { operation: source.operation, code: "RangeIgnored" });
      }
      await collectBody(res.body, Math.min(res.size, 1), source.operation, signal);
      return { size: res.size, etag: res.etag };
    },
    signal,
  );
  return { source, size: first.size, etag: first.etag, what };
}

/** Opens `span` of the opened version, refusing an answer from any other. */
async function openSpan(version: OpenedVersion, span: ByteSpan, signal: AbortSignal): Promise<RangeBody> {
  let res: RangeBody;
  try {
    res = await version.source.open(span, version.etag, signal);
  } catch (err) {
    if (err instanceof PreconditionFailedError || (err instanceof LakeFSError && err.status === 416)) throw changedWhileOpen(version, err);
    throw err;
  }
  if (res.size !== version.size || (version.etag !== undefined && res.etag !== undefined && res.etag !== version.etag)) {
    res.body.destroy();
    throw changedWhileOpen(version);
  }
  return res;
}

/**
 * Reads `span` of the opened version into `dest` at `offset`, chunk by chunk
 * as the bytes arrive (nothing gathered on the side): typed body errors, a
 * broken body read again, an answer from another version refused with
 * `PreconditionFailedError`.
 *
 * @internal
 */
export function readSpanInto(version: OpenedVersion, span: ByteSpan, dest: Uint8Array, offset: number, signal: AbortSignal): Promise<number> {
  const length = span.end - span.start + 1;
  return withRetries(
    version.source,
    async () => {
      const res = await openSpan(version, span, signal);
      return pumpBody(res.body, length, version.source.operation, signal, (chunk, at) => {
        dest.set(chunk, offset + at);
      });
    },
    signal,
  );
}
