import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import type { UploadBody } from "../gateway/objects/upload-body.js";
import type { ObjectLocation } from "../gateway/objects/object-location.js";
import type { UploadedPart } from "../admin/presign-multipart.js";
import type { ObjectStat } from "../model/object-stat.js";
import { ObjectStoreError } from "../errors/object-store-errors.js";
import { linkAbort, throwIfAborted } from "../http/abort.js";
import { putPresigned } from "../store/put-presigned.js";
import type { HandleContext } from "./context.js";

/** A part URL with less than this left is presigned again before use. */
const EXPIRY_MARGIN_MS = 60_000;
const MAX_PARTS = 10_000;
const MIB = 1024 * 1024;
const FILE_READ_SIZE = MIB;

/** When a SigV4 presigned URL expires (`X-Amz-Date` + `X-Amz-Expires`), or `undefined` for other stores. */
export function presignedUrlExpiry(url: string): number | undefined {
  const query = new URL(url).searchParams;
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(query.get("X-Amz-Date") ?? "");
  const expires = Number(query.get("X-Amz-Expires"));
  if (!date || !Number.isFinite(expires) || expires <= 0) return undefined;
  const [, y, mo, d, h, mi, s] = date.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) + expires * 1000;
}

/** Part size: the requested one, raised (in whole MiB) so that the body fits in 10,000 parts. */
export function multipartPartSize(size: number, requested: number): number {
  return Math.max(requested, Math.ceil(size / MAX_PARTS / MIB) * MIB);
}

/** The bytes of one part, read only when the part is sent (files and Blobs are never read whole). */
async function partBody(body: UploadBody, start: number, end: number): Promise<Uint8Array | Readable> {
  if (typeof body === "string") return Buffer.from(body, "utf8").subarray(start, end);
  if (body instanceof Uint8Array) return body.subarray(start, end);
  if (typeof Blob !== "undefined" && body instanceof Blob) return new Uint8Array(await body.slice(start, end).arrayBuffer());
  // 1 MiB reads, as the gateway path's `{ file }`: a sixteenth of the default 64 KiB reads and chunks.
  if (typeof body === "object" && body !== null && "file" in body) return createReadStream(body.file, { start, end: end - 1, highWaterMark: FILE_READ_SIZE });
  throw new Error("presigned multipart needs a body of known size");
}

/**
 * Input of {@link presignedMultipartUpload}.
 *
 * @internal
 */
export interface PresignedMultipartInput {
  readonly size: number;
  readonly partSize: number;
  readonly queueSize: number;
  readonly contentType?: string;
  readonly userMetadata?: Record<string, string>;
  readonly signal?: AbortSignal | undefined;
  readonly onPart: (bytes: number, part: number) => void;
}

/**
 * Uploads a body of known size as a presigned multipart upload: lakeFS starts
 * it and presigns the part URLs, `queueSize` parts go straight to the store at
 * once, a part URL about to expire (or refused as expired) is presigned again,
 * and lakeFS completes it and links the object. Any failure or abort aborts
 * the upload at the store before the call rejects: no parts stay behind and
 * nothing is linked.
 *
 * @internal
 */
export async function presignedMultipartUpload(
  ctx: HandleContext,
  location: ObjectLocation,
  body: UploadBody,
  input: PresignedMultipartInput,
): Promise<ObjectStat> {
  const target = { repository: location.repository, branch: location.ref, path: location.path };
  const partCount = Math.ceil(input.size / input.partSize);
  const upload = await ctx.admin.createPresignMultipartUpload({ ...target, parts: partCount, signal: input.signal });
  const ref = { ...target, uploadId: upload.uploadId, physicalAddress: upload.physicalAddress };
  // Stops every part in flight at the first failure, so none lands after the abort.
  const link = linkAbort(input.signal);
  const signal = link.signal;
  const fresh = (partNumber: number) => ctx.admin.presignPartUrl({ ...ref, partNumber, signal });
  const urlFor = async (partNumber: number): Promise<string> => {
    const url = upload.presignedUrls[partNumber - 1];
    const expiry = url === undefined ? 0 : presignedUrlExpiry(url);
    return url !== undefined && (expiry === undefined || expiry - Date.now() > EXPIRY_MARGIN_MS) ? url : fresh(partNumber);
  };
  const sendPart = async (partNumber: number): Promise<UploadedPart> => {
    const start = (partNumber - 1) * input.partSize;
    const end = Math.min(input.size, start + input.partSize);
    const put = async (url: string) => putPresigned(ctx.stack, { url, body: await partBody(body, start, end), size: end - start, signal });
    let etag: string;
    try {
      etag = await put(await urlFor(partNumber));
    } catch (err) {
      if (!(err instanceof ObjectStoreError && err.code === "PresignedUrlExpired")) throw err;
      etag = await put(await fresh(partNumber));
    }
    input.onPart(end - start, partNumber);
    return { partNumber, etag };
  };

  try {
    const parts: UploadedPart[] = new Array(partCount);
    let next = 1;
    const worker = async () => {
      while (next <= partCount) {
        const partNumber = next++;
        throwIfAborted(signal, "uploadObject");
        parts[partNumber - 1] = await sendPart(partNumber);
      }
    };
    const workers = Array.from({ length: Math.min(input.queueSize, partCount) }, () =>
      worker().catch((err: unknown) => {
        link.fail(err);
        throw err;
      }),
    );
    const settled = await Promise.allSettled(workers);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
    // The first failure in time is the one that stopped the others.
    if (failed) throw link.firstFailure ?? failed.reason;
    throwIfAborted(input.signal, "uploadObject");
    return await ctx.admin.completePresignMultipartUpload({
      ...ref,
      parts,
      ...(input.contentType !== undefined ? { contentType: input.contentType } : {}),
      ...(input.userMetadata !== undefined ? { userMetadata: input.userMetadata } : {}),
      signal: input.signal,
    });
  } catch (err) {
    // Not under the call's signal: it may be the reason we are here.
    await ctx.admin.abortPresignMultipartUpload(ref).catch(() => undefined);
    throw err;
  } finally {
    link.dispose();
  }
}
