import { LakeFSError } from "../../errors/lakefs-error.js";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { linkAbort, throwIfAborted } from "../../http/abort.js";
import type { Upload } from "@aws-sdk/lib-storage";
import type { FileHandle } from "node:fs/promises";
import { ValidationError } from "../../errors/input-errors.js";
import { clientWithSignal } from "./client-with-signal.js";
import { normalizeEtag } from "./etag.js";
import { toObjectError } from "./object-error.js";
import { objectKey, type ObjectLocation } from "./object-location.js";
import type { CallOptions } from "../../http/call-options.js";
import { isFileBody, openFileBody, prepareUploadBody, type UploadBody } from "./upload-body.js";
import { uploadFileInParts } from "./upload-file-in-parts.js";
import { assertBranch } from "./assert-branch.js";
import { validateWriteLocation } from "./validate-location.js";
import { validateInteger } from "../../validation/integer.js";
import { validateUserMetadata } from "../../validation/metadata.js";
import type { TransferProgress } from "./transfer-progress.js";

export type { UploadBody } from "./upload-body.js";

/** 8 MiB: the default part size. */
const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** 5 MiB: S3's smallest part (all but the last). */
const MIN_PART_SIZE = 5 * 1024 * 1024;
/** 5 GiB: S3's largest part. */
const MAX_PART_SIZE = 5 * 1024 * 1024 * 1024;
const MAX_PARTS = 10_000;

/**
 * Options of {@link uploadObject}.
 *
 * @public
 */
export interface UploadObjectOptions extends CallOptions {
  /** `Content-Type` stored with the object. Default: the gateway's `application/octet-stream`. */
  readonly contentType?: string;
  /**
   * User metadata (`x-amz-meta-*`). Keys must be HTTP tokens, values printable
   * US-ASCII. The gateway stores keys in lower case.
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Part size in bytes: bodies up to this size go as one `PutObject`, larger
   * ones as a multipart upload of parts this size. Default 8 MiB; at least
   * 5 MiB, at most 5 GiB. For a body of known size it is raised so that the
   * upload fits in 10,000 parts; a stream of unknown size may be at most
   * `partSize` × 10,000 bytes.
   */
  readonly partSize?: number;
  /** Parts uploaded in parallel. Default 4. Memory use is about `queueSize` × `partSize`. */
  readonly queueSize?: number;
  /** Called after each part (and once at the end of a single `PutObject`). */
  onProgress?(progress: TransferProgress): void;
  /** `"*"`: write only if no object exists at the path; otherwise the call fails with `PreconditionFailedError` (412). */
  readonly ifNoneMatch?: "*";
  /**
   * Check with one listing request, before any byte of the body is sent, that
   * the ref is a branch. The gateway refuses writes to tags and commit ids
   * only after receiving the body. In-memory bodies up to 64 KiB are sent
   * unchecked: the refusal then names the ref on the error path. Default `false`.
   */
  readonly verifyBranch?: boolean;
}

/** In-memory bodies up to this size are sent without checking the ref first (`verifyBranch`). */
const VERIFY_BEFORE_SENDING_BYTES = 64 * 1024;

/**
 * What {@link uploadObject} wrote.
 *
 * @public
 */
export interface UploadObjectResult {
  /**
   * The object's ETag, unquoted. For multipart uploads the gateway answers
   * `<hash>-<parts>` but `HEAD` and listings show `<hash>`; the latter is returned.
   */
  readonly etag?: string;
  /** Bytes written. */
  readonly size?: number;
}

/**
 * Writes an object on a branch through the S3 gateway, with
 * `@aws-sdk/lib-storage`'s `Upload`: a body up to `partSize` goes as a single
 * `PutObject` with a known `Content-Length`; a larger one as a multipart
 * upload with `queueSize` parts in flight, so memory stays near
 * `queueSize` × `partSize` whatever the size (files and streams are never
 * read whole).
 *
 * The location is validated before anything is sent (a branch name, a key
 * within 1,024 bytes, no control characters). On any failure or abort, the
 * in-flight requests are cancelled, the source stream is destroyed, and a
 * multipart upload is aborted before the call rejects: no parts are left
 * behind and the path keeps its previous content. An abort that arrives after
 * `CompleteMultipartUpload` was sent does not undo the write.
 *
 * @example
 * ```ts
 * await uploadObject(lakefs.s3, { repository: "repo", ref: "main", path: "data/big.parquet" }, { file: "./big.parquet" }, {
 *   onProgress: (p) => console.log(`${p.loaded} / ${p.total}`),
 * });
 * ```
 *
 * @throws `ValidationError` / `ReadOnlyRefError` for a bad location or option (nothing sent),
 *   `BranchNotFoundError`, `RepositoryNotFoundError`, `ProtectedBranchError`,
 *   `PreconditionFailedError` (with `ifNoneMatch`), `AbortError`, or a
 *   `LakeFSError` with code `BodyReadError` when the source stream fails.
 * @public
 */
export async function uploadObject(
  s3: S3Client,
  location: ObjectLocation,
  body: UploadBody,
  options: UploadObjectOptions = {},
): Promise<UploadObjectResult> {
  const operation = "uploadObject";
  const { partSize, queueSize } = validateUpload(location, options);
  throwIfAborted(options.signal, operation);
  if (typeof body === "string" || body instanceof Uint8Array) {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    if (bytes.byteLength <= partSize) {
      // A small body costs less to send than the check: a read-only ref then shows on the error path.
      if (options.verifyBranch && bytes.byteLength > VERIFY_BEFORE_SENDING_BYTES) await assertBranch(s3, location, operation, options.signal);
      return putInOneRequest(s3, location, bytes, options);
    }
  }
  if (isFileBody(body)) return uploadFile(s3, location, body, { ...options, partSize, queueSize });
  return uploadInParts(s3, location, body, { ...options, partSize, queueSize });
}

/**
 * Checks the location and every upload option before anything is sent, for
 * every data path; returns the part size and queue size to use.
 *
 * @internal
 */
export function validateUpload(location: ObjectLocation, options: UploadObjectOptions): { partSize: number; queueSize: number } {
  validateWriteLocation(location);
  validateUserMetadata(options.metadata);
  const partSize = validateInteger("partSize", options.partSize ?? DEFAULT_PART_SIZE, { min: MIN_PART_SIZE, max: MAX_PART_SIZE });
  const queueSize = validateInteger("queueSize", options.queueSize ?? 4, { min: 1, max: 1_000 });
  if (options.ifNoneMatch !== undefined && options.ifNoneMatch !== "*") {
    throw new ValidationError(`Invalid ifNoneMatch ${JSON.stringify(options.ifNoneMatch)}: only "*" is supported`, { code: "InvalidOption" });
  }
  if (options.contentType !== undefined && (typeof options.contentType !== "string" || /[\r\n]/.test(options.contentType))) {
    throw new ValidationError("Invalid contentType", { code: "InvalidOption" });
  }
  return { partSize, queueSize };
}

/** The part size for a body of `size` bytes: raised so that it fits in 10,000 parts. */
function partSizeFor(size: number, partSize: number): number {
  return Math.min(MAX_PART_SIZE, Math.max(partSize, Math.ceil(size / MAX_PARTS)));
}

/** The whole of a file that fits in one part; a file that changed size while it was read fails with `BodyChanged`. */
async function readWholeFile(file: FileHandle, size: number, name: string): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(size);
  const { bytesRead } = size > 0 ? await file.read(bytes, 0, size, 0) : { bytesRead: 0 };
  if (bytesRead !== size || (await file.stat()).size !== size) {
    throw new LakeFSError(`uploadObject: file ${name} changed size while it was read (expected ${size} bytes)`, { code: "BodyChanged", operation: "uploadObject" });
  }
  return bytes;
}

/**
 * A `{ file }` body, without lib-storage: up to one part, read whole and sent
 * as one `PutObject`; larger, as a multipart upload read with positional reads
 * into reused part buffers ({@link uploadFileInParts}). Same progress, result,
 * errors and clean-up as {@link uploadInParts}.
 */
async function uploadFile(
  s3: S3Client,
  location: ObjectLocation,
  body: { readonly file: string | URL },
  options: UploadObjectOptions & { readonly partSize: number; readonly queueSize: number },
): Promise<UploadObjectResult> {
  const operation = "uploadObject";
  const { file, size, name } = await openFileBody(body);
  const partSize = partSizeFor(size, options.partSize);
  let bytes: Buffer | undefined;
  const link = linkAbort(options.signal);
  try {
    if (options.verifyBranch) await assertBranch(s3, location, operation, link.signal);
    if (size <= partSize) bytes = await readWholeFile(file, size, name);
    else {
      const etag = await uploadFileInParts({ ...options, s3, location, file, name, size, partSize, signal: link.signal, fail: link.fail });
      return { etag: normalizeEtag(etag)?.replace(/-\d+$/, ""), size };
    }
  } catch (err) {
    const cause = options.signal?.aborted ? err : (link.firstFailure ?? err);
    throw await toObjectError(cause, { s3, operation, location, access: "write", signal: options.signal });
  } finally {
    link.dispose();
    await file.close();
  }
  return putInOneRequest(s3, location, bytes, options);
}

/**
 * Any body through lib-storage's `Upload` (multipart above one part), with
 * the caller's signal linked in, the first failure as the cause, and the
 * multipart upload aborted on any failure.
 */
async function uploadInParts(
  s3: S3Client,
  location: ObjectLocation,
  body: UploadBody,
  options: UploadObjectOptions & { readonly partSize: number; readonly queueSize: number },
): Promise<UploadObjectResult> {
  const operation = "uploadObject";
  const link = linkAbort(options.signal);
  try {
    const prepared = await prepareUploadBody(body, link.signal, options.partSize * MAX_PARTS, link.fail);
    if (options.verifyBranch) {
      await assertBranch(s3, location, operation, link.signal).catch((err: unknown) => {
        // Nothing will read the prepared body (an open file, a caller's stream): release it.
        (prepared.body as { destroy?: (e?: Error) => void }).destroy?.();
        throw err;
      });
    }
    // Loaded on first use: small bodies and files never need it, and a cold start need not load it.
    const { Upload } = await import("@aws-sdk/lib-storage");
    const upload = new Upload({
      client: clientWithSignal(s3, link.signal, link.fail),
      params: {
        Bucket: location.repository,
        Key: objectKey(location),
        Body: prepared.body,
        ...(options.contentType !== undefined ? { ContentType: options.contentType } : {}),
        ...(options.metadata !== undefined ? { Metadata: { ...options.metadata } } : {}),
        ...(options.ifNoneMatch !== undefined ? { IfNoneMatch: options.ifNoneMatch } : {}),
      },
      partSize: prepared.size === undefined ? options.partSize : partSizeFor(prepared.size, options.partSize),
      queueSize: options.queueSize,
      leavePartsOnError: false,
    });
    if (options.onProgress) relayProgress(upload, options.onProgress, prepared.size, link.fail);
    const out = await upload.done();
    const etag = normalizeEtag(out.ETag);
    return {
      etag: upload.uploadId !== undefined && etag !== undefined ? etag.replace(/-\d+$/, "") : etag,
      size: prepared.size ?? prepared.bytesRead(),
    };
  } catch (err) {
    // lib-storage reports whichever part failed last; the first failure is the cause.
    const cause = options.signal?.aborted ? err : (link.firstFailure ?? err);
    throw await toObjectError(cause, { s3, operation, location, access: "write", signal: options.signal });
  } finally {
    link.dispose();
  }
}

/**
 * Passes lib-storage's progress events on. A throwing callback fails the upload
 * like any other error (the rest is cancelled, the upload aborted); its error
 * is the caller's own, so it stays the cause as it is (no toolkit secret is in it).
 */
function relayProgress(upload: Upload, onProgress: (p: TransferProgress) => void, size: number | undefined, onFailure: (err: unknown) => void): void {
  upload.on("httpUploadProgress", (p) => {
    const total = size ?? p.total;
    try {
      onProgress({ loaded: p.loaded ?? 0, ...(total !== undefined ? { total } : {}), ...(p.part !== undefined ? { part: p.part } : {}) });
    } catch (err) {
      const failure = new LakeFSError(`uploadObject: the onProgress callback threw: ${err instanceof Error ? err.message : String(err)}`, {
        operation: "uploadObject",
        code: "CallbackFailed",
        fault: "client",
        cause: err,
      });
      onFailure(failure);
      throw failure;
    }
  });
}

/**
 * A body in memory that fits in one part: one `PutObject`, as `Upload` would
 * send, without its chunking, event and abort plumbing (a fifth of the CPU
 * time of a small upload). Same progress event, result and errors.
 */
async function putInOneRequest(s3: S3Client, location: ObjectLocation, body: Uint8Array, options: UploadObjectOptions): Promise<UploadObjectResult> {
  try {
    const out = await s3.send(
      new PutObjectCommand({
        Bucket: location.repository,
        Key: objectKey(location),
        Body: body,
        ...(options.contentType !== undefined ? { ContentType: options.contentType } : {}),
        ...(options.metadata !== undefined ? { Metadata: { ...options.metadata } } : {}),
        ...(options.ifNoneMatch !== undefined ? { IfNoneMatch: options.ifNoneMatch } : {}),
      }),
      { abortSignal: options.signal },
    );
    options.onProgress?.({ loaded: body.byteLength, total: body.byteLength, part: 1 });
    return { etag: normalizeEtag(out.ETag), size: body.byteLength };
  } catch (err) {
    throw await toObjectError(err, { s3, operation: "uploadObject", location, access: "write", signal: options.signal });
  }
}
