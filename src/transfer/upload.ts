import { ValidationError } from "../errors/input-errors.js";
import { LakeFSError } from "../errors/lakefs-error.js";
import { abortError, linkAbort, throwIfAborted, type LinkedAbort } from "../http/abort.js";
import type { MultipartSession, SentPart, TransferProgress, UploadTarget } from "../model/transfer-adapter.js";
import { MAX_PARTS, type UploadObjectOptions, type UploadObjectResult, type UploadSettings } from "./options.js";
import { planTransfer, uploadPartSize } from "./plan.js";
import { runPool } from "./pool.js";
import type { UploadBody } from "./upload-body.js";
import { openUploadSource, type UploadSource } from "./upload-source.js";

/** What one upload needs while it runs. */
interface UploadRun {
  readonly target: UploadTarget;
  readonly settings: UploadSettings;
  readonly link: LinkedAbort;
  readonly onProgress: ((progress: TransferProgress) => void) | undefined;
}

/** Calls the caller's progress callback; a throw fails the upload with `CallbackFailed`. */
function report(run: UploadRun, progress: TransferProgress): void {
  try {
    run.onProgress?.(progress);
  } catch (err) {
    throw new LakeFSError(`${run.target.operation}: the onProgress callback threw: ${err instanceof Error ? err.message : String(err)}`, {
      operation: run.target.operation,
      code: "CallbackFailed",
      fault: "client",
      cause: err,
    });
  }
}

/** One request with the whole body; a body larger than the path takes in one request is refused before it is sent. */
async function putWhole(run: UploadRun, source: UploadSource, size: number): Promise<UploadObjectResult> {
  const { target } = run;
  if (size > target.maxWhole) {
    throw new ValidationError(`${target.operation}: the body (${size} bytes) is larger than ${target.maxWhole} bytes, the most this data path takes in one request`, {
      code: "BodyTooLarge",
      operation: target.operation,
    });
  }
  const out = await target.putWhole(() => source.whole(), size, run.link.signal, () => source.checkUnchanged());
  report(run, { loaded: size, total: size, part: 1 });
  return { ...(out.etag !== undefined ? { etag: out.etag } : {}), size };
}

/** Sends every part through the pool; a stream's parts are read in order, `undefined` ends it. Returns the parts in order and the bytes sent. */
async function sendParts(run: UploadRun, session: MultipartSession, source: UploadSource, partSize: number, total: number | undefined): Promise<{ parts: SentPart[]; size: number }> {
  const parts: SentPart[] = [];
  let loaded = 0;
  let ended = false;
  const count = total === undefined ? MAX_PARTS : planTransfer(total, partSize).parts;
  await runPool({
    count,
    concurrency: run.settings.queueSize,
    link: run.link,
    task: async (index, signal) => {
      if (ended) return;
      const bytes = await source.part(index, partSize);
      if (bytes === undefined || (bytes.byteLength === 0 && index > 0)) {
        ended = true;
        return;
      }
      try {
        parts[index] = await session.sendPart(index + 1, async () => bytes, bytes.byteLength, signal);
      } finally {
        source.release(bytes);
      }
      loaded += bytes.byteLength;
      report(run, { loaded, ...(total !== undefined ? { total } : {}), part: index + 1 });
    },
  });
  if (total === undefined && !(await source.ended())) {
    throw new ValidationError(`${run.target.operation}: the body is larger than partSize × 10,000 parts (${partSize * MAX_PARTS} bytes); raise partSize`, {
      code: "BodyTooLarge",
      operation: run.target.operation,
    });
  }
  return { parts: parts.filter((p) => p !== undefined), size: loaded };
}

/**
 * A multipart upload: created and completed without the call's signal (the
 * upload id is always learnt, completion is never left half-known); any
 * failure or abort in between aborts it at the store before the call
 * rejects, so no part stays behind and the path keeps its previous content.
 */
async function putInParts(run: UploadRun, source: UploadSource, partSize: number): Promise<UploadObjectResult> {
  const total = source.size;
  const create = run.target.createMultipart!.bind(run.target);
  const session = await create(total === undefined ? undefined : planTransfer(total, partSize).parts);
  try {
    const { parts, size } = await sendParts(run, session, source, partSize, total);
    await source.checkUnchanged();
    throwIfAborted(run.link.signal, run.target.operation);
    const out = await session.complete(parts);
    return { ...(out.etag !== undefined ? { etag: out.etag } : {}), size };
  } catch (err) {
    run.link.fail(err);
    await session.abort().catch(() => undefined);
    throw err;
  }
}

/** Picks one request or parts: a body of known size by its size, a stream by whether its first part held all of it. */
async function send(run: UploadRun, source: UploadSource): Promise<UploadObjectResult> {
  const { target, settings } = run;
  if (source.size !== undefined) {
    const partSize = uploadPartSize(source.size, settings.partSize);
    if (source.size <= partSize || !target.multipart || !target.createMultipart) return putWhole(run, source, source.size);
    return putInParts(run, source, partSize);
  }
  const first = await source.part(0, settings.partSize);
  if (await source.ended()) return putWhole(run, source, first?.byteLength ?? 0);
  if (!target.multipart || !target.createMultipart) {
    throw new ValidationError(`${target.operation}: a stream larger than partSize (${settings.partSize} bytes) needs a multipart upload, which this data path does not offer for this call`, {
      code: "BodyTooLarge",
      operation: target.operation,
    });
  }
  return putInParts(run, replayFirst(source, first), settings.partSize);
}

/** A stream whose first part was read to choose the request: hands that part out again as part 0. */
function replayFirst(source: UploadSource, first: Uint8Array | undefined): UploadSource {
  let pending = first;
  return {
    ...source,
    part: (index, partSize) => {
      if (index === 0 && pending !== undefined) {
        const bytes = pending;
        pending = undefined;
        return Promise.resolve(bytes);
      }
      return source.part(index, partSize);
    },
  };
}

/** The error a failed upload throws: an abort of the caller's signal, else the first failure, as a {@link LakeFSError}. */
function uploadError(operation: string, err: unknown, link: LinkedAbort, signal: AbortSignal | undefined): LakeFSError {
  if (signal?.aborted) return abortError(signal, operation, err);
  const cause = link.firstFailure ?? err;
  if (cause instanceof LakeFSError) return cause;
  return new LakeFSError(`${operation}: ${cause instanceof Error ? cause.message : String(cause)}`, { operation, cause });
}

/**
 * The one upload of every data path, through the path's {@link UploadTarget}:
 * a body up to one part (or any body, where the path offers no multipart) in
 * one request; larger ones as a multipart upload with `queueSize` parts in
 * flight, read on demand into reused buffers, so memory stays near
 * `queueSize` × `partSize` whatever the size. The body is opened before
 * anything is sent (an unreadable file is a `ValidationError`), the target's
 * check runs before any byte of it is sent, and whatever was opened is closed
 * on every outcome.
 *
 * `settings` come from `checkUploadOptions`, called before anything was sent.
 *
 * @internal
 */
export async function upload(target: UploadTarget, body: UploadBody, settings: UploadSettings, options: UploadObjectOptions): Promise<UploadObjectResult> {
  const signal = options.signal;
  throwIfAborted(signal, target.operation);
  const link = linkAbort(signal);
  const run: UploadRun = { target, settings, link, onProgress: options.onProgress?.bind(options) };
  let source: UploadSource | undefined;
  try {
    source = await openUploadSource(body, { signal: link.signal, maxBytes: settings.partSize * MAX_PARTS, wholeInMemory: settings.partSize, onFailure: link.fail });
    await target.beforeBody?.(source.size, link.signal);
    return await send(run, source);
  } catch (err) {
    link.abort(err);
    throw uploadError(target.operation, err, link, signal);
  } finally {
    await source?.close(signal?.aborted ? signal.reason : undefined);
    link.dispose();
  }
}
