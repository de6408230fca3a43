/**
 * lakefs-s3: lakeFS from TypeScript.
 *
 * @packageDocumentation
 */
export { LakeFS } from "./client/lakefs.js";
export { createS3Client } from "./client/create-s3-client.js";
export {
  NEWEST_TESTED_LAKEFS,
  OLDEST_SUPPORTED_LAKEFS,
  compareServerVersions,
  parseServerVersion,
  serverVersionVerdict,
  type ParsedServerVersion,
  type ServerVersionVerdict,
} from "./client/server-version.js";
export { RestClient } from "./admin/rest-client.js";
export type { HttpMethod, PathsWithMethod, OperationAt, SuccessBody, RestRequestInit } from "./admin/rest-types.js";
export type { CallOptions } from "./http/call-options.js";
export type { paths as LakeFSApiPaths, components as LakeFSApiComponents } from "./admin/generated/openapi.js";
export {
  resolveConfig,
  normalizeEndpoint,
  describeSource,
  type LakeFSClientConfig,
  type ResolvedLakeFSConfig,
  type ConfigSource,
  type ChecksumMode,
  type Logger,
} from "./config/index.js";
export * from "./errors/index.js";
export { parseLakeFSUri, formatLakeFSUri, type LakeFSUri } from "./uri/lakefs-uri.js";
export {
  validateRepositoryName,
  validateBranchName,
  validateTagName,
  validateRef,
  validateObjectPath,
} from "./validation/names.js";
export * from "./admin/index.js";
export * from "./handles/index.js";
export { getBranchScopePlugin } from "./gateway/branch-scope/branch-scope-plugin.js";
export type { BranchTarget, BucketMapping } from "./gateway/branch-scope/bucket-mapping.js";
export { getUnsupportedOperationsPlugin, UNSUPPORTED_S3_OPERATIONS } from "./gateway/unsupported-operations.js";
export * from "./gateway/objects/index.js";
export * from "./aws/index.js";
