import { LakeFSError } from "../errors/lakefs-error.js";
import { camelize } from "./camelize.js";
import type { RestClient } from "./rest-client.js";
import type { CallOptions } from "../http/call-options.js";
import type { ServerVersion, StorageConfigInfo, UserInfo } from "./types.js";

/** Implements {@link AdminClient.healthCheck}. @internal */
export async function healthCheck(rest: RestClient, opts: CallOptions = {}): Promise<void> {
  await rest.request("get", "/healthcheck", { signal: opts.signal }, { operation: "healthCheck" });
}

/** Implements {@link AdminClient.getVersion}. @internal */
export async function getVersion(rest: RestClient, opts: CallOptions = {}): Promise<ServerVersion> {
  // `/config/version` is deprecated in 1.84; `/config` carries the same object.
  const config = await rest.request("get", "/config", { signal: opts.signal }, { operation: "getVersion" });
  return camelize(config.version_config ?? {});
}

/** Implements {@link AdminClient.getStorageConfig}. @internal */
export async function getStorageConfig(rest: RestClient, opts: CallOptions = {}): Promise<StorageConfigInfo> {
  // `/config/storage` is deprecated in 1.84; `/config` has `storage_config`, or a list when several blockstores are set up.
  const config = await rest.request("get", "/config", { signal: opts.signal }, { operation: "getStorageConfig" });
  const storage = config.storage_config ?? config.storage_config_list?.[0];
  if (storage === undefined) {
    throw new LakeFSError("getStorageConfig: the server's /config response has no storage configuration", {
      code: "UnexpectedResponse",
      operation: "getStorageConfig",
    });
  }
  return camelize(storage);
}

/** Implements {@link AdminClient.getCurrentUser}. @internal */
export async function getCurrentUser(rest: RestClient, opts: CallOptions = {}): Promise<UserInfo> {
  const current = await rest.request("get", "/user", { signal: opts.signal }, { operation: "getCurrentUser" });
  return camelize(current.user);
}
