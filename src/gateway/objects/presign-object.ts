import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { ValidationError } from "../../errors/input-errors.js";
import { LakeFSError } from "../../errors/lakefs-error.js";
import { throwIfAborted } from "../../http/abort.js";
import { redact } from "../../errors/redact.js";
import { objectKey, type ObjectLocation } from "./object-location.js";
import type { CallOptions } from "../../http/call-options.js";
import { validateReadLocation, validateWriteLocation } from "./validate-location.js";
import { validateInteger } from "../../validation/integer.js";

/** 7 days: SigV4's longest presigned URL. */
const MAX_EXPIRES_IN = 604_800;

/**
 * Options of {@link presignObject}.
 *
 * @public
 */
export interface PresignObjectOptions extends CallOptions {
  /** `"GET"` to share a read, `"PUT"` (branches only) to let someone upload one object. Default `"GET"`. */
  readonly method?: "GET" | "PUT";
  /** Seconds the URL stays valid. Default 900 (15 minutes); from 1 to 604,800 (7 days). */
  readonly expiresIn?: number;
  /** For `"PUT"`: the `Content-Type` that is signed; the uploader must send exactly this header. */
  readonly contentType?: string;
}

/**
 * Creates a SigV4 presigned URL for the object on the gateway, usable by any
 * HTTP client (`fetch`, `curl`) without credentials until it expires. Signing
 * happens locally; nothing is sent to lakeFS, so a missing object or branch
 * shows only when the URL is used. A PUT URL is refused for anything but a
 * branch name, and its uploader must send `Content-Type: contentType` when one
 * was given.
 *
 * @example
 * ```ts
 * const url = await presignObject(s3, { repository: "repo", ref: "main", path: "in/upload.csv" }, { method: "PUT", expiresIn: 3600 });
 * await fetch(url, { method: "PUT", body: csv });
 * ```
 *
 * @public
 */
export async function presignObject(s3: S3Client, location: ObjectLocation, options: PresignObjectOptions = {}): Promise<string> {
  const method = options.method ?? "GET";
  const operation = `presign ${method}`;
  if (method !== "GET" && method !== "PUT") {
    throw new ValidationError(`Invalid method ${JSON.stringify(method)}: use "GET" or "PUT"`, { code: "InvalidOption" });
  }
  if (method === "PUT") validateWriteLocation(location);
  else validateReadLocation(location);
  const expiresIn = options.expiresIn ?? 900;
  validateInteger("expiresIn", expiresIn, { min: 1, max: MAX_EXPIRES_IN });
  if (options.contentType !== undefined && method !== "PUT") {
    throw new ValidationError("contentType applies to PUT URLs only", { code: "InvalidOption" });
  }
  throwIfAborted(options.signal, operation);
  const input = { Bucket: location.repository, Key: objectKey(location) };
  try {
    // Loaded on first use: most programs never presign, and a cold start need not load it.
    const { getSignedUrl } = await import("@aws-sdk/s3-request-presigner");
    const url =
      method === "PUT"
        ? await getSignedUrl(s3, new PutObjectCommand({ ...input, ...(options.contentType !== undefined ? { ContentType: options.contentType } : {}) }), {
            expiresIn,
            ...(options.contentType !== undefined ? { signableHeaders: new Set(["content-type"]) } : {}),
          })
        : await getSignedUrl(s3, new GetObjectCommand(input), { expiresIn });
    throwIfAborted(options.signal, operation);
    return url;
  } catch (err) {
    if (err instanceof LakeFSError) throw err;
    throw new LakeFSError(`${operation}: signing failed: ${redact(err instanceof Error ? err.message : String(err))}`, { operation, cause: err });
  }
}
