import type { Readable } from "node:stream";
import type { HttpStack } from "../http/http-stack.js";
import { sendToStore } from "./store-request.js";
import { abortError, onAbort } from "../http/abort.js";
import type { WriteInto } from "../model/transfer-adapter.js";

/**
 * Input of {@link openPresignedRange}.
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
  /** Where the body may be written directly. */
  readonly writeInto?: WriteInto | undefined;
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
    writeInto: input.writeInto,
  });
  const signal = input.signal;
  // An abort while the body is read (the caller's, or a failed sibling range's) ends it at once.
  if (signal) res.body.once("close", onAbort(signal, () => res.body.destroy(abortError(signal, "presignedGet"))));
  return {
    body: res.body,
    etag: (res.headers.etag ?? "").replace(/^"|"$/g, ""),
  };
}
