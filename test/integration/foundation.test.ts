import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { AuthenticationError, ConfigurationError, LakeFSError, createS3Client, resolveConfig } from "../../src/index.js";
import { serverVersionVerdict } from "../../src/client/server-version.js";
import { TEST_LAKEFS_VERSION, createRepositoryRaw, testClient, useLakeFS } from "../support/lakefs.js";

const ctx = useLakeFS();
const clientFor = () => testClient(ctx.server);

describe("gateway S3 client against the real lakeFS", () => {
  it("reports the lakeFS version under test and lists repositories as buckets", async () => {
    const version = await fetch(`${ctx.server.endpoint}/api/v1/config/version`, {
      headers: { authorization: `Basic ${Buffer.from(`${ctx.server.accessKeyId}:${ctx.server.secretAccessKey}`).toString("base64")}` },
    }).then((r) => r.json() as Promise<{ version: string }>);
    assert.equal(version.version, TEST_LAKEFS_VERSION);

    const a = await createRepositoryRaw(ctx.server);
    const b = await createRepositoryRaw(ctx.server);
    const lakefs = clientFor();
    const out = await lakefs.s3.send(new ListBucketsCommand({}));
    const names = (out.Buckets ?? []).map((x) => x.Name);
    assert.ok(names.includes(a) && names.includes(b), `buckets ${names.join(",")} lack ${a} or ${b}`);
    lakefs.destroy();
  });

  it("reads the server version once and judges it by the version policy", async () => {
    const lakefs = clientFor();
    const verdict = await lakefs.checkServerVersion();
    assert.equal(verdict.version, TEST_LAKEFS_VERSION);
    assert.deepEqual(verdict, serverVersionVerdict(TEST_LAKEFS_VERSION));
    assert.equal(verdict.supported, true, "CI's matrix runs only supported versions");
    assert.equal(await lakefs.checkServerVersion(), verdict, "the verdict is read once per client");
    lakefs.destroy();
  });

  // GHSA-gf2q-q6wc-x7fm (1.86.0) filters ListBuckets by the caller's policies, but only where the
  // auth service has policies: lakeFS OSS keeps one admin user and answers 501 on the policy API,
  // so no user lacking fs:ListRepositories can exist and ListBuckets lists every repository.
  it("cannot create a user without fs:ListRepositories on lakeFS OSS; its one user lists every repository", async () => {
    const auth = { authorization: `Basic ${Buffer.from(`${ctx.server.accessKeyId}:${ctx.server.secretAccessKey}`).toString("base64")}`, "content-type": "application/json" };
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${ctx.server.endpoint}/api/v1${path}`, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
    const user = await api("POST", "/auth/users", { id: "no-list-repositories" });
    assert.equal(user.status, 409, `a second user: ${await user.clone().text()}`);
    const policy = await api("POST", "/auth/policies", {
      id: "read-one-repository",
      statement: [{ effect: "allow", action: ["fs:ReadRepository", "fs:ReadObject"], resource: "arn:lakefs:fs:::repository/x" }],
    });
    assert.equal(policy.status, 501, `a policy: ${await policy.clone().text()}`);
    const repo = await createRepositoryRaw(ctx.server);
    const lakefs = clientFor();
    const names = ((await lakefs.s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name);
    assert.ok(names.includes(repo), `ListBuckets lacks ${repo}`);
    lakefs.destroy();
  });

  it("round-trips Put/Get/Head/List/Delete on <repo>/main/... with spaces, unicode and +", async () => {
    const repo = await createRepositoryRaw(ctx.server);
    const lakefs = clientFor();
    const keys = ["plain/a.txt", "with space/b c.txt", "unicode/データ-ñ-😀.bin", "plus/1+1=2.txt"];
    const bodies = new Map<string, Buffer>();
    for (const [i, key] of keys.entries()) {
      const body = Buffer.from(Array.from({ length: 1000 + i * 37 }, (_, j) => (j * 31 + i) % 256));
      bodies.set(key, body);
      await lakefs.s3.send(new PutObjectCommand({ Bucket: repo, Key: `main/${key}`, Body: body, ContentType: "application/x-test" }));
    }
    for (const key of keys) {
      const got = await lakefs.s3.send(new GetObjectCommand({ Bucket: repo, Key: `main/${key}` }));
      const bytes = Buffer.from(await got.Body!.transformToByteArray());
      assert.deepEqual(bytes, bodies.get(key), `bytes of ${key}`);
      const head = await lakefs.s3.send(new HeadObjectCommand({ Bucket: repo, Key: `main/${key}` }));
      assert.equal(head.ContentLength, bodies.get(key)!.length);
    }
    const listed = await lakefs.s3.send(new ListObjectsV2Command({ Bucket: repo, Prefix: "main/" }));
    assert.deepEqual(
      (listed.Contents ?? []).map((o) => o.Key).sort(),
      keys.map((k) => `main/${k}`).sort(),
    );
    await lakefs.s3.send(new DeleteObjectCommand({ Bucket: repo, Key: `main/${keys[3]}` }));
    const after = await lakefs.s3.send(new ListObjectsV2Command({ Bucket: repo, Prefix: "main/plus/" }));
    assert.equal(after.KeyCount, 0);
    lakefs.destroy();
  });

  it("createS3Client works for existing S3 code with only lakeFS settings", async () => {
    const repo = await createRepositoryRaw(ctx.server);
    const s3 = createS3Client({
      endpoint: `${ctx.server.endpoint}/api/v1`,
      accessKeyId: ctx.server.accessKeyId,
      secretAccessKey: ctx.server.secretAccessKey,
      lakectlConfigFile: false,
    });
    await s3.send(new PutObjectCommand({ Bucket: repo, Key: "main/x", Body: "hello" }));
    const got = await s3.send(new GetObjectCommand({ Bucket: repo, Key: "main/x" }));
    assert.equal(await got.Body!.transformToString(), "hello");
    s3.destroy();
  });

  it("a wrong secret gives a typed AuthenticationError on REST, without the secret in it", async () => {
    const lakefs = testClient(ctx.server, undefined, { secretAccessKey: "definitely-the-wrong-secret-0123456789" });
    const err = await lakefs.rest.request("get", "/repositories", {}, { operation: "listRepositories" }).then(
      () => assert.fail("expected an error"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof AuthenticationError, `got ${String(err)}`);
    assert.equal(err.status, 401);
    assert.ok(!String(err.stack).includes("definitely-the-wrong-secret"));
    lakefs.destroy();
  });
});

describe("RestClient.request without its optional fourth argument", () => {
  it("sends the request, and names the operation after the method and path in errors", async () => {
    const lakefs = clientFor();
    const version = await lakefs.rest.request("get", "/config/version", {});
    assert.match(version.version ?? "", /^\d+\.\d+\.\d+/);
    const err = await lakefs.rest.request("get", "/repositories/{repository}", { path: { repository: "no-such-repo-here" } }).then(
      () => assert.fail("expected an error"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof LakeFSError, `got ${String(err)}`);
    assert.equal(err.status, 404);
    assert.equal(err.operation, "GET /repositories/{repository}");
    lakefs.destroy();
  });
});

describe("configuration precedence (explicit > env > lakectl file)", () => {
  const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-config-"));
  const file = join(dir, "lakectl.yaml");
  writeFileSync(
    file,
    "server:\n  endpoint_url: http://file.example:8000/api/v1\ncredentials:\n  access_key_id: AKIAFILEFILEFILEFILE\n  secret_access_key: file-secret-file-secret\n",
  );

  it("uses the lakectl file when nothing else is set", async () => {
    const c = await resolveConfig({ env: { LAKECTL_CONFIG_FILE: file } });
    assert.equal(c.serverUrl, "http://file.example:8000");
    assert.equal(c.apiUrl, "http://file.example:8000/api/v1");
    assert.equal((await c.credentials()).accessKeyId, "AKIAFILEFILEFILEFILE");
    assert.deepEqual(c.sources.endpoint, { kind: "lakectl-file", path: file, key: "server.endpoint_url" });
  });

  it("env overrides the file, explicit overrides env", async () => {
    const env = {
      LAKECTL_CONFIG_FILE: file,
      LAKECTL_SERVER_ENDPOINT_URL: "http://env.example:8000",
      LAKECTL_CREDENTIALS_ACCESS_KEY_ID: "AKIAENVENVENVENVENVE",
      LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: "env-secret-env-secret",
    };
    const fromEnv = await resolveConfig({ env });
    assert.equal(fromEnv.serverUrl, "http://env.example:8000");
    assert.equal((await fromEnv.credentials()).accessKeyId, "AKIAENVENVENVENVENVE");
    const explicit = await resolveConfig({ env, endpoint: "https://opt.example/", accessKeyId: "AKIAOPT", secretAccessKey: "opt-secret-opt" });
    assert.equal(explicit.serverUrl, "https://opt.example");
    assert.equal((await explicit.credentials()).secretAccessKey, "opt-secret-opt");
    assert.deepEqual(explicit.sources.credentials, { kind: "option", name: "accessKeyId/secretAccessKey" });
  });

  it("a missing configuration names every source looked at, and no secret", async () => {
    const err = await resolveConfig({ env: { LAKECTL_CONFIG_FILE: join(dir, "missing.yaml") } }).catch((e: unknown) => e);
    assert.ok(err instanceof ConfigurationError);
    assert.match(err.message, /LAKECTL_SERVER_ENDPOINT_URL/);
    assert.match(err.message, /missing\.yaml \(no such file\)/);
    const half = await resolveConfig({
      endpoint: "http://x",
      lakectlConfigFile: false,
      env: { LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: "half-given-secret-value" },
    }).catch((e: unknown) => e);
    assert.ok(half instanceof ConfigurationError);
    assert.match(half.message, /LAKECTL_CREDENTIALS_ACCESS_KEY_ID is not/);
    assert.ok(!half.message.includes("half-given-secret-value"));
  });
});
