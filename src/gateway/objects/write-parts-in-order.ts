import { collectBody } from "./collect-body.js";
import { partLength } from "./download-plan.js";
import { DOWNLOAD_OPERATION, tracked, type PartJob, type PartSource } from "./part-source.js";

/** Range `index` as one buffer; a body that breaks off is fetched again. */
function readPart(source: PartSource, index: number): Promise<Buffer> {
  return source.withBodyRetries(async () => collectBody(await source.body(index), partLength(source.plan, index), DOWNLOAD_OPERATION, source.signal));
}

/**
 * The ordered stream writer: ranges are fetched `concurrency` at a time and
 * written whole, strictly in order; the next range starts only once a buffer
 * is free, so at most `concurrency` parts are held. On failure, waits for the
 * ranges in flight to stop before throwing.
 *
 * @internal
 */
export async function writePartsInOrder(job: PartJob, write: (chunk: Buffer) => Promise<void>): Promise<void> {
  const { source, concurrency } = job;
  const { parts } = source.plan;
  const inFlight = new Map<number, Promise<Buffer>>();
  const start = (index: number): void => {
    inFlight.set(index, tracked(job, readPart(source, index)));
  };
  try {
    for (let i = 0; i < Math.min(parts, concurrency); i++) start(i);
    let written = 0;
    for (let i = 0; i < parts; i++) {
      const chunk = await inFlight.get(i)!;
      inFlight.delete(i);
      await write(chunk);
      written += chunk.length;
      job.report(written, i + 1);
      if (i + concurrency < parts) start(i + concurrency);
    }
  } catch (err) {
    job.abort(err);
    await Promise.allSettled(inFlight.values());
    throw err;
  }
}
