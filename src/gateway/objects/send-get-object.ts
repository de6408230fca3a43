import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from "@aws-sdk/client-s3";
import { abortError, onAbort, throwIfAborted } from "../../http/abort.js";
import { Readable } from "node:stream";
import { PreconditionFailedError } from "../../errors/input-errors.js";
import { normalizeEtag, quoteEtag } from "./etag.js";
import { toObjectError } from "./object-error.js";
import { objectKey, type ObjectLocation } from "./object-location.js";
import type { CallOptions } from "../../http/call-options.js";
import type { WriteInto } from "../../model/transfer-adapter.js";
import { validateReadLocation } from "./validate-location.js";
import { validateInteger } from "../../validation/integer.js";

/**
 * A byte range: `start` to `end`, both inclusive and 0-based, as in the HTTP
 * `Range` header and `fs.createReadStream`. Without `end`, to the last byte.
 *
 * @public
 */
export interface ByteRange {
  /** First byte, 0-based. */
  readonly start: number;
  /** Last byte, inclusive. Default: the object's last byte. */
  readonly end?: number;
}

/**
 * Options of the read calls.
 *
 * @public
 */
export interface ReadObjectOptions extends CallOptions {
  /**
   * Read only these bytes (sent as a `Range` header). A range that starts at
   * or past the end (including any range of an empty object) fails with
   * status 416, code `InvalidRange`.
   */
  readonly range?: ByteRange;
  /**
   * Read only if the object's ETag is this one (quoted or not); otherwise fail
   * with `PreconditionFailedError`. The gateway ignores `If-Match` on reads,
   * so the toolkit compares the response's ETag itself and never hands out
   * the body of a different version.
   */
  readonly ifMatch?: string;
}

/**
 * A GET response whose body is a Node `Readable`.
 *
 * @internal
 */
export type GetObjectResponse = Omit<GetObjectCommandOutput, "Body"> & { readonly Body: Readable };

/** `bytes=start-end` for a {@link ByteRange}. @internal */
export function rangeHeader(range: ByteRange): string {
  validateInteger("range.start", range.start, { min: 0 });
  if (range.end !== undefined) validateInteger("range.end", range.end, { min: range.start });
  return `bytes=${range.start}-${range.end ?? ""}`;
}

function toReadable(body: unknown): Readable {
  if (body instanceof Readable) return body;
  if (typeof ReadableStream !== "undefined" && body instanceof ReadableStream) return Readable.fromWeb(body as import("node:stream/web").ReadableStream);
  if (body === undefined || body === null) return Readable.from([]);
  throw new TypeError("GetObject returned a body that is not a stream");
}

/**
 * Sends `GetObject` and returns the response with its body still streaming.
 * Validates the location first, maps errors like every object call, checks
 * `ifMatch` against the response's ETag (the gateway ignores `If-Match`), and
 * ties the body to the signal: an abort while the body is read destroys it
 * with the toolkit's `AbortError`.
 *
 * @internal
 */
export async function sendGetObject(
  s3: S3Client,
  location: ObjectLocation,
  options: ReadObjectOptions,
  operation = "GetObject",
  writeInto?: WriteInto,
): Promise<GetObjectResponse> {
  validateReadLocation(location);
  const range = options.range ? rangeHeader(options.range) : undefined;
  const signal = options.signal;
  throwIfAborted(signal, operation);
  let out: GetObjectCommandOutput;
  try {
    out = await s3.send(
      new GetObjectCommand({
        Bucket: location.repository,
        Key: objectKey(location),
        ...(range ? { Range: range } : {}),
        ...(options.ifMatch !== undefined ? { IfMatch: quoteEtag(options.ifMatch) } : {}),
      }),
      // The HTTP handler reads writeInto: the body may be written straight into that file.
      { abortSignal: signal, ...(writeInto ? { writeInto } : {}) },
    );
  } catch (err) {
    throw await toObjectError(err, { s3, operation, location, access: "read", signal });
  }
  const body = toReadable(out.Body);
  if (options.ifMatch !== undefined && normalizeEtag(out.ETag) !== normalizeEtag(options.ifMatch)) {
    body.destroy();
    throw new PreconditionFailedError(
      `${operation}: ${location.path} on ${location.repository}/${location.ref} has ETag ${normalizeEtag(out.ETag) ?? "(none)"}, not ${normalizeEtag(options.ifMatch)}`,
      { operation, requestId: out.$metadata.requestId },
    );
  }
  if (signal) body.once("close", onAbort(signal, () => body.destroy(abortError(signal, operation))));
  return { ...out, Body: body };
}
