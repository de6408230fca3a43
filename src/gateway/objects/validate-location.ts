import { ValidationError } from "../../errors/input-errors.js";
import { validateBranchName, validateObjectPath, validateRef, validateRepositoryName } from "../../validation/names.js";
import type { ObjectLocation, RefLocation } from "./object-location.js";

/**
 * Checks a location that is only read: a valid repository name, a plausible
 * ref and a non-empty path. Sends nothing.
 *
 * @internal
 */
export function validateReadLocation(loc: RefLocation & { readonly path?: string }, requirePath = true): void {
  if (loc === null || typeof loc !== "object") throw new ValidationError("A location { repository, ref, path } is required", { code: "InvalidLocation" });
  validateRepositoryName(loc.repository);
  validateRef(loc.ref);
  if (requirePath && (typeof loc.path !== "string" || loc.path.length === 0)) {
    throw new ValidationError("Invalid object path: it must not be empty", { code: "InvalidObjectPath" });
  }
}

/**
 * Checks a location that is written: a valid repository name, a branch name
 * (a ref expression such as `main~1` throws `ReadOnlyRefError`) and a path
 * that `validateObjectPath` accepts (the path within 1,024 UTF-8 bytes,
 * no control characters, no `.`/`..` segments). Sends nothing.
 *
 * @internal
 */
export function validateWriteLocation(loc: ObjectLocation): void {
  validateBranchLocation(loc);
  validateObjectPath(loc.path);
}

/**
 * Checks a repository and a branch name. Sends nothing.
 *
 * @internal
 */
export function validateBranchLocation(loc: RefLocation): void {
  if (loc === null || typeof loc !== "object") throw new ValidationError("A location { repository, ref } is required", { code: "InvalidLocation" });
  validateRepositoryName(loc.repository);
  validateBranchName(loc.ref, loc.repository);
}

/** S3's (and the gateway's) limit on user metadata: keys and values together, in UTF-8 bytes. */
const MAX_METADATA_BYTES = 2 * 1024;
const METADATA_KEY = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const METADATA_VALUE = /^[\x20-\x7e]*$/;

/**
 * Checks user metadata: keys must be HTTP header tokens and values printable
 * US-ASCII, because they travel as `x-amz-meta-*` headers, and together at
 * most 2 KiB (S3's limit). The gateway stores keys in lower case.
 *
 * @internal
 */
export function validateMetadata(metadata: Readonly<Record<string, string>> | undefined): void {
  if (metadata === undefined) return;
  if (metadata === null || typeof metadata !== "object") {
    throw new ValidationError("metadata must be an object of string keys and values", { code: "InvalidMetadata" });
  }
  let bytes = 0;
  for (const [key, value] of Object.entries(metadata)) {
    if (!METADATA_KEY.test(key)) {
      throw new ValidationError(`Invalid metadata key ${JSON.stringify(key)}: use letters, digits and - _ . only`, { code: "InvalidMetadata" });
    }
    if (typeof value !== "string" || !METADATA_VALUE.test(value)) {
      throw new ValidationError(
        `Invalid metadata value for ${JSON.stringify(key)}: only printable US-ASCII is allowed (encode other text, e.g. with encodeURIComponent)`,
        { code: "InvalidMetadata" },
      );
    }
    bytes += Buffer.byteLength(key, "utf8") + Buffer.byteLength(value, "utf8");
  }
  // S3's limit, which the gateway enforces after the body has been sent (400 MetadataTooLarge).
  if (bytes > MAX_METADATA_BYTES) {
    throw new ValidationError(`User metadata is ${bytes} bytes (keys and values); the limit is ${MAX_METADATA_BYTES}`, {
      code: "MetadataTooLarge",
      hint: "Store large values in the object itself or in a separate object",
    });
  }
}

/**
 * Checks that `value` is an integer within `[min, max]`, naming the option in
 * the error.
 *
 * @internal
 */
export function validateInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ValidationError(`Invalid ${name} ${String(value)}: it must be an integer from ${min} to ${max}`, { code: "InvalidOption" });
  }
}
