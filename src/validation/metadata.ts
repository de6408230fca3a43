import { ValidationError } from "../errors/input-errors.js";

/** S3's (and the gateway's) limit on user metadata: keys and values together, in UTF-8 bytes. */
const MAX_USER_METADATA_BYTES = 2 * 1024;
const USER_METADATA_KEY = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const USER_METADATA_VALUE = /^[\x20-\x7e]*$/;

/**
 * Checks an object's user metadata (S3 rules): keys must be HTTP header
 * tokens and values printable US-ASCII, because they travel as
 * `x-amz-meta-*` headers, and together at most 2 KiB (S3's limit, in UTF-8
 * bytes). The gateway stores keys in lower case. `undefined` passes.
 *
 * @internal
 */
export function validateUserMetadata(metadata: Readonly<Record<string, string>> | undefined): void {
  if (metadata === undefined) return;
  if (metadata === null || typeof metadata !== "object") {
    throw new ValidationError("metadata must be an object of string keys and values", { code: "InvalidMetadata" });
  }
  let bytes = 0;
  for (const [key, value] of Object.entries(metadata)) {
    if (!USER_METADATA_KEY.test(key)) {
      throw new ValidationError(`Invalid metadata key ${JSON.stringify(key)}: use letters, digits and - _ . only`, { code: "InvalidMetadata" });
    }
    if (typeof value !== "string" || !USER_METADATA_VALUE.test(value)) {
      throw new ValidationError(
        `Invalid metadata value for ${JSON.stringify(key)}: only printable US-ASCII is allowed (encode other text, e.g. with encodeURIComponent)`,
        { code: "InvalidMetadata" },
      );
    }
    bytes += Buffer.byteLength(key, "utf8") + Buffer.byteLength(value, "utf8");
  }
  // S3's limit, which the gateway enforces after the body has been sent (400 MetadataTooLarge).
  if (bytes > MAX_USER_METADATA_BYTES) {
    throw new ValidationError(`User metadata is ${bytes} bytes (keys and values); the limit is ${MAX_USER_METADATA_BYTES}`, {
      code: "MetadataTooLarge",
      hint: "Store large values in the object itself or in a separate object",
    });
  }
}

/**
 * Throws a {@link ValidationError} unless `metadata` is a plain object whose
 * values are all strings: lakeFS stores commit (and merge, revert, import)
 * and repository metadata as string maps, with no header rules or size limit
 * of S3's.
 *
 * @param what - What the map is, for the message (e.g. `"commit metadata"`).
 * @internal
 */
export function validateCommitMetadata(metadata: Readonly<Record<string, string>>, what = "metadata"): void {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw new ValidationError(`Invalid ${what}: it must be an object mapping strings to strings`, { code: "InvalidMetadata" });
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== "string") {
      throw new ValidationError(`Invalid ${what}: the value of ${JSON.stringify(key)} is a ${typeof value}; every value must be a string`, {
        code: "InvalidMetadata",
      });
    }
  }
}
