/**
 * Test support: an S3-compatible object store on a loopback port, for the
 * leg that runs lakeFS on `blockstore.type: s3`. It is gofakes3 (a small
 * S3 protocol implementation in Go, built from the Go module pinned in
 * tools/s3-store), objects in memory. It accepts any credentials; the
 * returned ones are what lakeFS is configured with.
 */
import { join } from "node:path";
// @ts-expect-error: plain ESM helper without declarations
import { ensureS3StoreBinary } from "../../tools/s3-store/build.mjs";
import { startDaemonInTempDir } from "./child-process.js";

/** A running S3-compatible store. */
export interface S3Store {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  stop(): Promise<void>;
}

/** Starts the store with these buckets created. */
export async function startS3Store(buckets: readonly string[]): Promise<S3Store> {
  const { server: binary } = ensureS3StoreBinary() as { server: string };
  return startDaemonInTempDir(
    "lakefs-s3-store-",
    (dir) => ({
      name: "s3-store",
      portCount: 1,
      outputFile: join(dir, "s3-store.log"),
      launch: ([port]) => ({ command: binary, args: ["-host", "127.0.0.1", "-port", String(port), "-bucket", buckets.join(",")] }),
    }),
    ({ daemon, stop }) => ({
      endpoint: `http://127.0.0.1:${daemon.ports[0]}`,
      accessKeyId: "AKIAS3STOREEXAMPLE00",
      secretAccessKey: "s3-store-secret-key-not-checked-00000000",
      stop,
    }),
  );
}
