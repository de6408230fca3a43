/**
 * Where the benchmark's lakeFS keeps its objects: its local blockstore (the
 * default), or MinIO (`--blockstore minio`, the presigned test leg's setup from
 * test/support/minio.ts), where lakeFS can presign URLs and the data path can
 * skip it. Also what the bench reads about the servers on that leg: the CPU
 * time of each process, and who served data requests (lakeFS or the store).
 */
import { DeleteObjectsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { startMinio, type MinioStore } from "../test/support/minio.js";
import { startLakeFS, type LakeFSServer } from "../tools/lakefs/server.js";

/** The blockstores `--blockstore` accepts. */
export const BLOCKSTORES = ["local", "minio"] as const;
/** One of {@link BLOCKSTORES}. */
export type Blockstore = (typeof BLOCKSTORES)[number];

const MiB = 1024 * 1024;
/** The MinIO bucket the bench repository's namespace lives in. */
const BUCKET = "bench";

/** lakeFS and, on the MinIO leg, the store behind it. */
export interface BenchServers {
  readonly blockstore: Blockstore;
  readonly lakefs: LakeFSServer;
  readonly minio?: MinioStore;
  /** The namespace of the bench repository: `local://bench` or `s3://bench/bench`. */
  readonly storageNamespace: string;
  /** CPU seconds (user + system) each server process has used so far, from /proc. */
  cpuSeconds(): { lakefs?: number; minio?: number };
  /** Data requests so far: those lakeFS served or sent itself, and those the store served (MinIO leg only). */
  dataRequests(): Promise<DataRequests>;
  /** Deletes the objects of at least 1 MiB written since `sinceMs` (the abandoned large objects). */
  purgeLargeObjects(sinceMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Counts of requests that carry object bytes. */
export interface DataRequests {
  /** Gateway GET/PUT/POST on objects plus lakeFS's own PUT/GET/part calls on the store. */
  readonly lakefs: number;
  /** PUT, part PUT and GET requests MinIO served (undefined on the local blockstore). */
  readonly store?: number;
}

/** Starts lakeFS on the blockstore asked for (and MinIO first, when it is the store). */
export async function startBenchServers(blockstore: Blockstore): Promise<BenchServers> {
  if (blockstore === "local") {
    const lakefs = await startLakeFS();
    return servers(blockstore, lakefs, undefined, "local://bench");
  }
  const minio = await startMinio([BUCKET]);
  try {
    const lakefs = await startLakeFS({
      blockstore: { type: "s3", endpoint: minio.endpoint, accessKeyId: minio.accessKeyId, secretAccessKey: minio.secretAccessKey },
    });
    return servers(blockstore, lakefs, minio, `s3://${BUCKET}/bench`);
  } catch (err) {
    await minio.stop();
    throw err;
  }
}

function servers(blockstore: Blockstore, lakefs: LakeFSServer, minio: MinioStore | undefined, storageNamespace: string): BenchServers {
  return {
    blockstore,
    lakefs,
    ...(minio ? { minio } : {}),
    storageNamespace,
    cpuSeconds: () => ({ lakefs: processCpuSeconds(lakefs.process.pid), minio: processCpuSeconds(minio?.pid) }),
    dataRequests: async () => ({
      lakefs: await lakeFSDataRequests(lakefs.endpoint),
      ...(minio ? { store: await storeDataRequests(minio) } : {}),
    }),
    purgeLargeObjects: (sinceMs) => (minio ? purgeStore(minio, sinceMs) : Promise.resolve(purgeLargeFiles(lakefs.blockstoreDir, sinceMs))),
    async stop() {
      await lakefs.stop().catch(() => undefined);
      await minio?.stop().catch(() => undefined);
    },
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined when unknown. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/** Sums the samples of a Prometheus metric whose labels match `labels`. */
function metricSum(text: string, name: string, labels: RegExp): number {
  let sum = 0;
  for (const m of text.matchAll(new RegExp(`^${name}(\\{[^}]*\\})?\\s+(\\S+)`, "gm"))) {
    if (labels.test(m[1] ?? "")) sum += Number(m[2]);
  }
  return sum;
}

/**
 * lakeFS's own count of data requests (its /metrics, as test/integration/presigned.test.ts
 * reads them): gateway requests that carry object bytes, and its S3 adapter's PUT/GET/part
 * calls on the store, which is how REST uploads and reads without presign move bytes.
 */
async function lakeFSDataRequests(endpoint: string): Promise<number> {
  const text = await (await fetch(`${endpoint}/metrics`)).text();
  return (
    metricSum(text, "gateway_request_duration_seconds_count", /operation="(get_object|put_object|post_object)"/) +
    metricSum(text, "s3_operation_duration_seconds_count", /operation="(PutObject|GetObject|UploadPart)"/)
  );
}

async function storeDataRequests(minio: MinioStore): Promise<number> {
  const counts = await minio.requestCounts();
  return (counts.PutObject ?? 0) + (counts.PutObjectPart ?? 0) + (counts.GetObject ?? 0);
}

/** Removes files of at least 1 MiB written under `dir` since `sinceMs` (local blockstore). */
function purgeLargeFiles(dir: string, sinceMs: number): void {
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const st = statSync(p);
        if (st.size >= MiB && st.mtimeMs >= sinceMs) unlinkSync(p);
      }
    }
  };
  if (existsSync(dir)) walk(dir);
}

/** Deletes the bucket's objects of at least 1 MiB written since `sinceMs` (MinIO leg). */
async function purgeStore(minio: MinioStore, sinceMs: number): Promise<void> {
  let token: string | undefined;
  do {
    const page = await minio.client.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }));
    const stale = (page.Contents ?? []).filter((o) => (o.Size ?? 0) >= MiB && (o.LastModified?.getTime() ?? 0) >= sinceMs);
    if (stale.length > 0) {
      await minio.client.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: stale.map((o) => ({ Key: o.Key! })), Quiet: true } }));
    }
    token = page.NextContinuationToken;
  } while (token);
}
