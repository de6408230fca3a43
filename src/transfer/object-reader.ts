import { ValidationError } from "../errors/input-errors.js";
import { throwIfAborted } from "../http/abort.js";
import type { CallOptions } from "../http/call-options.js";
import type { RangeSource } from "../model/transfer-adapter.js";
import { validateInteger } from "../validation/integer.js";
import type { OpenSettings } from "./open-options.js";
import { openVersion, type OpenedVersion } from "./opened-version.js";
import { ReadAhead } from "./read-ahead.js";
import { splitLines } from "./split-lines.js";

/** Bytes `readLines()` asks for at a time (the read-ahead makes the requests larger). */
const LINE_CHUNK = 64 * 1024;

/**
 * What {@link ObjectReader.read} read, as `fs.promises.FileHandle.read` answers.
 *
 * @public
 */
export interface ObjectReadResult<T extends Uint8Array = Uint8Array> {
  /** Bytes read: fewer than asked for only at the end of the object, 0 past it. */
  readonly bytesRead: number;
  /** The buffer that was passed in. */
  readonly buffer: T;
}

/**
 * One version of an object, open for reads at any offset, in the idiom of
 * `fs.promises.FileHandle`; from `open()` on an object handle. Every read
 * comes from the version that was opened: when the object is overwritten
 * meanwhile, reads that reach the server fail with `PreconditionFailedError`
 * rather than mix bytes of two versions (on the presigned data path the
 * store keeps serving the opened version's bytes until its URL expires).
 *
 * It is also an `AsyncBuffer` (`byteLength`, `slice(start, end)` → `ArrayBuffer`),
 * so readers such as hyparquet take it as it is. Reads that follow one
 * another share a bounded read-ahead ({@link OpenObjectOptions.readAhead});
 * reads elsewhere fetch exactly their bytes. Close it when done (`await using`
 * closes it too); a read after `close()` fails with `ValidationError`
 * (code `ReaderClosed`).
 *
 * @public
 */
export class ObjectReader implements AsyncDisposable {
  /** The opened version's size in bytes. */
  readonly size: number;
  /** The opened version's ETag, unquoted (none for an empty object read through the gateway). */
  readonly etag: string | undefined;
  readonly #version: OpenedVersion;
  readonly #closing = new AbortController();
  readonly #reads: ReadAhead;
  #position = 0;

  /** @internal */
  constructor(version: OpenedVersion, settings: OpenSettings) {
    this.#version = version;
    this.size = version.size;
    this.etag = version.etag;
    this.#reads = new ReadAhead(version, settings.readAhead, this.#closing.signal);
  }

  /** The object's size in bytes (the `AsyncBuffer` name of {@link ObjectReader.size}). */
  get byteLength(): number {
    return this.size;
  }

  /** Bytes received from the object so far (read-ahead included): what the reads cost on the wire. */
  get bytesFetched(): number {
    return this.#reads.fetched;
  }

  /** Whether {@link ObjectReader.close} was called. */
  get closed(): boolean {
    return this.#closing.signal.aborted;
  }

  /**
   * Reads up to `length` bytes at `position` into `buffer` at `offset`, as
   * `FileHandle.read` does: `position` `null` (the default) reads at the
   * reader's position and moves it on. Fewer bytes only at the end of the
   * object; 0 past it.
   */
  async read<T extends Uint8Array>(
    buffer: T,
    offset = 0,
    length: number = buffer.byteLength - offset,
    position: number | null = null,
    options: CallOptions = {},
  ): Promise<ObjectReadResult<T>> {
    this.#checkOpen();
    if (!(buffer instanceof Uint8Array)) throw new ValidationError(`${this.#operation}: the buffer must be a Uint8Array or Buffer`, { code: "InvalidOption" });
    validateInteger("offset", offset, { max: buffer.byteLength });
    validateInteger("length", length, { max: buffer.byteLength - offset });
    let at = position;
    if (at === null) {
      at = this.#position;
      this.#position = Math.min(this.size, at + length);
    } else {
      validateInteger("position", at);
    }
    throwIfAborted(options.signal, this.#operation);
    const bytesRead = await this.#reads.readAt(buffer, offset, at, length, options.signal);
    return { bytesRead, buffer };
  }

  /**
   * Bytes `start` (inclusive) to `end` (exclusive) in a new `ArrayBuffer`,
   * as `ArrayBuffer.prototype.slice` takes them: negative values count from
   * the end, both are clamped to the object.
   */
  async slice(start = 0, end: number = this.size, options: CallOptions = {}): Promise<ArrayBuffer> {
    this.#checkOpen();
    const from = this.#clamp("start", start);
    const to = Math.max(from, this.#clamp("end", end));
    throwIfAborted(options.signal, this.#operation);
    const bytes = new Uint8Array(to - from);
    await this.#reads.readAt(bytes, 0, from, bytes.byteLength, options.signal);
    return bytes.buffer;
  }

  /**
   * The object's lines, from its first byte, as UTF-8 text without their
   * terminators (`\n` or `\r\n`); the read-ahead fetches ahead while they are
   * read. The reader's position is left as it is.
   */
  readLines(options: CallOptions = {}): AsyncGenerator<string> {
    this.#checkOpen();
    return splitLines(this.#chunks(options.signal));
  }

  /** Closes the reader: fetches in flight are cancelled, buffers released. Safe to call more than once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.#closing.abort(this.#closedError());
    this.#reads.clear();
  }

  /** Closes the reader (`await using reader = await object.open()`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  get #operation(): string {
    return this.#version.source.operation;
  }

  async *#chunks(signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
    const chunk = new Uint8Array(Math.min(LINE_CHUNK, this.size));
    for (let at = 0; at < this.size; ) {
      this.#checkOpen();
      const n = await this.#reads.readAt(chunk, 0, at, chunk.byteLength, signal);
      at += n;
      yield chunk.subarray(0, n);
    }
  }

  #clamp(name: string, value: number): number {
    if (!Number.isSafeInteger(value)) throw new ValidationError(`Invalid ${name} ${String(value)}: it must be an integer`, { code: "InvalidOption" });
    return value < 0 ? Math.max(0, this.size + value) : Math.min(value, this.size);
  }

  #closedError(): ValidationError {
    return new ValidationError(`${this.#operation}: ${this.#version.what} was read after its reader was closed`, { code: "ReaderClosed", operation: this.#operation });
  }

  #checkOpen(): void {
    if (this.closed) throw this.#closedError();
  }
}

/**
 * Opens the object through `source`: one ranged GET of one byte learns its
 * size and version, which every later read must come from.
 *
 * @internal
 */
export async function openObjectReader(source: RangeSource, settings: OpenSettings, options: { readonly signal?: AbortSignal | undefined; readonly what: string }): Promise<ObjectReader> {
  throwIfAborted(options.signal, source.operation);
  const version = await openVersion(source, options.what, options.signal ?? new AbortController().signal);
  return new ObjectReader(version, settings);
}
