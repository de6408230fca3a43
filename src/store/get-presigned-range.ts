import type { HttpStack } from "../http/http-stack.js";
import { ObjectStoreError } from "../errors/object-store-errors.js";
import { sendToStore } from "./store-request.js";

/**
 * Input of {@link getPresignedRange}.
 *
 * @internal
 */
export interface GetPresignedRangeInput {
  /** The presigned GET URL (carries credentials). */
  readonly url: string;
  /** First byte, inclusive. */
  readonly start: number;
  /** Last byte, inclusive. */
  readonly end: number;
  /** The ETag the bytes must belong to, unquoted; a different one is a `ChecksumMismatch`. */
  readonly etag?: string;
  readonly signal?: AbortSignal;
}

/**
 * Reads bytes `start..end` of an object through a presigned GET URL, checking
 * that the store sent exactly that many bytes of the expected version.
 *
 * @internal
 */
export async function getPresignedRange(stack: HttpStack, input: GetPresignedRangeInput): Promise<Buffer> {
  const res = await sendToStore(stack, {
    method: "GET",
    url: input.url,
    headers: { range: `bytes=${input.start}-${input.end}` },
    operation: "presignedGet",
    signal: input.signal,
  });
  const chunks: Buffer[] = [];
  for await (const chunk of res.body) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const etag = (res.headers.etag ?? "").replace(/^"|"$/g, "");
  const expected = input.end - input.start + 1;
  if (bytes.length !== expected || (input.etag && etag && etag !== input.etag)) {
    throw new ObjectStoreError(
      `presignedGet: the object store sent ${bytes.length} bytes of version ${etag || "?"} for a range of ${expected} bytes of version ${input.etag ?? "?"}`,
      { code: "ChecksumMismatch", operation: "presignedGet", status: res.status, storeHost: new URL(input.url).host,
        hint: "The object changed or the store answered wrongly; download again" },
    );
  }
  return bytes;
}
