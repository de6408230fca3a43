import type { S3Client } from "@aws-sdk/client-s3";
import { abortError, linkAbort, throwIfAborted } from "../../http/abort.js";
import type { Writable } from "node:stream";
import { ValidationError } from "../../errors/input-errors.js";
import { LakeFSError } from "../../errors/lakefs-error.js";
import { fileSink, streamSink, type DownloadSink } from "./download-sink.js";
import { normalizeEtag } from "./etag.js";
import type { ObjectLocation } from "./object-location.js";
import type { CallOptions } from "../../http/call-options.js";
import { planDownload, totalSize } from "./download-plan.js";
import { DOWNLOAD_OPERATION, PartSource, type PartJob } from "./part-source.js";
import { sendGetObject, type GetObjectResponse } from "./send-get-object.js";
import { writePartsInOrder } from "./write-parts-in-order.js";
import { writePartsInPlace } from "./write-parts-in-place.js";
import type { TransferProgress } from "./transfer-progress.js";
import { validateReadLocation } from "./validate-location.js";
import { validateInteger } from "../../validation/integer.js";

/**
 * Options of {@link downloadObject}.
 *
 * @public
 */
export interface DownloadObjectOptions extends CallOptions {
  /** Ranged GETs in flight. Default 4; from 1 to 64. */
  readonly concurrency?: number;
  /** Bytes per ranged GET. Default 8 MiB; at least 1 byte. Memory use is at most about `concurrency` × `partSize`. */
  readonly partSize?: number;
  /** Called after each part is written, with bytes written so far and the object's size. */
  onProgress?(progress: TransferProgress): void;
  /**
   * For a stream destination: end it when the download is complete and wait
   * until it has flushed (`finish`). Default `true`. Ignored for file paths.
   */
  readonly end?: boolean;
}

/**
 * What {@link downloadObject} wrote.
 *
 * @public
 */
export interface DownloadObjectResult {
  /** Bytes written: the object's size. */
  readonly size: number;
  /** ETag of the version that was downloaded, unquoted. */
  readonly etag?: string;
}

const OPERATION = DOWNLOAD_OPERATION;

/** The settings a transfer runs with, once checked. */
interface TransferSettings {
  readonly concurrency: number;
  readonly partSize: number;
  readonly onProgress: DownloadObjectOptions["onProgress"];
}

/** Checks the inputs (sends nothing) and fills the defaults. */
function checkDownload(location: ObjectLocation, destination: string | Writable, options: DownloadObjectOptions): TransferSettings {
  validateReadLocation(location);
  const concurrency = options.concurrency ?? 4;
  const partSize = options.partSize ?? 8 * 1024 * 1024;
  validateInteger("concurrency", concurrency, { min: 1, max: 64 });
  validateInteger("partSize", partSize, { min: 1 });
  if (typeof destination !== "string" && (destination === null || typeof destination !== "object" || typeof destination.write !== "function")) {
    throw new ValidationError("downloadObject: the destination must be a file path or a Writable stream", { code: "InvalidOption" });
  }
  return { concurrency, partSize, onProgress: options.onProgress?.bind(options) };
}

/** The first range, which also tells the size; `undefined` for an empty object (no byte 0: S3 and the gateway answer 416). */
async function fetchFirstRange(s3: S3Client, location: ObjectLocation, partSize: number, signal: AbortSignal): Promise<GetObjectResponse | undefined> {
  try {
    return await sendGetObject(s3, location, { range: { start: 0, end: partSize - 1 }, signal }, OPERATION);
  } catch (err) {
    if (err instanceof LakeFSError && err.status === 416 && !signal.aborted) return undefined;
    throw err;
  }
}

/** The server ignored the Range header and sent everything: streams it through, returning the bytes written. */
async function writeWhole(body: GetObjectResponse["Body"], out: DownloadSink): Promise<number> {
  let loaded = 0;
  for await (const chunk of body) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    await out.write(buf);
    loaded += buf.length;
  }
  return loaded;
}

/** Fetches the first range, plans the rest, and has the sink's writer write them; finishes the sink. */
async function transfer(
  s3: S3Client,
  location: ObjectLocation,
  out: DownloadSink,
  settings: TransferSettings,
  control: Pick<PartJob, "fail" | "abort"> & { readonly signal: AbortSignal },
): Promise<DownloadObjectResult> {
  const first = await fetchFirstRange(s3, location, settings.partSize, control.signal);
  if (!first) {
    await out.finish();
    return { size: 0 };
  }
  const etag = normalizeEtag(first.ETag);
  const version = etag !== undefined ? { etag } : {};
  const size = totalSize(first);
  const report = (loaded: number, part: number): void => settings.onProgress?.({ loaded, total: size ?? loaded, part });
  if (size === undefined) {
    const loaded = await writeWhole(first.Body, out);
    report(loaded, 1);
    await out.finish();
    return { size: loaded, ...version };
  }
  const plan = planDownload(size, settings.partSize, etag);
  const source = new PartSource(s3, location, first, plan, control.signal);
  const job: PartJob = { source, concurrency: settings.concurrency, fail: control.fail, abort: control.abort, report };
  const writeAt = out.writeAt?.bind(out);
  if (writeAt) await writePartsInPlace(job, writeAt);
  else await writePartsInOrder(job, (chunk) => out.write(chunk));
  await out.finish();
  return { size, ...version };
}

/** The error a failed download throws: an abort of the caller's signal, else the first failure, as a {@link LakeFSError}. */
function downloadError(err: unknown, firstFailure: unknown, signal: AbortSignal | undefined): LakeFSError {
  if (signal?.aborted) return abortError(signal, OPERATION, err);
  const cause = firstFailure ?? err;
  if (cause instanceof LakeFSError) return cause;
  return new LakeFSError(`${OPERATION}: ${cause instanceof Error ? cause.message : String(cause)}`, { operation: OPERATION, cause });
}

/**
 * Downloads an object to a file or a `Writable` with parallel ranged GETs:
 * `concurrency` ranges of `partSize` bytes in flight. A file gets each range
 * written at its offset as its bytes arrive, a MiB at a time; a stream gets
 * whole ranges strictly in order. Memory stays at most about `concurrency` ×
 * `partSize` (a file: `concurrency` MiB) for any object size. The first
 * range's `Content-Range` gives the size. Every later range must come from
 * the same version: the toolkit sends `If-Match` and, because the gateway
 * ignores it on reads, compares each response's ETag itself; an object
 * overwritten during the download fails with `PreconditionFailedError`.
 *
 * A file destination is written to a temporary file in the same folder and
 * renamed into place on success; on failure it is removed and an existing
 * file at the path is untouched. A stream destination is ended on success
 * (see {@link DownloadObjectOptions.end}) and left as is on failure.
 *
 * @example
 * ```ts
 * const { size } = await downloadObject(s3, { repository: "repo", ref: "main", path: "big.bin" }, "/tmp/big.bin", { concurrency: 8 });
 * ```
 *
 * @throws `ObjectNotFoundError`, `RefNotFoundError`, `RepositoryNotFoundError`,
 *   `PreconditionFailedError`, `AbortError`, or a `LakeFSError` with code
 *   `DestinationError` when writing fails.
 * @public
 */
export async function downloadObject(
  s3: S3Client,
  location: ObjectLocation,
  destination: string | Writable,
  options: DownloadObjectOptions = {},
): Promise<DownloadObjectResult> {
  const settings = checkDownload(location, destination, options);
  const signal = options.signal;
  throwIfAborted(signal, OPERATION);
  const link = linkAbort(signal);
  const streamDest = typeof destination === "string" ? undefined : streamSink(destination, options.end ?? true, link.fail);
  let sink: DownloadSink | undefined = streamDest;
  try {
    if (typeof destination === "string") sink = await fileSink(destination);
    return await transfer(s3, location, sink!, settings, { fail: link.fail, abort: link.abort, signal: link.signal });
  } catch (err) {
    link.abort(err);
    await sink?.fail();
    throw downloadError(err, link.firstFailure, signal);
  } finally {
    streamDest?.dispose();
    link.dispose();
  }
}
