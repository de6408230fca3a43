import { Readable } from "node:stream";

/**
 * Where a ranged read's body may be written directly: a file's descriptor and
 * the range's offset in it. The file stays the caller's to close, after
 * {@link writesSettled}.
 *
 * @internal
 */
export interface WriteInto {
  readonly fd: number;
  readonly position: number;
  /** The span's length: nothing is written past it. */
  readonly length: number;
  /** The caller's error for a write to its file that failed (the same as its own writes'). */
  readonly failed: (err: unknown) => Error;
}

/**
 * The body of an answer whose bytes a worker thread wrote into the file as
 * they arrived: nothing to read, only how many bytes were written, or why it
 * stopped. Destroying it stops the worker's writes.
 *
 * @internal
 */
export class WrittenBody extends Readable {
  readonly #done: Promise<number>;
  #resolve!: (written: number) => void;
  #reject!: (err: unknown) => void;
  #settled = false;

  constructor(private readonly stop: () => void) {
    super();
    this.#done = new Promise<number>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#done.catch(() => undefined);
  }

  override _read(): void {
    // Nothing to read: the bytes are in the file.
  }

  /** Resolves with the bytes written once the answer's body ended; rejects with why it did not. */
  written(): Promise<number> {
    return this.#done;
  }

  /** The worker wrote the whole body. */
  finish(written: number): void {
    if (this.#settle()) this.#resolve(written);
    this.push(null);
  }

  /** The body broke off, stalled, or a write failed. */
  fail(err: unknown): void {
    if (this.#settle()) this.#reject(err);
    // No 'error' event: whoever waits for the bytes gets the failure from written().
    this.destroy();
  }

  override _destroy(_err: Error | null, callback: (err?: Error | null) => void): void {
    if (!this.#settled) this.stop();
    // Closed only once the worker stopped writing. The reason goes to whoever waits in written()
    // (the worker's answer to the stop), never to an 'error' event nobody may be listening to.
    this.#done.then(
      () => callback(),
      () => callback(),
    );
  }

  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    return true;
  }
}

/** @internal */
export function isWrittenBody(body: unknown): body is WrittenBody {
  return body instanceof WrittenBody;
}

/** Each file's reads still being written by a worker, by descriptor. */
const inFlight = new Map<number, Set<Promise<unknown>>>();

/**
 * Notes a read that may write into `fd` until `done` settles.
 *
 * @internal
 */
export function trackWrites(fd: number, done: Promise<unknown>): void {
  let set = inFlight.get(fd);
  if (!set) inFlight.set(fd, (set = new Set()));
  set.add(done);
  const forget = (): void => {
    set.delete(done);
    if (set.size === 0 && inFlight.get(fd) === set) inFlight.delete(fd);
  };
  done.then(forget, forget);
}

/**
 * Resolves once no worker writes into `fd` any more: a file is closed (and its
 * descriptor number freed for reuse) only after this.
 *
 * @internal
 */
export async function writesSettled(fd: number): Promise<void> {
  const set = inFlight.get(fd);
  if (set) await Promise.allSettled([...set]);
}
