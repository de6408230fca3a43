/**
 * Secret hygiene: no secret access key, session token, proxy password or
 * presigned signature appears in any error (message, stack, causes, every
 * property `util.inspect` shows), any log line, or the `util.inspect` /
 * `JSON.stringify` output of a client or its configuration.
 *
 * The test provokes the failures that could carry them (wrong credentials on
 * both paths, an unknown access key, a proxy URL with a password that is not
 * running or rejects the password, an endpoint with credentials or a
 * presigned URL pasted as the endpoint, unreachable and TLS-mismatched
 * endpoints, timeouts, aborts), collects every error and every line the
 * client logs or emits as a process warning, and searches all of it for the
 * test secrets in plain, URL-encoded and Basic-auth (base64) forms.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Socket } from "node:net";
import { inspect } from "node:util";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { LakeFS, type LakeFSClientConfig } from "../../src/index.js";
import { createRepositoryRaw, testClient, useLakeFS } from "../support/lakefs.js";
import { freePort, whenReady } from "../support/child-process.js";
import { startHttpProxy, type HttpProxy } from "../support/proxy.js";
import { ENV_SECRET, PROXY_PASSWORD, PROXY_USER, SESSION_TOKEN, WRONG_SECRET, secretForms } from "../support/test-secrets.js";

const ctx = useLakeFS();

/** Everything collected from the calls: errors and log lines. */
const errors: unknown[] = [];
const logLines: string[] = [];
const inspected: string[] = [];
let presignedSignatures: string[] = [];

/** Every text form of an error: message, stack, String(), inspect with hidden fields, JSON, down its causes. */
function textsOf(thing: unknown): string[] {
  const out = [inspect(thing, { depth: 12, showHidden: true, getters: true }), inspect(thing, { depth: 12 })];
  for (let e: unknown = thing, n = 0; e && n < 12; e = (e as { cause?: unknown }).cause, n++) {
    out.push(String(e), String((e as Error).message), String((e as Error).stack));
    try {
      out.push(JSON.stringify(e));
    } catch {
      // circular: inspect covers it
    }
  }
  return out;
}

function client(options: LakeFSClientConfig = {}): LakeFS {
  return testClient(ctx.server, undefined, {
    maxAttempts: 1,
    logger: { warn: (m) => logLines.push(`warn: ${m}`), debug: (m) => logLines.push(`debug: ${m}`) },
    ...options,
  });
}

/** Runs a call that is expected to fail and keeps its error (a success is recorded too). */
async function provoke(what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
    logLines.push(`(${what} succeeded)`);
  } catch (err) {
    errors.push(err);
  }
}

/** S3 read, S3 write and REST read on the same client. */
async function allPaths(lakefs: LakeFS, repo: string, label: string): Promise<void> {
  const branch = lakefs.repository(repo).branch("main");
  await provoke(`${label}: S3 read`, () => branch.object("a.txt").bytes());
  await provoke(`${label}: S3 write`, () => branch.object("w.txt").upload("x"));
  await provoke(`${label}: S3 raw ListBuckets`, () => lakefs.s3.send(new ListBucketsCommand({})));
  await provoke(`${label}: REST`, () => lakefs.admin.getRepositoryProperties({ repository: repo }));
  await provoke(`${label}: REST commit`, () => lakefs.admin.commit({ repository: repo, branch: "main", message: "m", allowEmpty: true }));
  inspected.push(inspect(lakefs, { depth: 12, showHidden: true }), inspect(lakefs.s3, { depth: 12 }));
  try {
    const config = await lakefs.config();
    inspected.push(inspect(config, { depth: 12 }), JSON.stringify(config), String(config));
  } catch (err) {
    errors.push(err);
  }
  lakefs.destroy();
}

describe("secrets never leak into errors, logs or inspected clients", () => {
  let repo: string;
  let warningListener: (w: Error) => void;
  let authProxy: HttpProxy;
  before(async () => {
    repo = await createRepositoryRaw(await whenReady(() => ctx.server, "the lakeFS server"));
    const ok = client();
    await ok.repository(repo).branch("main").object("a.txt").upload("A");
    presignedSignatures = await Promise.all(
      [ok.repository(repo).branch("main").object("a.txt").presign(), ok.repository(repo).branch("main").object("up.txt").presign({ method: "PUT" })].map(
        async (p) => new URL(await p).searchParams.get("X-Amz-Signature")!,
      ),
    );
    ok.destroy();
    warningListener = (w) => logLines.push(`process warning: ${w.name}: ${w.message}`);
    process.on("warning", warningListener);
    authProxy = await startHttpProxy({ basicAuth: { user: PROXY_USER, password: "the-proxy-wants-another-password" } });
  });
  after(async () => {
    process.off("warning", warningListener);
    await authProxy?.stop();
  });

  it("provokes failures on every path and collects them", async () => {
    const server = ctx.server;
    // Wrong secret; unknown access key (the gateway's AccessDenied, checked over REST).
    await allPaths(client({ secretAccessKey: WRONG_SECRET }), repo, "wrong secret");
    await allPaths(client({ accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: WRONG_SECRET }), repo, "unknown key");
    // A session token that lakeFS does not know.
    await allPaths(
      client({ credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, sessionToken: SESSION_TOKEN } }),
      repo,
      "session token",
    );
    await allPaths(
      client({ credentials: async () => ({ accessKeyId: server.accessKeyId, secretAccessKey: WRONG_SECRET, sessionToken: SESSION_TOKEN }) }),
      repo,
      "credential provider",
    );
    // Proxies with a password: nothing listening; a proxy that rejects the password.
    const deadProxy = `http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@127.0.0.1:${await freePort()}`;
    await allPaths(client({ proxy: deadProxy }), repo, "dead proxy");
    await allPaths(client({ proxy: `http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@127.0.0.1:${authProxy.port}` }), repo, "proxy 407");
    await allPaths(client({ proxy: `ftp://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@127.0.0.1:1` }), repo, "proxy bad scheme");
    await allPaths(client({ proxy: `http://${PROXY_USER}:${PROXY_PASSWORD} with spaces@` }), repo, "proxy not a URL");
    // Proxy from the environment.
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = deadProxy;
    try {
      await allPaths(client({ proxy: undefined }), repo, "env proxy");
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
    }
    // Endpoints carrying secrets by mistake: user-info, a presigned URL.
    await allPaths(client({ endpoint: `http://${server.accessKeyId}:${encodeURIComponent(server.secretAccessKey)}@127.0.0.1:${server.port}` }), repo, "endpoint with credentials");
    const presigned = await client().repository(repo).branch("main").object("a.txt").presign();
    presignedSignatures.push(new URL(presigned).searchParams.get("X-Amz-Signature")!);
    await allPaths(client({ endpoint: presigned }), repo, "presigned URL as endpoint");
    // Environment and lakectl-file credentials, with a secret-looking variable in the env.
    await allPaths(
      client({
        accessKeyId: undefined,
        secretAccessKey: undefined,
        env: { LAKECTL_CREDENTIALS_ACCESS_KEY_ID: server.accessKeyId, LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: WRONG_SECRET, MY_API_TOKEN: ENV_SECRET },
      }),
      repo,
      "env credentials",
    );
    await allPaths(client({ accessKeyId: server.accessKeyId, secretAccessKey: undefined }), repo, "half a key pair");
    // Network failures: nothing listening, https to http, a silent server (timeouts), an abort.
    await allPaths(client({ endpoint: `http://127.0.0.1:${await freePort()}` }), repo, "unreachable");
    await allPaths(client({ endpoint: server.endpoint.replace("http:", "https:") }), repo, "https to http");
    const held = new Set<Socket>();
    const silent = createServer((s) => {
      held.add(s);
      s.resume();
    });
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    try {
      await allPaths(client({ endpoint: `http://127.0.0.1:${(silent.address() as { port: number }).port}`, socketTimeout: 200 }), repo, "silent");
    } finally {
      for (const s of held) s.destroy();
      silent.close();
    }
    const aborting = client({ secretAccessKey: WRONG_SECRET });
    await provoke("abort", () => aborting.repository(repo).branch("main").object("a.txt").bytes({ signal: AbortSignal.abort() }));
    aborting.destroy();
    // TLS verification off for one client: it warns (the warning is searched too).
    await allPaths(client({ endpoint: server.endpoint, insecure: true }), repo, "insecure");

    assert.ok(errors.length >= 40, `collected ${errors.length} errors`);
    assert.ok(logLines.some((l) => /TLS certificate verification is disabled/.test(l)), "the insecure warning was logged");
  });

  it("none of the collected errors, log lines or inspected clients holds a secret", () => {
    const forms = secretForms(presignedSignatures).filter((f) => f.length >= 8);
    assert.ok(presignedSignatures.length >= 3 && presignedSignatures.every((s) => /^[0-9a-f]{64}$/.test(s)));
    const leaks: string[] = [];
    const haystacks = [...errors.flatMap(textsOf), ...logLines, ...inspected];
    for (const text of haystacks) {
      for (const form of forms) {
        if (text.includes(form)) leaks.push(`${form.slice(0, 6)}… in: ${text.slice(Math.max(0, text.indexOf(form) - 200), text.indexOf(form) + 40)}`);
      }
    }
    assert.deepEqual(leaks, [], `${leaks.length} leaks`);
    assert.ok(haystacks.length > 200, `searched ${haystacks.length} texts`);
  });

  it("the configuration still works and keeps its secrets usable inside, while showing none", async () => {
    const lakefs = client();
    try {
      const config = await lakefs.config();
      assert.equal(config.secrets.includes(ctx.server.secretAccessKey), true, "the secrets list is there for redaction");
      assert.ok(!Object.keys(config).includes("secrets"), "but not enumerable");
      const shown = inspect(config);
      assert.match(shown, /ResolvedLakeFSConfig/);
      assert.match(shown, /secrets: \[ '\*\*\*' \]/);
      assert.ok(!shown.includes(ctx.server.secretAccessKey));
      assert.equal((await lakefs.admin.getRepositoryProperties({ repository: repo })).id, repo);
      assert.equal(await lakefs.repository(repo).branch("main").object("a.txt").text(), "A");
    } finally {
      lakefs.destroy();
    }
  });

  it("TLS verification stays on unless one client opts out: a self-signed endpoint fails with TlsError", async () => {
    // https to a port that speaks HTTP fails at TLS; a default client never skips verification.
    const lakefs = client({ endpoint: ctx.server.endpoint.replace("http:", "https:") });
    try {
      await assert.rejects(lakefs.admin.getRepositoryProperties({ repository: repo }), { name: "TlsError" });
      const config = await lakefs.config();
      assert.equal(config.insecure, false);
      assert.equal(process.env.NODE_TLS_REJECT_UNAUTHORIZED, undefined, "never touched");
      const agents = await lakefs.httpStack.agents();
      assert.notEqual((agents.httpsAgent as unknown as { options: { rejectUnauthorized?: boolean } }).options.rejectUnauthorized, false);
    } finally {
      lakefs.destroy();
    }
  });
});
