import type { S3Client } from "@aws-sdk/client-s3";
import type { Readable } from "node:stream";
import { ValidationError } from "../../errors/input-errors.js";
import { collectBody } from "../../http/collect-body.js";
import { retryBrokenBody } from "../../http/retry-broken-body.js";
import { maxAttemptsOf } from "./max-attempts.js";
import type { ObjectLocation } from "./object-location.js";
import { sendGetObject, type ReadObjectOptions } from "./send-get-object.js";
import { withTypedBodyErrors } from "./typed-body-errors.js";

export type { ByteRange, ReadObjectOptions } from "./send-get-object.js";

/**
 * Options of {@link readObjectText}.
 *
 * @public
 */
export interface ReadObjectTextOptions extends ReadObjectOptions {
  /** How the bytes are decoded. Default `"utf8"`. Any Node `BufferEncoding` (`"latin1"`, `"utf16le"`, `"base64"`, …). */
  readonly encoding?: BufferEncoding;
}

/**
 * Opens an object (or a byte range of it) for reading and returns the
 * response body as a Node `Readable`, without buffering: bytes flow as the
 * consumer reads. The caller must consume or destroy the stream, otherwise
 * its socket stays busy. Aborting the signal destroys the stream with the
 * toolkit's `AbortError`; a body that breaks off or stalls mid-way errors
 * with `NetworkError` (code `BodyReadError`) or `TimeoutError`.
 *
 * @example
 * ```ts
 * const stream = await readObjectStream(lakefs.s3, { repository: "repo", ref: "main", path: "logs/today.txt" }, { range: { start: 0, end: 1023 } });
 * await pipeline(stream, process.stdout);
 * ```
 *
 * @throws `RepositoryNotFoundError`, `RefNotFoundError`, `ObjectNotFoundError`,
 *   `PreconditionFailedError` (with `ifMatch`), `AbortError`, or a `LakeFSError`
 *   with status 416 for a range past the end.
 * @public
 */
export async function readObjectStream(s3: S3Client, location: ObjectLocation, options: ReadObjectOptions = {}): Promise<Readable> {
  // A body that breaks off or stalls mid-way errors with a typed LakeFSError, not Node's raw one.
  return withTypedBodyErrors((await sendGetObject(s3, location, options)).Body, "GetObject");
}

/**
 * Reads an object (or a byte range) into memory. For large objects prefer
 * {@link readObjectStream} or {@link downloadObject}.
 *
 * @returns The bytes, exactly `Content-Length` of them.
 * @throws Like {@link readObjectStream}; a body that breaks off or stalls is
 *   read again up to the client's `maxAttempts`, then fails with
 *   `NetworkError` (code `BodyReadError`/`BodyLengthMismatch`) or `TimeoutError`.
 * @public
 */
export async function readObjectBytes(s3: S3Client, location: ObjectLocation, options: ReadObjectOptions = {}): Promise<Uint8Array> {
  // A body that breaks off after the headers arrived is read again (the SDK retries only the request).
  return retryBrokenBody(
    await maxAttemptsOf(s3),
    async () => {
      const out = await sendGetObject(s3, location, options);
      return collectBody(out.Body, out.ContentLength, "GetObject", options.signal);
    },
    options.signal,
  );
}

/**
 * Reads an object (or a byte range) into memory and decodes it as text.
 *
 * @returns The text, decoded with `encoding` (default UTF-8; invalid sequences become U+FFFD).
 * @throws Like {@link readObjectBytes}.
 * @public
 */
export async function readObjectText(s3: S3Client, location: ObjectLocation, options: ReadObjectTextOptions = {}): Promise<string> {
  const encoding = options.encoding ?? "utf8";
  if (!Buffer.isEncoding(encoding)) throw new ValidationError(`Unknown encoding ${JSON.stringify(encoding)}`, { code: "InvalidOption" });
  const bytes = await readObjectBytes(s3, location, options);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
}
