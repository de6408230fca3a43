import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { UploadBody } from "../gateway/objects/upload-body.js";
import { throwIfAborted } from "../http/abort.js";

/** Bytes read from a file at a time while hashing it. */
const READ_SIZE = 1024 * 1024;

/**
 * The base64 MD5 of a body of known size, for the `Content-MD5` header of a
 * single presigned PUT: the store refuses a body that does not match it
 * (`BadDigest`), so bytes changed on the way, or a file or Blob that changed
 * between this read and the upload's, never become the object. Files and Blobs
 * are read once for it, never held whole.
 *
 * @internal
 */
export async function contentMd5(body: UploadBody, signal?: AbortSignal): Promise<string> {
  const hash = createHash("md5");
  if (typeof body === "string") hash.update(body, "utf8");
  else if (body instanceof Uint8Array) hash.update(body);
  else if (typeof Blob !== "undefined" && body instanceof Blob) await hashChunks(hash, body.stream(), signal);
  else if (typeof body === "object" && body !== null && "file" in body) await hashChunks(hash, createReadStream(body.file, { highWaterMark: READ_SIZE }), signal);
  else throw new Error("contentMd5 needs a body of known size");
  return hash.digest("base64");
}

async function hashChunks(hash: ReturnType<typeof createHash>, chunks: AsyncIterable<Uint8Array>, signal: AbortSignal | undefined): Promise<void> {
  for await (const chunk of chunks) {
    throwIfAborted(signal, "uploadObject");
    hash.update(chunk);
  }
}
