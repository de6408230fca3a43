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
  /** What the endpoint is, for messages: `"lakeFS"` (the default), or `"the object store"` for presigned requests. */
  readonly server?: string;
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

/** What every proxy failure message is built from. */
interface ProxyFailure {
  readonly err: Error;
  readonly code: string | undefined;
  readonly route: ProxyRoute;
  readonly context: RequestContext;
  readonly detail: string;
  /** `"<operation>: "` or empty. */
  readonly op: string;
  /** `the proxy <url> (from <source>)`. */
  readonly proxy: string;
  readonly base: { operation: string | undefined; cause: unknown; proxy: string };
}

/** Where the proxy could not get to, with the setting that named it. */
function unreachableLakeFSHint(f: ProxyFailure): string {
  const source = f.context.endpointSource ? ` (set by ${f.context.endpointSource})` : "";
  return `The proxy could not reach lakeFS at ${f.route.target}: check the endpoint${source}, ${bypassHint(f.route)}`;
}

/** The proxy answered CONNECT with 401/407: credentials missing or wrong. */
function proxyAuthError(f: ProxyFailure, answer: string): ProxyError {
  const hasUser = /^[a-z][a-z0-9+.-]*:\/\/[^/@]+@/i.test(f.route.proxy);
  return new ProxyError(
    hasUser ? `${f.op}${f.proxy} rejected the credentials in the proxy URL (${answer})` : `${f.op}${f.proxy} requires credentials (${answer})`,
    {
      ...f.base,
      code: "ProxyAuthenticationRequired",
      status: f.route.status,
      fault: "client",
      retryable: false,
      hint: hasUser
        ? `Check the user name and password in ${f.route.source}`
        : `Put them in the proxy URL (${f.route.source}), e.g. http://user:password@proxy:3128`,
    },
  );
}

/** The proxy answered CONNECT with a status other than 200. */
function fromProxyAnswer(f: ProxyFailure): ProxyError | undefined {
  const { status, statusText, target } = f.route;
  if (status === undefined || status === 200) return undefined;
  const answer = `${status}${statusText ? ` ${statusText}` : ""}`;
  if (status === 407 || status === 401) return proxyAuthError(f, answer);
  const forbidden = status === 403 || status === 405;
  const retryable = status === 502 || status === 503 || status === 504;
  return new ProxyError(`${f.op}${f.proxy} refused to pass the request on to ${target} (${answer})`, {
    ...f.base,
    code: "ProxyConnectFailed",
    status,
    fault: forbidden ? "client" : "server",
    retryable,
    hint: forbidden
      ? `Allow CONNECT to port ${target.replace(/^.*:/, "")} on the proxy (tinyproxy ConnectPort, squid SSL_ports), ${bypassHint(f.route)}`
      : retryable
        ? unreachableLakeFSHint(f)
        : `Check the proxy's rules for ${target}, ${bypassHint(f.route)}`,
  });
}

/** A SOCKS proxy that answered but would not connect on (its reply names why), or refused the credentials. */
function fromSocksReply(f: ProxyFailure): ProxyError | undefined {
  const reply = SOCKS_REFUSAL.exec(f.err.message)?.[1];
  if (reply) {
    const refusedByRule = reply === "NotAllowed";
    return new ProxyError(`${f.op}${f.proxy} refused to pass the request on to ${f.route.target} (SOCKS reply ${reply})`, {
      ...f.base,
      code: "ProxyConnectFailed",
      fault: refusedByRule ? "client" : "server",
      retryable: false,
      hint: refusedByRule ? `Allow connections to ${f.route.target} in the proxy's rules, ${bypassHint(f.route)}` : unreachableLakeFSHint(f),
    });
  }
  if (!/Socks5 Authentication failed/i.test(f.err.message)) return undefined;
  return new ProxyError(`${f.op}${f.proxy} rejected the credentials in the proxy URL (SOCKS authentication failed)`, {
    ...f.base,
    code: "ProxyAuthenticationRequired",
    fault: "client",
    retryable: false,
    hint: `Check the user name and password in ${f.route.source}`,
  });
}

/** TLS with an https:// proxy failed. */
function fromProxyTls(f: ProxyFailure): ProxyError | undefined {
  const tls = tlsProblem(f.code, f.err.message);
  if (!tls) return undefined;
  return new ProxyError(`${f.op}TLS with ${f.proxy} failed (${f.code ?? tls}): ${tlsDetail(f.detail)}`, {
    ...f.base,
    code: "ProxyTlsError",
    fault: "client",
    retryable: false,
    hint:
      tls === "ServerNotTls"
        ? `The proxy does not speak TLS on that port: use http:// in the proxy URL (${f.route.source})`
        : `Trust the proxy's CA with the caCert option, or fix the proxy URL (${f.route.source})`,
  });
}

/** The proxy did not answer, in time or at all. */
function proxyUnreachable(f: ProxyFailure): ProxyError {
  const toLakeFS = f.context.endpoint ? ` on the way to lakeFS at ${f.context.endpoint}` : "";
  if (f.code === "ETIMEDOUT" || f.err.name === "TimeoutError") {
    const plainHttp = f.route.proxy.startsWith("https:") ? " (a proxy that speaks plain HTTP needs http:// in its URL)" : "";
    return new ProxyError(`${f.op}${f.proxy} did not answer in time${toLakeFS}: ${f.detail}`, {
      ...f.base,
      code: "ProxyUnreachable",
      hint: `Check the proxy URL (${f.route.source}) and that the proxy is up${plainHttp}, raise the connectionTimeout option, ${bypassHint(f.route)}`,
    });
  }
  return new ProxyError(`${f.op}cannot reach ${f.proxy}${toLakeFS} (${f.code ?? f.detail})`, {
    ...f.base,
    code: "ProxyUnreachable",
    hint: `Check the proxy URL (${f.route.source}) and that the proxy is running, ${bypassHint(f.route)}`,
  });
}

/** The error of a request that failed at or through its proxy, naming the proxy and where it was set. */
function proxyError(err: Error, code: string | undefined, route: ProxyRoute, context: RequestContext, detail: string): ProxyError {
  const f: ProxyFailure = {
    err,
    code,
    route,
    context,
    detail,
    op: context.operation ? `${context.operation}: ` : "",
    proxy: `the proxy ${route.proxy} (from ${route.source})`,
    base: { operation: context.operation, cause: redactedCause(err, context.secrets), proxy: route.proxy },
  };
  return fromProxyAnswer(f) ?? fromSocksReply(f) ?? fromProxyTls(f) ?? proxyUnreachable(f);
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
  const detail = redact(err.message, context.secrets) || (code ?? err.name);
  if (err.name === "AbortError" || code === "ABORT_ERR") {
    // The abort's own error, so that the caller's reason stays reachable as it is.
    return new AbortError(`${context.operation ? `${context.operation}: ` : ""}the operation was aborted`, { operation: context.operation, cause: err });
  }
  // On a proxied request, what failed before the proxy let it through (including TLS with an
  // https:// proxy) is the proxy's fault.
  const route = proxyRouteOf(err);
  if (route && (route.phase === "connect" || (route.status !== undefined && route.status !== 200))) {
    return proxyError(err, code, route, context, detail);
  }
  const f: NetworkFailure = {
    err,
    code,
    detail,
    op: context.operation ? `${context.operation}: ` : "",
    where: context.endpoint ? ` ${context.endpoint}` : "",
    server: context.server ?? "lakeFS",
    setting: context.endpointSource ? ` (set by ${context.endpointSource})` : "",
    // Network and proxy errors carry their agent's options (proxy passwords included): keep a redacted copy.
    base: { operation: context.operation, cause: redactedCause(err, context.secrets) },
  };
  return fromTimeout(f) ?? fromTls(f) ?? fromBrokenConnection(f);
}

/** What every message about a failed connection to lakeFS is built from. */
interface NetworkFailure {
  readonly err: Error;
  readonly code: string | undefined;
  readonly detail: string;
  /** `"<operation>: "` or empty. */
  readonly op: string;
  /** `" <endpoint>"` or empty. */
  readonly where: string;
  /** What the endpoint is: `lakeFS`, or the object store. */
  readonly server: string;
  /** `" (set by <source>)"` or empty. */
  readonly setting: string;
  readonly base: { operation: string | undefined; cause: unknown };
}

/** A timeout, naming the setting to raise (reset sockets the HTTP handler renames "TimeoutError" are not timeouts). */
function fromTimeout(f: NetworkFailure): LakeFSError | undefined {
  const dropped = f.code !== undefined && DROPPED_CODES.has(f.code);
  if (dropped || !(f.err.name === "TimeoutError" || f.code === "ETIMEDOUT" || f.code === "ERR_HTTP_REQUEST_TIMEOUT")) return undefined;
  const option = timeoutSetting(f.err.message, f.code);
  return new TimeoutError(`${f.op}${f.server} at${f.where} did not answer in time: ${f.detail}`, {
    ...f.base,
    hint: `Raise the ${option} option, or check that the server is reachable and not overloaded`,
  });
}

/** TLS failures, and plain HTTP where HTTPS was expected or the other way round. */
function fromTls(f: NetworkFailure): LakeFSError | undefined {
  if (f.code === PLAIN_HTTP_TO_TLS_PORT) {
    return new TlsError(`${f.op}${f.server} at${f.where} answered over plain HTTP that the port expects HTTPS`, {
      ...f.base,
      code: "ServerRequiresTls",
      hint: `Use https:// in the endpoint${f.setting} (and the caCert option if its CA is private)`,
    });
  }
  const tls = tlsProblem(f.code, f.err.message);
  if (!tls) return undefined;
  const hints: Record<TlsErrorCode, string> = {
    TlsUntrustedCertificate: "Trust the server's CA with the caCert option (PEM text or a PEM file path), or, for testing only, set insecure: true",
    TlsHostnameMismatch: `The certificate does not name this host: use a host name the certificate was issued for in the endpoint${f.setting}, or reissue the certificate`,
    TlsCertificateExpired: "Renew the server's certificate, or check this machine's clock",
    ServerNotTls: `The server does not speak TLS on that port: use http:// in the endpoint${f.setting}, or the server's HTTPS port`,
    ServerRequiresTls: `Use https:// in the endpoint${f.setting}`,
    TlsError: `Check that the endpoint${f.setting} is an HTTPS port, and the caCert option`,
  };
  return new TlsError(`${f.op}TLS with ${f.server} at${f.where} failed (${f.code ?? "TLS"}): ${tlsDetail(f.detail)}`, { ...f.base, code: tls, hint: hints[tls] });
}

/** lakeFS not reachable, a dropped connection, or another socket error code. */
function fromBrokenConnection(f: NetworkFailure): LakeFSError | undefined {
  const { code } = f;
  if (code && UNREACHABLE_CODES.has(code)) {
    return new NetworkError(`${f.op}cannot reach ${f.server} at${f.where} (${code})`, {
      ...f.base,
      code: "EndpointUnreachable",
      hint: `Check the endpoint${f.setting} and that lakeFS is running there`,
    });
  }
  if ((code !== undefined && DROPPED_CODES.has(code)) || /socket hang up|other side closed|premature close/i.test(f.err.message)) {
    return new NetworkError(`${f.op}the connection to ${f.server} at${f.where} was dropped (${code ?? "reset"}): ${f.detail}`, { ...f.base, code: "ConnectionReset" });
  }
  if (code && /^E[A-Z]+$/.test(code)) return new NetworkError(`${f.op}network error talking to ${f.server} at${f.where} (${code}): ${f.detail}`, f.base);
  return undefined;
}
