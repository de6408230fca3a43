/**
 * lakefs-s3: lakeFS from TypeScript.
 *
 * @packageDocumentation
 */
export { LakeFS } from "./lakefs.js";
export { createS3Client } from "./gateway/create-s3-client.js";
export { RestClient } from "./admin/rest-client.js";
export type { HttpMethod, PathsWithMethod, OperationAt, SuccessBody, RestRequestInit, CallOptions } from "./admin/rest-types.js";
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
