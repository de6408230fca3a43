/**
 * Object I/O through lakeFS's S3 gateway as small standalone functions. Each
 * takes the gateway `S3Client` (`lakefs.s3`) and a location; each validates
 * before sending, maps every error to a `LakeFSError` subclass, and takes an
 * `AbortSignal`.
 *
 * @packageDocumentation
 */
export type { ObjectLocation, RefLocation } from "./object-location.js";
export { uploadObject, type UploadBody, type UploadObjectOptions, type UploadObjectResult } from "./upload-object.js";
export { readObjectStream, readObjectBytes, readObjectText, type ReadObjectOptions, type ReadObjectTextOptions, type ByteRange } from "./read-object.js";
export { downloadObject, type DownloadObjectOptions, type DownloadObjectResult } from "./download-object.js";
export { statObject, objectExists, type ObjectStat } from "./stat-object.js";
export { deleteObject, type DeleteObjectOptions } from "./delete-object.js";
export { deleteObjects, type DeleteObjectsResult, type DeleteObjectsError } from "./delete-objects.js";
export { listObjects, type ListObjectsInput, type ListObjectsOptions, type ObjectEntry, type PrefixEntry } from "./list-objects.js";
export { copyObject, type CopyObjectOptions, type CopyObjectResult } from "./copy-object.js";
export { presignObject, type PresignObjectOptions } from "./presign-object.js";
export type { TransferProgress } from "./transfer-progress.js";
