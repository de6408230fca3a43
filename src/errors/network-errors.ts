import { LakeFSError, type LakeFSErrorOptions } from "./lakefs-error.js";

/**
 * The server answered with a 5xx status, or throttled the request.
 *
 * @public
 */
export class ServerError extends LakeFSError {
  override readonly name: string = "ServerError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, { status: 500, code: "ServerError", fault: "server", retryable: true, ...options });
  }
}

/**
 * No response was received: the endpoint is unreachable, the connection was
 * refused or reset, or the name does not resolve. `status` is `0`.
 *
 * @public
 */
export class NetworkError extends LakeFSError {
  override readonly name: string = "NetworkError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, { status: 0, code: "NetworkError", fault: "server", retryable: true, ...options });
  }
}

/**
 * Why TLS with lakeFS failed, as the `code` of a {@link TlsError}:
 *
 * - `TlsUntrustedCertificate`: the certificate is self-signed or issued by a CA
 *   that is not trusted (fix: option `caCert`; for tests only, `insecure`).
 * - `TlsHostnameMismatch`: the certificate does not name the endpoint's host.
 * - `TlsCertificateExpired`: the certificate is expired or not yet valid.
 * - `ServerNotTls`: `https://` was used but the port speaks plain HTTP.
 * - `ServerRequiresTls`: `http://` was used but the port speaks HTTPS.
 * - `TlsError`: any other handshake failure.
 *
 * @public
 */
export type TlsErrorCode =
  | "TlsUntrustedCertificate"
  | "TlsHostnameMismatch"
  | "TlsCertificateExpired"
  | "ServerNotTls"
  | "ServerRequiresTls"
  | "TlsError";

/**
 * The `code` the HTTP layer gives to the raw error it raises when a plain
 * HTTP request was answered by a TLS port's "plain HTTP sent to HTTPS port"
 * page. `fromNetworkError` turns it into a {@link TlsError}.
 *
 * @internal
 */
export const PLAIN_HTTP_TO_TLS_PORT = "ERR_LAKEFS_PLAIN_HTTP_TO_TLS_PORT";

/**
 * The TLS handshake failed: an untrusted or self-signed certificate, a
 * hostname mismatch, an expired certificate, or HTTPS spoken to an HTTP port
 * (and HTTP to an HTTPS port). The `code` says which: see {@link TlsErrorCode}.
 *
 * @public
 */
export class TlsError extends NetworkError {
  override readonly name: string = "TlsError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, { code: "TlsError", fault: "client", retryable: false, ...options });
  }
}

/**
 * The connection or the response took longer than the configured timeout.
 *
 * @public
 */
export class TimeoutError extends NetworkError {
  override readonly name: string = "TimeoutError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, { code: "TimeoutError", ...options });
  }
}

/**
 * The caller aborted the call through its `AbortSignal`.
 *
 * @public
 */
export class AbortError extends LakeFSError {
  override readonly name: string = "AbortError";
  constructor(message = "The operation was aborted", options: LakeFSErrorOptions = {}) {
    super(message, { status: 0, code: "AbortError", fault: "client", ...options });
  }
}

/**
 * A call that changes state and is not safe to repeat (commit, merge, revert)
 * lost its connection after the request was sent: it may or may not have taken
 * effect. The toolkit never sends such a call twice on its own.
 *
 * @public
 */
export class OutcomeUnknownError extends LakeFSError {
  override readonly name: string = "OutcomeUnknownError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, { status: 0, code: "OutcomeUnknown", fault: "server", retryable: false, ...options });
  }
}
