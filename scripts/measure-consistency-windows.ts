/**
 * Measures how long one lakeFS server keeps answering from its own caches after another
 * server on the same PostgreSQL KV store changed something: two servers, a change through
 * A, then B polled every 50 ms until it answers the new truth. Prints one line per case.
 *   node --import tsx scripts/measure-consistency-windows.ts [repetitions=3]
 * Uses only loopback servers it starts (PostgreSQL from Debian, lakeFS from tools/lakefs;
 * LAKEFS_S3_TEST_LAKEFS_VERSION selects the version).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLakeFS, type LakeFSServer } from "../tools/lakefs/server.js";
import { startPostgres } from "../test/support/postgres.js";

type Api = ((method: string, path: string, body?: unknown) => Promise<Response>) & { readonly s3: S3Client };

function apiOf(server: LakeFSServer): Api {
  const authorization = `Basic ${Buffer.from(`${server.accessKeyId}:${server.secretAccessKey}`).toString("base64")}`;
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${server.endpoint}/api/v1${path}`, {
      method,
      headers: { authorization, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const s3 = new S3Client({
    endpoint: server.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
  });
  return Object.assign(api, { s3 });
}

/** The status a gateway PutObject answers. */
async function putStatus(api: Api, repo: string, key: string): Promise<number> {
  try {
    const out = await api.s3.send(new PutObjectCommand({ Bucket: repo, Key: key, Body: "x" }));
    return out.$metadata.httpStatusCode ?? 0;
  } catch (err) {
    return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? -1;
  }
}

async function must(res: Promise<Response>, what: string): Promise<void> {
  const r = await res;
  if (!r.ok) throw new Error(`${what}: ${r.status} ${await r.text()}`);
}

/** Milliseconds until `settled()` is true, polling every 50 ms, at most 30 s. */
async function windowMs(settled: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (!(await settled())) {
    if (performance.now() - start > 30_000) return Number.POSITIVE_INFINITY;
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - start;
}

let counter = 0;
async function newRepo(a: Api): Promise<string> {
  const name = `window-${Date.now().toString(36)}-${counter++}`;
  await must(a("POST", "/repositories", { name, storage_namespace: `local://${name}`, default_branch: "main" }), "create repository");
  return name;
}

const upload = (api: Api, repo: string, branch: string, path: string) =>
  api("POST", `/repositories/${repo}/branches/${branch}/objects?path=${encodeURIComponent(path)}`, undefined);

/** Each case: prepare through A (and warm B's caches), change through A, return B's check. */
const cases: Record<string, (a: Api, b: Api) => Promise<() => Promise<boolean>>> = {
  async "deleted repository still visible"(a, b) {
    const repo = await newRepo(a);
    await b(`GET`, `/repositories/${repo}`);
    await must(a("DELETE", `/repositories/${repo}`), "delete repository");
    return async () => (await b("GET", `/repositories/${repo}`)).status === 404;
  },
  async "new protection rule not enforced"(a, b) {
    const repo = await newRepo(a);
    await b("GET", `/repositories/${repo}/settings/branch_protection`);
    await upload(b, repo, "main", "warm.txt");
    await must(a("PUT", `/repositories/${repo}/settings/branch_protection`, [{ pattern: "main", blocked_actions: ["staging_write", "commit"] }]), "set rule");
    return async () => (await b("DELETE", `/repositories/${repo}/branches/main/objects?path=warm.txt`)).status === 403;
  },
  async "removed protection rule still enforced"(a, b) {
    const repo = await newRepo(a);
    await must(a("PUT", `/repositories/${repo}/settings/branch_protection`, [{ pattern: "main", blocked_actions: ["staging_write"] }]), "set rule");
    await new Promise((r) => setTimeout(r, 8000));
    await b("DELETE", `/repositories/${repo}/branches/main/objects?path=absent.txt`);
    await must(a("PUT", `/repositories/${repo}/settings/branch_protection`, []), "clear rules");
    return async () => (await b("DELETE", `/repositories/${repo}/branches/main/objects?path=absent.txt`)).status === 204;
  },
  async "deleted branch still a branch"(a, b) {
    const repo = await newRepo(a);
    await must(a("POST", `/repositories/${repo}/branches`, { name: "feature", source: "main" }), "create branch");
    await b("GET", `/repositories/${repo}/branches/feature`);
    await must(a("DELETE", `/repositories/${repo}/branches/feature`), "delete branch");
    await must(a("POST", `/repositories/${repo}/tags`, { id: "feature", ref: "main" }), "create tag");
    return async () => (await b("GET", `/repositories/${repo}/branches/feature`)).status === 404;
  },
  async "deleted branch still takes gateway PUTs (same server)"(a) {
    const repo = await newRepo(a);
    await must(a("POST", `/repositories/${repo}/branches`, { name: "feature", source: "main" }), "create branch");
    await putStatus(a, repo, "feature/warm.txt");
    await must(a("DELETE", `/repositories/${repo}/branches/feature`), "delete branch");
    return async () => (await putStatus(a, repo, "feature/after.txt")) === 404;
  },
  async "deleted branch still takes gateway PUTs (other server)"(a, b) {
    const repo = await newRepo(a);
    await must(a("POST", `/repositories/${repo}/branches`, { name: "feature", source: "main" }), "create branch");
    await putStatus(b, repo, "feature/warm.txt");
    await must(a("DELETE", `/repositories/${repo}/branches/feature`), "delete branch");
    return async () => (await putStatus(b, repo, "feature/after.txt")) === 404;
  },
  async "new branch not yet visible"(a, b) {
    const repo = await newRepo(a);
    await b("GET", `/repositories/${repo}/branches/fresh`);
    await must(a("POST", `/repositories/${repo}/branches`, { name: "fresh", source: "main" }), "create branch");
    return async () => (await b("GET", `/repositories/${repo}/branches/fresh`)).status === 200;
  },
};

const repetitions = Number(process.argv[2] ?? 3);
const pg = await startPostgres();
const shared = mkdtempSync(join(tmpdir(), "lakefs-s3-windows-"));
const options = { database: { type: "postgres" as const, connectionString: pg.createDatabase("lakefs") }, sharedStorageDir: shared };
const servers = [await startLakeFS(options), await startLakeFS(options)];
const [a, b] = servers.map(apiOf) as [Api, Api];
try {
  const version = ((await (await a("GET", "/config")).json()) as { version_config?: { version?: string } }).version_config?.version;
  console.log(`lakeFS ${version}, two servers on one PostgreSQL KV, ${repetitions} repetitions, polling every 50 ms`);
  for (const [name, prepare] of Object.entries(cases)) {
    const ms: number[] = [];
    for (let i = 0; i < repetitions; i++) ms.push(await windowMs(await prepare(a, b)));
    console.log(`${name.padEnd(40)} ${ms.map((m) => `${(m / 1000).toFixed(1)} s`).join(", ")}`);
  }
} finally {
  a.s3.destroy();
  b.s3.destroy();
  for (const s of servers) await s.stop();
  await pg.stop();
  rmSync(shared, { recursive: true, force: true });
}
