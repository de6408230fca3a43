/**
 * Network settings proven with real parts: lakeFS behind a real TLS front
 * (nginx) with a CA made by openssl at test time, and a real HTTP proxy
 * (tinyproxy) and a real SOCKS5 proxy (Dante), on both the S3 gateway path
 * and the REST path.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { get as httpsGet } from "node:https";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import { once } from "node:events";
import { format, inspect } from "node:util";
import { GetObjectCommand, ListBucketsCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { LakeFS, LakeFSError, NetworkError, ProxyError, TimeoutError, TlsError, type LakeFSClientConfig } from "../../src/index.js";
import { describeSource } from "../../src/config/describe-source.js";
import { fromS3Error } from "../../src/gateway/from-s3-error.js";
import { createRepositoryRaw, testClient, useLakeFS } from "../support/lakefs.js";
import { freePort, logSettled, whenReady } from "../support/child-process.js";
import { useTlsFront } from "../support/tls-front.js";
import { startHttpProxy, useHttpProxy } from "../support/proxy.js";
import { useSocksProxy } from "../support/socks.js";
import { rejection } from "../support/rejection.js";

const PROXY_USER = "lakefs-proxy-user";
const PROXY_PASSWORD = `Pr0xy-${randomBytes(6).toString("hex")}`;
const PROXY_VARS = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"];

const lakefsServer = useLakeFS();
const tls = useTlsFront(lakefsServer);
const proxy = useHttpProxy();
const authProxy = useHttpProxy({ basicAuth: { user: PROXY_USER, password: PROXY_PASSWORD } });
const tlsProxy = useHttpProxy(async () => ({ tls: await whenReady(() => tls.pki, "the PKI of useTlsFront()") }));
/** Refuses connections to 127.0.0.1:1, so that a refusal by the proxy itself can be provoked. */
const socks = useSocksProxy({ blockPorts: [1] });

let repo: string;
const savedEnv = new Map<string, string | undefined>();
before(async () => {
  // The machine's own proxy settings must not leak into these tests.
  for (const name of [...PROXY_VARS, "NODE_TLS_REJECT_UNAUTHORIZED"]) {
    savedEnv.set(name, process.env[name]);
    if (name !== "NODE_TLS_REJECT_UNAUTHORIZED") delete process.env[name];
  }
  repo = await createRepositoryRaw(await whenReady(() => lakefsServer.server, "the lakeFS server"));
});
after(() => {
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Runs `fn` with exactly these proxy variables set, restoring the environment after. */
async function withProxyEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = PROXY_VARS.map((name) => [name, process.env[name]] as const);
  for (const name of PROXY_VARS) delete process.env[name];
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

interface TestClient {
  readonly lakefs: LakeFS;
  readonly warnings: string[];
}

function client(options: LakeFSClientConfig = {}): TestClient {
  const warnings: string[] = [];
  // proxy: undefined, so that the proxy variables of the environment count (as for users).
  const lakefs = testClient(lakefsServer.server, undefined, {
    proxy: undefined,
    logger: { warn: (message) => warnings.push(message) },
    ...options,
  });
  return { lakefs, warnings };
}

function listRepositories(lakefs: LakeFS) {
  return lakefs.rest.request("get", "/repositories", {}, { operation: "listRepositories" });
}

/**
 * PutObject, GetObject (same bytes back), ListBuckets and a REST call. The
 * default 1 MiB body checks that fronts and proxies pass real bodies unchanged.
 */
async function assertBothPathsWork(lakefs: LakeFS, bodySize = 1024 * 1024): Promise<void> {
  const key = `main/net/${randomBytes(4).toString("hex")}.bin`;
  const body = randomBytes(bodySize);
  await lakefs.s3.send(new PutObjectCommand({ Bucket: repo, Key: key, Body: body }));
  const got = await lakefs.s3.send(new GetObjectCommand({ Bucket: repo, Key: key }));
  assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), body);
  const buckets = await lakefs.s3.send(new ListBucketsCommand({}));
  assert.ok(buckets.Buckets?.some((b) => b.Name === repo), "ListBuckets lists the repository");
  const repos = await listRepositories(lakefs);
  assert.ok(repos.results.some((r) => r.id === repo), "listRepositories lists the repository");
}

/**
 * Fails one call on each path and returns the errors: REST as thrown; S3 as
 * the SDK threw it, mapped by `fromS3Error` with the client's context, once
 * through Node's HTTP client (ListBuckets) and once as an object read, which
 * takes the direct receiver (src/http/direct) when no proxy applies (GetObject).
 */
async function failBothPaths(lakefs: LakeFS): Promise<{ rest: LakeFSError; s3: LakeFSError; read: LakeFSError }> {
  const rest = await rejection(listRepositories(lakefs));
  const config = await lakefs.config();
  const context = (operation: string) => ({
    operation,
    endpoint: config.serverUrl,
    endpointSource: describeSource(config.sources.endpoint),
    secrets: config.secrets,
  });
  const s3 = fromS3Error(await rejection(lakefs.s3.send(new ListBucketsCommand({}))), context("ListBuckets"));
  const read = fromS3Error(await rejection(lakefs.s3.send(new GetObjectCommand({ Bucket: repo, Key: "main/any.bin", Range: "bytes=0-9" }))), context("GetObject"));
  assert.ok(rest instanceof LakeFSError, `REST threw ${inspect(rest)}`);
  return { rest, s3, read };
}

/** Every path gave the same class, code and status, and each message matches. */
function assertSameError(
  errors: { rest: LakeFSError; s3: LakeFSError; read?: LakeFSError },
  expected: { type: new (...args: never[]) => LakeFSError; code: string; status?: number; message: RegExp },
): void {
  for (const [path, err] of Object.entries(errors)) {
    assert.ok(err instanceof expected.type, `${path}: expected ${expected.type.name}, got ${err.name}/${err.code}: ${err.message}`);
    assert.equal(err.code, expected.code, `${path}: code (message: ${err.message})`);
    assert.equal(err.status, expected.status ?? 0, `${path}: status`);
    assert.match(err.message, expected.message, `${path}: message`);
  }
}

/** No trace of the proxy password anywhere in an error, its stack, its causes, or the logs. */
function assertNoProxyPassword(...things: unknown[]): void {
  const forms = [PROXY_PASSWORD, encodeURIComponent(PROXY_PASSWORD), Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString("base64")];
  for (const thing of things) {
    // `%o` and showHidden print hidden properties too (a SOCKS client keeps the password in one).
    const texts: string[] = [inspect(thing, { depth: 8 }), inspect(thing, { depth: 8, showHidden: true }), format("%o", thing)];
    for (let e: unknown = thing, n = 0; e && n < 10; e = (e as { cause?: unknown }).cause, n++) {
      texts.push(String(e), String((e as Error).message), String((e as Error).stack));
    }
    for (const text of texts) {
      for (const form of forms) assert.ok(!text.includes(form), `the proxy password leaked into: ${text.slice(0, 300)}`);
    }
  }
}

describe("TLS: lakeFS behind nginx with a private CA", () => {
  it("S3 and REST work with caCert as a file path, through the TLS front", async () => {
    const before = tls.front.accessLines().length;
    const { lakefs } = client({ endpoint: tls.front.url, caCert: tls.pki.caCertPath });
    await assertBothPathsWork(lakefs);
    lakefs.destroy();
    // Put, Get, ListBuckets and the REST call all passed through nginx.
    await logSettled(() => tls.front.accessLines().length);
    assert.ok(tls.front.accessLines().length - before >= 4, "nginx logged the requests");
  });

  it("S3 and REST work with caCert as PEM text, alone, in a bundle, or in a list, also by host name", async () => {
    for (const caCert of [
      tls.pki.caCertPem,
      `${tls.pki.otherCaPem}${tls.pki.caCertPem}`,
      [tls.pki.otherCaPem, tls.pki.caCertPath],
    ]) {
      const { lakefs } = client({ endpoint: tls.front.url, caCert });
      await assertBothPathsWork(lakefs, 1024);
      lakefs.destroy();
    }
    const { lakefs } = client({ endpoint: tls.front.url.replace("127.0.0.1", "localhost"), caCert: tls.pki.caCertPem });
    await assertBothPathsWork(lakefs, 1024);
    lakefs.destroy();
  });

  it("without caCert, an unknown CA and a self-signed certificate give TlsError TlsUntrustedCertificate naming caCert", async () => {
    for (const endpoint of [tls.front.url, tls.front.selfSignedUrl]) {
      const { lakefs } = client({ endpoint });
      const errors = await failBothPaths(lakefs);
      assertSameError(errors, { type: TlsError, code: "TlsUntrustedCertificate", message: /caCert option.*insecure: true/ });
      assert.match(errors.rest.message, new RegExp(`^listRepositories: TLS with lakeFS at ${endpoint} failed`));
      assert.equal(errors.rest.retryable, false);
      lakefs.destroy();
    }
    // Trusting an unrelated CA is not enough.
    const { lakefs } = client({ endpoint: tls.front.url, caCert: tls.pki.otherCaPem });
    assertSameError(await failBothPaths(lakefs), { type: TlsError, code: "TlsUntrustedCertificate", message: /caCert/ });
    lakefs.destroy();
  });

  it("insecure: true works for this client only, warns once, and leaves NODE_TLS_REJECT_UNAUTHORIZED alone", async () => {
    const envBefore = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    const { lakefs, warnings } = client({ endpoint: tls.front.url, insecure: true });
    await assertBothPathsWork(lakefs);
    await listRepositories(lakefs);
    await lakefs.s3.send(new ListBucketsCommand({}));
    assert.equal(warnings.length, 1, `one warning, got ${JSON.stringify(warnings)}`);
    assert.match(warnings[0]!, /TLS certificate verification is disabled .*insecure: true/);
    assert.equal(process.env.NODE_TLS_REJECT_UNAUTHORIZED, envBefore, "NODE_TLS_REJECT_UNAUTHORIZED is untouched");

    // Another client, and Node's own HTTPS, still verify while the insecure one is alive.
    const strict = client({ endpoint: tls.front.url });
    assertSameError(await failBothPaths(strict.lakefs), { type: TlsError, code: "TlsUntrustedCertificate", message: /caCert/ });
    assert.equal(strict.warnings.length, 0);
    const nodeError = await new Promise<NodeJS.ErrnoException>((resolve) => {
      httpsGet(`${tls.front.url}/_health`, (res) => {
        res.resume();
        resolve(new Error(`unexpected ${res.statusCode}`));
      }).on("error", resolve);
    });
    assert.equal(nodeError.code, "UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    strict.lakefs.destroy();
    lakefs.destroy();
  });

  it("a certificate for another host name gives TlsError TlsHostnameMismatch naming the endpoint setting", async () => {
    const { lakefs } = client({ endpoint: tls.front.wrongHostUrl, caCert: tls.pki.caCertPath });
    assertSameError(await failBothPaths(lakefs), {
      type: TlsError,
      code: "TlsHostnameMismatch",
      message: /ERR_TLS_CERT_ALTNAME_INVALID.*does not match.*endpoint \(set by option endpoint\)/,
    });
    lakefs.destroy();
  });

  it("https:// to the plain HTTP port gives ServerNotTls; http:// to the TLS port gives ServerRequiresTls", async () => {
    const toPlain = client({ endpoint: lakefsServer.server.endpoint.replace("http:", "https:") });
    assertSameError(await failBothPaths(toPlain.lakefs), {
      type: TlsError,
      code: "ServerNotTls",
      message: /does not speak TLS on that port: use http:\/\/ in the endpoint \(set by option endpoint\)/,
    });
    toPlain.lakefs.destroy();

    const toTls = client({ endpoint: tls.front.url.replace("https:", "http:"), caCert: tls.pki.caCertPath });
    assertSameError(await failBothPaths(toTls.lakefs), {
      type: TlsError,
      code: "ServerRequiresTls",
      message: /port expects HTTPS\. Use https:\/\/ in the endpoint \(set by option endpoint\)/,
    });
    toTls.lakefs.destroy();
  });

  it("an endpoint with nothing listening gives NetworkError EndpointUnreachable", async () => {
    const port = await freePort();
    const { lakefs } = client({ endpoint: `https://127.0.0.1:${port}`, caCert: tls.pki.caCertPath, maxAttempts: 1 });
    assertSameError(await failBothPaths(lakefs), {
      type: NetworkError,
      code: "EndpointUnreachable",
      message: /cannot reach lakeFS at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Check the endpoint \(set by option endpoint\)/,
    });
    lakefs.destroy();
  });
});

describe("proxies: tinyproxy between the client and lakeFS", () => {
  it("the proxy option carries plain HTTP (forwarded) and HTTPS (CONNECT) on both paths; the proxy logs them", async () => {
    const before = proxy.proxy.requests().length;
    const plain = client({ proxy: proxy.proxy.url });
    await assertBothPathsWork(plain.lakefs);
    plain.lakefs.destroy();
    await logSettled(() => proxy.proxy.requests().length);
    const forwarded = proxy.proxy.requests().slice(before);
    assert.ok(forwarded.some((r) => r.startsWith(`PUT ${lakefsServer.server.endpoint}/${repo}/main/net/`)), forwarded.join("\n"));
    assert.ok(forwarded.some((r) => r === `GET ${lakefsServer.server.endpoint}/api/v1/repositories`), forwarded.join("\n"));

    const mark = proxy.proxy.requests().length;
    const secure = client({ endpoint: tls.front.url, caCert: tls.pki.caCertPath, proxy: proxy.proxy.url });
    await assertBothPathsWork(secure.lakefs);
    secure.lakefs.destroy();
    await logSettled(() => proxy.proxy.requests().length);
    const tunnels = proxy.proxy.requests().slice(mark);
    assert.ok(tunnels.length >= 1 && tunnels.every((r) => r === `CONNECT 127.0.0.1:${tls.front.port}`), tunnels.join("\n"));
  });

  it("HTTP_PROXY and HTTPS_PROXY from the environment are used, and NO_PROXY bypasses them", async () => {
    await withProxyEnv({ HTTP_PROXY: proxy.proxy.url, HTTPS_PROXY: proxy.proxy.url }, async () => {
      const before = proxy.proxy.requests().length;
      const plain = client();
      await assertBothPathsWork(plain.lakefs);
      plain.lakefs.destroy();
      const secure = client({ endpoint: tls.front.url, caCert: tls.pki.caCertPath });
      await assertBothPathsWork(secure.lakefs);
      secure.lakefs.destroy();
      await logSettled(() => proxy.proxy.requests().length);
      const seen = proxy.proxy.requests().slice(before);
      assert.ok(seen.some((r) => r.startsWith(`GET ${lakefsServer.server.endpoint}/`)), `HTTP_PROXY used:\n${seen.join("\n")}`);
      assert.ok(seen.includes(`CONNECT 127.0.0.1:${tls.front.port}`), `HTTPS_PROXY used:\n${seen.join("\n")}`);
    });

    for (const noProxy of ["127.0.0.1", "localhost,127.0.0.1", "*"]) {
      await withProxyEnv({ HTTP_PROXY: proxy.proxy.url, HTTPS_PROXY: proxy.proxy.url, NO_PROXY: noProxy }, async () => {
        const before = proxy.proxy.requests().length;
        const plain = client();
        await assertBothPathsWork(plain.lakefs, 1024);
        plain.lakefs.destroy();
        const secure = client({ endpoint: tls.front.url, caCert: tls.pki.caCertPath });
        await assertBothPathsWork(secure.lakefs, 1024);
        secure.lakefs.destroy();
        await logSettled(() => proxy.proxy.requests().length);
        assert.deepEqual(proxy.proxy.requests().slice(before), [], `NO_PROXY=${noProxy}: nothing went through the proxy`);
      });
    }

    // proxy: false ignores the environment.
    await withProxyEnv({ HTTP_PROXY: authProxy.proxy.url }, async () => {
      const { lakefs } = client({ proxy: false });
      await listRepositories(lakefs);
      lakefs.destroy();
    });
  });

  it("a proxy demanding credentials accepts them in the URL (option and env)", async () => {
    const before = authProxy.proxy.requests().length;
    for (const endpoint of [lakefsServer.server.endpoint, tls.front.url]) {
      const { lakefs, warnings } = client({ endpoint, caCert: tls.pki.caCertPath, proxy: authProxy.proxy.urlWithCredentials });
      await assertBothPathsWork(lakefs);
      assertNoProxyPassword(warnings);
      lakefs.destroy();
    }
    await withProxyEnv({ HTTP_PROXY: authProxy.proxy.urlWithCredentials, HTTPS_PROXY: authProxy.proxy.urlWithCredentials }, async () => {
      for (const endpoint of [lakefsServer.server.endpoint, tls.front.url]) {
        const { lakefs } = client({ endpoint, caCert: tls.pki.caCertPath });
        await assertBothPathsWork(lakefs, 1024);
        lakefs.destroy();
      }
    });
    await logSettled(() => authProxy.proxy.requests().length);
    assert.ok(authProxy.proxy.requests().length - before >= 8, "the requests went through the authenticating proxy");
  });

  it("without credentials: ProxyError ProxyAuthenticationRequired (407) on both paths, naming the setting", async () => {
    for (const endpoint of [lakefsServer.server.endpoint, tls.front.url]) {
      const { lakefs } = client({ endpoint, caCert: tls.pki.caCertPath, proxy: authProxy.proxy.url });
      const errors = await failBothPaths(lakefs);
      assertSameError(errors, {
        type: ProxyError,
        code: "ProxyAuthenticationRequired",
        status: 407,
        message: /the proxy http:\/\/127\.0\.0\.1:\d+ \(from option proxy\) requires credentials \(407 Proxy Authentication Required\)\. Put them in the proxy URL \(option proxy\)/,
      });
      assert.equal(errors.rest.retryable, false);
      assert.equal((errors.rest as ProxyError).proxy, authProxy.proxy.url);
      lakefs.destroy();
    }
    await withProxyEnv({ HTTPS_PROXY: authProxy.proxy.url }, async () => {
      const { lakefs } = client({ endpoint: tls.front.url, caCert: tls.pki.caCertPath });
      assertSameError(await failBothPaths(lakefs), {
        type: ProxyError,
        code: "ProxyAuthenticationRequired",
        status: 407,
        message: /\(from env HTTPS_PROXY\) requires credentials .*proxy URL \(env HTTPS_PROXY\)/,
      });
      lakefs.destroy();
    });
  });

  it("wrong proxy credentials: ProxyAuthenticationRequired, and the password appears in no error, stack, cause or log", async () => {
    const wrong = authProxy.proxy.urlWithCredentials.replace(encodeURIComponent(PROXY_PASSWORD), "not-the-password");
    for (const endpoint of [lakefsServer.server.endpoint, tls.front.url]) {
      const { lakefs, warnings } = client({ endpoint, caCert: tls.pki.caCertPath, proxy: wrong });
      const errors = await failBothPaths(lakefs);
      assertSameError(errors, {
        type: ProxyError,
        code: "ProxyAuthenticationRequired",
        status: 401,
        message: /the proxy http:\/\/lakefs-proxy-user:\*\*\*@127\.0\.0\.1:\d+ \(from option proxy\) rejected the credentials in the proxy URL/,
      });
      assert.ok(!errors.rest.message.includes("not-the-password"));
      assertNoProxyPassword(errors.rest, errors.s3, warnings);
      lakefs.destroy();
    }
    // Failures through a proxy URL with the right password don't show it either.
    const port = await freePort();
    const refused = `http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@127.0.0.1:${port}`;
    for (const options of [{ proxy: refused }, { proxy: refused, endpoint: tls.front.url }]) {
      const { lakefs, warnings } = client({ ...options, caCert: tls.pki.caCertPath, maxAttempts: 1 });
      const errors = await failBothPaths(lakefs);
      assert.equal(errors.rest.code, "ProxyUnreachable");
      assertNoProxyPassword(errors.rest, errors.s3, warnings, await lakefs.config().then((c) => c.sources));
      lakefs.destroy();
    }
  });

  it("a proxy with nothing listening gives ProxyError ProxyUnreachable, distinct from an unreachable endpoint", async () => {
    const port = await freePort();
    const dead = `http://127.0.0.1:${port}`;
    for (const endpoint of [lakefsServer.server.endpoint, tls.front.url]) {
      const { lakefs } = client({ endpoint, caCert: tls.pki.caCertPath, proxy: dead, maxAttempts: 1 });
      const errors = await failBothPaths(lakefs);
      assertSameError(errors, {
        type: ProxyError,
        code: "ProxyUnreachable",
        message: new RegExp(
          `cannot reach the proxy ${dead} \\(from option proxy\\) on the way to lakeFS at ${endpoint} \\(ECONNREFUSED\\)\\. ` +
            "Check the proxy URL \\(option proxy\\) and that the proxy is running, or pass proxy: false",
        ),
      });
      assert.equal(errors.rest.retryable, true);
      lakefs.destroy();
    }
    await withProxyEnv({ HTTPS_PROXY: dead }, async () => {
      const { lakefs } = client({ endpoint: tls.front.url, caCert: tls.pki.caCertPath, maxAttempts: 1 });
      assertSameError(await failBothPaths(lakefs), {
        type: ProxyError,
        code: "ProxyUnreachable",
        message: /\(from env HTTPS_PROXY\).*Check the proxy URL \(env HTTPS_PROXY\).*add 127\.0\.0\.1 to NO_PROXY/,
      });
      lakefs.destroy();
    });
  });

  it("a proxy that refuses to CONNECT to the port gives ProxyError ProxyConnectFailed (403)", async () => {
    const strict = await startHttpProxy({ connectPorts: [443] });
    try {
      const { lakefs } = client({ endpoint: tls.front.url, caCert: tls.pki.caCertPath, proxy: strict.url });
      assertSameError(await failBothPaths(lakefs), {
        type: ProxyError,
        code: "ProxyConnectFailed",
        status: 403,
        message: new RegExp(`refused to pass the request on to 127\\.0\\.0\\.1:${tls.front.port} \\(403.*Allow CONNECT to port ${tls.front.port}`),
      });
      lakefs.destroy();
    } finally {
      await strict.stop();
    }
  });

  it("an https:// proxy works with caCert; its untrusted certificate or a plain proxy give ProxyError ProxyTlsError", async () => {
    const before = tlsProxy.proxy.requests().length;
    for (const endpoint of [lakefsServer.server.endpoint, tls.front.url]) {
      const { lakefs } = client({ endpoint, caCert: tls.pki.caCertPath, proxy: tlsProxy.proxy.url });
      await assertBothPathsWork(lakefs);
      lakefs.destroy();
    }
    await logSettled(() => tlsProxy.proxy.requests().length);
    assert.ok(tlsProxy.proxy.requests().length - before >= 5, "requests went through the TLS proxy");

    const untrusted = client({ proxy: tlsProxy.proxy.url, maxAttempts: 1 });
    assertSameError(await failBothPaths(untrusted.lakefs), {
      type: ProxyError,
      code: "ProxyTlsError",
      message: /TLS with the proxy https:\/\/127\.0\.0\.1:\d+ \(from option proxy\) failed \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\).*caCert/,
    });
    untrusted.lakefs.destroy();

    // An https:// URL for something that answers in plain HTTP (here lakeFS's own port).
    const notTls = client({ proxy: lakefsServer.server.endpoint.replace("http:", "https:"), maxAttempts: 1 });
    assertSameError(await failBothPaths(notTls.lakefs), {
      type: ProxyError,
      code: "ProxyTlsError",
      message: /failed \(EPROTO\): wrong version number \(OpenSSL\)\. The proxy does not speak TLS on that port: use http:\/\/ in the proxy URL \(option proxy\)/,
    });
    notTls.lakefs.destroy();

    // A proxy that reads the TLS hello and never answers: connectionTimeout ends the handshake. (Not tinyproxy:
    // a hello whose random bytes hold "\n\n" ends its header block, and its plain-HTTP 400 is the EPROTO case above.
    // Node 24's hello carries a 1,184-byte ML-KEM key share, so by that count about one hello in 50 does.)
    const silent = await startSilentServer();
    try {
      const silentPlain = client({ proxy: `https://127.0.0.1:${silent.port}`, connectionTimeout: 300, maxAttempts: 1 });
      assertSameError(await failBothPaths(silentPlain.lakefs), {
        type: ProxyError,
        code: "ProxyUnreachable",
        message: /did not answer in time.*TLS handshake did not complete.*a proxy that speaks plain HTTP needs http:\/\/ in its URL\), raise the connectionTimeout option/,
      });
      silentPlain.lakefs.destroy();
    } finally {
      for (const socket of silent.sockets) socket.destroy();
      silent.server.close();
    }
  });
});

/** Accepts connections and reads, but never answers. */
async function startSilentServer(): Promise<{ port: number; server: NetServer; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.resume();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { port: (server.address() as { port: number }).port, server, sockets };
}

/** Answers every request (REST listRepositories JSON, S3 ListBuckets XML) a few bytes every 60 ms, over about 600 ms. */
async function startTricklingServer(): Promise<{ port: number; server: HttpServer }> {
  const server = createHttpServer((req, res) => {
    const rest = req.url?.startsWith("/api/v1/");
    const body = rest
      ? JSON.stringify({ pagination: { has_more: false, max_per_page: 1000, next_offset: "", results: 0 }, results: [] })
      : `<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult><Owner><ID>x</ID></Owner><Buckets></Buckets></ListAllMyBucketsResult>`;
    res.writeHead(200, { "content-type": rest ? "application/json" : "application/xml", "content-length": Buffer.byteLength(body) });
    const size = Math.ceil(body.length / 10);
    const pieces = Array.from({ length: 10 }, (_, i) => body.slice(i * size, (i + 1) * size));
    const timer = setInterval(() => {
      res.write(pieces.shift() ?? "");
      if (pieces.length === 0) {
        clearInterval(timer);
        res.end();
      }
    }, 60);
    res.on("close", () => clearInterval(timer));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { port: (server.address() as { port: number }).port, server };
}

describe("SOCKS5: Dante between the client and lakeFS", () => {
  const socksUrl = () => socks.proxy.url.replace("socks5://", `socks5://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@`);

  it("a socks5:// proxy with credentials in its URL carries both paths, plain HTTP and HTTPS", async () => {
    for (const endpoint of [lakefsServer.server.endpoint, tls.front.url]) {
      const { lakefs } = client({ endpoint, caCert: tls.pki.caCertPath, proxy: socksUrl() });
      await assertBothPathsWork(lakefs, 64 * 1024);
      lakefs.destroy();
    }
  });

  it("a SOCKS proxy that refuses the destination gives ProxyError ProxyConnectFailed naming its reply, not 'cannot reach'", async () => {
    const { lakefs, warnings } = client({ endpoint: "http://127.0.0.1:1", proxy: socksUrl(), maxAttempts: 1 });
    const errors = await failBothPaths(lakefs);
    assertSameError(errors, {
      type: ProxyError,
      code: "ProxyConnectFailed",
      message: /the proxy socks5:\/\/lakefs-proxy-user:\*\*\*@127\.0\.0\.1:\d+ \(from option proxy\) refused to pass the request on to 127\.0\.0\.1:1 \(SOCKS reply NotAllowed\)\. Allow connections/,
    });
    assertNoProxyPassword(errors.rest, errors.s3, warnings);
    lakefs.destroy();
  });

  it("the proxy password appears in no error, cause chain, hidden property or %o output, whatever the SOCKS failure", async () => {
    const nothing = `socks5://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@127.0.0.1:${await freePort()}`;
    for (const proxy of [socksUrl(), nothing]) {
      for (const endpoint of ["http://127.0.0.1:1", lakefsServer.server.endpoint]) {
        if (proxy === socksUrl() && endpoint !== "http://127.0.0.1:1") continue; // that one works
        const { lakefs, warnings } = client({ endpoint, proxy, maxAttempts: 1 });
        const errors = await failBothPaths(lakefs);
        assert.ok(errors.rest instanceof ProxyError, String(errors.rest));
        assert.ok(errors.rest.cause instanceof Error, "the cause is kept, redacted");
        assertNoProxyPassword(errors.rest, errors.s3, warnings);
        // The raw S3 client rethrows the socket's error itself: it is scrubbed where it is raised.
        assertNoProxyPassword(await rejection(lakefs.s3.send(new ListBucketsCommand({}))));
        // Through the object handles too (their errors go through fromS3Error as well).
        const err = await rejection(lakefs.repository(repo).branch("main").object("a.txt").text());
        assertNoProxyPassword(err);
        lakefs.destroy();
      }
    }
  });
});

describe("timeouts apply on both paths", () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let trickling: Awaited<ReturnType<typeof startTricklingServer>>;
  before(async () => {
    silent = await startSilentServer();
    trickling = await startTricklingServer();
  });
  after(async () => {
    for (const socket of silent.sockets) socket.destroy();
    silent.server.close();
    trickling.server.closeAllConnections();
    trickling.server.close();
  });

  it("the defaults reach the one handler both paths use: connect 5 s, no request limit, 60 s idle", async () => {
    const { lakefs } = client();
    await listRepositories(lakefs);
    await lakefs.s3.send(new ListBucketsCommand({}));
    assert.equal(lakefs.s3.config.requestHandler, lakefs.httpStack.handler, "S3 uses the shared handler");
    const used = lakefs.httpStack.handler.httpHandlerConfigs();
    assert.equal(used.connectionTimeout, 5_000);
    assert.equal(used.requestTimeout, 0);
    assert.equal(used.socketTimeout, 60_000);
    lakefs.destroy();
  });

  it("socketTimeout fails a server that went silent, naming socketTimeout", async () => {
    const { lakefs } = client({ endpoint: `http://127.0.0.1:${silent.port}`, socketTimeout: 300, maxAttempts: 1 });
    const started = Date.now();
    assertSameError(await failBothPaths(lakefs), {
      type: TimeoutError,
      code: "TimeoutError",
      message: /300 ms of inactivity.*Raise the socketTimeout option/,
    });
    assert.ok(Date.now() - started < 3_000, "both failed after about 300 ms each");
    lakefs.destroy();
  });

  it("requestTimeout bounds the wait for a response, naming requestTimeout", async () => {
    const { lakefs } = client({ endpoint: `http://127.0.0.1:${silent.port}`, socketTimeout: 0, requestTimeout: 300, maxAttempts: 1 });
    assertSameError(await failBothPaths(lakefs), {
      type: TimeoutError,
      code: "TimeoutError",
      message: /300 ms requestTimeout.*Raise the requestTimeout option/,
    });
    lakefs.destroy();
  });

  it("connectionTimeout bounds connecting, even through a proxy that never answers CONNECT", async () => {
    const { lakefs } = client({
      endpoint: tls.front.url,
      caCert: tls.pki.caCertPath,
      proxy: `http://127.0.0.1:${silent.port}`,
      connectionTimeout: 300,
      maxAttempts: 1,
    });
    assertSameError(await failBothPaths(lakefs), {
      type: TimeoutError,
      code: "TimeoutError",
      message: /did not establish a connection .*300 ms.*Raise the connectionTimeout option/,
    });
    lakefs.destroy();
  });

  it("connectionTimeout also bounds a TLS handshake that never completes", async () => {
    const { lakefs } = client({ endpoint: `https://127.0.0.1:${silent.port}`, connectionTimeout: 300, maxAttempts: 1 });
    const started = Date.now();
    assertSameError(await failBothPaths(lakefs), {
      type: TimeoutError,
      code: "TimeoutError",
      message: /TLS handshake did not complete within the configured connectionTimeout of 300 ms.*Raise the connectionTimeout option/,
    });
    assert.ok(Date.now() - started < 3_000, "both failed after about 300 ms each");
    lakefs.destroy();
  });

  it("socketTimeout is idle time, not total time: a slow response that keeps coming succeeds", async () => {
    const { lakefs } = client({ endpoint: `http://127.0.0.1:${trickling.port}`, socketTimeout: 250, maxAttempts: 1 });
    for (const call of [() => listRepositories(lakefs), () => lakefs.s3.send(new ListBucketsCommand({}))]) {
      const started = Date.now();
      await call();
      assert.ok(Date.now() - started >= 500, "the response took longer than socketTimeout, and arrived");
    }
    lakefs.destroy();
  });
});
