/**
 * `lakefs-s3/s3`: S3-level plumbing for programs that work on an `S3Client`
 * directly: object functions over any gateway client (`lakefs.s3`,
 * `createS3Client()`), the middleware plugins behind the branch-scoped
 * clients and the refusal of unsupported operations, and settings for AWS
 * tools. The handles of the main entry use the same functions.
 *
 * @packageDocumentation
 */
export * from "./gateway/objects/index.js";
export { getBranchScopePlugin } from "./gateway/branch-scope/branch-scope-plugin.js";
export type { BranchTarget, BucketMapping } from "./gateway/branch-scope/bucket-mapping.js";
export { getUnsupportedOperationsPlugin, UNSUPPORTED_S3_OPERATIONS } from "./gateway/unsupported-operations.js";
export * from "./aws/index.js";
export type { CallOptions } from "./http/call-options.js";
