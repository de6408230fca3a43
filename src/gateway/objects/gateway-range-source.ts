import type { S3Client } from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import { LakeFSError } from "../../errors/lakefs-error.js";
import type { RangeSource } from "../../model/transfer-adapter.js";
import { normalizeEtag } from "./etag.js";
import { maxAttemptsOf } from "./max-attempts.js";
import type { ObjectLocation } from "./object-location.js";
import { sendGetObject, type GetObjectResponse } from "./send-get-object.js";

/** The object's total size from a ranged answer's `Content-Range` (`bytes 0-99/1234` → 1234); `undefined` without one. */
function totalSize(out: GetObjectResponse): number | undefined {
  const match = /\/(\d+)\s*$/.exec(out.ContentRange ?? "");
  return match?.[1] !== undefined ? Number(match[1]) : undefined;
}

/**
 * The gateway's side of a download: ranged `GetObject`s with `If-Match` once
 * the version is known (checked against the answer's ETag by
 * `sendGetObject`, since the gateway ignores it on reads). The SDK retries
 * retryable answers. An empty object has no byte 0, so the gateway answers the
 * first range with 416: that is an empty object here.
 *
 * @internal
 */
export async function gatewayRangeSource(s3: S3Client, location: ObjectLocation, operation = "downloadObject"): Promise<RangeSource> {
  return {
    operation,
    maxAttempts: await maxAttemptsOf(s3),
    retriesAnswers: true,
    async open(span, etag, signal, into) {
      let res: GetObjectResponse;
      try {
        res = await sendGetObject(s3, location, { range: span, ...(etag !== undefined ? { ifMatch: etag } : {}), signal }, operation, into);
      } catch (err) {
        if (etag === undefined && span.start === 0 && err instanceof LakeFSError && err.status === 416 && !signal.aborted) {
          return { body: Readable.from([]), size: 0, etag: undefined };
        }
        throw err;
      }
      return { body: res.Body, size: totalSize(res), etag: normalizeEtag(res.ETag) };
    },
  };
}
