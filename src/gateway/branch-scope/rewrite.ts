import type { BucketResolver } from "./bucket-mapping.js";
import { mapCopySource } from "./bucket-mapping.js";

type Mutable = Record<string, unknown>;

/** Input members that hold a key or key prefix. */
const KEY_INPUTS = ["Key", "StartAfter", "Marker", "KeyMarker"] as const;
/** Output members that hold a key or key prefix. */
const KEY_OUTPUTS = ["Key", "Prefix", "StartAfter", "Marker", "NextMarker", "KeyMarker", "NextKeyMarker"] as const;
/** Output lists whose items carry a `Key` (or `Prefix`). */
const KEY_LISTS = ["Contents", "Uploads", "Deleted", "Errors", "CommonPrefixes", "Versions", "DeleteMarkers"] as const;

/**
 * What the input rewrite remembers, to undo it on the output.
 *
 * @internal
 */
export interface RewriteState {
  readonly bucket: string;
  readonly keyPrefix: string;
}

/**
 * Rewrites a command input from the user's bucket namespace to the gateway's:
 * bucket → repository; keys, prefixes and markers get `<branch>/`; CopySource
 * and DeleteObjects keys likewise. Listing without a prefix is scoped to the
 * branch (the gateway would otherwise list branches). Returns the new input
 * and what to undo, or `undefined` for commands without a bucket.
 *
 * @internal
 */
export function rewriteInput(input: Mutable, resolve: BucketResolver, commandName: string): { input: Mutable; state: RewriteState } | undefined {
  const bucket = input.Bucket;
  const out: Mutable = { ...input };
  if (typeof input.CopySource === "string") out.CopySource = mapCopySource(input.CopySource, resolve);
  if (typeof bucket !== "string") return typeof input.CopySource === "string" ? { input: out, state: { bucket: "", keyPrefix: "" } } : undefined;
  const target = resolve(bucket);
  const keyPrefix = `${target.branch}/`;
  out.Bucket = target.repository;
  for (const name of KEY_INPUTS) {
    if (typeof input[name] === "string") out[name] = keyPrefix + (input[name] as string);
  }
  if (/^List(Objects|ObjectsV2|MultipartUploads|ObjectVersions)Command$/.test(commandName) || typeof input.Prefix === "string") {
    out.Prefix = keyPrefix + ((input.Prefix as string | undefined) ?? "");
  }
  const del = input.Delete as { Objects?: Array<{ Key?: string }> } | undefined;
  if (del?.Objects) {
    out.Delete = { ...del, Objects: del.Objects.map((o) => ({ ...o, Key: o.Key === undefined ? o.Key : keyPrefix + o.Key })) };
  }
  return { input: out, state: { bucket, keyPrefix } };
}

function strip(value: unknown, prefix: string): unknown {
  return typeof value === "string" && prefix && value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

/**
 * Undoes {@link rewriteInput} on a command output: keys and prefixes lose
 * `<branch>/`, the bucket name is the user's again. Continuation tokens are
 * opaque and pass through as they are.
 *
 * @internal
 */
export function rewriteOutput(output: Mutable, state: RewriteState): Mutable {
  if (!state.keyPrefix) return output;
  const out: Mutable = { ...output };
  for (const name of KEY_OUTPUTS) if (name in out) out[name] = strip(out[name], state.keyPrefix);
  for (const list of KEY_LISTS) {
    const items = out[list];
    if (Array.isArray(items)) {
      out[list] = items.map((item: Mutable) => {
        const copy = { ...item };
        if ("Key" in copy) copy.Key = strip(copy.Key, state.keyPrefix);
        if ("Prefix" in copy) copy.Prefix = strip(copy.Prefix, state.keyPrefix);
        return copy;
      });
    }
  }
  if ("Bucket" in out) out.Bucket = state.bucket;
  if ("Name" in out) out.Name = state.bucket;
  return out;
}
