/**
 * lakefs-s3: lakeFS from TypeScript.
 *
 * The main entry holds what most programs need: the {@link LakeFS} client and
 * its handles (repository, ref, branch, tag, object), {@link createS3Client}
 * for existing S3 code, and the error classes. The rest lives behind subpaths:
 * `lakefs-s3/admin` (`AdminClient`: one method per lakeFS operation, one named
 * input each), `lakefs-s3/s3` (object functions over any gateway `S3Client`,
 * middleware plugins, AWS tool settings), `lakefs-s3/rest` (the typed REST
 * client and lakeFS's OpenAPI types) and `lakefs-s3/lambda` (lakeFS hooks as
 * S3 event notifications).
 *
 * @packageDocumentation
 */

// The client and its handles.
export { LakeFS } from "./client/lakefs.js";
export { createS3Client } from "./client/create-s3-client.js";
export { NEWEST_TESTED_LAKEFS, OLDEST_SUPPORTED_LAKEFS, type ServerVersionVerdict } from "./client/server-version.js";
export { Repository } from "./handles/repository.js";
export { Ref } from "./handles/ref.js";
export { Branch, type TransactOptions, type PathSource } from "./handles/branch.js";
export { Tag } from "./handles/tag.js";
export { ObjectHandle, WritableObjectHandle } from "./handles/object-handle.js";
export { ImportJob } from "./handles/import-job.js";
export type { DataPathOption } from "./handles/data-path.js";

// Version control: what the handles take and return (AdminClient and its inputs: lakefs-s3/admin).
export type {
  RepositoryProperties,
  RefInfo,
  CommitInfo,
  DiffEntry,
  DiffObjectStats,
  DiffType,
  BranchProtectionRule,
  ServerVersion,
  StorageConfigInfo,
  UserInfo,
  MergeResult,
  ImportStatusInfo,
} from "./admin/types.js";
export type {
  CreateRepositoryOptions,
  DeleteOptions,
  PrefixListOptions,
  CreateRefOptions,
  CreateTagOptions,
  CommitOptions,
  LogOptions,
  DiffOptions,
  UncommittedOptions,
  MergeOptions,
  RevertOptions,
  CherryPickOptions,
  ResetChangesOptions,
  HardResetOptions,
  ImportSource,
  ImportOptions,
  WaitForImportOptions,
} from "./admin/options.js";
export type { ListOptions } from "./admin/paginate.js";
export { collect } from "./http/paginate.js";

// Object data: what the handles take and return.
export type { UploadObjectOptions, UploadObjectResult, DownloadObjectOptions, DownloadObjectResult } from "./transfer/options.js";
export type { UploadBody } from "./transfer/upload-body.js";
export type { OpenObjectOptions } from "./transfer/open-options.js";
export { ObjectReader, type ObjectReadResult } from "./transfer/object-reader.js";
export { ObjectWriteStream, type ObjectWritableStream } from "./transfer/object-write-stream.js";
export type { TransferProgress } from "./model/transfer-adapter.js";
export type { ReadObjectOptions, ReadObjectTextOptions, ByteRange } from "./gateway/objects/read-object.js";
export type { ObjectStat } from "./model/object-stat.js";
export type { DeleteObjectOptions } from "./gateway/objects/delete-object.js";
export type { DeleteObjectsResult, DeleteObjectsError } from "./gateway/objects/delete-objects.js";
export type { ListObjectsOptions, ObjectEntry, PrefixEntry } from "./gateway/objects/list-objects.js";
export type { CopyObjectOptions, CopyObjectResult } from "./gateway/objects/copy-object.js";
export type { PresignObjectOptions } from "./gateway/objects/presign-object.js";
export type { BranchTarget, BucketMapping, ScopedBranchTarget } from "./gateway/branch-scope/bucket-mapping.js";

// Configuration: what the client resolves on its first call, and where each setting came from.
export { resolveConfig } from "./config/resolve-config-on-demand.js";
export { describeSource } from "./config/describe-source.js";
export type { LakeFSClientConfig, ResolvedLakeFSConfig, ConfigSource, ChecksumMode, Logger } from "./config/types.js";
export type { DataPath } from "./config/data-path.js";
export type { CallOptions } from "./http/call-options.js";

// lakefs:// URIs.
export { parseLakeFSUri, formatLakeFSUri, type LakeFSUri } from "./uri/lakefs-uri.js";

// Errors: one hierarchy for both paths.
export { LakeFSError, type ErrorFault, type LakeFSErrorOptions } from "./errors/lakefs-error.js";
export {
  NotFoundError,
  RepositoryNotFoundError,
  RefNotFoundError,
  BranchNotFoundError,
  TagNotFoundError,
  ObjectNotFoundError,
} from "./errors/not-found-errors.js";
export { AuthenticationError, PermissionDeniedError, ProtectedBranchError } from "./errors/access-errors.js";
export {
  ValidationError,
  ReadOnlyRefError,
  ConfigurationError,
  NotSupportedError,
  PreconditionFailedError,
} from "./errors/input-errors.js";
export { ConflictError, MergeConflictError } from "./errors/conflict-errors.js";
export { ImportFailedError } from "./errors/import-errors.js";
export { HookFailedError } from "./errors/hook-failed-error.js";
export {
  ServerError,
  NetworkError,
  TlsError,
  TimeoutError,
  AbortError,
  OutcomeUnknownError,
  type TlsErrorCode,
} from "./errors/network-errors.js";
export { ProxyError, type ProxyErrorCode } from "./errors/proxy-errors.js";
export { ObjectStoreError, PresignUnsupportedError } from "./errors/object-store-errors.js";
