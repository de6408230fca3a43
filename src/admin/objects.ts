import { validateObjectPath, validateRef, validateRepositoryName } from "../validation/names.js";
import { pinpointMissingRef } from "./pinpoint-missing-ref.js";
import type { RestClient } from "./rest-client.js";
import type { components } from "./generated/openapi.js";
import type { StatObjectInput } from "./options.js";
import type { ObjectStat } from "../model/object-stat.js";

const S3_META_PREFIX = /^x-amz-meta-/i;

/**
 * User metadata as the S3 path reports it: lakeFS stores what came through
 * the gateway under its header name (`X-Amz-Meta-owner`), which the gateway
 * answers as `owner`; other keys are kept as stored.
 */
function userMetadata(stored: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(stored ?? {})) {
    out[S3_META_PREFIX.test(key) ? key.replace(S3_META_PREFIX, "").toLowerCase() : key] = value;
  }
  return out;
}

/**
 * The REST stats in the shape the S3 path reports: `size_bytes` → `size`, `checksum` → `etag`, `mtime` (epoch seconds) → `lastModified`, metadata keys without `X-Amz-Meta-`.
 *
 * @internal
 */
export function toObjectStat(wire: components["schemas"]["ObjectStats"]): ObjectStat {
  return {
    path: wire.path,
    size: wire.size_bytes ?? 0,
    etag: wire.checksum,
    lastModified: new Date(wire.mtime * 1000),
    ...(wire.content_type !== undefined ? { contentType: wire.content_type } : {}),
    metadata: userMetadata(wire.metadata),
    physicalAddress: wire.physical_address,
    ...(wire.physical_address_expiry !== undefined ? { physicalAddressExpiry: new Date(wire.physical_address_expiry * 1000) } : {}),
  };
}

/** Implements {@link AdminClient.statObject}. @internal */
export async function statObject(rest: RestClient, input: StatObjectInput): Promise<ObjectStat> {
  const { repository, ref, path, ...opts } = input;
  validateRepositoryName(repository);
  validateRef(ref);
  validateObjectPath(path);
  try {
    const stats = await rest.request(
      "get",
      "/repositories/{repository}/refs/{ref}/objects/stat",
      { path: { repository, ref }, query: { path, user_metadata: true }, signal: opts.signal },
      { operation: "statObject", target: { repository, ref, refKind: "ref", path } },
    );
    return toObjectStat(stats);
  } catch (err) {
    // lakeFS answers the same bare "not found" for a missing ref and a missing object.
    throw await pinpointMissingRef(rest, repository, [{ ref, kind: "ref" }], err, opts.signal);
  }
}
