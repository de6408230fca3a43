import { releaseChunks } from "../http/direct/block-pool.js";

/**
 * Writes chunks one after the other from a byte position (one `writev`).
 *
 * @internal
 */
export type WriteAt = (chunks: readonly Buffer[], position: number) => Promise<void>;

/** Bytes gathered from a range's body before one positional write to a file. */
const WRITE_BATCH = 1024 * 1024;

/**
 * `writeAt` with one write in flight at a time, in the order they were asked
 * for. Concurrent positional writes to one file contend for the file's inode
 * lock in the kernel, which costs far more system CPU than writing one after
 * the other, and one writer still writes faster than the network delivers
 * (docs/11-benchmarks.md has the measurements). A failed write fails its
 * caller only.
 *
 * @internal
 */
export function oneWriteAtATime(writeAt: WriteAt): WriteAt {
  let tail: Promise<void> = Promise.resolve();
  return (chunks, position) => {
    const write = tail.then(() => writeAt(chunks, position));
    tail = write.catch(() => undefined);
    return write;
  };
}

/**
 * Gathers a range's chunks (64 KiB from the socket) and writes them
 * `WRITE_BATCH` bytes at a time at their offset: one writev per MiB costs
 * less CPU than one write per chunk, larger batches cost more again, and no
 * range is ever held whole (docs/11-benchmarks.md).
 *
 * @internal
 */
export class PositionalBatch {
  readonly #writeAt: WriteAt;
  #position: number;
  #chunks: Buffer[] = [];
  #bytes = 0;

  constructor(writeAt: WriteAt, position: number) {
    this.#writeAt = writeAt;
    this.#position = position;
  }

  /** Adds a chunk; returns the write's promise when the batch is full. */
  add(chunk: Buffer): Promise<void> | undefined {
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    return this.#bytes >= WRITE_BATCH ? this.flush() : undefined;
  }

  /** Writes what is gathered at its offset. */
  async flush(): Promise<void> {
    if (this.#bytes === 0) return;
    const chunks = this.#chunks;
    const position = this.#position;
    this.#position += this.#bytes;
    this.#chunks = [];
    this.#bytes = 0;
    await this.#writeAt(chunks, position);
    // Written: their receive blocks may take the next bytes (no new memory, no page faults).
    releaseChunks(chunks);
  }
}
