/**
 * `lakefs-s3/s3`: S3-level plumbing for programs that work on an `S3Client`
 * directly: object functions over any gateway client (`lakefs.s3`,
 * `createS3Client()`), the middleware plugins behind the branch-scoped
 * clients and the refusal of unsupported operations, and settings for AWS
 * tools. The handles of the main entry use the same functions.
 *
 * @packageDocumentation
 */
export type { ObjectLocation, RefLocation } from "./gateway/objects/object-location.js";
export { uploadObject, downloadObject } from "./transfer/object-transfers.js";
export type { UploadObjectOptions, UploadObjectResult, DownloadObjectOptions, DownloadObjectResult } from "./transfer/options.js";
export type { UploadBody } from "./transfer/upload-body.js";
export type { TransferProgress } from "./model/transfer-adapter.js";
export { readObjectStream, readObjectBytes, readObjectText, type ReadObjectOptions, type ReadObjectTextOptions, type ByteRange } from "./gateway/objects/read-object.js";
export { statObject, objectExists } from "./gateway/objects/stat-object.js";
export type { ObjectStat } from "./model/object-stat.js";
export { deleteObject, type DeleteObjectOptions } from "./gateway/objects/delete-object.js";
export { deleteObjects, type DeleteObjectsResult, type DeleteObjectsError } from "./gateway/objects/delete-objects.js";
export { listObjects, type ListObjectsInput, type ListObjectsOptions, type ObjectEntry, type PrefixEntry } from "./gateway/objects/list-objects.js";
export { copyObject, type CopyObjectOptions, type CopyObjectResult } from "./gateway/objects/copy-object.js";
export { presignObject, type PresignObjectOptions } from "./gateway/objects/presign-object.js";
export { getBranchScopePlugin } from "./gateway/branch-scope/branch-scope-plugin.js";
export type { BranchTarget, BucketMapping, ScopedBranchTarget } from "./gateway/branch-scope/bucket-mapping.js";
export { BLOCKSTORE_DEPENDENT_S3_OPERATIONS, getUnsupportedOperationsPlugin, UNSUPPORTED_S3_OPERATIONS, type BlockstoreLimit } from "./gateway/unsupported-operations.js";
export {
  formatAwsSettings,
  MASKED_SECRET,
  type AwsSettingsFormat,
  type FormatAwsSettingsOptions,
} from "./aws/aws-settings.js";
export { resolveAwsSettings, type AwsSettings } from "./aws/resolve-aws-settings.js";
export type { CallOptions } from "./http/call-options.js";
