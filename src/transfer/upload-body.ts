import { ReadStream } from "node:fs";
import { open, stat, type FileHandle } from "node:fs/promises";
import { Readable } from "node:stream";
import { LakeFSError } from "../errors/lakefs-error.js";
import { ValidationError } from "../errors/input-errors.js";
import { onAbort } from "../http/abort.js";

/** Bytes read from a `{ file }` body at a time. */
const FILE_READ_SIZE = 1024 * 1024;

/**
 * What `uploadObject` accepts as content: bytes in memory (a string is
 * sent as UTF-8), a Node `Readable`, a web `ReadableStream`, a `Blob`, or
 * `{ file }` naming a local file (path or `file:` URL) that is streamed from
 * disk, never read whole.
 *
 * @public
 */
export type UploadBody =
  | string
  | Uint8Array
  | Readable
  | ReadableStream<Uint8Array>
  | Blob
  | {
      /** Path or `file:` URL of a local regular file, streamed from disk. */
      readonly file: string | URL;
    };

/**
 * A stream the guard reads: its iterator, and how to destroy it on failure.
 *
 * @internal
 */
export interface Source {
  readonly iterator: AsyncIterator<unknown>;
  destroy(err: unknown): void;
}

/**
 * Lets an `fs.createReadStream(path)` read 1 MiB at a time, as `{ file }` does, instead of its
 * default 64 KiB: a sixteenth of the reads and chunks, the same bytes (its fd, range and fs stay
 * its own). The stream reads `highWaterMark` bytes per read and has no public setter for it.
 */
/** @internal */
export function widenFileReads(readable: Readable): void {
  const state = (readable as { _readableState?: { highWaterMark?: unknown; objectMode?: unknown } })._readableState;
  if (!(readable instanceof ReadStream) || !state || state.objectMode || typeof state.highWaterMark !== "number") return;
  if (state.highWaterMark < FILE_READ_SIZE) state.highWaterMark = FILE_READ_SIZE;
}

/** @internal */
export function fromReadable(readable: Readable): Source {
  // Destroyed without an error: an 'error' event could crash a caller that has no listener.
  return { iterator: readable[Symbol.asyncIterator](), destroy: () => readable.destroy() };
}

/** @internal */
export function fromWebStream(stream: ReadableStream<Uint8Array>): Source {
  const reader = stream.getReader();
  return {
    iterator: { next: () => reader.read() as Promise<IteratorResult<Uint8Array>> },
    destroy: (err) => {
      reader.cancel(err).catch(() => undefined);
    },
  };
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  throw new ValidationError(`The upload body stream produced a ${typeof chunk}, not bytes or a string`, { code: "InvalidBody" });
}

/**
 * The next item of `iterator`, or a rejection with the signal's reason as soon
 * as it aborts. The listener lives for one read only: racing every read
 * against one long-lived promise would keep every chunk reachable from it.
 */
function nextOrAbort(iterator: AsyncIterator<unknown>, signal: AbortSignal): Promise<IteratorResult<unknown>> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const stop = onAbort(signal, () => reject(signal.reason));
    iterator.next().then(
      (result) => {
        stop();
        resolve(result);
      },
      (err: unknown) => {
        stop();
        reject(err);
      },
    );
  });
}

/**
 * Reads `source` until it ends, racing every read against `signal` so that a
 * stalled source cannot hold an aborted upload. Source failures become a
 * `LakeFSError` with code `BodyReadError`; a body larger than `maxBytes`, or
 * a file whose size changes while it is read, fails too. On any failure the
 * source is destroyed.
 *
 * @internal
 */
export async function* guard(
  source: Source,
  signal: AbortSignal,
  limits: { readonly expected: number | undefined; readonly maxBytes: number; readonly what: string },
  count: { bytes: number },
  onFailure: (err: unknown) => void,
): AsyncGenerator<Uint8Array> {
  let ok = false;
  try {
    for (;;) {
      let result: IteratorResult<unknown>;
      try {
        result = await nextOrAbort(source.iterator, signal);
      } catch (err) {
        if (signal.aborted) throw err;
        const message = err instanceof Error ? err.message : String(err);
        throw new LakeFSError(`uploadObject: reading ${limits.what} failed: ${message}`, { code: "BodyReadError", operation: "uploadObject", cause: err });
      }
      if (result.done) break;
      const chunk = toBytes(result.value);
      count.bytes += chunk.byteLength;
      if (limits.expected !== undefined && count.bytes > limits.expected) {
        throw new LakeFSError(`uploadObject: ${limits.what} grew while it was read (expected ${limits.expected} bytes)`, {
          code: "BodyChanged",
          operation: "uploadObject",
        });
      }
      if (count.bytes > limits.maxBytes) {
        throw new ValidationError(
          `uploadObject: the body is larger than partSize × 10,000 parts (${limits.maxBytes} bytes); raise partSize`,
          { code: "BodyTooLarge", operation: "uploadObject" },
        );
      }
      if (chunk.byteLength > 0) yield chunk;
    }
    if (limits.expected !== undefined && count.bytes !== limits.expected) {
      throw new LakeFSError(`uploadObject: ${limits.what} shrank while it was read (expected ${limits.expected} bytes, read ${count.bytes})`, {
        code: "BodyChanged",
        operation: "uploadObject",
      });
    }
    ok = true;
  } catch (err) {
    onFailure(err);
    throw err;
  } finally {
    if (!ok) source.destroy(signal.aborted ? signal.reason : undefined);
  }
}

/**
 * Whether `body` is `{ file }`.
 *
 * @internal
 */
export function isFileBody(body: unknown): body is { readonly file: string | URL } {
  return typeof body === "object" && body !== null && "file" in body && (typeof body.file === "string" || body.file instanceof URL);
}

/** The `ValidationError` for a `{ file }` that cannot be read. */
function unreadableFile(name: string, err: unknown): ValidationError {
  const code = (err as { code?: string }).code ?? "FileError";
  return new ValidationError(`uploadObject: cannot read file ${name} (${code})`, { code: "InvalidBody", cause: err });
}

/**
 * The size of a `{ file }` body, which must be a readable regular file
 * (`ValidationError InvalidBody` otherwise). Opens nothing.
 *
 * @internal
 */
export async function fileBodySize(body: { readonly file: string | URL }): Promise<number> {
  const name = String(body.file);
  let info;
  try {
    info = await stat(body.file);
  } catch (err) {
    throw unreadableFile(name, err);
  }
  if (!info.isFile()) throw new ValidationError(`uploadObject: ${name} is not a regular file`, { code: "InvalidBody" });
  return info.size;
}

/**
 * A `{ file }` body opened for positional reads, with its size; it must be a
 * regular file. The caller closes it.
 *
 * @internal
 */
export async function openFileBody(body: { readonly file: string | URL }): Promise<{ file: FileHandle; size: number; name: string }> {
  const name = String(body.file);
  let file: FileHandle;
  try {
    file = await open(body.file, "r");
  } catch (err) {
    throw unreadableFile(name, err);
  }
  try {
    const info = await file.stat();
    if (!info.isFile()) throw new ValidationError(`uploadObject: ${name} is not a regular file`, { code: "InvalidBody" });
    return { file, size: info.size, name };
  } catch (err) {
    await file.close();
    throw err instanceof ValidationError ? err : unreadableFile(name, err);
  }
}

