import { stat } from "node:fs/promises";
import { prepareUploadBody, type UploadBody } from "../gateway/objects/upload-body.js";
import type { UploadObjectOptions, UploadObjectResult } from "../gateway/objects/upload-object.js";
import { validateMetadata, validateWriteLocation } from "../gateway/objects/validate-location.js";
import type { ObjectLocation } from "../gateway/objects/object-location.js";
import { ValidationError } from "../errors/input-errors.js";
import { throwIfAborted } from "../http/abort.js";
import { putPresigned } from "../store/put-presigned.js";
import type { HandleContext } from "./context.js";

/** S3's largest single PUT. Larger bodies need presigned multipart (not yet built): they go by the gateway. */
export const MAX_PRESIGNED_PUT = 5 * 1024 ** 3;

/**
 * Why a body cannot take the single presigned PUT, or `undefined` when it
 * can: its size must be known before sending (string, bytes, Blob, file) and
 * within {@link MAX_PRESIGNED_PUT}.
 *
 * @internal
 */
export async function presignedUploadUnusable(body: UploadBody): Promise<string | undefined> {
  let size: number | undefined;
  if (typeof body === "string") size = Buffer.byteLength(body, "utf8");
  else if (body instanceof Uint8Array) size = body.byteLength;
  else if (typeof Blob !== "undefined" && body instanceof Blob) size = body.size;
  else if (typeof body === "object" && body !== null && "file" in body) {
    // A file that cannot be read: the gateway path reports it as it always has.
    size = await stat(body.file).then((info) => info.size, () => undefined);
    if (size === undefined) return "the file cannot be read";
  }
  if (size === undefined) return "the body is a stream of unknown size (presigned multipart is not supported yet)";
  if (size > MAX_PRESIGNED_PUT) return `the body is larger than ${MAX_PRESIGNED_PUT} bytes (presigned multipart is not supported yet)`;
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
 * Uploads on the presigned data path: a physical address with a presigned
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
  const operation = "uploadObject";
  validateWriteLocation(location);
  validateMetadata(options.metadata);
  if (options.ifNoneMatch !== undefined && options.ifNoneMatch !== "*") {
    throw new ValidationError(`Invalid ifNoneMatch ${JSON.stringify(options.ifNoneMatch)}: only "*" is supported`, { code: "InvalidOption" });
  }
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const prepared = await prepareUploadBody(body, signal, MAX_PRESIGNED_PUT, (err) => controller.abort(err));
  if (prepared.size === undefined || prepared.size > MAX_PRESIGNED_PUT) {
    throw new ValidationError(`${operation}: the body is larger than ${MAX_PRESIGNED_PUT} bytes, the limit of one presigned PUT`, { code: "InvalidBody" });
  }
  const size = prepared.size;
  const { repository, ref: branch, path } = location;
  try {
    const staging = await ctx.admin.getPhysicalAddress({ repository, branch, path, presign: true, signal });
    if (!staging.presignedUrl) throw new ValidationError(`${operation}: the server gave no presigned URL`, { code: "PresignUnsupported" });
    const data = typeof prepared.body === "string" ? Buffer.from(prepared.body, "utf8") : prepared.body;
    const etag = await putPresigned(ctx.stack, { url: staging.presignedUrl, body: data, size, signal });
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
    return { etag: stats.checksum || etag, size };
  } catch (err) {
    controller.abort(err);
    throw err;
  }
}
