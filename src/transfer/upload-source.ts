import type { FileHandle } from "node:fs/promises";
import { Readable } from "node:stream";
import { ValidationError } from "../errors/input-errors.js";
import { LakeFSError } from "../errors/lakefs-error.js";
import type { PartBody } from "../model/transfer-adapter.js";
import { fromReadable, fromWebStream, guard, isFileBody, openFileBody, widenFileReads, type UploadBody } from "./upload-body.js";

/** Bytes read from a file at a time when it is streamed (a single request larger than one part). */
const FILE_READ_SIZE = 1024 * 1024;

/**
 * An upload body opened for the engine: its size when known in advance, its
 * parts read on demand, and one `close()` that releases whatever was opened
 * (a file handle, a caller's stream), whatever happened.
 *
 * @internal
 */
export interface UploadSource {
  /** Size in bytes when known before reading (bytes, strings, Blobs, files); `undefined` for streams. */
  readonly size: number | undefined;
  /**
   * The whole body for one request, anew for each attempt. Only for a body
   * of known size, or a stream whose first part held all of it.
   */
  whole(): Promise<PartBody>;
  /**
   * Part `index` (0-based) of `partSize` bytes, in memory; `undefined` past
   * the end of a stream. Streams are read in order of `index`: call it for
   * 0, 1, 2… Give the bytes back with {@link UploadSource.release} once sent.
   */
  part(index: number, partSize: number): Promise<Uint8Array | undefined>;
  /** Returns a part's buffer for reuse. */
  release(bytes: Uint8Array): void;
  /** Whether a stream has nothing after the parts read so far (always `true` for a body of known size). */
  ended(): Promise<boolean>;
  /** Throws `BodyChanged` when a file's size changed since it was opened. */
  checkUnchanged(): Promise<void>;
  /** Releases what was opened. Safe to call more than once. */
  close(reason?: unknown): Promise<void>;
}

/** Part buffers of one size, reused once a part was sent, so memory stays at the parts in flight. */
class BufferPool {
  readonly #free: Buffer[] = [];
  #size = 0;

  take(size: number): Buffer {
    if (size !== this.#size) {
      this.#free.length = 0;
      this.#size = size;
    }
    return this.#free.pop() ?? Buffer.allocUnsafeSlow(size);
  }

  give(bytes: Uint8Array): void {
    if (Buffer.isBuffer(bytes) && bytes.buffer.byteLength === this.#size && bytes.byteOffset === 0) {
      this.#free.push(Buffer.from(bytes.buffer, 0, this.#size));
    }
  }
}

/** A body in memory: parts are views, nothing is copied. */
function bytesSource(bytes: Uint8Array): UploadSource {
  return {
    size: bytes.byteLength,
    whole: async () => bytes,
    part: async (index, partSize) => bytes.subarray(index * partSize, Math.min(bytes.byteLength, (index + 1) * partSize)),
    release: () => undefined,
    ended: async () => true,
    checkUnchanged: async () => undefined,
    close: async () => undefined,
  };
}

/** A Blob: parts are sliced when sent; a single request streams it. */
function blobSource(blob: Blob): UploadSource {
  return {
    size: blob.size,
    whole: async () => Readable.fromWeb(blob.stream() as import("node:stream/web").ReadableStream),
    part: async (index, partSize) => new Uint8Array(await blob.slice(index * partSize, Math.min(blob.size, (index + 1) * partSize)).arrayBuffer()),
    release: () => undefined,
    ended: async () => true,
    checkUnchanged: async () => undefined,
    close: async () => undefined,
  };
}

function fileChanged(name: string, size: number, how: string): LakeFSError {
  return new LakeFSError(`uploadObject: file ${name} ${how} while it was read (expected ${size} bytes)`, { code: "BodyChanged", operation: "uploadObject" });
}

/** Fills `buffer` from the file at `position` with positional reads; a file that ends early has shrunk. */
async function readFully(file: FileHandle, name: string, size: number, buffer: Buffer, position: number): Promise<void> {
  for (let filled = 0; filled < buffer.length; ) {
    let bytesRead: number;
    try {
      ({ bytesRead } = await file.read(buffer, filled, buffer.length - filled, position + filled));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new LakeFSError(`uploadObject: reading file ${name} failed: ${message}`, { code: "BodyReadError", operation: "uploadObject", cause: err });
    }
    if (bytesRead === 0) throw fileChanged(name, size, "shrank");
    filled += bytesRead;
  }
}

/**
 * A regular file, open for positional reads: each part is read into a pooled
 * buffer when it is sent (never the whole file), a single request larger than
 * a part streams it from the same handle.
 */
async function fileSource(body: { readonly file: string | URL }, wholeInMemory: number): Promise<UploadSource> {
  const { file, size, name } = await openFileBody(body);
  const pool = new BufferPool();
  let closed = false;
  return {
    size,
    async whole() {
      if (size <= wholeInMemory) {
        const bytes = Buffer.allocUnsafe(size);
        await readFully(file, name, size, bytes, 0);
        // Read before it is sent: a file that changed size meanwhile is refused before any byte goes out.
        if ((await file.stat()).size !== size) throw fileChanged(name, size, "changed size");
        return bytes;
      }
      return file.createReadStream({ start: 0, end: Math.max(0, size - 1), autoClose: false, highWaterMark: FILE_READ_SIZE });
    },
    async part(index, partSize) {
      const start = index * partSize;
      const length = Math.min(partSize, size - start);
      const buffer = pool.take(Math.min(partSize, size)).subarray(0, length);
      await readFully(file, name, size, buffer, start);
      return buffer;
    },
    release: (bytes) => pool.give(bytes),
    ended: async () => true,
    async checkUnchanged() {
      if ((await file.stat()).size !== size) throw fileChanged(name, size, "changed size");
    },
    async close() {
      if (closed) return;
      closed = true;
      await file.close().catch(() => undefined);
    },
  };
}

/**
 * A stream of unknown size behind the guard (typed read errors, abort,
 * `maxBytes`): parts are filled in order into pooled buffers, so memory stays
 * at the parts in flight whatever the size.
 */
function streamSource(guarded: AsyncGenerator<Uint8Array>, destroy: (reason?: unknown) => void): UploadSource {
  const pool = new BufferPool();
  let leftover: Uint8Array | undefined;
  let done = false;
  let first: Uint8Array | undefined;
  let reading: Promise<unknown> = Promise.resolve();
  const pull = async (): Promise<Uint8Array | undefined> => {
    if (leftover) {
      const chunk = leftover;
      leftover = undefined;
      return chunk;
    }
    if (done) return undefined;
    const next = await guarded.next();
    if (next.done) {
      done = true;
      return undefined;
    }
    return next.value;
  };
  const fill = async (partSize: number): Promise<Uint8Array | undefined> => {
    let buffer: Buffer | undefined;
    let filled = 0;
    while (filled < partSize) {
      const chunk = await pull();
      if (!chunk) break;
      buffer ??= pool.take(partSize);
      const take = Math.min(chunk.byteLength, partSize - filled);
      buffer.set(take === chunk.byteLength ? chunk : chunk.subarray(0, take), filled);
      filled += take;
      if (take < chunk.byteLength) leftover = chunk.subarray(take);
    }
    return buffer?.subarray(0, filled);
  };
  return {
    size: undefined,
    whole: async () => first ?? new Uint8Array(0),
    part(index, partSize) {
      // Parts are asked for in order by the pool's workers; each read waits for the one before.
      const read = reading.then(async () => {
        const bytes = await fill(partSize);
        if (index === 0) first = bytes;
        return bytes;
      });
      reading = read.catch(() => undefined);
      return read;
    },
    release: (bytes) => pool.give(bytes),
    async ended() {
      await reading;
      if (leftover || done) return leftover === undefined && done;
      leftover = await pull();
      return leftover === undefined;
    },
    checkUnchanged: async () => undefined,
    async close(reason) {
      if (!done) destroy(reason);
      done = true;
      await guarded.return(undefined).catch(() => undefined);
    },
  };
}

/**
 * Opens an {@link UploadBody} for the engine without reading it: strings and
 * bytes as they are, a Blob by slices, `{ file }` as an open regular file
 * (checked, else `ValidationError InvalidBody`), a Node or web stream behind
 * the guard. `wholeInMemory`: a file up to this size is read into memory for a
 * single request, a larger one streamed.
 *
 * @internal
 */
export async function openUploadSource(
  body: UploadBody,
  options: { readonly signal: AbortSignal; readonly maxBytes: number; readonly wholeInMemory: number; readonly onFailure: (err: unknown) => void },
): Promise<UploadSource> {
  if (typeof body === "string") return bytesSource(Buffer.from(body, "utf8"));
  if (body instanceof Uint8Array) return bytesSource(body);
  if (typeof Blob !== "undefined" && body instanceof Blob) return blobSource(body);
  if (isFileBody(body)) return fileSource(body, options.wholeInMemory);
  const limits = { expected: undefined, maxBytes: options.maxBytes, what: "the body stream" };
  if (body instanceof Readable) {
    widenFileReads(body);
    const source = fromReadable(body);
    return streamSource(guard(source, options.signal, limits, { bytes: 0 }, options.onFailure), (reason) => source.destroy(reason));
  }
  if (typeof ReadableStream !== "undefined" && body instanceof ReadableStream) {
    const source = fromWebStream(body);
    return streamSource(guard(source, options.signal, limits, { bytes: 0 }, options.onFailure), (reason) => source.destroy(reason));
  }
  throw new ValidationError("uploadObject: unsupported body; give a string, Uint8Array, Readable, ReadableStream, Blob or { file }", { code: "InvalidBody" });
}
