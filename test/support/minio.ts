/**
 * Test support: MinIO on a loopback port, for the leg that runs lakeFS on
 * `blockstore.type: s3` with presigned data (`LAKEFS_S3_TEST_BLOCKSTORE=minio`).
 * Unlike gofakes3 it checks SigV4 signatures, presigned URLs included, as S3
 * does. Built from the Go module pinned in tools/minio; data in a temp dir.
 * Its Prometheus metrics are public, so a test can count the S3 requests the
 * store itself served.
 */
import { join } from "node:path";
import { CreateBucketCommand, ListMultipartUploadsCommand, S3Client } from "@aws-sdk/client-s3";
// @ts-expect-error: plain ESM helper without declarations
import { ensureMinioBinary } from "../../tools/minio/build.mjs";
import { startDaemonInTempDir } from "./child-process.js";
import type { S3Store } from "./s3-store.js";

/** A running MinIO server. */
export interface MinioStore extends S3Store {
  /** The store's own count of S3 requests per API name (`PutObject`, `GetObject`, …). */
  requestCounts(): Promise<Record<string, number>>;
  /** A client on the store itself (root credentials), to look behind lakeFS's back. */
  readonly client: S3Client;
  /** The MinIO process id (`env` execs MinIO), so a benchmark can read its CPU time from /proc. */
  readonly pid: number | undefined;
  /**
   * The multipart uploads the store holds (started, neither completed nor aborted) in `bucket`
   * whose key starts with `prefix`, as `<key> <upload id>`, from the store's own
   * `ListMultipartUploads`. MinIO filters on a prefix only when it is a whole key (a folder
   * prefix lists nothing), so the bucket is listed whole and filtered here.
   */
  multipartUploads(bucket: string, prefix?: string): Promise<string[]>;
}

const ACCESS_KEY_ID = "minio-lakefs-s3-test";
const SECRET_ACCESS_KEY = "minio-lakefs-s3-test-secret-0000000000";

/** Starts MinIO with these buckets created. */
export async function startMinio(buckets: readonly string[]): Promise<MinioStore> {
  const { server: binary } = ensureMinioBinary() as { server: string };
  return startDaemonInTempDir(
    "lakefs-s3-minio-",
    (dir) => ({
      name: "minio",
      portCount: 1,
      outputFile: join(dir, "minio.log"),
      startTimeoutMs: 30_000,
      launch: ([port]) => ({
        command: "env",
        args: [
          "TZ=UTC", // MinIO requires UTC; its own main sets it (tools/minio/cmd/minio/main.go)
          `MINIO_ROOT_USER=${ACCESS_KEY_ID}`,
          `MINIO_ROOT_PASSWORD=${SECRET_ACCESS_KEY}`,
          "MINIO_BROWSER=off", // no console: it would listen on a second port
          "MINIO_UPDATE=off",
          "MINIO_PROMETHEUS_AUTH_TYPE=public",
          binary, "server", "--quiet", "--address", `127.0.0.1:${port}`,
          join(dir, "data"),
        ],
      }),
    }),
    async ({ daemon, stop }) => {
      const endpoint = `http://127.0.0.1:${daemon.ports[0]}`;
      const client = new S3Client({
        endpoint,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
      });
      try {
        await createBuckets(client, buckets);
      } catch (err) {
        client.destroy();
        throw err;
      }
      return {
        endpoint,
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: SECRET_ACCESS_KEY,
        client,
        pid: daemon.process.pid,
        requestCounts: () => s3RequestCounts(endpoint),
        multipartUploads: (bucket, prefix = "") => listMultipartUploads(client, bucket, prefix),
        async stop() {
          client.destroy();
          await stop();
        },
      };
    },
  );
}

/** MinIO answers before its object layer is ready: retry bucket creation for a while. */
async function createBuckets(client: S3Client, buckets: readonly string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (const Bucket of buckets) {
    for (;;) {
      try {
        await client.send(new CreateBucketCommand({ Bucket }));
        break;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
}

/**
 * `minio_api_requests_total{name=…,type="s3"}` of the v3 metrics by API name
 * (the v2 ones are cached for seconds, so they miss recent requests).
 */
async function s3RequestCounts(endpoint: string): Promise<Record<string, number>> {
  const res = await fetch(`${endpoint}/minio/metrics/v3/api/requests`);
  if (!res.ok) throw new Error(`MinIO metrics answered ${res.status}`);
  const counts: Record<string, number> = {};
  for (const m of (await res.text()).matchAll(/^minio_api_requests_total\{[^}]*name="([^"]+)"[^}]*type="s3"[^}]*\}\s+(\S+)/gm)) {
    counts[m[1]!] = (counts[m[1]!] ?? 0) + Number(m[2]);
  }
  return counts;
}

async function listMultipartUploads(client: S3Client, Bucket: string, prefix: string): Promise<string[]> {
  const uploads: string[] = [];
  let KeyMarker: string | undefined;
  let UploadIdMarker: string | undefined;
  do {
    const page = await client.send(new ListMultipartUploadsCommand({ Bucket, KeyMarker, UploadIdMarker }));
    for (const u of page.Uploads ?? []) if (u.Key?.startsWith(prefix)) uploads.push(`${u.Key} ${u.UploadId}`);
    ({ NextKeyMarker: KeyMarker, NextUploadIdMarker: UploadIdMarker } = page.IsTruncated ? page : {});
  } while (KeyMarker !== undefined);
  return uploads.sort();
}
