import type { RestClient } from "../admin/rest-client.js";
import type { ServerFacts, ServerFactsReader, StorageFacts } from "../config/server-facts.js";
import { throwIfAborted } from "../http/abort.js";

type StorageConfig = { blockstore_type: string; blockstore_id?: string; pre_sign_support: boolean; pre_sign_multipart_upload?: boolean; import_support: boolean };

function storageFacts(s: StorageConfig): StorageFacts {
  return {
    blockstoreType: s.blockstore_type,
    blockstoreId: s.blockstore_id,
    preSignSupport: s.pre_sign_support,
    preSignMultipartUpload: s.pre_sign_multipart_upload ?? false,
    importSupport: s.import_support,
  };
}

async function readServerFacts(rest: Promise<RestClient>): Promise<ServerFacts> {
  const config = await (await rest).request("get", "/config", {}, { operation: "getConfig" });
  // One storage answers `storage_config`; a multi-storage server answers the list instead.
  const storages = config.storage_config ? [config.storage_config] : (config.storage_config_list ?? []);
  return { version: config.version_config?.version, storages: storages.map(storageFacts) };
}

/** `promise`, or the toolkit's AbortError as soon as `signal` aborts (the promise itself runs on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  throwIfAborted(signal, "getConfig");
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      try {
        throwIfAborted(signal, "getConfig");
      } catch (err) {
        reject(err);
      }
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}

/**
 * The one {@link ServerFactsReader} of a client: `GET /api/v1/config` on the
 * client's HTTP stack, sent lazily on the first call and cached for the
 * client's lifetime (a failure is not cached). `rest` gives the client's REST
 * client, asked for on the first call.
 *
 * @internal
 */
export function serverFactsReader(rest: () => Promise<RestClient>): ServerFactsReader {
  let cached: Promise<ServerFacts> | undefined;
  return (options = {}) => {
    cached ??= readServerFacts(rest()).catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
    return untilAborted(cached, options.signal);
  };
}
