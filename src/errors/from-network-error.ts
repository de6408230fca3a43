import { LakeFSError } from "./lakefs-error.js";
import { AbortError, NetworkError, PLAIN_HTTP_TO_TLS_PORT, TimeoutError, TlsError, type TlsErrorCode } from "./network-errors.js";
import { ProxyError, proxyRouteOf, type ProxyRoute } from "./proxy-errors.js";
import { redact, redactedCause } from "./redact.js";

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

/** Certificate chain problems: fixed by trusting the CA. */
const UNTRUSTED_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "INVALID_CA",
]);
const EXPIRED_CODES = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);
const HOSTNAME_CODES = new Set(["ERR_TLS_CERT_ALTNAME_INVALID", "HOSTNAME_MISMATCH"]);
/** OpenSSL's words for a TLS record that is not TLS: the other side speaks plain HTTP. */
const NOT_TLS = /wrong version number|packet length too long|unknown protocol|ERR_SSL_WRONG_VERSION_NUMBER|ERR_SSL_PACKET_LENGTH_TOO_LONG/i;
const OTHER_TLS = /certificate|SSL routines|secure TLS connection|ssl3_|tls_/i;

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
]);

/** The `socks` client's words for a proxy that answered the connect request with an error reply. */
const SOCKS_REFUSAL = /Socks[45]a? proxy rejected connection - (\w+)/i;

const DROPPED_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE", "UND_ERR_SOCKET"]);

/** OpenSSL's reason from a message such as `write EPROTO 80…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…`. */
function tlsDetail(detail: string): string {
  const reason = /SSL routines:[^:]*:([^:]+)/.exec(detail)?.[1];
  return reason ? `${reason} (OpenSSL)` : detail.trim();
}

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; errno?: unknown; cause?: { code?: unknown } } | undefined;
  if (typeof e?.code === "string") return e.code;
  if (typeof e?.cause?.code === "string") return e.cause.code;
  return undefined;
}

/** What went wrong with TLS, or `undefined` if the error is not about TLS. */
function tlsProblem(code: string | undefined, message: string): TlsErrorCode | undefined {
  if (code && UNTRUSTED_CODES.has(code)) return "TlsUntrustedCertificate";
  if (code && HOSTNAME_CODES.has(code)) return "TlsHostnameMismatch";
  if (code && EXPIRED_CODES.has(code)) return "TlsCertificateExpired";
  if (NOT_TLS.test(`${code ?? ""} ${message}`)) return "ServerNotTls";
  if (code?.startsWith("ERR_SSL_") || code?.startsWith("ERR_TLS_") || code === "EPROTO" || OTHER_TLS.test(message)) {
    return "TlsError";
  }
  return undefined;
}

/** The timeout setting an error came from, judged by the HTTP handler's message. */
function timeoutSetting(message: string, code: string | undefined): string {
  if (/did not establish a connection|connectionTimeout/i.test(message)) return "connectionTimeout";
  if (/requestTimeout/i.test(message)) return "requestTimeout";
  if (/of inactivity/i.test(message)) return "socketTimeout";
  return code === "ETIMEDOUT" ? "connectionTimeout" : "connectionTimeout/requestTimeout/socketTimeout";
}

function hostOf(target: string): string {
  return target.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
}

/** How to stop using the proxy, phrased for where it was set. */
function bypassHint(failure: ProxyRoute): string {
  return failure.source === "option proxy"
    ? "or pass proxy: false to connect directly"
    : `or add ${hostOf(failure.target)} to NO_PROXY to connect directly`;
}

function proxyError(
  err: Error,
  code: string | undefined,
  failure: ProxyRoute,
  context: RequestContext,
  detail: string,
): ProxyError {
  const op = context.operation ? `${context.operation}: ` : "";
  const proxy = `the proxy ${failure.proxy} (from ${failure.source})`;
  const base = { operation: context.operation, cause: redactedCause(err, context.secrets), proxy: failure.proxy };
  const toLakeFS = context.endpoint ? ` on the way to lakeFS at ${context.endpoint}` : "";

  const answer = `${failure.status ?? ""}${failure.statusText ? ` ${failure.statusText}` : ""}`;
  if (failure.status === 407 || failure.status === 401) {
    const hasUser = /^[a-z][a-z0-9+.-]*:\/\/[^/@]+@/i.test(failure.proxy);
    return new ProxyError(
      hasUser
        ? `${op}${proxy} rejected the credentials in the proxy URL (${answer})`
        : `${op}${proxy} requires credentials (${answer})`,
      {
        ...base,
        code: "ProxyAuthenticationRequired",
        status: failure.status,
        fault: "client",
        retryable: false,
        hint: hasUser
          ? `Check the user name and password in ${failure.source}`
          : `Put them in the proxy URL (${failure.source}), e.g. http://user:password@proxy:3128`,
      },
    );
  }
  if (failure.status !== undefined && failure.status !== 200) {
    const forbidden = failure.status === 403 || failure.status === 405;
    const retryable = failure.status === 502 || failure.status === 503 || failure.status === 504;
    return new ProxyError(
      `${op}${proxy} refused to pass the request on to ${failure.target} (${answer})`,
      {
        ...base,
        code: "ProxyConnectFailed",
        status: failure.status,
        fault: forbidden ? "client" : "server",
        retryable,
        hint: forbidden
          ? `Allow CONNECT to port ${failure.target.replace(/^.*:/, "")} on the proxy (tinyproxy ConnectPort, squid SSL_ports), ${bypassHint(failure)}`
          : retryable
            ? `The proxy could not reach lakeFS at ${failure.target}: check the endpoint${context.endpointSource ? ` (set by ${context.endpointSource})` : ""}, ${bypassHint(failure)}`
            : `Check the proxy's rules for ${failure.target}, ${bypassHint(failure)}`,
      },
    );
  }
  // A SOCKS proxy that answered but would not connect on: its reply names why (NotAllowed, HostUnreachable, …).
  const socksReply = SOCKS_REFUSAL.exec(err.message)?.[1];
  if (socksReply) {
    const refusedByRule = socksReply === "NotAllowed";
    return new ProxyError(`${op}${proxy} refused to pass the request on to ${failure.target} (SOCKS reply ${socksReply})`, {
      ...base,
      code: "ProxyConnectFailed",
      fault: refusedByRule ? "client" : "server",
      retryable: false,
      hint: refusedByRule
        ? `Allow connections to ${failure.target} in the proxy's rules, ${bypassHint(failure)}`
        : `The proxy could not reach lakeFS at ${failure.target}: check the endpoint${context.endpointSource ? ` (set by ${context.endpointSource})` : ""}, ${bypassHint(failure)}`,
    });
  }
  if (/Socks5 Authentication failed/i.test(err.message)) {
    return new ProxyError(`${op}${proxy} rejected the credentials in the proxy URL (SOCKS authentication failed)`, {
      ...base,
      code: "ProxyAuthenticationRequired",
      fault: "client",
      retryable: false,
      hint: `Check the user name and password in ${failure.source}`,
    });
  }
  const tls = tlsProblem(code, err.message);
  if (tls) {
    return new ProxyError(`${op}TLS with ${proxy} failed (${code ?? tls}): ${tlsDetail(detail)}`, {
      ...base,
      code: "ProxyTlsError",
      fault: "client",
      retryable: false,
      hint:
        tls === "ServerNotTls"
          ? `The proxy does not speak TLS on that port: use http:// in the proxy URL (${failure.source})`
          : `Trust the proxy's CA with the caCert option, or fix the proxy URL (${failure.source})`,
    });
  }
  if (code === "ETIMEDOUT" || err.name === "TimeoutError") {
    return new ProxyError(`${op}${proxy} did not answer in time${toLakeFS}: ${detail}`, {
      ...base,
      code: "ProxyUnreachable",
      hint:
        `Check the proxy URL (${failure.source}) and that the proxy is up${
          failure.proxy.startsWith("https:") ? " (a proxy that speaks plain HTTP needs http:// in its URL)" : ""
        }, raise the connectionTimeout option, ${bypassHint(failure)}`,
    });
  }
  return new ProxyError(`${op}cannot reach ${proxy}${toLakeFS} (${code ?? detail})`, {
    ...base,
    code: "ProxyUnreachable",
    hint: `Check the proxy URL (${failure.source}) and that the proxy is running, ${bypassHint(failure)}`,
  });
}

/**
 * Turns an error raised before any usable HTTP response arrived (socket, DNS,
 * TLS, proxy, timeout, abort) into a {@link LakeFSError} that names the cause
 * and the setting to change. Returns `undefined` for errors that are not of
 * that kind. Used by the REST client and by `fromS3Error`, so both paths give
 * the same errors.
 *
 * @internal
 */
export function fromNetworkError(err: unknown, context: RequestContext = {}): LakeFSError | undefined {
  if (err instanceof LakeFSError) return err;
  if (!(err instanceof Error)) return undefined;
  const code = errorCode(err);
  const where = context.endpoint ? ` ${context.endpoint}` : "";
  const op = context.operation ? `${context.operation}: ` : "";
  const detail = redact(err.message, context.secrets) || (code ?? err.name);
  const setting = context.endpointSource ? ` (set by ${context.endpointSource})` : "";
  // Network and proxy errors carry their agent's options (proxy passwords included): keep a redacted copy.
  const base = { operation: context.operation, cause: redactedCause(err, context.secrets) };

  if (err.name === "AbortError" || code === "ABORT_ERR") {
    // The abort's own error, so that the caller's reason stays reachable as it is.
    return new AbortError(`${op}the operation was aborted`, { ...base, cause: err });
  }
  // On a proxied request, what failed before the proxy let it through (including TLS with an
  // https:// proxy) is the proxy's fault.
  const route = proxyRouteOf(err);
  if (route && (route.phase === "connect" || (route.status !== undefined && route.status !== 200))) {
    return proxyError(err, code, route, context, detail);
  }

  if (code === PLAIN_HTTP_TO_TLS_PORT) {
    return new TlsError(`${op}lakeFS at${where} answered over plain HTTP that the port expects HTTPS`, {
      ...base,
      code: "ServerRequiresTls",
      hint: `Use https:// in the endpoint${setting} (and the caCert option if its CA is private)`,
    });
  }
  // The HTTP handler renames reset sockets to "TimeoutError": judge by the code first.
  const dropped = code !== undefined && DROPPED_CODES.has(code);
  if (!dropped && (err.name === "TimeoutError" || code === "ETIMEDOUT" || code === "ERR_HTTP_REQUEST_TIMEOUT")) {
    const option = timeoutSetting(err.message, code);
    return new TimeoutError(`${op}lakeFS at${where} did not answer in time: ${detail}`, {
      ...base,
      hint: `Raise the ${option} option, or check that the server is reachable and not overloaded`,
    });
  }
  const tls = tlsProblem(code, err.message);
  if (tls) {
    const hints: Record<TlsErrorCode, string> = {
      TlsUntrustedCertificate:
        "Trust the server's CA with the caCert option (PEM text or a PEM file path), or, for testing only, set insecure: true",
      TlsHostnameMismatch: `The certificate does not name this host: use a host name the certificate was issued for in the endpoint${setting}, or reissue the certificate`,
      TlsCertificateExpired: "Renew the server's certificate, or check this machine's clock",
      ServerNotTls: `The server does not speak TLS on that port: use http:// in the endpoint${setting}, or the server's HTTPS port`,
      ServerRequiresTls: `Use https:// in the endpoint${setting}`,
      TlsError: `Check that the endpoint${setting} is an HTTPS port, and the caCert option`,
    };
    return new TlsError(`${op}TLS with lakeFS at${where} failed (${code ?? "TLS"}): ${tlsDetail(detail)}`, {
      ...base,
      code: tls,
      hint: hints[tls],
    });
  }
  if (code && UNREACHABLE_CODES.has(code)) {
    return new NetworkError(`${op}cannot reach lakeFS at${where} (${code})`, {
      ...base,
      code: "EndpointUnreachable",
      hint: `Check the endpoint${setting} and that lakeFS is running there`,
    });
  }
  if (dropped || /socket hang up|other side closed|premature close/i.test(err.message)) {
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
