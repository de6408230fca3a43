import type { Readable } from "node:stream";
import type { HttpStack } from "../http/http-stack.js";
import { ObjectStoreError } from "../errors/object-store-errors.js";
import { sendToStore } from "./store-request.js";

/**
 * Input of {@link getPresignedRange} and {@link openPresignedRange}.
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
 * One range's answer, its body unread: chunks as they come off the socket.
 *
 * @internal
 */
export interface PresignedRangeBody {
  readonly body: Readable;
  /** The store's ETag, unquoted ("" when it sent none). */
  readonly etag: string;
  /**
   * Throws `ChecksumMismatch` unless `received` is the range's length: call it
   * once the body has ended.
   */
  checkLength(received: number): void;
}

/**
 * Sends a ranged GET on a presigned URL and hands back the body unread, so
 * that the caller can write its chunks where they belong without gathering them.
 *
 * @internal
 */
export async function openPresignedRange(stack: HttpStack, input: GetPresignedRangeInput): Promise<PresignedRangeBody> {
  const res = await sendToStore(stack, {
    method: "GET",
    url: input.url,
    headers: { range: `bytes=${input.start}-${input.end}` },
    operation: "presignedGet",
    signal: input.signal,
  });
  const expected = input.end - input.start + 1;
  return {
    body: res.body,
    etag: (res.headers.etag ?? "").replace(/^"|"$/g, ""),
    checkLength(received) {
      if (received === expected) return;
      throw new ObjectStoreError(`presignedGet: the object store sent ${received} bytes for a range of ${expected} bytes`, {
        code: "ChecksumMismatch",
        operation: "presignedGet",
        status: res.status,
        storeHost: new URL(input.url).host,
        hint: "Download again",
      });
    },
  };
}

/**
 * Reads bytes `start..end` of an object through a presigned GET URL, checking
 * that the store sent exactly that many bytes (`ChecksumMismatch` otherwise).
 *
 * @internal
 */
export async function getPresignedRange(stack: HttpStack, input: GetPresignedRangeInput): Promise<PresignedRange> {
  const range = await openPresignedRange(stack, input);
  const chunks: Buffer[] = [];
  for await (const chunk of range.body) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  range.checkLength(bytes.length);
  return { bytes, etag: range.etag };
}
