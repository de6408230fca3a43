/**
 * The internal entry: what the `lakefs-s3` command uses of the library beyond the
 * public API (the object functions it drives directly, the doctor's probes).
 * Not a package export; its contents may change in any release.
 *
 * @internal
 */
export { LakeFSError } from "./errors/lakefs-error.js";
export { ENV } from "./config/resolve-config.js";
export { type ConfigSource, type LakeFSClientConfig, type ResolvedLakeFSConfig } from "./config/types.js";
export { isDataPath, type DataPath } from "./config/data-path.js";
export { LakeFS } from "./client/lakefs.js";
export { displayUrl } from "./errors/redact.js";
export { fromNetworkError } from "./errors/from-network-error.js";
export { ProxyError } from "./errors/proxy-errors.js";
export { TlsError } from "./errors/network-errors.js";
export { readBodyText } from "./http/read-body.js";
export { trustedCas } from "./http/trusted-cas.js";
export { fromS3Error } from "./gateway/from-s3-error.js";
export { AuthenticationError, PermissionDeniedError } from "./errors/access-errors.js";
export { ObjectNotFoundError } from "./errors/not-found-errors.js";
export { listObjects } from "./gateway/objects/list-objects.js";
export { statObject } from "./gateway/objects/stat-object.js";
export { type ObjectLocation } from "./gateway/objects/object-location.js";
export { ValidationError } from "./errors/input-errors.js";
export { parseLakeFSUri } from "./uri/lakefs-uri.js";
export { MASKED_SECRET, formatAwsSettings, type AwsSettingsFormat } from "./aws/aws-settings.js";
export { resolveAwsSettings } from "./aws/resolve-aws-settings.js";
export { assertBranch } from "./gateway/objects/assert-branch.js";
export { validateBranchLocation } from "./gateway/objects/validate-location.js";
export { validateInteger } from "./validation/integer.js";
export { linkAbort } from "./http/abort.js";
export { NEWEST_TESTED_LAKEFS, serverVersionVerdict } from "./client/server-version.js";
export { runPool } from "./transfer/pool.js";
