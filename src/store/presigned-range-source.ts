import { Readable } from "node:stream";
import { PreconditionFailedError } from "../errors/input-errors.js";
import { ObjectStoreError } from "../errors/object-store-errors.js";
import type { HttpStack } from "../http/http-stack.js";
import type { RangeSource } from "../model/transfer-adapter.js";
import { openPresignedRange } from "./get-presigned-range.js";

/**
 * A presigned GET URL of one object version, as lakeFS's stat hands it out.
 *
 * @internal
 */
export interface PresignedObject {
  /** The presigned URL (carries credentials: it never reaches a message). */
  readonly url: string;
  readonly size: number;
  /** lakeFS's ETag of the version. */
  readonly etag: string | undefined;
}

/**
 * Input of {@link presignedRangeSource}.
 *
 * @internal
 */
export interface PresignedRangeSourceInput {
  readonly stack: HttpStack;
  readonly operation: string;
  readonly maxAttempts: number;
  /** Asks lakeFS for the object's presigned URL (a stat with presign): once, and again when the URL expires. */
  presign(signal: AbortSignal): Promise<PresignedObject>;
}

/**
 * The presigned path's side of a download: one stat with presign from
 * lakeFS, then ranged GETs straight from the object store. A URL refused as
 * expired is replaced once by a new stat, which must name the same version.
 * lakeFS's ETag is not always the store's (gateway multipart uploads), so the
 * store's ETag of the first range is the one every later range must carry.
 * The URL keeps serving the version it was made for after an overwrite, so a
 * download of several ranges asks lakeFS once more at the end whether the
 * object is still that version. The store's client has no retries of its
 * own: the engine retries.
 *
 * @internal
 */
export function presignedRangeSource(input: PresignedRangeSourceInput): RangeSource {
  let object: Promise<PresignedObject> | undefined;
  let storeEtag: string | undefined;
  const changed = (detail: string): PreconditionFailedError =>
    new PreconditionFailedError(`${input.operation}: the object changed during the download (${detail})`, { operation: input.operation });
  const fresh = async (signal: AbortSignal, before: PresignedObject): Promise<PresignedObject> => {
    const next = await input.presign(signal);
    if (next.size !== before.size || next.etag !== before.etag) throw changed(`ETag ${before.etag ?? "?"}, then ${next.etag ?? "?"}`);
    return next;
  };
  return {
    operation: input.operation,
    maxAttempts: input.maxAttempts,
    retriesAnswers: false,
    async open(span, etag, signal, into) {
      const current = object ?? (object = input.presign(signal));
      let target: PresignedObject;
      try {
        target = await current;
      } catch (err) {
        if (object === current) object = undefined; // a failed stat is asked again on the next attempt
        throw err;
      }
      if (target.size === 0) return { body: Readable.from([]), size: 0, etag: target.etag };
      const end = Math.min(span.end, target.size - 1);
      let range;
      try {
        range = await openPresignedRange(input.stack, { url: target.url, start: span.start, end, signal, writeInto: into });
      } catch (err) {
        if (!(err instanceof ObjectStoreError && err.code === "PresignedUrlExpired")) throw err;
        if (object === current) object = fresh(signal, target);
        target = await object;
        range = await openPresignedRange(input.stack, { url: target.url, start: span.start, end, signal, writeInto: into });
      }
      storeEtag ??= range.etag;
      if (range.etag && range.etag !== storeEtag) {
        range.body.destroy();
        throw changed(`store ETag ${storeEtag}, then ${range.etag}`);
      }
      return { body: range.body, size: target.size, etag: etag ?? target.etag };
    },
    async unchanged(etag, signal) {
      const now = await input.presign(signal);
      return now.etag === etag;
    },
  };
}
