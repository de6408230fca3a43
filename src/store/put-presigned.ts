import type { Readable } from "node:stream";
import type { HttpStack } from "../http/http-stack.js";
import { readBodyText } from "../http/read-body.js";
import { sendToStore } from "./store-request.js";

/**
 * Input of {@link putPresigned}.
 *
 * @internal
 */
export interface PutPresignedInput {
  /** The presigned PUT URL (carries credentials). */
  readonly url: string;
  /** The bytes, or a stream of exactly `size` bytes. */
  readonly body: Uint8Array | Readable;
  readonly size: number;
  /**
   * Base64 MD5 of the body, sent as `Content-MD5`: the store then refuses a
   * body that does not match (`ChecksumMismatch`) instead of storing it.
   */
  readonly contentMd5?: string;
  readonly signal?: AbortSignal;
}

/**
 * PUTs a body to a presigned URL on the object store and returns the store's
 * ETag, unquoted (what lakeFS expects as the checksum when linking).
 *
 * @internal
 */
export async function putPresigned(stack: HttpStack, input: PutPresignedInput): Promise<string> {
  const res = await sendToStore(stack, {
    method: "PUT",
    url: input.url,
    headers: { "content-length": String(input.size), ...(input.contentMd5 !== undefined ? { "content-md5": input.contentMd5 } : {}) },
    body: input.body,
    operation: "presignedPut",
    signal: input.signal,
  });
  await readBodyText(res.body, 64 * 1024);
  return (res.headers.etag ?? "").replace(/^"|"$/g, "");
}
