import type { Readable, Writable } from "node:stream";
import { PreconditionFailedError } from "../errors/input-errors.js";
import { LakeFSError } from "../errors/lakefs-error.js";
import { abortError, linkAbort, onAbort, throwIfAborted, type LinkedAbort } from "../http/abort.js";
import { collectChunks, pumpBody } from "../http/collect-body.js";
import { retryBrokenBody } from "../http/retry-broken-body.js";
import type { RangeBody, RangeSource, WriteInto } from "../model/transfer-adapter.js";
import { fileSink, streamSink, type DownloadSink } from "./download-sink.js";
import type { DownloadObjectResult, DownloadSettings } from "./options.js";
import { partLength, partSpan, planTransfer, type TransferPlan } from "./plan.js";
import { InOrderProgress, runPool } from "./pool.js";
import { PositionalBatch, type WriteAt } from "./positional-batch.js";

/** What one download needs while it runs. */
interface DownloadRun {
  readonly source: RangeSource;
  readonly settings: DownloadSettings;
  readonly link: LinkedAbort;
  /** What the object is called in messages (`repo/ref/path`). */
  readonly what: string;
}

/** The error for an object overwritten while it was downloaded: the same class on every data path. */
function changedDuringDownload(run: DownloadRun, etag: string | undefined, cause?: unknown): PreconditionFailedError {
  return new PreconditionFailedError(`${run.source.operation}: ${run.what} changed while it was downloaded (it had ETag ${etag ?? "?"})`, {
    operation: run.source.operation,
    hint: "Download it again, or download from a commit id, which never changes",
    cause,
  });
}

/** Runs `read` again when its body breaks off (and, where the adapter's client does not, after a retryable answer). */
function withRetries<T>(run: DownloadRun, read: () => Promise<T>): Promise<T> {
  return retryBrokenBody(run.source.maxAttempts, read, run.link.signal, { answers: !run.source.retriesAnswers });
}

/**
 * The bodies of a planned download's parts, all from one version: part 0's
 * body (already open, to learn the size) once, every other part (and part 0
 * again after a broken body) a new range checked to come from that version.
 */
class PartBodies {
  #first: Readable | undefined;

  constructor(
    private readonly run: DownloadRun,
    private readonly plan: TransferPlan,
    first: RangeBody,
    readonly etag: string | undefined,
  ) {
    this.#first = first.body;
  }

  async body(index: number, signal: AbortSignal, into?: (position: number, length: number) => WriteInto): Promise<Readable> {
    const first = index === 0 ? this.#first : undefined;
    this.#first = undefined;
    if (first) return first;
    let res: RangeBody;
    const span = partSpan(this.plan, index);
    try {
      res = await this.run.source.open(span, this.etag, signal, into?.(span.start, span.end - span.start + 1));
    } catch (err) {
      if (err instanceof PreconditionFailedError || (err instanceof LakeFSError && err.status === 416)) throw changedDuringDownload(this.run, this.etag, err);
      throw err;
    }
    if (res.size !== this.plan.size || (this.etag !== undefined && res.etag !== undefined && res.etag !== this.etag)) {
      res.body.destroy();
      throw changedDuringDownload(this.run, this.etag);
    }
    return res.body;
  }

  /** Destroys part 0's body if no task took it (a failure before it was read). */
  dispose(): void {
    this.#first?.destroy();
    this.#first = undefined;
  }
}

/**
 * Streams part `index` into place in the file, a batch at a time; or has the
 * transport write it there (`into`), where it can.
 */
function writePartAt(run: DownloadRun, parts: PartBodies, plan: TransferPlan, sink: DownloadSink, writeAt: WriteAt, index: number, signal: AbortSignal): Promise<void> {
  return withRetries(run, async () => {
    const body = await parts.body(index, signal, sink.into?.bind(sink));
    const batch = new PositionalBatch(writeAt, partSpan(plan, index).start);
    await pumpBody(body, partLength(plan, index), run.source.operation, signal, (chunk) => batch.add(chunk));
    await batch.flush();
  });
}

/**
 * Hands parts to a stream strictly in order: part `i` waits until part
 * `i - 1` is written. A pool worker that waits holds its one part, so at most
 * `concurrency` parts are in memory.
 */
class InOrderWriter {
  readonly #written: { promise: Promise<void>; resolve: () => void }[] = [];

  constructor(private readonly write: (chunk: Buffer) => Promise<void>) {}

  #writtenAt(index: number): { promise: Promise<void>; resolve: () => void } {
    if (!this.#written[index]) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.#written[index] = { promise, resolve };
    }
    return this.#written[index];
  }

  /** Writes part `index` (its chunks as they came off the socket) once every part before it is written; an abort ends the wait. */
  async writeInTurn(index: number, chunks: readonly Buffer[], signal: AbortSignal): Promise<void> {
    if (index > 0) await waitOrAbort(this.#writtenAt(index - 1).promise, signal);
    for (const chunk of chunks) await this.write(chunk);
    this.#writtenAt(index).resolve();
  }
}

/** `promise`, or the signal's reason as soon as it aborts. */
function waitOrAbort(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const stop = onAbort(signal, () => reject(signal.reason));
    promise.then(
      () => {
        stop();
        resolve();
      },
      (err: unknown) => {
        stop();
        reject(err);
      },
    );
  });
}

/** Opens the first part (which also tells the size and version), retried like every part. */
function openFirst(run: DownloadRun): Promise<RangeBody> {
  return withRetries(run, () => run.source.open({ start: 0, end: run.settings.partSize - 1 }, undefined, run.link.signal));
}

/** The server sent the whole object (no range): streamed through, returning the bytes written. */
async function writeWhole(run: DownloadRun, body: Readable, sink: DownloadSink): Promise<number> {
  return pumpBody(body, undefined, run.source.operation, run.link.signal, (chunk) => sink.write(chunk));
}

/** Every part after the first was opened: the parts written by the pool, into place (files) or in order (streams). */
async function writeParts(run: DownloadRun, plan: TransferPlan, parts: PartBodies, sink: DownloadSink): Promise<void> {
  const report = (loaded: number, part: number): void => run.settings.onProgress?.({ loaded, total: plan.size, part });
  const progress = new InOrderProgress((i) => partLength(plan, i), report);
  const writeAt = sink.writeAt?.bind(sink);
  const ordered = writeAt ? undefined : new InOrderWriter((chunk) => sink.write(chunk));
  await runPool({
    count: plan.parts,
    concurrency: run.settings.concurrency,
    link: run.link,
    task: async (index, signal) => {
      if (writeAt) {
        await writePartAt(run, parts, plan, sink, writeAt, index, signal);
      } else {
        const chunks = await withRetries(run, async () => collectChunks(await parts.body(index, signal), partLength(plan, index), run.source.operation, signal));
        await ordered!.writeInTurn(index, chunks, signal);
      }
      progress.complete(index);
    },
  });
}

async function transfer(run: DownloadRun, sink: DownloadSink): Promise<DownloadObjectResult> {
  const first = await openFirst(run);
  const version = first.etag !== undefined ? { etag: first.etag } : {};
  if (first.size === undefined) {
    const size = await writeWhole(run, first.body, sink);
    run.settings.onProgress?.({ loaded: size, total: size, part: 1 });
    await sink.finish();
    return { size, ...version };
  }
  if (first.size === 0) {
    first.body.destroy();
    await sink.finish();
    run.settings.onProgress?.({ loaded: 0, total: 0, part: 1 });
    return { size: 0, ...version };
  }
  const plan = planTransfer(first.size, run.settings.partSize);
  const parts = new PartBodies(run, plan, first, first.etag);
  try {
    await writeParts(run, plan, parts, sink);
  } finally {
    parts.dispose();
  }
  if (plan.parts > 1 && run.source.unchanged && !(await run.source.unchanged(first.etag, run.link.signal))) throw changedDuringDownload(run, first.etag);
  await sink.finish();
  return { size: plan.size, ...version };
}

/** The error a failed download throws: an abort of the caller's signal, else the first failure, as a {@link LakeFSError}. */
function downloadError(operation: string, err: unknown, link: LinkedAbort, signal: AbortSignal | undefined): LakeFSError {
  if (signal?.aborted) return abortError(signal, operation, err);
  const cause = link.firstFailure ?? err;
  if (cause instanceof LakeFSError) return cause;
  return new LakeFSError(`${operation}: ${cause instanceof Error ? cause.message : String(cause)}`, { operation, cause });
}

/**
 * The one download of every data path: `concurrency` ranges of `partSize`
 * bytes in flight through the path's {@link RangeSource}. A file gets each
 * range written at its offset as its bytes arrive (a temporary file renamed
 * into place only when complete; removed on failure, after every range has
 * stopped); a stream gets whole ranges strictly in order, and is ended on
 * success (unless `end: false`) and left as is on failure. Every range must
 * come from the first range's version (`PreconditionFailedError` otherwise).
 * A body that breaks off is read again; the first failure stops the rest.
 *
 * `settings` come from `checkDownloadOptions`, called before anything was sent.
 *
 * @internal
 */
export async function download(
  source: RangeSource,
  destination: string | Writable,
  settings: DownloadSettings,
  options: { readonly signal?: AbortSignal | undefined; readonly what: string },
): Promise<DownloadObjectResult> {
  const signal = options.signal;
  throwIfAborted(signal, source.operation);
  const link = linkAbort(signal);
  const run: DownloadRun = { source, settings, link, what: options.what };
  const stream = typeof destination === "string" ? undefined : streamSink(destination, settings.end, link.fail);
  let sink: DownloadSink | undefined = stream;
  try {
    sink ??= await fileSink(destination as string);
    return await transfer(run, sink);
  } catch (err) {
    link.abort(err);
    await sink?.fail();
    throw downloadError(source.operation, err, link, signal);
  } finally {
    stream?.dispose();
    link.dispose();
  }
}
