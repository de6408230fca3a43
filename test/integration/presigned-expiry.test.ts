/**
 * Presigned URLs that are about to expire, with lakeFS on MinIO presigning
 * for 30 seconds only (`pre_signed_expiry`, below the toolkit's 60-second
 * margin): every part URL of a multipart upload must be presigned again
 * before use. `LAKEFS_S3_TEST_BLOCKSTORE=minio` only.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { startLakeFS, type LakeFSServer } from "../../tools/lakefs/server.js";
import { startMinio, type MinioStore } from "../support/minio.js";
import { TEST_BLOCKSTORE, TEST_BUCKET, testClient, uniqueRepoName } from "../support/lakefs.js";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** lakeFS's count of REST calls of one operation (its metric label: `UploadPart` for presignPartUrl). */
async function apiCalls(server: LakeFSServer, operation: string): Promise<number> {
  const text = await (await fetch(`${server.endpoint}/metrics`)).text();
  let sum = 0;
  for (const m of text.matchAll(/^api_request_duration_seconds_count\{([^}]*)\}\s+(\S+)/gm)) {
    if (m[1]!.includes(`operation="${operation}"`)) sum += Number(m[2]);
  }
  return sum;
}

describe("presigned URLs about to expire", { skip: TEST_BLOCKSTORE !== "minio" && "needs LAKEFS_S3_TEST_BLOCKSTORE=minio" }, () => {
  let minio: MinioStore;
  let server: LakeFSServer;

  before(async () => {
    minio = await startMinio([TEST_BUCKET]);
    server = await startLakeFS({
      blockstore: { type: "s3", endpoint: minio.endpoint, accessKeyId: minio.accessKeyId, secretAccessKey: minio.secretAccessKey, preSignedExpiry: "30s" },
    });
  });
  after(async () => {
    await server?.stop();
    await minio?.stop();
  });

  it("every part URL with less than a minute left is presigned again before its part is sent", async () => {
    const lakefs = testClient(server, server.endpoint, { dataPath: "presigned" });
    const repo = uniqueRepoName("expiry");
    await lakefs.repository(repo).create({ storageNamespace: `s3://${TEST_BUCKET}/${repo}` });
    const body = randomBytes(11 * 1024 * 1024);
    const before = await apiCalls(server, "UploadPart");
    await lakefs.repository(repo).branch("main").object("big.bin").upload(body, { partSize: 5 * 1024 * 1024 });
    assert.equal((await apiCalls(server, "UploadPart")) - before, 3, "one fresh URL per part");
    assert.equal(sha(await lakefs.repository(repo).branch("main").object("big.bin").bytes()), sha(body));
    lakefs.destroy();
  });

  it("a download whose URL expires half-way asks lakeFS for a new one and completes", async () => {
    const lakefs = testClient(server, server.endpoint, { dataPath: "presigned" });
    const repo = uniqueRepoName("expiry-dl");
    await lakefs.repository(repo).create({ storageNamespace: `s3://${TEST_BUCKET}/${repo}` });
    const object = lakefs.repository(repo).branch("main").object("half.bin");
    const body = randomBytes(2 * 1024 * 1024);
    await object.upload(body);
    const chunks: Buffer[] = [];
    // One range at a time: the first part is taken only after the 30-second URL has expired, so the second range meets an expired URL.
    const sink = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        if (chunks.length === 1) setTimeout(done, 35_000);
        else done();
      },
    });
    const stats = await apiCalls(server, "StatObject");
    await object.download(sink, { partSize: 1024 * 1024, concurrency: 1 });
    assert.equal(sha(Buffer.concat(chunks)), sha(body));
    assert.equal((await apiCalls(server, "StatObject")) - stats, 3, "the first stat, one more for a fresh URL, and one after the last range to confirm the version");
    lakefs.destroy();
  });
});
