/**
 * The presigned data path against real parts: lakeFS on MinIO (which checks
 * SigV4 on presigned URLs) with `LAKEFS_S3_TEST_BLOCKSTORE=minio`, and lakeFS
 * on its local blockstore (no presigning) otherwise. Nothing is mocked.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { promisify } from "node:util";
import { ListMultipartUploadsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { BranchNotFoundError, ObjectStoreError, PresignUnsupportedError, ReadOnlyRefError, type Branch, type LakeFS } from "../../src/index.js";
import { TEST_BLOCKSTORE, TEST_BUCKET, testClient, uniqueNamespace, uniqueRepoName, useLakeFS } from "../support/lakefs.js";
import { lakectlEnv, runCli } from "../support/cli-support.js";

const run = promisify(execFile);
const ctx = useLakeFS();
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const onMinio = TEST_BLOCKSTORE === "minio";

/** Sums the samples of a Prometheus metric whose labels match `labels`. */
async function metricSum(url: string, name: string, labels: RegExp = /.*/): Promise<number> {
  const text = await (await fetch(url)).text();
  let sum = 0;
  for (const m of text.matchAll(new RegExp(`^${name}(\\{[^}]*\\})?\\s+(\\S+)`, "gm"))) {
    if (labels.test(m[1] ?? "")) sum += Number(m[2]);
  }
  return sum;
}

/**
 * lakeFS's own count of data requests: gateway requests that carry object bytes
 * (GET, PUT and POST on objects; parts are PUTs and POSTs) and its S3
 * adapter's PUT/GET/part calls on the store. Listings and HEADs carry no data.
 */
async function lakeFSDataRequests(): Promise<number> {
  const url = `${ctx.server.endpoint}/metrics`;
  const gateway = await metricSum(url, "gateway_request_duration_seconds_count", /operation="(get_object|put_object|post_object)"/);
  const store = await metricSum(url, "s3_operation_duration_seconds_count", /operation="(PutObject|GetObject|UploadPart|CreateMultipartUpload)"/);
  return gateway + store;
}

async function storeDataRequests(): Promise<number> {
  const counts = await ctx.minio!.requestCounts();
  return (counts.PutObject ?? 0) + (counts.GetObject ?? 0);
}

/** Objects on MinIO under a repository's namespace. */
async function storeObjectCount(repo: string): Promise<number> {
  const listed = await ctx.minio!.client.send(new ListObjectsV2Command({ Bucket: TEST_BUCKET, Prefix: repo }));
  return listed.KeyCount ?? 0;
}

/**
 * A Blob whose n-th `stream()` gives `reads[n]` (the last one again after
 * that): a body that changes between two reads, as a file being rewritten
 * would. After the last stream's bytes it calls `stalled` and waits, as a
 * slow source would, until the reader gives up.
 */
class ReadsOf extends Blob {
  reads = 0;
  constructor(
    private readonly contents: readonly Uint8Array[],
    private readonly stalled?: () => void,
  ) {
    super([contents[0]!]);
  }

  override stream(): ReadableStream<Uint8Array> {
    const index = Math.min(this.reads++, this.contents.length - 1);
    const bytes = this.contents[index]!;
    const stall = index === this.contents.length - 1 ? this.stalled : undefined;
    let sent = false;
    return new ReadableStream<Uint8Array>({
      pull: (c) => {
        if (!sent) {
          sent = true;
          c.enqueue(bytes);
        } else if (stall) {
          stall();
          return new Promise<void>(() => {});
        } else c.close();
        return undefined;
      },
    });
  }
}

async function newBranch(lakefs: LakeFS, prefix: string): Promise<{ repo: string; branch: Branch }> {
  const repo = uniqueRepoName(prefix);
  const repository = await lakefs.repository(repo).create({ storageNamespace: uniqueNamespace(repo) });
  return { repo, branch: repository.branch("main") };
}

describe("presigned data path on MinIO", { skip: !onMinio && "needs LAKEFS_S3_TEST_BLOCKSTORE=minio" }, () => {
  let lakefs: LakeFS;
  let repo: string;
  let branch: Branch;
  let dir: string;

  before(async () => {
    lakefs = testClient(ctx.server, ctx.server.endpoint, { dataPath: "presigned" });
    ({ repo, branch } = await newBranch(lakefs, "presign"));
    dir = mkdtempSync(join(tmpdir(), "lakefs-s3-presign-"));
  });

  it("lakeFS reports presigned support for its MinIO blockstore", async () => {
    const storage = await lakefs.admin.getStorageConfig();
    assert.equal(storage.blockstoreType, "s3");
    assert.equal(storage.preSignSupport, true);
  });

  it("MinIO refuses a presigned URL whose signature was tampered with", async () => {
    await branch.object("signed.txt").upload("signed", { dataPath: "gateway" });
    const stats = await lakefs.admin.statObjectPresigned({ repository: repo, ref: "main", path: "signed.txt" });
    const good = await fetch(stats.physicalAddress);
    assert.equal(await good.text(), "signed");
    const url = new URL(stats.physicalAddress);
    const sig = url.searchParams.get("X-Amz-Signature")!;
    url.searchParams.set("X-Amz-Signature", `${sig.slice(0, -1)}${sig.endsWith("0") ? "1" : "0"}`);
    const bad = await fetch(url);
    assert.equal(bad.status, 403);
    assert.match(await bad.text(), /SignatureDoesNotMatch/);

    // Through the library: a typed object-store error, the store's code, no URL.
    const { openPresignedRange } = await import("../../src/store/get-presigned-range.js");
    const err = await openPresignedRange(lakefs.httpStack, { url: url.toString(), start: 0, end: 0 }).then(
      () => assert.fail("the store accepted a tampered URL"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ObjectStoreError, String(err));
    assert.equal(err.code, "SignatureDoesNotMatch");
    assert.equal(err.status, 403);
    assert.ok(!err.message.includes(sig.slice(0, 16)) && !err.message.includes("X-Amz-"), err.message);
  });

  it("uploads and downloads go to the store, not through lakeFS, and read back the same", async () => {
    const body = randomBytes(3 * 1024 * 1024 + 17);
    const lakeBefore = await lakeFSDataRequests();
    const storeBefore = await storeDataRequests();
    const up = await branch.object("data/blob.bin").upload(body, { contentType: "application/x-test", metadata: { Owner: "team-a" } });
    assert.equal(up.size, body.length);
    const file = join(dir, "blob.bin");
    const down = await branch.object("data/blob.bin").download(file, { partSize: 1024 * 1024 });
    assert.equal(down.size, body.length);
    assert.equal(sha(readFileSync(file)), sha(body));
    assert.equal(await lakeFSDataRequests(), lakeBefore, "lakeFS served no gateway request and moved no bytes itself");
    // One PUT and four ranged GETs (1 MiB parts of 3 MiB + 17 bytes), all served by the store itself.
    assert.equal((await storeDataRequests()) - storeBefore, 5);

    // The gateway reads the same bytes, content type and metadata.
    const got = await lakefs.s3.send(new GetObjectCommand({ Bucket: repo, Key: "main/data/blob.bin" }));
    assert.equal(sha(await got.Body!.transformToByteArray()), sha(body));
    assert.equal(got.ContentType, "application/x-test");
    assert.deepEqual(got.Metadata, { owner: "team-a" });

    // The same counters do see the gateway path: the equality above is not vacuous.
    const gatewayBefore = await lakeFSDataRequests();
    await branch.object("data/via-gateway.bin").upload(body, { dataPath: "gateway" });
    assert.ok((await lakeFSDataRequests()) > gatewayBefore);
  });

  it("boto3 reads through the gateway what the presigned path wrote", async () => {
    const body = randomBytes(200_000);
    await branch.object("boto3.bin").upload(body);
    const out = join(dir, "boto3.bin");
    const script = `
import sys, boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=sys.argv[1], aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3], region_name="us-east-1",
    config=Config(s3={"addressing_style": "path"}, request_checksum_calculation="when_required", response_checksum_validation="when_required"))
open(sys.argv[6], "wb").write(s3.get_object(Bucket=sys.argv[4], Key=sys.argv[5])["Body"].read())
`;
    await run(".venv/bin/python", ["-c", script, ctx.server.endpoint, ctx.server.accessKeyId, ctx.server.secretAccessKey, repo, "main/boto3.bin", out]);
    assert.equal(sha(readFileSync(out)), sha(body));
  });

  it("a download to a stream writes the bytes in order", async () => {
    const body = randomBytes(2 * 1024 * 1024 + 5);
    await branch.object("stream.bin").upload(body);
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on("data", (c: Buffer) => chunks.push(c));
    await branch.object("stream.bin").download(sink, { partSize: 512 * 1024 });
    assert.equal(sha(Buffer.concat(chunks)), sha(body));
  });

  it("ifNoneMatch refuses to replace an existing object, which keeps its content", async () => {
    await branch.object("once.txt").upload("first");
    await assert.rejects(branch.object("once.txt").upload("second", { ifNoneMatch: "*" }), (err: Error & { status?: number }) => err.status === 412);
    assert.equal(await branch.object("once.txt").text(), "first");
  });

  it("a presigned write to a tag is ReadOnlyRefError, to a missing branch BranchNotFoundError; nothing reaches the store", async () => {
    await branch.object("tagged.txt").upload("v1");
    await branch.commit({ message: "for a tag" });
    await lakefs.repository(repo).tag("release").create(branch);
    const before = await storeDataRequests();
    const onTag = lakefs.repository(repo).branch("release").object("x.bin");
    await assert.rejects(onTag.upload(randomBytes(64 * 1024)), ReadOnlyRefError);
    await assert.rejects(onTag.upload(randomBytes(12 * 1024 * 1024), { partSize: 5 * 1024 * 1024 }), ReadOnlyRefError);
    await assert.rejects(lakefs.repository(repo).branch("no-such-branch").object("x.bin").upload("x"), BranchNotFoundError);
    assert.equal(await storeDataRequests(), before, "no body byte went to the store");
    assert.equal(await lakefs.repository(repo).tag("release").object("x.bin").exists(), false);
  });

  it("an abort during the upload leaves no object at the path and no upload at the store", async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(branch.object("aborted.bin").upload(randomBytes(1024 * 1024), { signal: controller.signal }), { name: "AbortError" });
    assert.equal(await branch.object("aborted.bin").exists(), false);
    const uploads = await ctx.minio!.client.send(new ListMultipartUploadsCommand({ Bucket: TEST_BUCKET }));
    assert.deepEqual(uploads.Uploads ?? [], []);
  });

  it("a body that changes between its hash and its upload is refused by the store: ChecksumMismatch, nothing at the path", async () => {
    const original = randomBytes(256 * 1024);
    const changed = Buffer.from(original);
    changed[1000]! ^= 0xff;
    // The first read (for Content-MD5) sees the original bytes, the upload's read one flipped byte.
    const blob = new ReadsOf([original, changed]);
    const before = await storeObjectCount(repo);
    const err = await branch.object("changed.bin").upload(blob).then(
      () => assert.fail("the store accepted a body that does not match its Content-MD5"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ObjectStoreError, String(err));
    assert.equal(err.code, "ChecksumMismatch");
    assert.equal(err.status, 400);
    assert.match(err.message, /BadDigest/);
    assert.doesNotMatch(`${err.message} ${String(err.stack)}`, /X-Amz-Signature|X-Amz-Credential/);
    assert.equal(await branch.object("changed.bin").exists(), false);
    assert.equal(await storeObjectCount(repo), before, "the store kept nothing");
    // The same bytes read the same way twice upload fine: the check refuses only a mismatch.
    await branch.object("unchanged.bin").upload(new ReadsOf([original, original]));
    assert.equal(sha(await branch.object("unchanged.bin").bytes()), sha(original));
  });

  it("an abort in the middle of a single presigned PUT leaves no object at the path and none on the store", async () => {
    const body = randomBytes(2 * 1024 * 1024);
    const controller = new AbortController();
    // The upload's read sends the first half, then the caller aborts while the PUT is open.
    const blob = new ReadsOf([body, body.subarray(0, 1024 * 1024)], () => controller.abort());
    const before = await storeObjectCount(repo);
    await assert.rejects(branch.object("single-aborted.bin").upload(blob, { signal: controller.signal }), { name: "AbortError" });
    assert.ok(blob.reads >= 2, "the upload had started sending the body");
    assert.equal(await branch.object("single-aborted.bin").exists(), false);
    assert.equal(await storeObjectCount(repo), before, "no object, whole or partial, on the store");
  });

  it("a large upload goes as presigned multipart, parts straight to the store", async () => {
    assert.equal((await lakefs.admin.getStorageConfig()).preSignMultipartUpload, true);
    const body = randomBytes(11 * 1024 * 1024 + 7);
    const path = join(dir, "multi.bin");
    writeFileSync(path, body);
    const lakeBefore = await lakeFSDataRequests();
    const partsBefore = (await ctx.minio!.requestCounts()).PutObjectPart ?? 0;
    const seen: number[] = [];
    const up = await branch.object("multi.bin").upload({ file: path }, { partSize: 5 * 1024 * 1024, metadata: { kind: "multi" }, onProgress: (p) => seen.push(p.loaded) });
    assert.equal(up.size, body.length);
    assert.equal(seen.at(-1), body.length);
    assert.equal(((await ctx.minio!.requestCounts()).PutObjectPart ?? 0) - partsBefore, 3);
    assert.equal(await lakeFSDataRequests(), lakeBefore);
    const got = await lakefs.s3.send(new GetObjectCommand({ Bucket: repo, Key: "main/multi.bin" }));
    assert.equal(sha(await got.Body!.transformToByteArray()), sha(body));
    assert.deepEqual(got.Metadata, { kind: "multi" });
  });

  it("a stream of unknown size goes as presigned multipart under dataPath presigned, each part URL presigned when it is sent", async () => {
    const body = randomBytes(11 * 1024 * 1024 + 7);
    const lakeBefore = await lakeFSDataRequests();
    const partsBefore = (await ctx.minio!.requestCounts()).PutObjectPart ?? 0;
    const chunks = [body.subarray(0, 3 * 1024 * 1024), body.subarray(3 * 1024 * 1024)];
    const up = await branch.object("stream-multi.bin").upload(Readable.from(chunks), { partSize: 5 * 1024 * 1024 });
    assert.equal(up.size, body.length);
    assert.equal(((await ctx.minio!.requestCounts()).PutObjectPart ?? 0) - partsBefore, 3);
    assert.equal(await lakeFSDataRequests(), lakeBefore, "no byte went through lakeFS");
    assert.equal(sha(await branch.object("stream-multi.bin").bytes()), sha(body));
  });

  it("an abort in the middle of a presigned multipart upload leaves no object and no upload at the store", async () => {
    const controller = new AbortController();
    const partsBefore = (await ctx.minio!.requestCounts()).PutObjectPart ?? 0;
    const upload = branch.object("multi-aborted.bin").upload(randomBytes(16 * 1024 * 1024), {
      partSize: 5 * 1024 * 1024,
      queueSize: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await assert.rejects(upload, { name: "AbortError" });
    assert.ok(((await ctx.minio!.requestCounts()).PutObjectPart ?? 0) > partsBefore, "a part had reached the store");
    assert.equal(await branch.object("multi-aborted.bin").exists(), false);
    const uploads = await ctx.minio!.client.send(new ListMultipartUploadsCommand({ Bucket: TEST_BUCKET }));
    assert.deepEqual(uploads.Uploads ?? [], []);
  });

  it("an expired presigned URL is a typed object-store error that never shows the URL", async () => {
    await branch.object("expiring.txt").upload("x", { dataPath: "gateway" });
    const stats = await lakefs.admin.statObjectPresigned({ repository: repo, ref: "main", path: "expiring.txt" });
    // Rewind the signing date by a day: the signature no longer matches an unexpired request.
    const url = new URL(stats.physicalAddress);
    url.searchParams.set("X-Amz-Date", "20000101T000000Z");
    const { openPresignedRange } = await import("../../src/store/get-presigned-range.js");
    const err = await openPresignedRange(lakefs.httpStack, { url: url.toString(), start: 0, end: 0 }).then(
      () => assert.fail("the store accepted an expired URL"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ObjectStoreError, String(err));
    assert.equal(err.status, 403);
    assert.equal(err.code, "PresignedUrlExpired");
    assert.doesNotMatch(`${err.message} ${String(err.stack)}`, /X-Amz-Signature|X-Amz-Credential/);
  });

  it("a presigned upload sends nothing to lakeFS's data path even for a file body", async () => {
    const path = join(dir, "file.bin");
    const body = randomBytes(100_000);
    writeFileSync(path, body);
    const before = await lakeFSDataRequests();
    await branch.object("from-file.bin").upload({ file: path });
    assert.equal(await lakeFSDataRequests(), before);
    assert.equal(sha(await branch.object("from-file.bin").bytes({ })), sha(body));
    const listed = await ctx.minio!.client.send(new ListObjectsV2Command({ Bucket: TEST_BUCKET, Prefix: repo }));
    assert.ok((listed.KeyCount ?? 0) > 0, "the bytes are on the store under the repository's namespace");
  });
});

describe("lakefs-s3 cp --data-path presigned on MinIO", { skip: !onMinio && "needs LAKEFS_S3_TEST_BLOCKSTORE=minio" }, () => {
  it("copies a file up and down past lakeFS, the store serving the bytes", async () => {
    const lakefs = testClient(ctx.server);
    const { repo } = await newBranch(lakefs, "cp-presign");
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-cp-presign-"));
    const body = randomBytes(1024 * 1024 + 3);
    writeFileSync(join(dir, "in.bin"), body);
    const lakeBefore = await lakeFSDataRequests();
    const storeBefore = await storeDataRequests();
    const up = await runCli(["cp", "--data-path", "presigned", "-q", join(dir, "in.bin"), `lakefs://${repo}/main/cp/in.bin`], { env: lakectlEnv(ctx.server) });
    assert.equal(up.code, 0, up.stderr);
    const down = await runCli(["cp", "--data-path", "presigned", "-q", `lakefs://${repo}/main/cp/in.bin`, join(dir, "out.bin")], { env: lakectlEnv(ctx.server) });
    assert.equal(down.code, 0, down.stderr);
    assert.equal(sha(readFileSync(join(dir, "out.bin"))), sha(body));
    assert.equal(await lakeFSDataRequests(), lakeBefore);
    assert.ok((await storeDataRequests()) - storeBefore >= 2, "the store served the PUT and the GET");
  });
});

describe("data path choice on the local blockstore", { skip: TEST_BLOCKSTORE !== "local" && "needs the local blockstore" }, () => {
  let branch: Branch;
  let lakefs: LakeFS;

  before(async () => {
    lakefs = testClient(ctx.server);
    ({ branch } = await newBranch(lakefs, "nopresign"));
  });

  it("auto uses the gateway where the server cannot presign", async () => {
    // Over 1 MiB: smaller in-memory bodies go over REST under auto (small-objects-rest.test.ts).
    const body = randomBytes(2 * 1024 * 1024);
    const before = await metricSum(`${ctx.server.endpoint}/metrics`, "gateway_request_duration_seconds_count");
    await branch.object("auto.bin").upload(body, { dataPath: "auto" });
    assert.ok((await metricSum(`${ctx.server.endpoint}/metrics`, "gateway_request_duration_seconds_count")) > before);
    assert.deepEqual(Buffer.from(await branch.object("auto.bin").bytes()), body);
  });

  it("presigned on a server without support is a typed error saying why, and nothing is written", async () => {
    const client = testClient(ctx.server, ctx.server.endpoint, { dataPath: "presigned" });
    const b = client.repository(branch.repository).branch(branch.id);
    await assert.rejects(b.object("never.txt").upload("x"), (err: unknown) => {
      assert.ok(err instanceof PresignUnsupportedError);
      assert.match(err.message, /pre_sign_support: false/);
      return true;
    });
    assert.equal(await branch.object("never.txt").exists(), false);
  });

  it("lakefs-s3 cp --data-path presigned fails saying why; an unknown value is a usage error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-cp-nopresign-"));
    writeFileSync(join(dir, "a.txt"), "a");
    const target = `lakefs://${branch.repository}/${branch.id}/cp/a.txt`;
    const refused = await runCli(["cp", "--data-path", "presigned", "-q", join(dir, "a.txt"), target], { env: lakectlEnv(ctx.server) });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /pre_sign_support: false/);
    const usage = await runCli(["cp", "--data-path", "direct", join(dir, "a.txt"), target], { env: lakectlEnv(ctx.server) });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--data-path must be auto, gateway or presigned/);
  });
});
