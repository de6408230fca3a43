import { pumpBody } from "./collect-body.js";
import { partLength, partStart } from "./download-plan.js";
import { DOWNLOAD_OPERATION, tracked, type PartJob } from "./part-source.js";

/** Bytes gathered from a range's body before one positional write to a file. */
const WRITE_BATCH = 1024 * 1024;

/**
 * Writes chunks one after the other from a byte position (one `writev`).
 *
 * @internal
 */
export type WriteAt = (chunks: readonly Buffer[], position: number) => Promise<void>;

/**
 * `writeAt` with one write in flight at a time, in the order they were asked
 * for. Concurrent positional writes to one file contend for its inode lock in
 * the kernel: one writer spent about a third less CPU per GiB than four
 * (UV_THREADPOOL_SIZE=1 against 4, bench/tools/download-variants.ts), and one
 * writer still writes 1 MiB batches far faster than the network delivers them.
 * A failed write fails its caller only.
 */
function oneWriteAtATime(writeAt: WriteAt): WriteAt {
  let tail: Promise<void> = Promise.resolve();
  return (chunks, position) => {
    const write = tail.then(() => writeAt(chunks, position));
    tail = write.catch(() => undefined);
    return write;
  };
}

/**
 * Gathers a range's chunks (64 KiB from the socket) and writes them
 * `WRITE_BATCH` bytes at a time at their offset: one writev per MiB costs a
 * third less CPU than one write per chunk (bench/tools/download-variants.ts).
 */
class PositionalBatch {
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
  }
}

/** Streams range `index` into place; a body that breaks off is fetched and written again. */
function writePartAt(job: PartJob, writeAt: WriteAt, index: number): Promise<void> {
  const { source } = job;
  return source.withBodyRetries(async () => {
    const body = await source.body(index);
    const batch = new PositionalBatch(writeAt, partStart(source.plan, index));
    await pumpBody(body, partLength(source.plan, index), DOWNLOAD_OPERATION, source.signal, (chunk) => batch.add(chunk));
    await batch.flush();
  });
}

/** Counts parts as written in order, as the parts written one after the other would be, whatever order they finish in. */
class InOrderProgress {
  readonly #job: PartJob;
  readonly #done = new Set<number>();
  #reported = 0;
  #written = 0;

  constructor(job: PartJob) {
    this.#job = job;
  }

  complete(index: number): void {
    this.#done.add(index);
    for (; this.#done.has(this.#reported); this.#reported++) {
      this.#done.delete(this.#reported);
      this.#written += partLength(this.#job.source.plan, this.#reported);
      this.#job.report(this.#written, this.#reported + 1);
    }
  }
}

/**
 * The positional writer, for a file: each range is written at its offset as
 * its bytes arrive, `concurrency` ranges at a time, so nothing waits in
 * memory for its turn and no byte is copied. Progress still counts the parts
 * in order. On failure, waits for the other ranges to stop before throwing.
 *
 * @internal
 */
export async function writePartsInPlace(job: PartJob, writeAt: WriteAt): Promise<void> {
  const { source } = job;
  const { parts } = source.plan;
  const progress = new InOrderProgress(job);
  const writeOne = oneWriteAtATime(writeAt);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < parts && !source.signal.aborted) {
      const index = next++;
      await writePartAt(job, writeOne, index);
      progress.complete(index);
    }
  };
  const running = Array.from({ length: Math.min(parts, job.concurrency) }, () => tracked(job, worker()));
  try {
    await Promise.all(running);
  } catch (err) {
    job.abort(err);
    await Promise.allSettled(running);
    throw err;
  }
  if (source.signal.aborted) throw source.signal.reason;
}
