import type { LinkedAbort } from "../http/abort.js";

/**
 * Work for {@link runPool}: `count` tasks, at most `concurrency` at a time.
 *
 * @internal
 */
export interface PoolJob {
  /** Number of tasks; task `i` runs once, in order of `i` as workers free up. */
  readonly count: number;
  readonly concurrency: number;
  /** The transfer's linked abort: a task's failure is recorded with `fail`, which stops the rest. */
  readonly link: LinkedAbort;
  task(index: number, signal: AbortSignal): Promise<void>;
}

/**
 * The one worker pool of every transfer (uploads, downloads, `lakefs-s3 cp`):
 * runs tasks `concurrency` at a time; the first failure is recorded on the
 * linked abort, which aborts the tasks in flight and starts no new one; the
 * pool waits until every task has stopped (so a caller's clean-up never races
 * a task still writing) and throws that first failure. An abort of the outer
 * signal stops it the same way, with the signal's reason.
 *
 * @internal
 */
export async function runPool(job: PoolJob): Promise<void> {
  const { link } = job;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < job.count && !link.signal.aborted) {
      const index = next++;
      try {
        await job.task(index, link.signal);
      } catch (err) {
        link.fail(err);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.count, job.concurrency) }, worker));
  if (link.firstFailure !== undefined) throw link.firstFailure;
  if (link.signal.aborted) throw link.signal.reason;
}

/**
 * Reports progress of parts as if they finished in order, whatever order
 * they finish in: `report(loaded, part)` runs once per part, in order.
 *
 * @internal
 */
export class InOrderProgress {
  readonly #lengthOf: (index: number) => number;
  readonly #report: (loaded: number, part: number) => void;
  readonly #done = new Set<number>();
  #reported = 0;
  #loaded = 0;

  constructor(lengthOf: (index: number) => number, report: (loaded: number, part: number) => void) {
    this.#lengthOf = lengthOf;
    this.#report = report;
  }

  /** Part `index` (0-based) is done. */
  complete(index: number): void {
    this.#done.add(index);
    for (; this.#done.has(this.#reported); this.#reported++) {
      this.#done.delete(this.#reported);
      this.#loaded += this.#lengthOf(this.#reported);
      this.#report(this.#loaded, this.#reported + 1);
    }
  }
}
