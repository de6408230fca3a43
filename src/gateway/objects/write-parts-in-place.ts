import { pumpBody } from "./collect-body.js";
import { partLength, partStart } from "./download-plan.js";
import { DOWNLOAD_OPERATION, tracked, type PartJob } from "./part-source.js";
import { PositionalBatch, type WriteAt } from "./positional-batch.js";

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
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < parts && !source.signal.aborted) {
      const index = next++;
      await writePartAt(job, writeAt, index);
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
