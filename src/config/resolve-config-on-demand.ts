import type { LakeFSClientConfig, ResolvedLakeFSConfig } from "./types.js";

/**
 * Resolves a client configuration from explicit options, `LAKECTL_*`
 * environment variables and the lakectl file, in that order of precedence.
 * The lakectl file is read only when options and environment leave something
 * open. Throws a {@link ConfigurationError} that lists the sources it looked
 * at when the endpoint or the credentials are missing.
 *
 * @public
 */
export async function resolveConfig(input: LakeFSClientConfig = {}): Promise<ResolvedLakeFSConfig> {
  // The resolution code loads on the first call: `createS3Client()` resolves on its first request,
  // so a program that only uses the gateway does not load it when it starts. The entry re-exports
  // this function rather than the implementation because esbuild keeps a dynamically imported
  // function in the importing program's start-up chunk when an entry it imports re-exports it.
  const { resolveConfig: resolve } = await import("./resolve-config.js");
  return resolve(input);
}
