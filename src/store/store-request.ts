import type { Readable } from "node:stream";
import { HttpRequest } from "@smithy/protocol-http";
import { ObjectStoreError } from "../errors/object-store-errors.js";
import { fromNetworkError } from "../errors/from-network-error.js";
import { LakeFSError } from "../errors/lakefs-error.js";
import { throwIfAborted } from "../http/abort.js";
import type { HttpStack } from "../http/http-stack.js";
import { readBodyText } from "../http/read-body.js";
import type { WriteInto } from "../model/transfer-adapter.js";

/**
 * One request on a presigned URL, straight to the object store.
 *
 * @internal
 */
export interface StoreRequest {
  readonly method: "GET" | "PUT";
  /** The presigned URL. Carries credentials: it never reaches a message. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | Readable;
  /** Operation name for messages, such as `presignedPut`. */
  readonly operation: string;
  readonly signal?: AbortSignal;
  /** A GET's body may be written straight into this file (see `RangeSource.open`). */
  readonly writeInto?: WriteInto | undefined;
}

/**
 * A successful answer of the store, body unread.
 *
 * @internal
 */
export interface StoreResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readable;
}

/** What S3 (and MinIO), GCS and Azure answer when the body does not match its Content-MD5 or checksum header. */
const CHECKSUM_CODES = new Set(["BadDigest", "InvalidDigest", "Md5Mismatch", "XAmzContentChecksumMismatch"]);

/** Stores answer an expired presigned URL with 403 and one of these messages. */
const EXPIRED = /request has expired|expired|Signature not yet current/i;

/**
 * Sends a request on a presigned URL over the client's HTTP stack (same
 * agents, TLS trust, proxy and timeouts as lakeFS's requests) and turns a
 * non-2xx answer into an {@link ObjectStoreError} naming the store's code.
 *
 * @internal
 */
export async function sendToStore(stack: HttpStack, req: StoreRequest): Promise<StoreResponse> {
  throwIfAborted(req.signal, req.operation);
  const url = new URL(req.url);
  // The query goes in the path verbatim: re-encoding it could change what was signed.
  const request = new HttpRequest({
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    method: req.method,
    path: `${url.pathname}${url.search}`,
    headers: { host: url.host, ...req.headers },
    body: req.body,
  });
  let response;
  try {
    const options = { ...(req.signal ? { abortSignal: req.signal } : {}), ...(req.writeInto ? { writeInto: req.writeInto } : {}) };
    ({ response } = await stack.handler.handle(request, options));
  } catch (err) {
    const context = { operation: req.operation, endpoint: url.origin, server: "the object store" };
    throw fromNetworkError(err, context) ?? new LakeFSError(`${req.operation}: ${(err as Error).message}`, { cause: err });
  }
  const headers = response.headers as Record<string, string>;
  if (response.statusCode >= 200 && response.statusCode < 300) {
    return { status: response.statusCode, headers, body: response.body as Readable };
  }
  throw storeError(req.operation, url.host, response.statusCode, headers, await readBodyText(response.body, 64 * 1024).catch(() => ""));
}

/** An S3-style XML error body's `<Code>` and `<Message>`. */
function xmlField(text: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1];
}

function storeError(operation: string, host: string, status: number, headers: Record<string, string>, text: string): ObjectStoreError {
  const storeCode = xmlField(text, "Code") ?? `HTTP${status}`;
  const storeMessage = xmlField(text, "Message") ?? "";
  const expired = status === 403 && (storeCode === "AccessDenied" || storeCode === "ExpiredToken") && EXPIRED.test(storeMessage);
  const checksum = CHECKSUM_CODES.has(storeCode);
  const code = expired ? "PresignedUrlExpired" : checksum ? "ChecksumMismatch" : storeCode;
  const detail = `${storeCode}${storeMessage ? ` (${storeMessage.slice(0, 200)})` : ""}`;
  const what = expired ? "the presigned URL has expired" : checksum ? `${detail}: the body it received does not match its checksum, so it stored nothing` : detail;
  return new ObjectStoreError(`${operation}: the object store at ${host} answered ${status}: ${what}`, {
    status,
    code,
    operation,
    storeHost: host,
    requestId: headers["x-amz-request-id"] ?? headers["x-ms-request-id"] ?? headers["x-guploader-uploadid"],
    retryable: expired || status >= 500 || status === 429,
    fault: status >= 500 ? "server" : "client",
    hint: expired
      ? "A new URL is requested automatically; if this persists, check the clocks and lakeFS's blockstore pre_signed_expiry"
      : checksum
        ? "The bytes changed on the way, or the body changed while it was uploaded: upload again"
        : status === 403
        ? "The store refused lakeFS's signature: check lakeFS's blockstore credentials and the clock, or use dataPath: \"gateway\""
        : undefined,
  });
}
