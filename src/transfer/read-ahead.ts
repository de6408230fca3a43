import { abortError, linkAbort, onAbort } from "../http/abort.js";
import { readSpanInto, type OpenedVersion } from "./opened-version.js";

/** 64 KiB: the first window of a run of sequential reads; each next one is twice as large, up to the limit. */
const FIRST_WINDOW = 64 * 1024;

/** Bytes of the object fetched once, shared by the reads that fall in them. */
interface Window {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly bytes: Promise<Uint8Array>;
  readonly controller: AbortController;
  /** Reads waiting for it: a window nobody waits for is cancelled when it is dropped. */
  waiting: number;
}

/** `promise`, or the toolkit's `AbortError` as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, operation: string): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal, operation));
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(abortError(signal, operation)));
    promise.then(
      (value) => {
        stop();
        resolve(value);
      },
      (err: unknown) => {
        stop();
        reject(err);
      },
    );
  });
}

/**
 * The reads of one opened version, with a bounded read-ahead: a read that
 * starts where the last one ended is served from a window of the object
 * (64 KiB, doubling with each such read up to `limit`), and the next window
 * is fetched while this one is read. Any other read fetches exactly its
 * bytes into the caller's buffer. At most two windows are held, so memory
 * stays within 2 × `limit` whatever the object's size.
 *
 * @internal
 */
export class ReadAhead {
  #windows: Window[] = [];
  /** Where a read that continues the last one starts. */
  #expected = -1;
  /** Reads in a row that each continued the one before. */
  #run = 0;
  #fetched: number;

  constructor(
    private readonly version: OpenedVersion,
    private readonly limit: number,
    /** Aborted when the reader closes: cancels every fetch. */
    private readonly closed: AbortSignal,
  ) {
    this.#fetched = Math.min(version.size, 1);
  }

  /** Bytes received from the object so far, the one byte of the open included. */
  get fetched(): number {
    return this.#fetched;
  }

  /** Reads up to `length` bytes at `position` into `dest` at `offset`; fewer only at the end of the object. */
  async readAt(dest: Uint8Array, offset: number, position: number, length: number, signal: AbortSignal | undefined): Promise<number> {
    const n = Math.max(0, Math.min(length, this.version.size - position));
    if (n === 0) return 0;
    this.#run = position === this.#expected ? this.#run + 1 : 0;
    this.#expected = position + n;
    const sequential = this.#run > 0 && this.limit > 0;
    let done = 0;
    while (done < n) {
      const at = position + done;
      let window = this.#windowAt(at);
      if (!window && sequential && n - done <= this.limit) window = this.#add(this.#fetchWindow(at, n - done), this.#windowAt(at - 1));
      done += window ? await this.#copy(window, dest, offset + done, at, n - done, signal) : await this.#fetchDirect(dest, offset + done, at, n - done, signal);
    }
    if (sequential) this.#prefetch(position + n);
    return n;
  }

  /** Drops every window (the reader is closing; its signal cancels the fetches). */
  clear(): void {
    this.#windows = [];
  }

  #windowAt(position: number): Window | undefined {
    return this.#windows.find((w) => w.start <= position && position < w.end);
  }

  /** The next window's size: doubling with the run, at least `want`, at most the limit. */
  #windowSize(want: number): number {
    return Math.min(this.limit, Math.max(want, FIRST_WINDOW * 2 ** Math.min(this.#run - 1, 20)));
  }

  /** Keeps `window` and `keep` (the window being read), dropping the rest: at most two. */
  #add(window: Window, keep: Window | undefined): Window {
    for (const old of this.#windows) {
      if (old !== keep && old.waiting === 0) old.controller.abort();
    }
    this.#windows = keep ? [keep, window] : [window];
    return window;
  }

  /** Fetches the window after the one the last read ended in, unless it is held already. */
  #prefetch(end: number): void {
    const current = this.#windowAt(end - 1);
    const next = current ? current.end : end;
    if (next >= this.version.size || this.#windowAt(next)) return;
    this.#add(this.#fetchWindow(next, 0), current);
  }

  #fetchWindow(start: number, want: number): Window {
    const end = Math.min(this.version.size, start + this.#windowSize(want));
    const controller = new AbortController();
    const stop = onAbort(this.closed, () => controller.abort(this.closed.reason));
    const buffer = new Uint8Array(end - start);
    const bytes = readSpanInto(this.version, { start, end: end - 1 }, buffer, 0, controller.signal).then(
      (got) => {
        stop();
        this.#fetched += got;
        return buffer;
      },
      (err: unknown) => {
        stop();
        throw err;
      },
    );
    // A window fetched ahead may never be read: its failure is reported to the read that needs it, if any.
    bytes.catch(() => undefined);
    return { start, end, bytes, controller, waiting: 0 };
  }

  /** Copies from a window; a window that failed is dropped, so the next read fetches again. */
  async #copy(window: Window, dest: Uint8Array, offset: number, at: number, want: number, signal: AbortSignal | undefined): Promise<number> {
    window.waiting++;
    try {
      const bytes = await untilAborted(window.bytes, signal, this.version.source.operation);
      const n = Math.min(want, window.end - at);
      dest.set(bytes.subarray(at - window.start, at - window.start + n), offset);
      return n;
    } catch (err) {
      if (!signal?.aborted) this.#windows = this.#windows.filter((w) => w !== window);
      throw err;
    } finally {
      window.waiting--;
    }
  }

  /** Fetches exactly these bytes into the caller's buffer, cancelled by the read's signal or the reader's close. */
  async #fetchDirect(dest: Uint8Array, offset: number, at: number, want: number, signal: AbortSignal | undefined): Promise<number> {
    const link = linkAbort(signal);
    const stop = onAbort(this.closed, () => link.abort(this.closed.reason));
    try {
      const got = await readSpanInto(this.version, { start: at, end: at + want - 1 }, dest, offset, link.signal);
      this.#fetched += got;
      return got;
    } finally {
      stop();
      link.dispose();
    }
  }
}
