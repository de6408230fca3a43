import { stat } from "node:fs/promises";
import { prepareUploadBody, type UploadBody } from "../gateway/objects/upload-body.js";
import { validateUpload, type UploadObjectOptions, type UploadObjectResult } from "../gateway/objects/upload-object.js";
import type { ObjectLocation } from "../gateway/objects/object-location.js";
import { ValidationError } from "../errors/input-errors.js";
import { linkAbort, throwIfAborted } from "../http/abort.js";
import { putPresigned } from "../store/put-presigned.js";
import type { HandleContext } from "./context.js";
import { presignFacts } from "./data-path.js";
import { contentMd5 } from "./presigned-content-md5.js";
import { multipartPartSize, presignedMultipartUpload } from "./presigned-multipart.js";


/** S3's largest single PUT. Larger bodies need presigned multipart. */
export const MAX_PRESIGNED_PUT = 5 * 1024 ** 3;

/** The size of a body when it is known before sending (string, bytes, Blob, file), else `undefined`. */
async function knownSize(body: UploadBody): Promise<number | undefined> {
  if (typeof body === "string") return Buffer.byteLength(body, "utf8");
  if (body instanceof Uint8Array) return body.byteLength;
  if (typeof Blob !== "undefined" && body instanceof Blob) return body.size;
  // A file that cannot be read: the gateway path reports it as it always has.
  if (typeof body === "object" && body !== null && "file" in body) return stat(body.file).then((info) => info.size, () => undefined);
  return undefined;
}

/**
 * Why a body cannot take the presigned path, or `undefined` when it can: its
 * size must be known before sending, and over 5 GiB the server must support
 * presigned multipart.
 *
 * @internal
 */
export async function presignedUploadUnusable(ctx: HandleContext, body: UploadBody): Promise<string | undefined> {
  const size = await knownSize(body);
  if (size === undefined) return "the body is a stream of unknown size, or a file that cannot be read";
  if (size > MAX_PRESIGNED_PUT && !(await presignFacts(ctx).then((f) => f.multipart, () => false))) {
    return `the body is larger than ${MAX_PRESIGNED_PUT} bytes and the server does not support presigned multipart uploads`;
  }
  return undefined;
}

/**
 * The gateway stores user metadata as `X-Amz-Meta-<lower-case key>`; linking
 * the same keys makes the object read back the same on every path.
 */
function gatewayMetadata(metadata: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (metadata === undefined) return undefined;
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`X-Amz-Meta-${k.toLowerCase()}`, v]));
}

/**
 * Uploads on the presigned data path. A body larger than `partSize` goes as a
 * presigned multipart upload where the server supports it
 * (`presigned-multipart.ts`); otherwise a physical address with a presigned
 * PUT URL from lakeFS, the body straight to the object store (streamed, so
 * memory stays flat), then one link request that makes it visible at the
 * path. Until the link nothing is visible, so any failure or abort before it
 * leaves the path as it was (the unlinked bytes are for lakeFS's garbage
 * collection).
 *
 * @internal
 */
export async function presignedUpload(
  ctx: HandleContext,
  location: ObjectLocation,
  body: UploadBody,
  options: UploadObjectOptions,
): Promise<UploadObjectResult> {
  // The same checks as the gateway path (a presigned part and a single presigned PUT share S3's 5 GiB limit).
  const checked = validateUpload(location, options);
  const size = await knownSize(body);
  const partSize = multipartPartSize(size ?? 0, checked.partSize);
  // If-None-Match exists only on the link, so conditional writes take the single PUT.
  if (size !== undefined && size > partSize && !options.ifNoneMatch && (await presignFacts(ctx)).multipart) {
    const stats = await presignedMultipartUpload(ctx, location, body, {
      size,
      partSize,
      queueSize: checked.queueSize,
      ...(options.contentType !== undefined ? { contentType: options.contentType } : {}),
      ...(options.metadata !== undefined ? { userMetadata: gatewayMetadata(options.metadata) } : {}),
      signal: options.signal,
      onPart: partProgress(size, options),
    });
    return { etag: (stats.etag ?? "").replace(/^"|"$/g, ""), size };
  }
  return singlePut(ctx, location, body, options);
}

function partProgress(total: number, options: UploadObjectOptions): (bytes: number, part: number) => void {
  let loaded = 0;
  return (bytes, part) => {
    loaded += bytes;
    options.onProgress?.({ loaded, total, part });
  };
}

/**
 * Whether the single PUT carries `Content-MD5`: on S3-type blockstores (S3,
 * MinIO and other S3-compatible stores), which check it against the body.
 * GCS and Azure presign other headers; their PUTs go without it.
 */
async function sendsContentMd5(ctx: HandleContext, signal: AbortSignal): Promise<boolean> {
  return (await ctx.serverFacts({ signal })).storages[0]?.blockstoreType === "s3";
}

/**
 * One presigned PUT of the whole body, streamed, with its `Content-MD5` where
 * the store checks it (the body is then read twice: once for the hash), then
 * the link.
 */
async function singlePut(ctx: HandleContext, location: ObjectLocation, body: UploadBody, options: UploadObjectOptions): Promise<UploadObjectResult> {
  const operation = "uploadObject";
  const link = linkAbort(options.signal);
  const signal = link.signal;
  const { repository, ref: branch, path } = location;
  try {
    const prepared = await prepareUploadBody(body, signal, MAX_PRESIGNED_PUT, link.fail);
    if (prepared.size === undefined || prepared.size > MAX_PRESIGNED_PUT) {
      throw new ValidationError(`${operation}: the body is larger than ${MAX_PRESIGNED_PUT} bytes, the limit of one presigned PUT`, { code: "InvalidBody" });
    }
    const size = prepared.size;
    // Before the URL is asked for, so that hashing a large file does not age it.
    const md5 = (await sendsContentMd5(ctx, signal)) ? await contentMd5(body, signal) : undefined;
    const staging = await ctx.admin.getPhysicalAddress({ repository, branch, path, presign: true, signal });
    if (!staging.presignedUrl) throw new ValidationError(`${operation}: the server gave no presigned URL`, { code: "PresignUnsupported" });
    const data = typeof prepared.body === "string" ? Buffer.from(prepared.body, "utf8") : prepared.body;
    const etag = await putPresigned(ctx.stack, { url: staging.presignedUrl, body: data, size, ...(md5 !== undefined ? { contentMd5: md5 } : {}), signal });
    throwIfAborted(signal, operation);
    const stats = await ctx.admin.linkPhysicalAddress({
      repository,
      branch,
      path,
      physicalAddress: staging.physicalAddress,
      checksum: etag,
      sizeBytes: size,
      ...(options.contentType !== undefined ? { contentType: options.contentType } : {}),
      ...(options.metadata !== undefined ? { userMetadata: gatewayMetadata(options.metadata) } : {}),
      ...(options.ifNoneMatch ? { ifNoneMatch: options.ifNoneMatch } : {}),
      signal,
    });
    options.onProgress?.({ loaded: size, total: size });
    return { etag: stats.etag || etag, size };
  } catch (err) {
    link.abort(err);
    throw err;
  } finally {
    link.dispose();
  }
}
