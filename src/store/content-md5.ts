import { createHash } from "node:crypto";
import type { PartBody } from "../model/transfer-adapter.js";
import { throwIfAborted } from "../http/abort.js";

/**
 * The base64 MD5 of a body, for the `Content-MD5` header of a single
 * presigned PUT: the store refuses a body that does not match it
 * (`BadDigest`), so bytes changed on the way, or a file or Blob that changed
 * between this read and the upload's, never become the object. A stream is
 * read once for it (the PUT reads a new one), never held whole.
 *
 * @internal
 */
export async function contentMd5(body: PartBody, signal?: AbortSignal): Promise<string> {
  const hash = createHash("md5");
  if (body instanceof Uint8Array) {
    hash.update(body);
  } else {
    try {
      for await (const chunk of body) {
        throwIfAborted(signal, "uploadObject");
        hash.update(chunk as Uint8Array);
      }
    } finally {
      body.destroy();
    }
  }
  return hash.digest("base64");
}
