export { resolveConfig, ENV } from "./resolve-config.js";
export { normalizeEndpoint } from "./normalize-endpoint.js";
export { describeSource } from "./describe-source.js";
export { readLakectlFile, type LakectlFileSettings } from "./read-lakectl-file.js";
export type { LakeFSClientConfig, ResolvedLakeFSConfig, ConfigSource, ChecksumMode, Logger } from "./types.js";
