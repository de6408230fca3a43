import { CopyObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { NotSupportedError } from "../../errors/input-errors.js";
import type { LakeFSError } from "../../errors/lakefs-error.js";
import { throwIfAborted } from "../../http/abort.js";
import { normalizeEtag } from "./etag.js";
import { toObjectError } from "./object-error.js";
import { objectKey, type ObjectLocation } from "./object-location.js";
import type { CallOptions } from "../../http/call-options.js";
import { validateReadLocation, validateWriteLocation } from "./validate-location.js";
import { validateUserMetadata } from "../../validation/metadata.js";

/**
 * Options of {@link copyObject}.
 *
 * @public
 */
export interface CopyObjectOptions extends CallOptions {
  /**
   * Replace the user metadata with this (`MetadataDirective: REPLACE`).
   * Default: the source's metadata is kept.
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Not supported by lakeFS's gateway, which keeps the source's
   * `Content-Type` on every copy: giving it throws `NotSupportedError`
   * before anything is sent. Upload the content again to change it.
   */
  readonly contentType?: string;
}

/**
 * What {@link copyObject} wrote.
 *
 * @public
 */
export interface CopyObjectResult {
  /** ETag of the new object, unquoted. */
  readonly etag?: string;
}

/**
 * The `x-amz-copy-source` value for a location: the repository, then the
 * key percent-encoded segment by segment (the gateway reads a raw `+` as a
 * space).
 *
 * @internal
 */
export function copySource(location: ObjectLocation): string {
  return `${location.repository}/${objectKey(location).split("/").map(encodeURIComponent).join("/")}`;
}

/**
 * Copies an object server-side with `CopyObject`: from any ref (branch, tag,
 * commit) to a path on a branch, in the same repository or in another one on
 * the same storage. Keys with spaces, `+` and non-ASCII characters are
 * encoded correctly.
 *
 * @throws `ObjectNotFoundError`/`RefNotFoundError` for a missing source (the
 *   gateway answers `NoSuchKey` even for a missing source repository),
 *   `BranchNotFoundError`/`ReadOnlyRefError`/`RepositoryNotFoundError` for the
 *   destination, `ProtectedBranchError`, `NotSupportedError` for
 *   `contentType`, `AbortError`.
 * @public
 */
export async function copyObject(
  s3: S3Client,
  from: ObjectLocation,
  to: ObjectLocation,
  options: CopyObjectOptions = {},
): Promise<CopyObjectResult> {
  const operation = "CopyObject";
  validateReadLocation(from);
  validateWriteLocation(to);
  validateUserMetadata(options.metadata);
  if (options.contentType !== undefined) {
    throw new NotSupportedError(`${operation}: lakeFS's S3 gateway keeps the source's Content-Type on copy`, {
      operation,
      hint: "Upload the content again with the new contentType instead",
    });
  }
  const signal = options.signal;
  throwIfAborted(signal, operation);
  try {
    const out = await s3.send(
      new CopyObjectCommand({
        Bucket: to.repository,
        Key: objectKey(to),
        CopySource: copySource(from),
        ...(options.metadata !== undefined ? { MetadataDirective: "REPLACE", Metadata: { ...options.metadata } } : {}),
      }),
      { abortSignal: signal },
    );
    const etag = normalizeEtag(out.CopyObjectResult?.ETag);
    return etag !== undefined ? { etag } : {};
  } catch (err) {
    // NoSuchKey is about the source; NoSuchBucket, protection and the rest about the destination.
    const code = (err as { Code?: string; name?: string } | undefined)?.Code ?? (err as { name?: string } | undefined)?.name;
    const mapped: LakeFSError =
      code === "NoSuchKey"
        ? await toObjectError(err, { s3, operation, location: from, access: "read", signal })
        : await toObjectError(err, { s3, operation, location: to, access: "write", signal });
    throw mapped;
  }
}
