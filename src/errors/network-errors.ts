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
 * The TLS handshake failed: an untrusted or self-signed certificate, a
 * hostname mismatch, an expired certificate, or HTTPS spoken to an HTTP port.
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
