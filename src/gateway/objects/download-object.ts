import type { S3Client } from "@aws-sdk/client-s3";
import { abortError, linkAbort, throwIfAborted } from "../../http/abort.js";
import type { Writable } from "node:stream";
import { PreconditionFailedError, ValidationError } from "../../errors/input-errors.js";
import { LakeFSError } from "../../errors/lakefs-error.js";
import { collectBody, pumpBody } from "./collect-body.js";
import { retryBrokenBody } from "./retry-broken-body.js";
import { fileSink, streamSink, type DownloadSink } from "./download-sink.js";
import { normalizeEtag } from "./etag.js";
import type { ObjectLocation } from "./object-location.js";
import type { CallOptions } from "../../http/call-options.js";
import { sendGetObject, type GetObjectResponse } from "./send-get-object.js";
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

const OPERATION = "downloadObject";
/** Bytes gathered from a range's body before one positional write to a file. */
const WRITE_BATCH = 1024 * 1024;

function totalSize(out: GetObjectResponse): number | undefined {
  const match = /\/(\d+)\s*$/.exec(out.ContentRange ?? "");
  if (match?.[1] !== undefined) return Number(match[1]);
  return undefined;
}

function changed(location: ObjectLocation, etag: string | undefined, cause: unknown): PreconditionFailedError {
  return new PreconditionFailedError(
    `${OPERATION}: ${location.path} on ${location.repository}/${location.ref} changed while it was downloaded (it had ETag ${etag ?? "?"})`,
    { operation: OPERATION, hint: "Download it again, or download from a commit id, which never changes", cause },
  );
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
  validateReadLocation(location);
  const concurrency = options.concurrency ?? 4;
  const partSize = options.partSize ?? 8 * 1024 * 1024;
  validateInteger("concurrency", concurrency, { min: 1, max: 64 });
  validateInteger("partSize", partSize, { min: 1 });
  if (typeof destination !== "string" && (destination === null || typeof destination !== "object" || typeof destination.write !== "function")) {
    throw new ValidationError("downloadObject: the destination must be a file path or a Writable stream", { code: "InvalidOption" });
  }
  const signal = options.signal;
  throwIfAborted(signal, OPERATION);

  const link = linkAbort(signal);
  let firstFailure: unknown;
  const fail = (err: unknown): void => {
    firstFailure ??= err;
    link.abort(err);
  };
  const streamDest = typeof destination === "string" ? undefined : streamSink(destination, options.end ?? true, fail);
  const inFlight = new Map<number, Promise<Buffer>>();
  const running: Promise<unknown>[] = [];
  let sink: DownloadSink | undefined = streamDest;
  try {
    if (typeof destination === "string") sink = await fileSink(destination);
    const out = sink!;
    let first: GetObjectResponse;
    try {
      first = await sendGetObject(s3, location, { range: { start: 0, end: partSize - 1 }, signal: link.signal }, OPERATION);
    } catch (err) {
      // An empty object has no byte 0: S3 and the gateway answer 416.
      if (err instanceof LakeFSError && err.status === 416 && !link.signal.aborted) {
        await out.finish();
        return { size: 0 };
      }
      throw err;
    }
    const etag = normalizeEtag(first.ETag);
    const size = totalSize(first);
    const report = (loaded: number, part: number): void => options.onProgress?.({ loaded, total: size ?? loaded, part });

    if (size === undefined) {
      // The server ignored the Range header and sent everything: stream it through.
      let loaded = 0;
      for await (const chunk of first.Body) {
        const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
        await out.write(buf);
        loaded += buf.length;
      }
      report(loaded, 1);
      await out.finish();
      return { size: loaded, ...(etag !== undefined ? { etag } : {}) };
    }

    const parts = Math.max(1, Math.ceil(size / partSize));
    const track = <T>(p: Promise<T>): Promise<T> => {
      p.catch(fail);
      return p;
    };
    /** The body of range `index`, checked to come from the version of the first range. */
    const fetchRange = async (index: number): Promise<GetObjectResponse["Body"]> => {
      const start = index * partSize;
      const end = Math.min(size, start + partSize) - 1;
      let res: GetObjectResponse;
      try {
        res = await sendGetObject(s3, location, { range: { start, end }, ...(etag !== undefined ? { ifMatch: etag } : {}), signal: link.signal }, OPERATION);
      } catch (err) {
        if (err instanceof PreconditionFailedError || (err instanceof LakeFSError && err.status === 416)) throw changed(location, etag, err);
        throw err;
      }
      if (totalSize(res) !== size) {
        res.Body.destroy();
        throw changed(location, etag, undefined);
      }
      return res.Body;
    };
    const partLength = (index: number): number => Math.min(size, (index + 1) * partSize) - index * partSize;
    const fetchPart = async (index: number): Promise<Buffer> => collectBody(await fetchRange(index), partLength(index), OPERATION, link.signal);
    // A part whose body breaks off is fetched again (the first from scratch), up to maxAttempts.
    let firstBody: GetObjectResponse["Body"] | undefined = first.Body;
    const readPart = (index: number): Promise<Buffer> =>
      retryBrokenBody(
        s3,
        () => {
          const body = index === 0 ? firstBody : undefined;
          if (index === 0) firstBody = undefined;
          return body ? collectBody(body, Math.min(size, partSize), OPERATION, link.signal) : fetchPart(index);
        },
        link.signal,
      );
    const writeAt = out.writeAt?.bind(out);
    if (writeAt) {
      // A file: each range is written at its offset as its bytes arrive, `concurrency` ranges at a time,
      // so nothing waits in memory for its turn and no byte is copied. Progress still counts the parts
      // in order, as the parts written one after the other would.
      const writePart = (index: number): Promise<void> =>
        retryBrokenBody(
          s3,
          async () => {
            const body = index === 0 ? firstBody : undefined;
            if (index === 0) firstBody = undefined;
            // Chunks (64 KiB from the socket) are written WRITE_BATCH bytes at a time: one writev per MiB costs
            // a third less CPU than one write per chunk (bench/tools/download-variants.ts).
            let at = index * partSize;
            let batch: Buffer[] = [];
            let batched = 0;
            const flush = async (): Promise<void> => {
              if (batched === 0) return;
              const chunks = batch;
              const position = at;
              at += batched;
              batch = [];
              batched = 0;
              await writeAt(chunks, position);
            };
            await pumpBody(body ?? (await fetchRange(index)), partLength(index), OPERATION, link.signal, (chunk) => {
              batch.push(chunk);
              batched += chunk.length;
              return batched >= WRITE_BATCH ? flush() : undefined;
            });
            await flush();
          },
          link.signal,
        );
      const done = new Set<number>();
      let reported = 0;
      let written = 0;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < parts && !link.signal.aborted) {
          const index = next++;
          await writePart(index);
          done.add(index);
          for (; done.has(reported); reported++) {
            done.delete(reported);
            written += partLength(reported);
            report(written, reported + 1);
          }
        }
      };
      running.push(...Array.from({ length: Math.min(parts, concurrency) }, () => track(worker())));
      await Promise.all(running);
      if (link.signal.aborted) throw link.signal.reason;
      await out.finish();
      return { size, ...(etag !== undefined ? { etag } : {}) };
    }

    inFlight.set(0, track(readPart(0)));
    for (let i = 1; i < Math.min(parts, concurrency); i++) inFlight.set(i, track(readPart(i)));

    let written = 0;
    for (let i = 0; i < parts; i++) {
      const chunk = await inFlight.get(i)!;
      inFlight.delete(i);
      await out.write(chunk);
      written += chunk.length;
      report(written, i + 1);
      // The next range starts only once a buffer is free: at most `concurrency` parts are held.
      if (i + concurrency < parts) inFlight.set(i + concurrency, track(readPart(i + concurrency)));
    }
    await out.finish();
    return { size, ...(etag !== undefined ? { etag } : {}) };
  } catch (err) {
    link.abort(err);
    await Promise.allSettled([...inFlight.values(), ...running]);
    await sink?.fail();
    if (signal?.aborted) throw abortError(signal, OPERATION, err);
    const cause = firstFailure ?? err;
    if (cause instanceof LakeFSError) throw cause;
    throw new LakeFSError(`${OPERATION}: ${cause instanceof Error ? cause.message : String(cause)}`, { operation: OPERATION, cause });
  } finally {
    streamDest?.dispose();
    link.dispose();
  }
}
