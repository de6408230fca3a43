import { LakeFSError } from "./lakefs-error.js";
import { AbortError, NetworkError, TimeoutError, TlsError } from "./network-errors.js";
import { redact } from "./redact.js";

/**
 * Where a failed request was going, so that errors can name the endpoint and
 * the setting to change.
 *
 * @internal
 */
export interface RequestContext {
  /** The operation name for messages, such as `GetObject` or `createBranch`. */
  readonly operation?: string;
  /** The endpoint URL, without credentials. */
  readonly endpoint?: string;
  /** Where the endpoint setting came from, e.g. `env LAKECTL_SERVER_ENDPOINT_URL`. */
  readonly endpointSource?: string;
  /** Secret values to strip from any message. */
  readonly secrets?: readonly (string | undefined)[];
}

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "EPROTO",
]);

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
]);

const DROPPED_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE", "UND_ERR_SOCKET"]);

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; errno?: unknown; cause?: { code?: unknown } } | undefined;
  if (typeof e?.code === "string") return e.code;
  if (typeof e?.cause?.code === "string") return e.cause.code;
  return undefined;
}

/**
 * Turns an error raised before any HTTP response arrived (socket, DNS, TLS,
 * timeout, abort) into a {@link LakeFSError}. Returns `undefined` for errors
 * that are not of that kind.
 *
 * @internal
 */
export function fromNetworkError(err: unknown, context: RequestContext = {}): LakeFSError | undefined {
  if (err instanceof LakeFSError) return err;
  if (!(err instanceof Error)) return undefined;
  const code = errorCode(err);
  const where = context.endpoint ? ` ${context.endpoint}` : "";
  const op = context.operation ? `${context.operation}: ` : "";
  const detail = redact(err.message, context.secrets);
  const setting = context.endpointSource ? ` (set by ${context.endpointSource})` : "";
  const base = { operation: context.operation, cause: err };

  if (err.name === "AbortError" || code === "ABORT_ERR") {
    return new AbortError(`${op}the operation was aborted`, base);
  }
  if (err.name === "TimeoutError" || code === "ETIMEDOUT" || code === "ERR_HTTP_REQUEST_TIMEOUT") {
    return new TimeoutError(`${op}lakeFS at${where} did not answer in time: ${detail}`, {
      ...base,
      hint: "Raise connectionTimeout/requestTimeout, or check that the server is up and not overloaded",
    });
  }
  if (code && TLS_CODES.has(code) || /certificate|wrong version number|SSL routines|TLS/i.test(err.message)) {
    const wrongProtocol = /wrong version number|packet length too long|EPROTO/i.test(`${code} ${err.message}`);
    return new TlsError(`${op}TLS with lakeFS at${where} failed (${code ?? "TLS"}): ${detail}`, {
      ...base,
      code: code === "ERR_TLS_CERT_ALTNAME_INVALID" ? "TlsHostnameMismatch" : "TlsError",
      hint: wrongProtocol
        ? `The server does not speak TLS on that port: use http:// in the endpoint${setting}, or the server's HTTPS port`
        : code === "ERR_TLS_CERT_ALTNAME_INVALID"
          ? `The certificate does not name this host: use the host name the certificate was issued for in the endpoint${setting}`
          : "Trust the server's CA with the caCert option, or (for testing only) set insecure: true",
    });
  }
  if (code && UNREACHABLE_CODES.has(code)) {
    return new NetworkError(`${op}cannot reach lakeFS at${where} (${code})`, {
      ...base,
      code: "EndpointUnreachable",
      hint: `Check the endpoint${setting} and that lakeFS is running there`,
    });
  }
  if (code && DROPPED_CODES.has(code) || /socket hang up|other side closed|premature close/i.test(err.message)) {
    return new NetworkError(`${op}the connection to lakeFS at${where} was dropped (${code ?? "reset"}): ${detail}`, {
      ...base,
      code: "ConnectionReset",
    });
  }
  if (code && /^E[A-Z]+$/.test(code)) {
    return new NetworkError(`${op}network error talking to lakeFS at${where} (${code}): ${detail}`, base);
  }
  return undefined;
}
