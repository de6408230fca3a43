/**
 * Test support: one real lakeFS server per test file, started before the
 * file's tests and stopped after them, plus unique names for repositories
 * and storage namespaces.
 */
import { after, before } from "node:test";
import { randomBytes } from "node:crypto";
import { LakeFS, type LakeFSClientConfig } from "../../src/index.js";
import { startLakeFS, type LakeFSServer, type StartLakeFSOptions } from "../../tools/lakefs/server.js";
// @ts-expect-error: plain ESM helper without declarations
import { selectedLakeFSVersion } from "../../tools/lakefs/build.mjs";
import { startPostgres, type PostgresCluster } from "./postgres.js";
import { startMinio, type MinioStore } from "./minio.js";
import { startRoundRobin, type RoundRobin } from "./round-robin.js";
import { startS3Store, type S3Store } from "./s3-store.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export { TEST_CREDENTIALS } from "../../tools/lakefs/server.js";
export type { LakeFSServer };

/** A unique lower-case suffix for names. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

/** A repository name matching `^[a-z0-9][a-z0-9-]{2,62}$`, unique per call. */
export function uniqueRepoName(prefix = "repo"): string {
  return `${prefix}-${uniqueSuffix()}`.slice(0, 63);
}

/**
 * The production-like legs: `LAKEFS_S3_TEST_KV=postgres` runs every server of
 * `useLakeFS()` on a PostgreSQL KV store (a throw-away cluster per test
 * file), `LAKEFS_S3_TEST_BLOCKSTORE=s3` on an S3-compatible blockstore (a
 * gofakes3 server per test file), `LAKEFS_S3_TEST_BLOCKSTORE=minio` on MinIO
 * (checks SigV4 on presigned URLs: the presigned data path leg). Both default
 * to lakeFS's local stores.
 */
/**
 * The scaled-out leg: `LAKEFS_S3_TEST_SERVERS=2` runs two lakeFS servers on one PostgreSQL
 * KV store and one blockstore, behind nginx round-robin; `server.endpoint` is nginx.
 */
export const TEST_SERVERS = process.env.LAKEFS_S3_TEST_SERVERS === "2" ? 2 : 1;
export const TEST_KV = process.env.LAKEFS_S3_TEST_KV === "postgres" || TEST_SERVERS > 1 ? "postgres" : "local";
export const TEST_BLOCKSTORE: "local" | "s3" | "minio" =
  process.env.LAKEFS_S3_TEST_BLOCKSTORE === "s3" ? "s3" : process.env.LAKEFS_S3_TEST_BLOCKSTORE === "minio" ? "minio" : "local";

/**
 * The lakeFS version under test: `LAKEFS_S3_TEST_LAKEFS_VERSION` (the version matrix's older
 * server, pinned in tools/lakefs/versions/), else the default in tools/lakefs/go.mod.
 */
export const TEST_LAKEFS_VERSION: string = selectedLakeFSVersion();

/** The bucket that S3-blockstore namespaces live in. */
export const TEST_BUCKET = "lakefs-s3-test";

/** The blockstores a test server can run on: lakeFS's local one, gofakes3 or MinIO. */
export type TestBlockstore = "local" | "s3" | "minio";

/**
 * A storage namespace on the test blockstore (local, or the S3 leg's bucket) that no repository
 * has used; on `blockstore` when given (a server started with `useLakeFS({ blockstore })`).
 */
export function uniqueNamespace(name = uniqueRepoName("ns"), blockstore: TestBlockstore = TEST_BLOCKSTORE): string {
  return blockstore !== "local" ? `s3://${TEST_BUCKET}/${name}` : `local://${name}`;
}

/** Options of {@link useLakeFS}. */
export interface UseLakeFSOptions extends Pick<StartLakeFSOptions, "extraConfig" | "env"> {
  /**
   * The blockstore of this file's server, whatever `LAKEFS_S3_TEST_BLOCKSTORE` says: a file
   * whose tests need presigned URLs asks for `"minio"` (which checks their signatures as S3
   * does) and runs in the default `npm test`. Default: {@link TEST_BLOCKSTORE}. A file that
   * asks for `"minio"` or `"s3"` must name MinIO or gofakes3 in its text, so that `npm test`
   * builds the binary before the first test (tools/test-tools.mjs).
   */
  readonly blockstore?: TestBlockstore;
  /** On an S3-type blockstore: how long presigned URLs stay valid (a Go duration; lakeFS's default 15m). */
  readonly preSignedExpiry?: string;
  /**
   * On an S3-type blockstore: called once the store runs and before lakeFS starts; returns the
   * endpoint lakeFS puts in presigned URLs instead of the store's own (a relay or Toxiproxy in
   * front of the store, so that a test can fault the traffic that goes straight to the store).
   */
  readonly preSignedEndpoint?: (store: S3Store) => Promise<string> | string;
}

/**
 * Starts a lakeFS server for the current test file (or, in the scaled-out leg, two servers
 * behind nginx round-robin). The returned object is filled in by the time the first test runs:
 * `server` is what tests talk to, `servers` each lakeFS process behind it.
 */
export function useLakeFS(options: UseLakeFSOptions = {}): {
  readonly server: LakeFSServer;
  readonly servers: readonly LakeFSServer[];
  readonly minio?: MinioStore;
  /** The blockstore the server runs on. */
  readonly blockstore: TestBlockstore;
  /** A storage namespace on that blockstore that no repository has used. */
  namespace(name?: string): string;
} {
  const { blockstore: wanted = TEST_BLOCKSTORE, preSignedExpiry, preSignedEndpoint, ...extra } = options;
  const holder = {
    blockstore: wanted,
    namespace: (name?: string) => uniqueNamespace(name, wanted),
  } as { server: LakeFSServer; servers: LakeFSServer[]; minio?: MinioStore; blockstore: TestBlockstore; namespace(name?: string): string };
  let postgres: PostgresCluster | undefined;
  let s3: S3Store | undefined;
  let front: RoundRobin | undefined;
  let sharedStorageDir: string | undefined;
  before(async () => {
    const options: { -readonly [K in keyof StartLakeFSOptions]: StartLakeFSOptions[K] } = { ...extra };
    if (TEST_KV === "postgres") {
      postgres = await startPostgres();
      options.database = { type: "postgres", connectionString: postgres.createDatabase("lakefs") };
    }
    if (wanted === "s3") s3 = await startS3Store([TEST_BUCKET]);
    if (wanted === "minio") s3 = holder.minio = await startMinio([TEST_BUCKET]);
    if (s3) {
      const presignedAt = preSignedEndpoint ? await preSignedEndpoint(s3) : undefined;
      options.blockstore = {
        type: "s3",
        endpoint: s3.endpoint,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        ...(preSignedExpiry !== undefined ? { preSignedExpiry } : {}),
        ...(presignedAt !== undefined ? { preSignedEndpoint: presignedAt } : {}),
      };
    }
    if (TEST_SERVERS === 1) {
      holder.server = await startLakeFS(options);
      holder.servers = [holder.server];
      return;
    }
    sharedStorageDir = mkdtempSync(join(tmpdir(), "lakefs-s3-shared-storage-"));
    options.sharedStorageDir = sharedStorageDir;
    holder.servers = [];
    // One after the other: the first sets the installation up on PostgreSQL.
    for (let i = 0; i < TEST_SERVERS; i++) holder.servers.push(await startLakeFS(options));
    front = await startRoundRobin(holder.servers.map((s) => `127.0.0.1:${s.port}`));
    holder.server = scaledOut(holder.servers, front);
  });
  after(async () => {
    await front?.stop();
    for (const server of holder.servers ?? []) await server.stop();
    await postgres?.stop();
    await s3?.stop();
    if (sharedStorageDir) rmSync(sharedStorageDir, { recursive: true, force: true });
  });
  return holder;
}

/** Several servers behind one front, seen as one server: kill and restart act on all of them. */
function scaledOut(servers: readonly LakeFSServer[], front: RoundRobin): LakeFSServer {
  const first = servers[0]!;
  return {
    endpoint: front.url,
    port: front.port,
    accessKeyId: first.accessKeyId,
    secretAccessKey: first.secretAccessKey,
    dataDir: first.dataDir,
    blockstoreDir: first.blockstoreDir,
    importDir: first.importDir,
    logFile: first.logFile,
    lakectl: first.lakectl,
    get process() {
      return first.process;
    },
    stop: async (options) => {
      for (const s of servers) await s.stop(options);
    },
    kill: async () => {
      await Promise.all(servers.map((s) => s.kill()));
    },
    restart: async () => {
      for (const s of servers) await s.restart();
    },
  };
}

/** Basic-auth header for the test server's admin credentials. */
export function basicAuth(server: LakeFSServer): string {
  return `Basic ${Buffer.from(`${server.accessKeyId}:${server.secretAccessKey}`).toString("base64")}`;
}

/**
 * Creates a repository straight over REST with `fetch`, independent of the
 * code under test. Returns its name.
 */
export async function createRepositoryRaw(server: LakeFSServer, name = uniqueRepoName()): Promise<string> {
  const res = await fetch(`${server.endpoint}/api/v1/repositories`, {
    method: "POST",
    headers: { authorization: basicAuth(server), "content-type": "application/json" },
    body: JSON.stringify({ name, storage_namespace: uniqueNamespace(name), default_branch: "main" }),
  });
  if (res.status !== 201) throw new Error(`creating repository ${name}: ${res.status} ${await res.text()}`);
  return name;
}

/**
 * A client for the test server's admin credentials at `endpoint` (the server
 * itself, or a relay, proxy or TLS front in front of it), ignoring the
 * lakectl file and any proxy variables of the machine.
 */
export function testClient(server: LakeFSServer, endpoint: string = server.endpoint, options: LakeFSClientConfig = {}): LakeFS {
  return new LakeFS({
    endpoint,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    lakectlConfigFile: false,
    proxy: false,
    ...options,
  });
}
