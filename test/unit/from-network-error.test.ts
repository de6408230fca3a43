import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { connect, createServer } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { AbortError, LakeFSError, NetworkError, ProxyError, TimeoutError, TlsError, ValidationError } from "../../src/index.js";
import { fromNetworkError } from "../../src/errors/from-network-error.js";
import { PLAIN_HTTP_TO_TLS_PORT } from "../../src/errors/network-errors.js";
import { markProxyRoute } from "../../src/errors/proxy-errors.js";

const context = { operation: "GetObject", endpoint: "http://127.0.0.1:8000", endpointSource: "env LAKECTL_SERVER_ENDPOINT_URL" } as const;

/** The error Node raises when connecting to a port nobody listens on (a real one: a port just closed). */
async function realConnRefused(): Promise<Error> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  const socket = connect(port, "127.0.0.1");
  const [err] = (await once(socket, "error").catch((e: unknown) => [e])) as [Error];
  return err;
}

/** The error Node raises when TLS is spoken to a server that answers plain HTTP. */
async function realTlsToPlainHttp(): Promise<Error> {
  const server = createServer((s) => s.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")).listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  try {
    const socket = tlsConnect({ host: "127.0.0.1", port, rejectUnauthorized: false });
    const [err] = (await once(socket, "error").catch((e: unknown) => [e])) as [Error];
    socket.destroy();
    return err;
  } finally {
    server.close();
  }
}

/** An error shaped as Node makes it: message, code, errno, syscall and the rest as own properties. */
function nodeError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

describe("fromNetworkError: unreachable and dropped connections", () => {
  it("a real ECONNREFUSED is EndpointUnreachable, naming the endpoint and where it was set", async () => {
    const raw = await realConnRefused();
    assert.equal((raw as { code?: string }).code, "ECONNREFUSED");
    const err = fromNetworkError(raw, context);
    assert.ok(err instanceof NetworkError);
    assert.equal(err.code, "EndpointUnreachable");
    assert.equal(err.retryable, true);
    // The cause is a redacted copy (secrets stripped), not the socket's error object itself.
    const cause = err.cause as { code?: string; message?: string };
    assert.notEqual(cause, raw);
    assert.equal(cause.code, "ECONNREFUSED");
    assert.equal(cause.message, (raw as Error).message);
    assert.match(err.message, /^GetObject: cannot reach lakeFS at http:\/\/127\.0\.0\.1:8000 \(ECONNREFUSED\)/);
    assert.match(err.hint ?? "", /set by env LAKECTL_SERVER_ENDPOINT_URL/);
  });

  it("DNS failures (ENOTFOUND, EAI_AGAIN) are EndpointUnreachable too", () => {
    for (const code of ["ENOTFOUND", "EAI_AGAIN"]) {
      const raw = nodeError(`getaddrinfo ${code} lakefs.invalid`, { code, errno: -3008, syscall: "getaddrinfo", hostname: "lakefs.invalid" });
      assert.equal(fromNetworkError(raw, context)?.code, "EndpointUnreachable", code);
    }
  });

  it("the code is also found on the cause, as fetch (undici) wraps it", () => {
    const raw = new TypeError("fetch failed", { cause: nodeError("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED" }) });
    assert.equal(fromNetworkError(raw)?.code, "EndpointUnreachable");
  });

  it("ECONNRESET and 'socket hang up' are ConnectionReset, even when renamed TimeoutError by the HTTP handler", () => {
    const reset = nodeError("read ECONNRESET", { code: "ECONNRESET", errno: -104, syscall: "read" });
    assert.equal(fromNetworkError(reset, context)?.code, "ConnectionReset");
    const renamed = Object.assign(nodeError("socket hang up", { code: "ECONNRESET" }), { name: "TimeoutError" });
    assert.equal(fromNetworkError(renamed, context)?.code, "ConnectionReset");
    assert.equal(fromNetworkError(new Error("socket hang up"), context)?.code, "ConnectionReset");
  });

  it("names the server the connection was to: lakeFS by default, the object store for presigned requests", () => {
    const reset = nodeError("read ECONNRESET", { code: "ECONNRESET", errno: -104, syscall: "read" });
    assert.match(fromNetworkError(reset, context)?.message ?? "", /the connection to lakeFS at /);
    const store = fromNetworkError(reset, { operation: "presignedGet", endpoint: "http://127.0.0.1:9000", server: "the object store" });
    assert.match(store?.message ?? "", /the connection to the object store at http:\/\/127\.0\.0\.1:9000 was dropped/);
  });

  it("another E-code is a generic NetworkError that keeps the code in the message", () => {
    const err = fromNetworkError(nodeError("write EMFILE", { code: "EMFILE" }), context);
    assert.ok(err instanceof NetworkError);
    assert.equal(err.code, "NetworkError");
    assert.match(err.message, /\(EMFILE\)/);
  });
});

describe("fromNetworkError: timeouts and aborts", () => {
  it("timeouts name the setting to raise", () => {
    const connectTimeout = Object.assign(new Error("Socket timed out without establishing a connection within 1000 ms (connectionTimeout)"), { name: "TimeoutError" });
    const err = fromNetworkError(connectTimeout, context);
    assert.ok(err instanceof TimeoutError);
    assert.match(err.hint ?? "", /Raise the connectionTimeout option/);
    const idle = Object.assign(new Error("Connection timed out after 30000 ms of inactivity"), { name: "TimeoutError" });
    assert.match(fromNetworkError(idle, context)?.hint ?? "", /Raise the socketTimeout option/);
    assert.ok(fromNetworkError(nodeError("connect ETIMEDOUT 10.0.0.1:8000", { code: "ETIMEDOUT" }), context) instanceof TimeoutError);
  });

  it("an abort (DOMException from AbortSignal, or ABORT_ERR) is AbortError", () => {
    const signal = AbortSignal.abort();
    const fromSignal = fromNetworkError(signal.reason, context);
    assert.ok(fromSignal instanceof AbortError);
    assert.equal(fromSignal.message, "GetObject: the operation was aborted");
    assert.ok(fromNetworkError(nodeError("The operation was aborted", { code: "ABORT_ERR" })) instanceof AbortError);
  });
});

describe("fromNetworkError: TLS", () => {
  it("a real TLS handshake with a plain HTTP server is ServerNotTls, pointing to http://", async () => {
    const raw = await realTlsToPlainHttp();
    const err = fromNetworkError(raw, context);
    assert.ok(err instanceof TlsError, String(raw));
    assert.equal(err.code, "ServerNotTls");
    assert.match(err.hint ?? "", /use http:\/\/ in the endpoint \(set by env LAKECTL_SERVER_ENDPOINT_URL\)/);
  });

  it("certificate problems map to their codes and hints", () => {
    const untrusted = fromNetworkError(nodeError("self-signed certificate", { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }), context);
    assert.equal(untrusted?.code, "TlsUntrustedCertificate");
    assert.match(untrusted?.hint ?? "", /caCert option/);
    const host = fromNetworkError(nodeError("Hostname/IP does not match certificate's altnames", { code: "ERR_TLS_CERT_ALTNAME_INVALID" }), context);
    assert.equal(host?.code, "TlsHostnameMismatch");
    assert.equal(fromNetworkError(nodeError("certificate has expired", { code: "CERT_HAS_EXPIRED" }), context)?.code, "TlsCertificateExpired");
  });

  it("plain HTTP sent to a TLS port is ServerRequiresTls", () => {
    const err = fromNetworkError(nodeError("plain HTTP to a TLS port", { code: PLAIN_HTTP_TO_TLS_PORT }), context);
    assert.ok(err instanceof TlsError);
    assert.equal(err.code, "ServerRequiresTls");
    assert.match(err.hint ?? "", /Use https:\/\//);
  });
});

describe("fromNetworkError: proxies", () => {
  const route = { proxy: "http://user:***@proxy.example:3128", source: "env HTTPS_PROXY", target: "127.0.0.1:8000", tunnel: true } as const;

  it("a proxy that cannot be reached is ProxyUnreachable with a NO_PROXY hint", () => {
    const raw = nodeError("connect ECONNREFUSED 127.0.0.1:3128", { code: "ECONNREFUSED" });
    markProxyRoute(raw, { ...route, phase: "connect" });
    const err = fromNetworkError(raw, context);
    assert.ok(err instanceof ProxyError);
    assert.equal(err.code, "ProxyUnreachable");
    assert.equal(err.proxy, route.proxy);
    assert.match(err.hint ?? "", /add 127\.0\.0\.1 to NO_PROXY/);
  });

  it("a proxy answering 407 is ProxyAuthenticationRequired, not retryable", () => {
    const raw = new Error("proxy said no");
    markProxyRoute(raw, { ...route, phase: "connect", status: 407, statusText: "Proxy Authentication Required" });
    const err = fromNetworkError(raw, context);
    assert.equal(err?.code, "ProxyAuthenticationRequired");
    assert.equal(err?.retryable, false);
    assert.match(err?.message ?? "", /rejected the credentials in the proxy URL \(407 Proxy Authentication Required\)/);
  });

  it("a proxy refusing CONNECT is ProxyConnectFailed; a 502 from it is retryable", () => {
    const forbidden = new Error("no");
    markProxyRoute(forbidden, { ...route, phase: "connect", status: 403 });
    const refused = fromNetworkError(forbidden, context);
    assert.equal(refused?.code, "ProxyConnectFailed");
    assert.equal(refused?.retryable, false);
    const bad = new Error("bad gateway");
    markProxyRoute(bad, { ...route, phase: "connect", status: 502 });
    assert.equal(fromNetworkError(bad, context)?.retryable, true);
  });

  it("once the tunnel is up, failures are the server's, not the proxy's", () => {
    const raw = nodeError("read ECONNRESET", { code: "ECONNRESET" });
    markProxyRoute(raw, { ...route, phase: "established" });
    const err = fromNetworkError(raw, context);
    assert.ok(!(err instanceof ProxyError));
    assert.equal(err?.code, "ConnectionReset");
  });
});

describe("fromNetworkError: what it leaves alone", () => {
  it("returns a LakeFSError as is and undefined for non-network errors", () => {
    const already = new ValidationError("bad input");
    assert.equal(fromNetworkError(already), already);
    assert.equal(fromNetworkError(new Error("something else entirely")), undefined);
    assert.equal(fromNetworkError("ECONNREFUSED"), undefined);
    assert.equal(fromNetworkError(undefined), undefined);
  });

  it("never puts a secret or a proxy password from the raw message into its own", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const raw = nodeError(`read ECONNRESET via http://u:hunter2pw@proxy:3128 key ${secret}`, { code: "ECONNRESET" });
    const err = fromNetworkError(raw, { ...context, secrets: [secret] });
    assert.ok(err instanceof LakeFSError);
    assert.ok(!err.message.includes(secret) && !err.message.includes("hunter2pw"), err.message);
  });
});
