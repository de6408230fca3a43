import type { Writable } from "node:stream";
import { ValidationError } from "../errors/input-errors.js";
import type { CallOptions } from "../http/call-options.js";
import type { TransferProgress } from "../model/transfer-adapter.js";
import { validateInteger } from "../validation/integer.js";
import { validateUserMetadata } from "../validation/metadata.js";

/** 8 MiB: the default part size, up and down. */
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** 5 MiB: S3's smallest upload part (all but the last). */
export const MIN_UPLOAD_PART_SIZE = 5 * 1024 * 1024;
/** 5 GiB: S3's largest upload part, and its largest single PUT. */
export const MAX_UPLOAD_PART_SIZE = 5 * 1024 * 1024 * 1024;
/** S3's most parts in one multipart upload. */
export const MAX_PARTS = 10_000;

/**
 * Options of an upload (`upload()`, `uploadObject`), on every data path.
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
   * Part size in bytes: bodies up to this size go in one request, larger
   * ones as a multipart upload of parts this size. Default 8 MiB; an integer
   * from 5 MiB to 5 GiB. For a body of known size it is raised so that the
   * upload fits in 10,000 parts; a stream of unknown size may be at most
   * `partSize` × 10,000 bytes.
   */
  readonly partSize?: number;
  /** Parts uploaded in parallel. Default 4; an integer from 1 to 1,000. Memory use is about `queueSize` × `partSize`. */
  readonly queueSize?: number;
  /** Called after each part (and once at the end of a single request). A throw fails the upload (`CallbackFailed`). */
  onProgress?(progress: TransferProgress): void;
  /**
   * `"*"`: write only if no object exists at the path; otherwise the call
   * fails with `PreconditionFailedError` (412). A conditional write is never
   * sent twice: when its answer is lost, the call fails with
   * `OutcomeUnknownError` rather than mistake its own write for another's.
   */
  readonly ifNoneMatch?: "*";
  /**
   * Check with one request, before any byte of the body is sent, that the
   * ref is a branch: the gateway refuses writes to tags and commit ids only
   * after receiving the body, and the presigned path only at the link, after
   * the body went to the store. Bodies up to 64 KiB are sent unchecked: the
   * refusal then names the ref on the error path. Default `true`, as for
   * deletes; `false` saves the request when the branch is known to exist.
   */
  readonly verifyBranch?: boolean;
}

/**
 * What an upload wrote.
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
 * Options of a download (`download()`, `downloadObject`), on every data path.
 *
 * @public
 */
export interface DownloadObjectOptions extends CallOptions {
  /** Ranged GETs in flight. Default 4; an integer from 1 to 64. */
  readonly concurrency?: number;
  /** Bytes per ranged GET. Default 8 MiB; an integer from 1 byte to 5 GiB. Memory use is at most about `concurrency` × `partSize`. */
  readonly partSize?: number;
  /** Called after each part is written, with bytes written so far (in order) and the object's size. */
  onProgress?(progress: TransferProgress): void;
  /**
   * For a stream destination: end it when the download is complete and wait
   * until it has flushed (`finish`). Default `true`. Ignored for file paths.
   */
  readonly end?: boolean;
}

/**
 * What a download wrote.
 *
 * @public
 */
export interface DownloadObjectResult {
  /** Bytes written: the object's size. */
  readonly size: number;
  /** ETag of the version that was downloaded, unquoted. */
  readonly etag?: string;
}

/**
 * An upload's options once checked, defaults filled.
 *
 * @internal
 */
export interface UploadSettings {
  readonly partSize: number;
  readonly queueSize: number;
}

/**
 * A download's options once checked, defaults filled.
 *
 * @internal
 */
export interface DownloadSettings {
  readonly concurrency: number;
  readonly partSize: number;
  readonly end: boolean;
  readonly onProgress: ((progress: TransferProgress) => void) | undefined;
}

/**
 * Checks every upload option before anything is sent, on every data path:
 * integers in range, `ifNoneMatch`, `contentType`, user metadata.
 *
 * @internal
 */
export function checkUploadOptions(options: UploadObjectOptions): UploadSettings {
  validateUserMetadata(options.metadata);
  const partSize = validateInteger("partSize", options.partSize ?? DEFAULT_PART_SIZE, { min: MIN_UPLOAD_PART_SIZE, max: MAX_UPLOAD_PART_SIZE });
  const queueSize = validateInteger("queueSize", options.queueSize ?? 4, { min: 1, max: 1_000 });
  if (options.ifNoneMatch !== undefined && options.ifNoneMatch !== "*") {
    throw new ValidationError(`Invalid ifNoneMatch ${JSON.stringify(options.ifNoneMatch)}: only "*" is supported`, { code: "InvalidOption" });
  }
  if (options.contentType !== undefined && (typeof options.contentType !== "string" || /[\r\n]/.test(options.contentType))) {
    throw new ValidationError("Invalid contentType", { code: "InvalidOption" });
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new ValidationError("Invalid onProgress: it must be a function", { code: "InvalidOption" });
  }
  return { partSize, queueSize };
}

/**
 * Checks every download option and the destination before anything is sent,
 * on every data path.
 *
 * @internal
 */
export function checkDownloadOptions(destination: string | Writable, options: DownloadObjectOptions): DownloadSettings {
  const concurrency = validateInteger("concurrency", options.concurrency ?? 4, { min: 1, max: 64 });
  const partSize = validateInteger("partSize", options.partSize ?? DEFAULT_PART_SIZE, { min: 1, max: MAX_UPLOAD_PART_SIZE });
  const destinationOk = typeof destination === "string" ? destination.length > 0 : destination !== null && typeof destination === "object" && typeof destination.write === "function";
  if (!destinationOk) throw new ValidationError("downloadObject: the destination must be a file path or a Writable stream", { code: "InvalidOption" });
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new ValidationError("Invalid onProgress: it must be a function", { code: "InvalidOption" });
  }
  if (options.end !== undefined && typeof options.end !== "boolean") throw new ValidationError("Invalid end: it must be a boolean", { code: "InvalidOption" });
  return { concurrency, partSize, end: options.end ?? true, onProgress: options.onProgress?.bind(options) };
}
