import { HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { ObjectNotFoundError } from "../../errors/not-found-errors.js";
import { throwIfAborted } from "../../http/abort.js";
import { normalizeEtag } from "./etag.js";
import { toObjectError } from "./object-error.js";
import { objectKey, type ObjectLocation } from "./object-location.js";
import type { CallOptions } from "../../http/call-options.js";
import { validateReadLocation } from "./validate-location.js";
import type { ObjectStat } from "../../model/object-stat.js";

export type { ObjectStat } from "../../model/object-stat.js";

/**
 * Reads an object's size, ETag, modification time, content type and user
 * metadata with `HeadObject`, without its content.
 *
 * @throws `ObjectNotFoundError`, `RefNotFoundError`, `RepositoryNotFoundError`
 *   (the gateway answers a bare 404 to all three; the toolkit tells them apart
 *   with one listing on that error path), `AbortError`.
 * @public
 */
export async function statObject(s3: S3Client, location: ObjectLocation, options: CallOptions = {}): Promise<ObjectStat> {
  const operation = "HeadObject";
  validateReadLocation(location);
  throwIfAborted(options.signal, operation);
  try {
    const out = await s3.send(new HeadObjectCommand({ Bucket: location.repository, Key: objectKey(location) }), { abortSignal: options.signal });
    const etag = normalizeEtag(out.ETag);
    return {
      path: location.path,
      size: out.ContentLength ?? 0,
      ...(etag !== undefined ? { etag } : {}),
      ...(out.LastModified !== undefined ? { lastModified: out.LastModified } : {}),
      ...(out.ContentType !== undefined ? { contentType: out.ContentType } : {}),
      metadata: { ...out.Metadata },
    };
  } catch (err) {
    throw await toObjectError(err, { s3, operation, location, access: "read", signal: options.signal });
  }
}

/**
 * Whether an object exists at the location.
 *
 * @returns `false` only when the repository and the ref exist and the path does not.
 * @throws `RepositoryNotFoundError` or `RefNotFoundError` when those are
 *   missing (a missing ref is not a missing object), `AbortError`, and any
 *   other failure.
 * @public
 */
export async function objectExists(s3: S3Client, location: ObjectLocation, options: CallOptions = {}): Promise<boolean> {
  try {
    await statObject(s3, location, options);
    return true;
  } catch (err) {
    if (err instanceof ObjectNotFoundError) return false;
    throw err;
  }
}
