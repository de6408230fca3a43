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
  readonly signal?: AbortSignal;
}

/**
 * Bytes of one range and the store's ETag of the version they came from.
 *
 * @internal
 */
export interface PresignedRange {
  readonly bytes: Buffer;
  /** The store's ETag, unquoted ("" when it sent none). */
  readonly etag: string;
}

/**
 * Reads bytes `start..end` of an object through a presigned GET URL, checking
 * that the store sent exactly that many bytes (`ChecksumMismatch` otherwise).
 *
 * @internal
 */
export async function getPresignedRange(stack: HttpStack, input: GetPresignedRangeInput): Promise<PresignedRange> {
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
  const expected = input.end - input.start + 1;
  if (bytes.length !== expected) {
    throw new ObjectStoreError(`presignedGet: the object store sent ${bytes.length} bytes for a range of ${expected} bytes`, {
      code: "ChecksumMismatch",
      operation: "presignedGet",
      status: res.status,
      storeHost: new URL(input.url).host,
      hint: "Download again",
    });
  }
  return { bytes, etag: (res.headers.etag ?? "").replace(/^"|"$/g, "") };
}
