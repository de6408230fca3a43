import { Readable, Writable } from "node:stream";
import type { WritableStream } from "node:stream/web";
import { AbortError } from "../errors/network-errors.js";
import { abortError, linkAbort, onAbort, type LinkedAbort } from "../http/abort.js";
import type { UploadObjectResult } from "./options.js";

/**
 * Starts the upload of `body` (a stream of unknown size) with `signal`: the
 * handle's `upload()` on the data path the call takes.
 *
 * @internal
 */
export type StartUpload = (body: Readable, signal: AbortSignal) => Promise<UploadObjectResult>;

/**
 * A Node `Writable` that writes one object, from `createWriteStream()` on a
 * branch's object handle. The bytes go up as a multipart upload as they are
 * written (a body smaller than one part as one request), read into reused
 * part buffers, so memory stays near `queueSize × partSize` whatever the
 * size; writes wait (backpressure) while the parts are in flight.
 *
 * `'finish'` is emitted only once the object is written, and
 * {@link ObjectWriteStream.result} then holds what was written. `destroy()`
 * (with or without an error), an abort of the `signal` option, or a failed
 * upload (`'error'`) leave nothing visible: no object, the previous version
 * in place, no multipart upload left at the store.
 *
 * @public
 */
export class ObjectWriteStream extends Writable {
  /**
   * What was written: resolves when the object is written (before
   * `'finish'`), rejects when the upload fails or the stream is destroyed
   * first. Awaiting it is optional.
   */
  readonly result: Promise<UploadObjectResult>;
  readonly #start: StartUpload;
  readonly #link: LinkedAbort;
  #body: Readable | undefined;
  #upload: Promise<UploadObjectResult> | undefined;
  /** The callback of a write that waits for the upload to take more bytes. */
  #waiting: ((err?: Error | null) => void) | undefined;
  #settle!: { resolve: (r: UploadObjectResult) => void; reject: (err: unknown) => void };

  /** @internal */
  constructor(start: StartUpload, signal: AbortSignal | undefined) {
    super({ decodeStrings: true });
    this.#start = start;
    this.result = new Promise<UploadObjectResult>((resolve, reject) => (this.#settle = { resolve, reject }));
    // A caller that never reads `result` must not see an unhandled rejection: the error also comes as 'error'.
    this.result.catch(() => undefined);
    this.#link = linkAbort(signal);
    // The engine notices an abort once the upload has started; before that (and while writes wait) the stream does.
    const stop = onAbort(signal, () => queueMicrotask(() => this.destroy(abortError(signal, "uploadObject"))));
    this.once("close", stop);
  }

  /** The upload, started by the first write (or the end): creating the stream sends nothing. */
  #started(): Readable {
    if (this.#body) return this.#body;
    const body = new Readable({ read: () => this.#resume() });
    this.#body = body;
    this.#upload = this.#start(body, this.#link.signal);
    this.#upload.then(
      (out) => this.#settle.resolve(out),
      (err: unknown) => {
        this.#settle.reject(err);
        // A failure before the end (the branch is gone, the store refused a part) fails the writes too; after it, _final reports it.
        if (!this.writableEnded) this.destroy(err instanceof Error ? err : new Error(String(err)));
      },
    );
    return body;
  }

  #resume(): void {
    const callback = this.#waiting;
    this.#waiting = undefined;
    callback?.();
  }

  /** @internal Hands a chunk to the upload; the callback waits while the upload has no room. */
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    if (this.#started().push(chunk)) callback();
    else this.#waiting = callback;
  }

  /** @internal Ends the body and waits until the object is written, so 'finish' means written. */
  override _final(callback: (err?: Error | null) => void): void {
    this.#started().push(null);
    this.#upload!.then(
      () => {
        this.#link.dispose();
        callback();
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }

  /** @internal Aborts the upload (the engine aborts a multipart upload first) and waits for it. */
  override _destroy(error: Error | null, callback: (err?: Error | null) => void): void {
    if (this.writableFinished) {
      callback(error);
      return;
    }
    const reason = error ?? new AbortError("uploadObject: the stream was destroyed before it ended", { operation: "uploadObject" });
    this.#settle.reject(reason);
    if (!this.#upload) {
      this.#link.dispose();
      callback(error);
      return;
    }
    // The engine aborts a multipart upload before it rejects: wait for it, so nothing is left once 'close' is emitted.
    this.#link.abort(reason);
    const done = (): void => {
      this.#link.dispose();
      this.#body?.destroy();
      callback(error);
    };
    this.#upload.then(done, done);
  }
}

/**
 * A web `WritableStream` that writes one object, over the same code as
 * {@link ObjectWriteStream}: `close()` resolves once the object is written,
 * `abort()` leaves nothing visible; `result` holds what was written.
 *
 * @public
 */
export type ObjectWritableStream = WritableStream<Uint8Array> & {
  /** What was written; see {@link ObjectWriteStream.result}. */
  readonly result: Promise<UploadObjectResult>;
};

/**
 * The web side of an {@link ObjectWriteStream}.
 *
 * @internal
 */
export function toWebObjectStream(stream: ObjectWriteStream): ObjectWritableStream {
  return Object.assign(Writable.toWeb(stream) as WritableStream<Uint8Array>, { result: stream.result });
}
