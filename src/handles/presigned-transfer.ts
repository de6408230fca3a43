import type { ObjectLocation } from "../gateway/objects/object-location.js";
import { normalizeEtag } from "../gateway/objects/etag.js";
import { assertWritableBranch } from "../admin/refuse-read-only-ref.js";
import { ValidationError } from "../errors/input-errors.js";
import type { RangeSource, UploadTarget } from "../model/transfer-adapter.js";
import { presignedRangeSource } from "../store/presigned-range-source.js";
import { presignedUploadTarget, type PresignedStaging, type StagedMultipart } from "../store/presigned-upload-target.js";
import type { UploadObjectOptions } from "../transfer/options.js";
import { fileBodySize, isFileBody, type UploadBody } from "../transfer/upload-body.js";
import type { HandleContext } from "./context.js";
import { presignFacts } from "./data-path.js";

/** S3's largest single PUT. Larger bodies need presigned multipart. */
export const MAX_PRESIGNED_PUT = 5 * 1024 ** 3;

/** The size of a body when it is known before sending (string, bytes, Blob, file), else `undefined`. */
async function knownSize(body: UploadBody): Promise<number | undefined> {
  if (typeof body === "string") return Buffer.byteLength(body, "utf8");
  if (body instanceof Uint8Array) return body.byteLength;
  if (typeof Blob !== "undefined" && body instanceof Blob) return body.size;
  // A file that cannot be read is refused here, before a request picks the data path.
  if (isFileBody(body)) return fileBodySize(body);
  return undefined;
}

/**
 * Why a body cannot take the presigned path, or `undefined` when it can: a
 * stream of unknown size needs presigned multipart (and no `ifNoneMatch`,
 * which only a single PUT's link carries); over 5 GiB the server must
 * support presigned multipart.
 *
 * @internal
 */
export async function presignedUploadUnusable(ctx: HandleContext, body: UploadBody, options: UploadObjectOptions): Promise<string | undefined> {
  const size = await knownSize(body);
  const multipart = (): Promise<boolean> => presignFacts(ctx).then((f) => f.multipart, () => false);
  if (size === undefined) {
    if (options.ifNoneMatch) return "a stream of unknown size with ifNoneMatch needs a multipart upload, and If-None-Match exists only on a single presigned PUT's link";
    if (!(await multipart())) return "the body is a stream of unknown size and the server does not support presigned multipart uploads";
    return undefined;
  }
  if (size > MAX_PRESIGNED_PUT && !(await multipart())) {
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
 * lakeFS's REST calls around the store's presigned requests, for one object:
 * staging and link, and presigned multipart uploads.
 */
async function staging(ctx: HandleContext, location: ObjectLocation, options: UploadObjectOptions, signal: AbortSignal | undefined): Promise<PresignedStaging> {
  const target = { repository: location.repository, branch: location.ref, path: location.path };
  const stored = {
    ...(options.contentType !== undefined ? { contentType: options.contentType } : {}),
    ...(options.metadata !== undefined ? { userMetadata: gatewayMetadata(options.metadata) } : {}),
  };
  const ref = (upload: StagedMultipart) => ({ ...target, uploadId: upload.uploadId, physicalAddress: upload.physicalAddress });
  const facts = await presignFacts(ctx, signal);
  return {
    // S3-type stores (S3, MinIO, other S3-compatible ones) check Content-MD5; GCS and Azure presign other headers.
    contentMd5: (await ctx.serverFacts(signal ? { signal } : {})).storages[0]?.blockstoreType === "s3",
    // If-None-Match exists only on the link, so conditional writes take the single PUT.
    multipart: facts.multipart && !options.ifNoneMatch,
    async stage(stageSignal) {
      const staged = await ctx.admin.getPhysicalAddress({ ...target, presign: true, signal: stageSignal });
      if (!staged.presignedUrl) throw new ValidationError("uploadObject: the server gave no presigned URL", { code: "PresignUnsupported" });
      return { url: staged.presignedUrl, physicalAddress: staged.physicalAddress };
    },
    async link({ physicalAddress, checksum, size }) {
      const linked = await ctx.admin.linkPhysicalAddress({
        ...target,
        physicalAddress,
        checksum,
        sizeBytes: size,
        ...stored,
        ...(options.ifNoneMatch ? { ifNoneMatch: options.ifNoneMatch } : {}),
      });
      return { etag: linked.etag };
    },
    async createMultipart(parts) {
      const upload = await ctx.admin.createPresignMultipartUpload({ ...target, parts });
      return { uploadId: upload.uploadId, physicalAddress: upload.physicalAddress, presignedUrls: upload.presignedUrls };
    },
    presignPart: (upload, partNumber, partSignal) => ctx.admin.presignPartUrl({ ...ref(upload), partNumber, signal: partSignal }),
    async completeMultipart(upload, parts) {
      const stats = await ctx.admin.completePresignMultipartUpload({ ...ref(upload), parts, ...stored });
      return { etag: normalizeEtag(stats.etag) };
    },
    abortMultipart: (upload) => ctx.admin.abortPresignMultipartUpload(ref(upload)),
  };
}

/**
 * The presigned path's upload target for one object: the store adapter with
 * lakeFS's staging, link and presigned multipart calls.
 *
 * @internal
 */
export async function presignedTarget(ctx: HandleContext, location: ObjectLocation, options: UploadObjectOptions, signal: AbortSignal | undefined): Promise<UploadTarget> {
  const target = presignedUploadTarget({ stack: ctx.stack, maxAttempts: (await ctx.stack.config()).maxAttempts, staging: await staging(ctx, location, options, signal) });
  return {
    ...target,
    // lakeFS hands out a physical address for a tag or a missing branch and refuses only the link,
    // after the body went to the store: unless told otherwise, the ref is checked before any byte is sent.
    beforeBody: async (_size, bodySignal) => {
      if (options.verifyBranch !== false) await assertWritableBranch(ctx.rest, location.repository, location.ref, target.operation, bodySignal);
    },
  };
}

/**
 * The presigned path's range source for one object: a stat with presign from
 * lakeFS (again when the URL expires), ranges straight from the store.
 *
 * @internal
 */
export async function presignedSource(ctx: HandleContext, location: ObjectLocation, operation = "downloadObject"): Promise<RangeSource> {
  return presignedRangeSource({
    stack: ctx.stack,
    operation,
    maxAttempts: (await ctx.stack.config()).maxAttempts,
    async presign(signal) {
      const stats = await ctx.admin.statObjectPresigned({ ...location, signal });
      return { url: stats.physicalAddress, size: stats.size, etag: stats.etag };
    },
  });
}
