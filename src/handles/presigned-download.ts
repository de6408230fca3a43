import type { Writable } from "node:stream";
import { fileSink, streamSink } from "../gateway/objects/download-sink.js";
import { PositionalBatch, type WriteAt } from "../gateway/objects/positional-batch.js";
import type { DownloadObjectOptions, DownloadObjectResult } from "../gateway/objects/download-object.js";
import type { ObjectLocation } from "../gateway/objects/object-location.js";
import { ObjectStoreError } from "../errors/object-store-errors.js";
import { linkAbort, throwIfAborted } from "../http/abort.js";
import { openPresignedRange, type PresignedRangeBody } from "../store/get-presigned-range.js";
import type { HandleContext } from "./context.js";

const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

/**
 * A presigned GET URL of one object version, fetched again when it expires.
 * Every range must carry the ETag of the first one that arrived: lakeFS's
 * checksum is not always the store's ETag (gateway multipart uploads), so
 * the store is compared with itself.
 */
class PresignedSource {
  #url: Promise<string>;
  #etag: string | undefined;
  constructor(
    private readonly ctx: HandleContext,
    private readonly location: ObjectLocation,
    first: string,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.#url = Promise.resolve(first);
  }

  /** The store's ETag of the version read, once a range has arrived. */
  get etag(): string | undefined {
    return this.#etag;
  }

  /** Opens bytes `start..end`; an expired URL is replaced once, by a new stat. */
  async open(start: number, end: number, signal: AbortSignal): Promise<PresignedRangeBody> {
    const url = this.#url;
    let range;
    try {
      range = await openPresignedRange(this.ctx.stack, { url: await url, start, end, signal });
    } catch (err) {
      if (!(err instanceof ObjectStoreError && err.code === "PresignedUrlExpired")) throw err;
      if (this.#url === url) this.#url = this.#fresh();
      range = await openPresignedRange(this.ctx.stack, { url: await this.#url, start, end, signal });
    }
    this.#etag ??= range.etag;
    if (range.etag && range.etag !== this.#etag) {
      range.body.destroy();
      throw new ObjectStoreError(`downloadObject: the object changed on the store during the download (ETag ${this.#etag}, then ${range.etag})`, {
        code: "ChecksumMismatch",
        operation: "downloadObject",
        hint: "Download again",
      });
    }
    return range;
  }

  /** Bytes `start..end` in memory (for a stream destination, which takes them in order). */
  async range(start: number, end: number, signal: AbortSignal): Promise<Buffer> {
    const range = await this.open(start, end, signal);
    const chunks: Buffer[] = [];
    for await (const chunk of range.body) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    range.checkLength(bytes.length);
    return bytes;
  }

  /**
   * Streams bytes `start..end` to their place in the file as they arrive, a
   * MiB at a time ({@link PositionalBatch}): no range is gathered whole or copied (a
   * gathered 8 MiB range cost a copy and as much garbage per part).
   */
  async writeInPlace(start: number, end: number, signal: AbortSignal, writeAt: WriteAt): Promise<number> {
    const range = await this.open(start, end, signal);
    const expected = end - start + 1;
    let received = 0;
    const batch = new PositionalBatch(writeAt, start);
    for await (const chunk of range.body) {
      received += (chunk as Buffer).length;
      if (received > expected) break; // too many bytes: checkLength below says so, nothing past the range is written
      const write = batch.add(chunk as Buffer);
      if (write) await write;
    }
    range.checkLength(received);
    await batch.flush();
    return received;
  }

  async #fresh(): Promise<string> {
    const stats = await this.ctx.admin.statObjectPresigned({ ...this.location, signal: this.signal });
    return stats.physicalAddress;
  }
}

/** Byte ranges `[start, end]` of `partSize` covering `size` bytes. */
function plan(size: number, partSize: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < size; start += partSize) ranges.push([start, Math.min(size, start + partSize) - 1]);
  return ranges;
}

/**
 * Downloads on the presigned data path: one stat with presign from lakeFS,
 * then ranged GETs straight from the object store. To a file, `concurrency`
 * ranges in flight, each streamed into place as it arrives; to a stream, one range at a time in
 * order (memory about one part). A file is renamed into place only when
 * complete; a failure removes the partial file. Every range must come from the same
 * version on the store (`ChecksumMismatch` otherwise).
 *
 * TODO(merge): share the planner and the positional/ordered writers with the
 * gateway download once `basics` has split `download-object.ts`.
 *
 * @internal
 */
export async function presignedDownload(
  ctx: HandleContext,
  location: ObjectLocation,
  destination: string | Writable,
  options: DownloadObjectOptions,
): Promise<DownloadObjectResult> {
  const partSize = options.partSize ?? DEFAULT_PART_SIZE;
  const concurrency = options.concurrency ?? 4;
  const stats = await ctx.admin.statObjectPresigned({ ...location, signal: options.signal });
  const size = stats.size;
  const source = new PresignedSource(ctx, location, stats.physicalAddress, options.signal);
  const ranges = plan(size, partSize);
  let loaded = 0;
  const progress = (bytes: number) => {
    loaded += bytes;
    options.onProgress?.({ loaded, total: size });
  };
  const link = linkAbort(options.signal);
  const signal = link.signal;
  // The gateway download's sinks: a file is written to a temporary file and renamed into place only when complete.
  const stream = typeof destination === "string" ? undefined : streamSink(destination, options.end !== false, link.fail);
  const sink = stream ?? (await fileSink(destination as string));
  try {
    const writeAt = sink.writeAt;
    if (writeAt) {
      let next = 0;
      const worker = async () => {
        while (next < ranges.length) {
          const [start, end] = ranges[next++]!;
          throwIfAborted(signal, "downloadObject");
          progress(await source.writeInPlace(start, end, signal, writeAt));
        }
      };
      // At the first failure the other ranges stop, and are waited for before the file is removed.
      const running = Array.from({ length: Math.min(concurrency, Math.max(ranges.length, 1)) }, () =>
        worker().catch((err: unknown) => {
          link.fail(err);
          throw err;
        }),
      );
      const failed = (await Promise.allSettled(running)).find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw link.firstFailure ?? failed.reason;
    } else {
      for (const [start, end] of ranges) {
        throwIfAborted(signal, "downloadObject");
        const bytes = await source.range(start, end, signal);
        await sink.write(bytes);
        progress(bytes.length);
      }
    }
    await sink.finish();
  } catch (err) {
    link.abort(err);
    await sink.fail();
    throw err;
  } finally {
    stream?.dispose();
    link.dispose();
  }
  return { size, etag: stats.etag || source.etag };
}
