import type { S3Client } from "@aws-sdk/client-s3";
import type { Writable } from "node:stream";
import { gatewayRangeSource } from "../gateway/objects/gateway-range-source.js";
import { gatewayUploadTarget } from "../gateway/objects/gateway-upload-target.js";
import type { ObjectLocation } from "../gateway/objects/object-location.js";
import { validateReadLocation, validateWriteLocation } from "../gateway/objects/validate-location.js";
import { download } from "./download.js";
import { checkDownloadOptions, checkUploadOptions, type DownloadObjectOptions, type DownloadObjectResult, type UploadObjectOptions, type UploadObjectResult } from "./options.js";
import { upload } from "./upload.js";
import type { UploadBody } from "./upload-body.js";

/**
 * `repo/ref/path`, for messages.
 *
 * @internal
 */
export function describeObject(location: ObjectLocation): string {
  return `${location.path} on ${location.repository}/${location.ref}`;
}

/**
 * Writes an object on a branch through the S3 gateway of any gateway
 * `S3Client` (`lakefs.s3`, `createS3Client()`), with the transfer engine the
 * handles use: a body up to `partSize` in one `PutObject`; a larger one as a
 * multipart upload with `queueSize` parts in flight, read on demand into
 * reused buffers, so memory stays near `queueSize` × `partSize` whatever the
 * size (files and streams are never read whole).
 *
 * The location and every option are checked before anything is sent. On any
 * failure or abort, the requests in flight are cancelled, whatever was opened
 * (a file, the caller's stream) is closed, and a multipart upload is aborted
 * before the call rejects: no parts are left behind and the path keeps its
 * previous content. `CreateMultipartUpload` and `CompleteMultipartUpload`
 * are never cancelled, so an abort that arrives after completion was sent
 * does not undo the write.
 *
 * @example
 * ```ts
 * await uploadObject(lakefs.s3, { repository: "repo", ref: "main", path: "data/big.parquet" }, { file: "./big.parquet" }, {
 *   onProgress: (p) => console.log(`${p.loaded} / ${p.total}`),
 * });
 * ```
 *
 * @throws `ValidationError` / `ReadOnlyRefError` for a bad location, option or
 *   body (nothing sent), `BranchNotFoundError`, `RepositoryNotFoundError`,
 *   `ProtectedBranchError`, `PreconditionFailedError` (with `ifNoneMatch`),
 *   `OutcomeUnknownError` (a conditional write whose answer was lost),
 *   `AbortError`, or a `LakeFSError` with code `BodyReadError` /
 *   `BodyChanged` when the source fails or changes.
 * @public
 */
export async function uploadObject(s3: S3Client, location: ObjectLocation, body: UploadBody, options: UploadObjectOptions = {}): Promise<UploadObjectResult> {
  validateWriteLocation(location);
  const settings = checkUploadOptions(options);
  return upload(gatewayUploadTarget(s3, location, options), body, settings, options);
}

/**
 * Downloads an object to a file or a `Writable` through the S3 gateway of
 * any gateway `S3Client`, with the transfer engine the handles use:
 * `concurrency` ranged GETs of `partSize` bytes in flight. A file gets each
 * range written at its offset as its bytes arrive (a temporary file in the
 * same folder, renamed into place on success, removed on failure, so an
 * existing file at the path is untouched); a stream gets whole ranges
 * strictly in order, is ended on success (see
 * {@link DownloadObjectOptions.end}) and left as is on failure. Memory stays
 * at most about `concurrency` × `partSize` for any object size. Every range
 * must come from the first range's version: an object overwritten during the
 * download fails with `PreconditionFailedError`.
 *
 * @example
 * ```ts
 * const { size } = await downloadObject(s3, { repository: "repo", ref: "main", path: "big.bin" }, "/tmp/big.bin", { concurrency: 8 });
 * ```
 *
 * @throws `ValidationError` for a bad location, option or destination
 *   (nothing sent), `ObjectNotFoundError`, `RefNotFoundError`,
 *   `RepositoryNotFoundError`, `PreconditionFailedError`, `AbortError`, or a
 *   `LakeFSError` with code `DestinationError` when writing fails.
 * @public
 */
export async function downloadObject(
  s3: S3Client,
  location: ObjectLocation,
  destination: string | Writable,
  options: DownloadObjectOptions = {},
): Promise<DownloadObjectResult> {
  validateReadLocation(location);
  const settings = checkDownloadOptions(destination, options);
  return download(await gatewayRangeSource(s3, location), destination, settings, { signal: options.signal, what: describeObject(location) });
}
