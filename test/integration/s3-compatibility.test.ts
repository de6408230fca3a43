/**
 * Backs every row of docs/s3-compatibility.md with what the real lakeFS S3
 * gateway does. Each test is named after its row. Server behaviour is
 * observed with a plain `S3Client` configured by hand (SDK defaults, path
 * style, no lakefs-s3 plugin); the lakefs-s3 column is observed with the
 * toolkit's own clients.
 */
import { before, after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import { Readable } from "node:stream";
import * as S3 from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { BranchNotFoundError, createS3Client, LakeFS, NotSupportedError, ObjectNotFoundError, PreconditionFailedError, ProtectedBranchError, ReadOnlyRefError, ValidationError } from "../../src/index.js";
import { getUnsupportedOperationsPlugin, UNSUPPORTED_S3_OPERATIONS } from "../../src/s3.js";
import { createRepositoryRaw, testClient, useLakeFS } from "../support/lakefs.js";

const ctx = useLakeFS();
const run = promisify(execFile);
const MiB = 1024 * 1024;
const md5 = (b: Uint8Array | string) => createHash("md5").update(b).digest("hex");

/** What an SDK call failed with: HTTP status and S3 error code (the SDK's error name). */
async function failure(call: Promise<unknown>): Promise<{ status: number | undefined; code: string; message: string }> {
  try {
    await call;
  } catch (err) {
    const e = err as S3.S3ServiceException;
    return { status: e.$metadata?.httpStatusCode, code: e.name, message: e.message };
  }
  assert.fail("expected the call to fail");
}

async function text(out: Promise<S3.GetObjectCommandOutput>): Promise<string> {
  return (await out).Body!.transformToString();
}

describe("S3 compatibility of the lakeFS gateway", () => {
  /** A plain S3 client, configured by hand: what any S3 code sees. */
  let raw: S3.S3Client;
  let lakefs: LakeFS;
  let repo: string;
  let other: string;

  before(async () => {
    const { endpoint, accessKeyId, secretAccessKey } = ctx.server;
    raw = new S3.S3Client({ endpoint, region: "us-east-1", credentials: { accessKeyId, secretAccessKey }, forcePathStyle: true, maxAttempts: 1 });
    lakefs = testClient(ctx.server, undefined, { maxAttempts: 1 });
    repo = await createRepositoryRaw(ctx.server);
    other = await createRepositoryRaw(ctx.server);
    await lakefs.repository(repo).branch("dev").create("main");
  });

  after(() => {
    raw?.destroy();
    lakefs?.destroy();
  });

  const put = (key: string, body: string | Uint8Array, extra: Partial<S3.PutObjectCommandInput> = {}, bucket = repo) =>
    raw.send(new S3.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...extra }));
  const get = (key: string, extra: Partial<S3.GetObjectCommandInput> = {}, bucket = repo) =>
    raw.send(new S3.GetObjectCommand({ Bucket: bucket, Key: key, ...extra }));
  const head = (key: string, bucket = repo) => raw.send(new S3.HeadObjectCommand({ Bucket: bucket, Key: key }));

  describe("Buckets", () => {
    it("ListBuckets: every repository the user can see, in one page (MaxBuckets ignored)", async () => {
      const all = await raw.send(new S3.ListBucketsCommand({}));
      const names = (all.Buckets ?? []).map((b) => b.Name);
      assert.ok(names.includes(repo) && names.includes(other));
      const limited = await raw.send(new S3.ListBucketsCommand({ MaxBuckets: 1 }));
      assert.equal(limited.Buckets?.length, names.length);
      assert.equal(limited.ContinuationToken, undefined);
    });

    it("HeadBucket: 200 for a repository, 404 for a missing one", async () => {
      assert.equal((await raw.send(new S3.HeadBucketCommand({ Bucket: repo }))).$metadata.httpStatusCode, 200);
      const missing = await failure(raw.send(new S3.HeadBucketCommand({ Bucket: "no-such-repository" })));
      assert.equal(missing.status, 404);
    });

    it("GetBucketLocation: 200 with an empty location (us-east-1)", async () => {
      const out = await raw.send(new S3.GetBucketLocationCommand({ Bucket: repo }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(out.LocationConstraint, undefined);
    });

    it("CreateBucket: 501 NotImplemented for a new name, 409 BucketAlreadyExists for a repository", async () => {
      assert.deepEqual(
        await failure(raw.send(new S3.CreateBucketCommand({ Bucket: "brand-new-bucket" }))).then((f) => [f.status, f.code]),
        [501, "NotImplemented"],
      );
      assert.deepEqual(await failure(raw.send(new S3.CreateBucketCommand({ Bucket: repo }))).then((f) => [f.status, f.code]), [409, "BucketAlreadyExists"]);
    });

    it("DeleteBucket: 405 ERRLakeFSNotSupported", async () => {
      assert.deepEqual(await failure(raw.send(new S3.DeleteBucketCommand({ Bucket: other }))).then((f) => [f.status, f.code]), [405, "ERRLakeFSNotSupported"]);
      assert.equal((await raw.send(new S3.HeadBucketCommand({ Bucket: other }))).$metadata.httpStatusCode, 200);
    });
  });

  describe("Listing", () => {
    let listRepo: string;
    before(async () => {
      listRepo = await createRepositoryRaw(ctx.server);
      await lakefs.repository(listRepo).branch("dev").create("main");
      await lakefs.repository(listRepo).branch("feature").create("main");
      for (const key of ["a/1.txt", "a/2.txt", "b/1.txt", "c d+e.txt", "top.txt"]) await put(`main/${key}`, key, {}, listRepo);
    });

    it("ListObjectsV2 / ListObjects at the bucket root: branches as common prefixes, with or without a delimiter", async () => {
      for (const Delimiter of [undefined, "/"]) {
        const v2 = await raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Delimiter }));
        assert.deepEqual(v2.CommonPrefixes?.map((p) => p.Prefix), ["dev/", "feature/", "main/"]);
        assert.equal(v2.Contents, undefined);
        const v1 = await raw.send(new S3.ListObjectsCommand({ Bucket: listRepo, Delimiter }));
        assert.deepEqual(v1.CommonPrefixes?.map((p) => p.Prefix), ["dev/", "feature/", "main/"]);
      }
      // A prefix without "/" yet matches branch names.
      const partial = await raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Prefix: "fe" }));
      assert.deepEqual(partial.CommonPrefixes?.map((p) => p.Prefix), ["feature/"]);
      const whole = await raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Prefix: "main" }));
      assert.deepEqual(whole.CommonPrefixes?.map((p) => p.Prefix), ["main/"]);
      // lakefs-s3: a branch-scoped client lists its branch at the "bucket root".
      const scoped = lakefs.s3ForBranch({ repository: listRepo, branch: "main" });
      const inBranch = await scoped.send(new S3.ListObjectsV2Command({ Bucket: "any-name", Delimiter: "/" }));
      assert.deepEqual(inBranch.Contents?.map((o) => o.Key), ["c d+e.txt", "top.txt"]);
      assert.deepEqual(inBranch.CommonPrefixes?.map((p) => p.Prefix), ["a/", "b/"]);
      scoped.destroy();
    });

    it("ListObjectsV2 under a branch: keys keep the branch segment; delimiter, StartAfter and continuation tokens work", async () => {
      const flat = await raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Prefix: "main/" }));
      assert.deepEqual(flat.Contents?.map((o) => o.Key), ["main/a/1.txt", "main/a/2.txt", "main/b/1.txt", "main/c d+e.txt", "main/top.txt"]);
      const grouped = await raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Prefix: "main/", Delimiter: "/" }));
      assert.deepEqual(grouped.Contents?.map((o) => o.Key), ["main/c d+e.txt", "main/top.txt"]);
      assert.deepEqual(grouped.CommonPrefixes?.map((p) => p.Prefix), ["main/a/", "main/b/"]);
      const after = await raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Prefix: "main/", StartAfter: "main/b/1.txt" }));
      assert.deepEqual(after.Contents?.map((o) => o.Key), ["main/c d+e.txt", "main/top.txt"]);
      const page1 = await raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Prefix: "main/", MaxKeys: 2 }));
      assert.equal(page1.IsTruncated, true);
      // The token is the last key, not an opaque value.
      assert.equal(page1.NextContinuationToken, "main/a/2.txt");
      const page2 = await raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Prefix: "main/", MaxKeys: 2, ContinuationToken: page1.NextContinuationToken }));
      assert.deepEqual(page2.Contents?.map((o) => o.Key), ["main/b/1.txt", "main/c d+e.txt"]);
    });

    it("ListObjects (v1) under a branch: Marker works; NextMarker only with a delimiter, as in S3", async () => {
      const page = await raw.send(new S3.ListObjectsCommand({ Bucket: listRepo, Prefix: "main/", MaxKeys: 1 }));
      assert.deepEqual(page.Contents?.map((o) => o.Key), ["main/a/1.txt"]);
      assert.equal(page.IsTruncated, true);
      assert.equal(page.NextMarker, undefined);
      const next = await raw.send(new S3.ListObjectsCommand({ Bucket: listRepo, Prefix: "main/", Marker: "main/a/1.txt", MaxKeys: 1 }));
      assert.deepEqual(next.Contents?.map((o) => o.Key), ["main/a/2.txt"]);
      const grouped = await raw.send(new S3.ListObjectsCommand({ Bucket: listRepo, Prefix: "main/", Delimiter: "/", MaxKeys: 1 }));
      assert.deepEqual(grouped.CommonPrefixes?.map((p) => p.Prefix), ["main/a/"]);
      assert.equal(grouped.NextMarker, "main/a/");
    });

    it("max-keys: 1,000 per page by default; larger values are honoured (1,100 keys in one page); 0 gives an empty truncated page", async () => {
      const keys = Array.from({ length: 1_100 }, (_, i) => `feature/many/${String(i).padStart(5, "0")}`);
      for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((k) => put(k, "x", {}, listRepo)));
      const byDefault = await raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Prefix: "feature/many/" }));
      assert.deepEqual([byDefault.KeyCount, byDefault.MaxKeys, byDefault.IsTruncated], [1_000, 1_000, true]);
      const large = await raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Prefix: "feature/many/", MaxKeys: 5_000 }));
      assert.deepEqual([large.KeyCount, large.MaxKeys, large.IsTruncated], [1_100, 5_000, false]);
      const v1 = await raw.send(new S3.ListObjectsCommand({ Bucket: listRepo, Prefix: "feature/many/", MaxKeys: 1_100 }));
      assert.equal(v1.Contents?.length, 1_100);
      const zero = await raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Prefix: "feature/many/", MaxKeys: 0 }));
      assert.deepEqual([zero.KeyCount, zero.IsTruncated], [0, true]);
    });

    it("Listing a missing branch: ListObjectsV2 400 BadRequest, ListObjects (v1) 200 empty; a missing repository 404 NoSuchBucket", async () => {
      assert.deepEqual(
        await failure(raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Prefix: "no-such-branch/" }))).then((f) => [f.status, f.code]),
        [400, "BadRequest"],
      );
      const v1 = await raw.send(new S3.ListObjectsCommand({ Bucket: listRepo, Prefix: "no-such-branch/" }));
      assert.equal(v1.Contents, undefined);
      assert.deepEqual(
        await failure(raw.send(new S3.ListObjectsV2Command({ Bucket: "no-such-repository", Prefix: "main/" }))).then((f) => [f.status, f.code]),
        [404, "NoSuchBucket"],
      );
    });

    it("encoding-type=url: ignored, keys come back unencoded and without EncodingType", async () => {
      const out = await raw.send(new S3.ListObjectsV2Command({ Bucket: listRepo, Prefix: "main/c", EncodingType: "url" }));
      assert.deepEqual(out.Contents?.map((o) => o.Key), ["main/c d+e.txt"]);
      assert.equal(out.EncodingType, undefined);
    });
  });

  describe("Reading objects", () => {
    let commitId: string;
    before(async () => {
      await put("main/read/hello.txt", "hello world", { ContentType: "text/plain", Metadata: { owner: "team-a" } });
      commitId = (await lakefs.repository(repo).branch("main").commit({ message: "first" })).id;
      await lakefs.repository(repo).tag("v1").create("main");
      await put("main/read/hello.txt", "hello again");
      await lakefs.repository(repo).branch("main").commit({ message: "second" });
    });

    it("GetObject: body, Content-Type, user metadata, ETag = MD5 of the body", async () => {
      await put("main/read/plain.txt", "plain body", { ContentType: "text/x-plain", Metadata: { k: "v" } });
      const out = await get("main/read/plain.txt");
      assert.equal(await out.Body!.transformToString(), "plain body");
      assert.equal(out.ContentType, "text/x-plain");
      assert.deepEqual(out.Metadata, { k: "v" });
      assert.equal(out.ETag, `"${md5("plain body")}"`);
      assert.equal(out.ContentLength, 10);
    });

    it("GetObject ranged: 206 with Content-Range for a-b, a- and -n; 416 InvalidRange past the end; a multi-range answers 200 with the whole object", async () => {
      await put("main/read/range.txt", "hello world");
      const cases: Array<[string, string, string]> = [
        ["bytes=2-5", "llo ", "bytes 2-5/11"],
        ["bytes=6-", "world", "bytes 6-10/11"],
        ["bytes=-3", "rld", "bytes 8-10/11"],
      ];
      for (const [Range, body, contentRange] of cases) {
        const out = await get("main/read/range.txt", { Range });
        assert.equal(out.$metadata.httpStatusCode, 206, Range);
        assert.equal(out.ContentRange, contentRange, Range);
        assert.equal(await out.Body!.transformToString(), body, Range);
      }
      assert.deepEqual(await failure(get("main/read/range.txt", { Range: "bytes=100-200" })).then((f) => [f.status, f.code]), [416, "InvalidRange"]);
      const multi = await get("main/read/range.txt", { Range: "bytes=0-1,3-4" });
      assert.equal(multi.$metadata.httpStatusCode, 200);
      assert.equal(await multi.Body!.transformToString(), "hello world");
    });

    it("GetObject from tags, commit ids and expressions: the first key segment may be any ref", async () => {
      assert.equal(await text(get("v1/read/hello.txt")), "hello world");
      assert.equal(await text(get(`${commitId}/read/hello.txt`)), "hello world");
      assert.equal(await text(get("main~1/read/hello.txt")), "hello world");
      assert.equal(await text(get("main/read/hello.txt")), "hello again");
      const listed = await raw.send(new S3.ListObjectsV2Command({ Bucket: repo, Prefix: "v1/read/" }));
      assert.deepEqual(listed.Contents?.map((o) => o.Key), ["v1/read/hello.txt"]);
      // lakefs-s3: read-only handles on any ref.
      const handles = lakefs.repository(repo);
      assert.equal(await handles.tag("v1").object("read/hello.txt").text(), "hello world");
      assert.equal(await handles.commit(commitId).object("read/hello.txt").text(), "hello world");
      assert.equal(await handles.ref("main~1").object("read/hello.txt").text(), "hello world");
    });

    it("GetObject errors: missing key and missing branch both 404 NoSuchKey; missing repository 404 NoSuchBucket", async () => {
      assert.deepEqual(await failure(get("main/read/none.txt")).then((f) => [f.status, f.code]), [404, "NoSuchKey"]);
      assert.deepEqual(await failure(get("no-such-branch/read/hello.txt")).then((f) => [f.status, f.code]), [404, "NoSuchKey"]);
      assert.deepEqual(await failure(get("main/read/hello.txt", {}, "no-such-repository")).then((f) => [f.status, f.code]), [404, "NoSuchBucket"]);
      // lakefs-s3: the handles tell the two apart.
      await assert.rejects(lakefs.repository(repo).branch("main").object("read/none.txt").text(), ObjectNotFoundError);
      await assert.rejects(lakefs.repository(repo).branch("no-such-branch").object("read/hello.txt").text(), BranchNotFoundError);
    });

    it("GetObject conditional and response-* parameters: If-None-Match, If-Match, If-Modified-Since and response-content-type are ignored", async () => {
      const { ETag } = await head("main/read/hello.txt");
      assert.equal((await get("main/read/hello.txt", { IfNoneMatch: ETag })).$metadata.httpStatusCode, 200);
      assert.equal((await get("main/read/hello.txt", { IfMatch: '"00000000000000000000000000000000"' })).$metadata.httpStatusCode, 200);
      assert.equal((await get("main/read/hello.txt", { IfModifiedSince: new Date(Date.now() + 86_400_000) })).$metadata.httpStatusCode, 200);
      const out = await get("main/read/hello.txt", { ResponseContentType: "text/x-override", ResponseContentDisposition: "attachment" });
      assert.notEqual(out.ContentType, "text/x-override");
      assert.equal(out.ContentDisposition, undefined);
    });

    it("HeadObject: size, ETag, Content-Type, metadata; a missing key 404 (NotFound, no body)", async () => {
      await put("main/read/head.txt", "head me", { ContentType: "text/plain", Metadata: { a: "b" } });
      const out = await head("main/read/head.txt");
      assert.deepEqual([out.ContentLength, out.ETag, out.ContentType, out.Metadata], [7, `"${md5("head me")}"`, "text/plain", { a: "b" }]);
      assert.ok(out.LastModified instanceof Date);
      assert.deepEqual(await failure(head("main/read/none.txt")).then((f) => [f.status, f.code]), [404, "NotFound"]);
    });
  });

  describe("Writing objects", () => {
    it("PutObject: body, Content-Type and metadata stored; SSE, storage class and tagging headers accepted and ignored", async () => {
      const out = await put("main/write/p.txt", "written", {
        ContentType: "text/csv",
        Metadata: { source: "test" },
        ServerSideEncryption: "AES256",
        StorageClass: "STANDARD_IA",
        Tagging: "team=a",
      });
      assert.equal(out.ETag, `"${md5("written")}"`);
      const h = await head("main/write/p.txt");
      assert.deepEqual([h.ContentType, h.Metadata, h.StorageClass, h.ServerSideEncryption], ["text/csv", { source: "test" }, undefined, undefined]);
      const tags = await raw.send(new S3.GetObjectTaggingCommand({ Bucket: repo, Key: "main/write/p.txt" }));
      assert.deepEqual(tags.TagSet, []);
    });

    it("PutObject If-None-Match: *: 412 PreconditionFailed when the key exists, 200 when it does not", async () => {
      await put("main/write/once.txt", "first");
      assert.deepEqual(await failure(put("main/write/once.txt", "second", { IfNoneMatch: "*" })).then((f) => [f.status, f.code]), [412, "PreconditionFailed"]);
      assert.equal(await text(get("main/write/once.txt")), "first");
      assert.equal((await put("main/write/fresh.txt", "new", { IfNoneMatch: "*" })).$metadata.httpStatusCode, 200);
      await assert.rejects(lakefs.repository(repo).branch("main").object("write/once.txt").upload("third", { ifNoneMatch: "*" }), PreconditionFailedError);
    });

    it("PutObject If-Match (and If-None-Match with an ETag): 501 NotImplemented", async () => {
      await put("main/write/cas.txt", "v1");
      const etag = `"${md5("v1")}"`;
      assert.deepEqual(await failure(put("main/write/cas.txt", "v2", { IfMatch: etag })).then((f) => [f.status, f.code]), [501, "NotImplemented"]);
      assert.deepEqual(await failure(put("main/write/cas.txt", "v2", { IfNoneMatch: etag })).then((f) => [f.status, f.code]), [501, "NotImplemented"]);
      assert.equal(await text(get("main/write/cas.txt")), "v1");
    });

    it("PutObject to a tag, commit id or missing branch: 404 NoSuchBucket; to an expression (main~1): 500 InternalError; lakefs-s3 refuses before sending", async () => {
      await put("main/write/base.txt", "base");
      const commit = await lakefs.repository(repo).branch("main").commit({ message: "for read-only refs", allowEmpty: true });
      await lakefs.repository(repo).tag("write-tag").create("main");
      for (const ref of ["write-tag", commit.id, "no-such-branch"]) {
        assert.deepEqual(await failure(put(`${ref}/write/x.txt`, "x")).then((f) => [f.status, f.code]), [404, "NoSuchBucket"], ref);
      }
      assert.deepEqual(await failure(put("main~1/write/x.txt", "x")).then((f) => [f.status, f.code]), [500, "InternalError"]);
      // lakefs-s3: an expression is no branch name; a branch handle named after a tag finds out it is one.
      assert.throws(() => lakefs.repository(repo).branch("main~1"), ReadOnlyRefError);
      await assert.rejects(lakefs.repository(repo).branch("write-tag").object("write/x.txt").upload("x"), ReadOnlyRefError);
      await assert.rejects(lakefs.repository(repo).branch("write-tag").object("write/x.txt").delete(), ReadOnlyRefError);
    });

    it("PutObject key length: a path (after the ref) of up to 1,024 bytes is accepted, 1,025 bytes answers 500 InternalError; lakefs-s3 checks the path ≤ 1,024 bytes before sending, on handles and S3 clients alike", async () => {
      assert.equal((await put(`dev/${"k".repeat(1_024)}`, "x")).$metadata.httpStatusCode, 200);
      assert.deepEqual(await failure(put(`dev/${"k".repeat(1_025)}`, "x")).then((f) => [f.status, f.code]), [500, "InternalError"]);
      // Through lakefs.s3 (and branch-scoped clients) that write fails before sending, with a typed error.
      for (const send of [
        () => lakefs.s3.send(new S3.PutObjectCommand({ Bucket: repo, Key: `dev/${"k".repeat(1_025)}`, Body: "x" })),
        () => lakefs.s3ForBranch({ repository: repo, branch: "dev" }).send(new S3.CreateMultipartUploadCommand({ Bucket: repo, Key: "k".repeat(1_025) })),
      ]) {
        const err = await send().catch((e: unknown) => e);
        assert.ok(err instanceof ValidationError && err.code === "KeyTooLong" && err.status === 0, String(err));
        assert.match(err.message, /the object path after the ref is 1025 UTF-8 bytes; lakeFS stores at most 1024/);
      }
      await lakefs.s3ForBranch({ repository: repo, branch: "dev" }).send(new S3.PutObjectCommand({ Bucket: repo, Key: "k".repeat(1_024), Body: "y" }));
      assert.throws(() => lakefs.repository(repo).branch("dev").object("k".repeat(1_025)), ValidationError);
      // The handle reads what the server stored and listed: the ref's length does not count.
      assert.equal(await lakefs.repository(repo).branch("dev").object("k".repeat(1_024)).text(), "y");
    });

    it("Protected branch: PutObject and DeleteObject 403 ErrWriteToProtectedBranch, CopyObject 400 InvalidRequest, DeleteObjects per-key errors; CreateMultipartUpload still 200 (rules apply within ~3 s)", async () => {
      const prot = await createRepositoryRaw(ctx.server);
      await put("main/kept.txt", "kept", {}, prot);
      await lakefs.repository(prot).branch("main").commit({ message: "before protection" });
      await lakefs.repository(prot).setBranchProtectionRules([{ pattern: "main" }]);
      // lakeFS caches repository settings for about 3 seconds.
      const deadline = Date.now() + 15_000;
      let status: number | undefined = 200;
      while (status === 200 && Date.now() < deadline) {
        status = await put("main/probe.txt", "x", {}, prot).then(
          (r) => r.$metadata.httpStatusCode,
          (e: S3.S3ServiceException) => e.$metadata.httpStatusCode,
        );
        if (status === 200) await new Promise((r) => setTimeout(r, 250));
      }
      assert.deepEqual(await failure(put("main/x.txt", "x", {}, prot)).then((f) => [f.status, f.code]), [403, "ErrWriteToProtectedBranch"]);
      assert.deepEqual(
        await failure(raw.send(new S3.DeleteObjectCommand({ Bucket: prot, Key: "main/kept.txt" }))).then((f) => [f.status, f.code]),
        [403, "ErrWriteToProtectedBranch"],
      );
      assert.deepEqual(
        await failure(raw.send(new S3.CopyObjectCommand({ Bucket: prot, Key: "main/copy.txt", CopySource: `${prot}/main/kept.txt` }))).then((f) => [f.status, f.code]),
        [400, "InvalidRequest"],
      );
      const batch = await raw.send(new S3.DeleteObjectsCommand({ Bucket: prot, Delete: { Objects: [{ Key: "main/kept.txt" }] } }));
      assert.equal(batch.Deleted, undefined);
      assert.deepEqual(batch.Errors?.map((e) => [e.Key, e.Code]), [["main/kept.txt", "ErrWriteToProtectedBranch"]]);
      const mpu = await raw.send(new S3.CreateMultipartUploadCommand({ Bucket: prot, Key: "main/mpu.bin" }));
      assert.ok(mpu.UploadId);
      assert.equal(await text(get("main/kept.txt", {}, prot)), "kept");
      // lakefs-s3: a typed error, and per-path errors from deleteObjects.
      const main = lakefs.repository(prot).branch("main");
      await assert.rejects(main.object("x.txt").upload("x"), ProtectedBranchError);
      const result = await main.deleteObjects(["kept.txt"]);
      assert.deepEqual([result.deleted, result.errors.map((e) => [e.path, e.code])], [[], [["kept.txt", "ErrWriteToProtectedBranch"]]]);
    });
  });

  describe("Copying", () => {
    before(async () => {
      await put("main/copy/src.txt", "source body", { ContentType: "text/plain", Metadata: { origin: "src" } });
      await put("main/copy/x y.txt", "space");
      await put("main/copy/c d+e.txt", "space and plus");
    });

    it("CopyObject: Content-Type and metadata are copied; MetadataDirective REPLACE replaces the metadata but keeps the source Content-Type", async () => {
      const out = await raw.send(new S3.CopyObjectCommand({ Bucket: repo, Key: "main/copy/dst.txt", CopySource: `${repo}/main/copy/src.txt` }));
      assert.equal(out.CopyObjectResult?.ETag, `"${md5("source body")}"`);
      const copied = await head("main/copy/dst.txt");
      assert.deepEqual([copied.ContentType, copied.Metadata], ["text/plain", { origin: "src" }]);
      await raw.send(
        new S3.CopyObjectCommand({
          Bucket: repo,
          Key: "main/copy/replaced.txt",
          CopySource: `${repo}/main/copy/src.txt`,
          MetadataDirective: "REPLACE",
          ContentType: "application/json",
          Metadata: { fresh: "yes" },
        }),
      );
      const replaced = await head("main/copy/replaced.txt");
      assert.deepEqual([replaced.ContentType, replaced.Metadata], ["text/plain", { fresh: "yes" }]);
      assert.deepEqual(
        await failure(raw.send(new S3.CopyObjectCommand({ Bucket: repo, Key: "main/copy/none.txt", CopySource: `${repo}/main/copy/missing.txt` }))).then((f) => [f.status, f.code]),
        [404, "NoSuchKey"],
      );
    });

    it("CopyObject source encoding: a percent-encoded source works; a raw '+' is read as a space", async () => {
      await raw.send(new S3.CopyObjectCommand({ Bucket: repo, Key: "main/copy/encoded.txt", CopySource: `${repo}/main/copy/c%20d%2Be.txt` }));
      assert.equal(await text(get("main/copy/encoded.txt")), "space and plus");
      assert.deepEqual(
        await failure(raw.send(new S3.CopyObjectCommand({ Bucket: repo, Key: "main/copy/raw.txt", CopySource: `${repo}/main/copy/c d+e.txt` }))).then((f) => [f.status, f.code]),
        [404, "NoSuchKey"],
      );
      // "x+y.txt" names "x y.txt".
      await raw.send(new S3.CopyObjectCommand({ Bucket: repo, Key: "main/copy/plus-as-space.txt", CopySource: `${repo}/main/copy/x+y.txt` }));
      assert.equal(await text(get("main/copy/plus-as-space.txt")), "space");
      // lakefs-s3 encodes the source itself.
      const main = lakefs.repository(repo).branch("main");
      await main.object("copy/c d+e.txt").copyTo(main.object("copy/via-copyTo.txt"));
      assert.equal(await text(get("main/copy/via-copyTo.txt")), "space and plus");
      const scoped = lakefs.s3ForBranch({ repository: repo, branch: "main" });
      await scoped.send(new S3.CopyObjectCommand({ Bucket: "b", Key: "copy/via-scoped.txt", CopySource: "b/copy/c d+e.txt" }));
      assert.equal(await text(get("main/copy/via-scoped.txt")), "space and plus");
      scoped.destroy();
    });

    it("CopyObject across branches, from a tag and across repositories (same blockstore)", async () => {
      await raw.send(new S3.CopyObjectCommand({ Bucket: repo, Key: "dev/copy/from-main.txt", CopySource: `${repo}/main/copy/src.txt` }));
      assert.equal(await text(get("dev/copy/from-main.txt")), "source body");
      await lakefs.repository(repo).branch("main").commit({ message: "copy sources" });
      await lakefs.repository(repo).tag("copy-tag").create("main");
      await raw.send(new S3.CopyObjectCommand({ Bucket: repo, Key: "dev/copy/from-tag.txt", CopySource: `${repo}/copy-tag/copy/src.txt` }));
      assert.equal(await text(get("dev/copy/from-tag.txt")), "source body");
      await raw.send(new S3.CopyObjectCommand({ Bucket: other, Key: "main/copy/from-other-repo.txt", CopySource: `${repo}/main/copy/src.txt` }));
      assert.equal(await text(get("main/copy/from-other-repo.txt", {}, other)), "source body");
    });
  });

  describe("Deleting", () => {
    it("DeleteObject: 204 for an existing key, a missing key, a missing branch, and a tag (where nothing is deleted)", async () => {
      await put("main/del/a.txt", "a");
      await lakefs.repository(repo).branch("main").commit({ message: "delete sources" });
      await lakefs.repository(repo).tag("del-tag").create("main");
      for (const key of ["main/del/a.txt", "main/del/missing.txt", "no-such-branch/del/a.txt", "del-tag/del/a.txt"]) {
        const out = await raw.send(new S3.DeleteObjectCommand({ Bucket: repo, Key: key }));
        assert.equal(out.$metadata.httpStatusCode, 204, key);
      }
      assert.equal(await failure(head("main/del/a.txt")).then((f) => f.status), 404);
      assert.equal(await text(get("del-tag/del/a.txt")), "a");
      // lakefs-s3: branch handles probe the ref before deleting.
      await assert.rejects(lakefs.repository(repo).branch("del-tag").object("del/a.txt").delete(), ReadOnlyRefError);
      await assert.rejects(lakefs.repository(repo).branch("no-such-branch").object("del/a.txt").delete(), BranchNotFoundError);
    });

    it("DeleteObjects: up to 1,000 keys; 1,001 answers 400 MalformedXML; keys on missing branches or tags are reported Deleted; Quiet works; lakefs-s3 sends batches of 1,000", async () => {
      const keys = Array.from({ length: 1_000 }, (_, i) => `dev/batch/${i}`);
      for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((k) => put(k, "x")));
      const thousand = await raw.send(new S3.DeleteObjectsCommand({ Bucket: repo, Delete: { Objects: keys.map((Key) => ({ Key })) } }));
      assert.equal(thousand.Deleted?.length, 1_000);
      assert.equal(thousand.Errors, undefined);
      assert.equal((await raw.send(new S3.ListObjectsV2Command({ Bucket: repo, Prefix: "dev/batch/" }))).KeyCount, 0);
      const tooMany = Array.from({ length: 1_001 }, (_, i) => ({ Key: `dev/batch/${i}` }));
      assert.deepEqual(await failure(raw.send(new S3.DeleteObjectsCommand({ Bucket: repo, Delete: { Objects: tooMany } }))).then((f) => [f.status, f.code]), [400, "MalformedXML"]);
      await put("dev/batch/kept.txt", "kept");
      await lakefs.repository(repo).branch("dev").commit({ message: "batch" });
      await lakefs.repository(repo).tag("batch-tag").create("dev");
      const odd = await raw.send(
        new S3.DeleteObjectsCommand({ Bucket: repo, Delete: { Objects: [{ Key: "no-such-branch/x" }, { Key: "batch-tag/batch/kept.txt" }, { Key: "dev/batch/missing" }] } }),
      );
      assert.deepEqual(odd.Deleted?.map((d) => d.Key), ["no-such-branch/x", "batch-tag/batch/kept.txt", "dev/batch/missing"]);
      assert.equal(await text(get("batch-tag/batch/kept.txt")), "kept");
      const quiet = await raw.send(new S3.DeleteObjectsCommand({ Bucket: repo, Delete: { Quiet: true, Objects: [{ Key: "dev/batch/kept.txt" }] } }));
      assert.equal(quiet.Deleted, undefined);
      assert.equal(await failure(head("dev/batch/kept.txt")).then((f) => f.status), 404);
      const viaToolkit = await lakefs.repository(repo).branch("dev").deleteObjects(tooMany.map((o) => o.Key.slice("dev/".length)));
      assert.deepEqual([viaToolkit.deleted.length, viaToolkit.errors.length], [1_001, 0]);
    });
  });

  describe("Multipart upload", () => {
    const partA = Buffer.alloc(5 * MiB, 0x41);
    const partB = Buffer.alloc(5 * MiB, 0x42);
    const tail = Buffer.from("tail");

    async function upload(key: string, parts: Buffer[], create: Partial<S3.CreateMultipartUploadCommandInput> = {}) {
      const { UploadId } = await raw.send(new S3.CreateMultipartUploadCommand({ Bucket: repo, Key: key, ...create }));
      const etags: string[] = [];
      for (const [i, Body] of parts.entries()) {
        etags.push((await raw.send(new S3.UploadPartCommand({ Bucket: repo, Key: key, UploadId, PartNumber: i + 1, Body }))).ETag!);
      }
      return { UploadId: UploadId!, etags };
    }

    it("Multipart upload: Create, UploadPart, Complete; Complete's ETag has the -N suffix, HEAD and listings show it without", async () => {
      const key = "main/mpu/whole.bin";
      const { UploadId, etags } = await upload(key, [partA, tail], { ContentType: "application/x-mpu", Metadata: { m: "1" } });
      const done = await raw.send(
        new S3.CompleteMultipartUploadCommand({ Bucket: repo, Key: key, UploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }),
      );
      const digest = md5(Buffer.concat([createHash("md5").update(partA).digest(), createHash("md5").update(tail).digest()]));
      assert.equal(done.ETag, `"${digest}-2"`);
      const h = await head(key);
      assert.deepEqual([h.ContentLength, h.ETag, h.ContentType, h.Metadata], [partA.length + tail.length, `"${digest}"`, "application/x-mpu", { m: "1" }]);
      const listed = await raw.send(new S3.ListObjectsV2Command({ Bucket: repo, Prefix: key }));
      assert.equal(listed.Contents?.[0]?.ETag, `"${digest}"`);
      assert.ok(Buffer.from(await (await get(key)).Body!.transformToByteArray()).equals(Buffer.concat([partA, tail])));
    });

    it("UploadPartCopy: whole objects and byte ranges as parts", async () => {
      await put("main/mpu/source.bin", partB);
      const key = "main/mpu/copied.bin";
      const { UploadId } = await raw.send(new S3.CreateMultipartUploadCommand({ Bucket: repo, Key: key }));
      const p1 = await raw.send(new S3.UploadPartCopyCommand({ Bucket: repo, Key: key, UploadId, PartNumber: 1, CopySource: `${repo}/main/mpu/source.bin` }));
      const p2 = await raw.send(
        new S3.UploadPartCopyCommand({ Bucket: repo, Key: key, UploadId, PartNumber: 2, CopySource: `${repo}/main/mpu/source.bin`, CopySourceRange: "bytes=0-9" }),
      );
      await raw.send(
        new S3.CompleteMultipartUploadCommand({
          Bucket: repo,
          Key: key,
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.CopyPartResult?.ETag }, { PartNumber: 2, ETag: p2.CopyPartResult?.ETag }] },
        }),
      );
      assert.equal((await head(key)).ContentLength, partB.length + 10);
    });

    it("AbortMultipartUpload: 204 and nothing is written; a second abort answers 404 NoSuchKey (S3: NoSuchUpload)", async () => {
      const key = "main/mpu/aborted.bin";
      const { UploadId } = await upload(key, [partA]);
      assert.equal((await raw.send(new S3.AbortMultipartUploadCommand({ Bucket: repo, Key: key, UploadId }))).$metadata.httpStatusCode, 204);
      assert.equal(await failure(head(key)).then((f) => f.status), 404);
      assert.deepEqual(
        await failure(raw.send(new S3.AbortMultipartUploadCommand({ Bucket: repo, Key: key, UploadId }))).then((f) => [f.status, f.code]),
        [404, "NoSuchKey"],
      );
    });

    it("CompleteMultipartUpload part list (local blockstore): every uploaded part is joined whatever the list says; small middle parts and wrong part ETags are accepted", async () => {
      const key = "main/mpu/list-ignored.bin";
      const { UploadId, etags } = await upload(key, [partA, partB, tail]);
      // Parts 1 and 3 only: S3 would leave part 2 out.
      await raw.send(
        new S3.CompleteMultipartUploadCommand({ Bucket: repo, Key: key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: etags[0] }, { PartNumber: 3, ETag: etags[2] }] } }),
      );
      assert.equal((await head(key)).ContentLength, partA.length + partB.length + tail.length);
      const small = await upload("main/mpu/small-parts.bin", [tail, tail]);
      await raw.send(
        new S3.CompleteMultipartUploadCommand({
          Bucket: repo,
          Key: "main/mpu/small-parts.bin",
          UploadId: small.UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }, { PartNumber: 2, ETag: small.etags[1] }] },
        }),
      );
      assert.equal(await text(get("main/mpu/small-parts.bin")), "tailtail");
    });

    it("ListParts / ListMultipartUploads (local blockstore): 500 InternalError / 501 NotImplemented; UploadPart with an unknown upload id 500", async () => {
      const { UploadId } = await upload("main/mpu/listed.bin", [tail]);
      assert.deepEqual(
        await failure(raw.send(new S3.ListPartsCommand({ Bucket: repo, Key: "main/mpu/listed.bin", UploadId }))).then((f) => [f.status, f.code]),
        [500, "InternalError"],
      );
      for (const Prefix of [undefined, "main/"]) {
        assert.deepEqual(await failure(raw.send(new S3.ListMultipartUploadsCommand({ Bucket: repo, Prefix }))).then((f) => [f.status, f.code]), [501, "NotImplemented"]);
      }
      assert.deepEqual(
        await failure(raw.send(new S3.UploadPartCommand({ Bucket: repo, Key: "main/mpu/listed.bin", UploadId: "no-such-upload", PartNumber: 1, Body: tail }))).then((f) => [
          f.status,
          f.code,
        ]),
        [500, "InternalError"],
      );
    });
  });

  describe("Presigned URLs", () => {
    it("Presigned GET / PUT (SigV4): both work; an expired URL answers 403 AccessDenied", async () => {
      await put("main/presign/get.txt", "shared");
      const getUrl = await getSignedUrl(raw, new S3.GetObjectCommand({ Bucket: repo, Key: "main/presign/get.txt" }), { expiresIn: 60 });
      const fetched = await fetch(getUrl);
      assert.deepEqual([fetched.status, await fetched.text()], [200, "shared"]);
      const putUrl = await getSignedUrl(raw, new S3.PutObjectCommand({ Bucket: repo, Key: "main/presign/put.txt" }), { expiresIn: 60 });
      assert.equal((await fetch(putUrl, { method: "PUT", body: "uploaded by URL" })).status, 200);
      assert.equal(await text(get("main/presign/put.txt")), "uploaded by URL");
      const expiring = await getSignedUrl(raw, new S3.GetObjectCommand({ Bucket: repo, Key: "main/presign/get.txt" }), { expiresIn: 1 });
      await new Promise((r) => setTimeout(r, 2_100));
      const expired = await fetch(expiring);
      assert.equal(expired.status, 403);
      assert.match(await expired.text(), /<Code>AccessDenied<\/Code><Message>Request has expired/);
      const viaHandle = await lakefs.repository(repo).branch("main").object("presign/get.txt").presign({ method: "GET", expiresIn: 60 });
      assert.match(viaHandle, /X-Amz-Algorithm=AWS4-HMAC-SHA256/);
      assert.equal(await (await fetch(viaHandle)).text(), "shared");
    });

    it("Presigned SigV2 (AWSAccessKeyId/Signature/Expires): 400 MissingFields", async () => {
      await put("main/presign/v2.txt", "v2");
      const expires = Math.floor(Date.now() / 1000) + 60;
      const signature = createHmac("sha1", ctx.server.secretAccessKey).update(`GET\n\n\n${expires}\n/${repo}/main/presign/v2.txt`).digest("base64");
      const url = `${ctx.server.endpoint}/${repo}/main/presign/v2.txt?AWSAccessKeyId=${ctx.server.accessKeyId}&Expires=${expires}&Signature=${encodeURIComponent(signature)}`;
      const res = await fetch(url);
      assert.equal(res.status, 400);
      assert.match(await res.text(), /<Code>MissingFields<\/Code>/);
      // boto3 presigns with SigV2 by default for a custom endpoint, and so gets the same answer.
      const boto3Default = `
import sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3], region_name="us-east-1")
print(s3.generate_presigned_url("get_object", Params={"Bucket": sys.argv[4], "Key": "main/presign/v2.txt"}, ExpiresIn=60))
`;
      const { stdout } = await run(process.env.LAKEFS_S3_PYTHON ?? "python3", ["-c", boto3Default, ctx.server.endpoint, ctx.server.accessKeyId, ctx.server.secretAccessKey, repo], {
        env: { PATH: process.env.PATH, HOME: tmpdir(), AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" },
      });
      assert.match(stdout, /[?&]Signature=/);
      const viaBoto3 = await fetch(stdout.trim());
      assert.equal(viaBoto3.status, 400);
      assert.match(await viaBoto3.text(), /<Code>MissingFields<\/Code>/);
    });
  });

  describe("Checksums", () => {
    it("Checksums (SDK defaults): CRC32 headers and aws-chunked bodies with a trailer are accepted; no checksum comes back on GetObject", async () => {
      const seen: Array<Record<string, string>> = [];
      const spy = new S3.S3Client({ endpoint: ctx.server.endpoint, region: "us-east-1", credentials: { accessKeyId: ctx.server.accessKeyId, secretAccessKey: ctx.server.secretAccessKey }, forcePathStyle: true, maxAttempts: 1 });
      spy.middlewareStack.add(
        (next) => async (args) => {
          seen.push({ ...(args.request as { headers: Record<string, string> }).headers });
          return next(args);
        },
        { step: "finalizeRequest", priority: "low", name: "recordHeaders" },
      );
      await spy.send(new S3.PutObjectCommand({ Bucket: repo, Key: "main/cks/buffer.bin", Body: Buffer.from("abcdef") }));
      await spy.send(new S3.PutObjectCommand({ Bucket: repo, Key: "main/cks/stream.bin", Body: Readable.from([Buffer.from("abc"), Buffer.from("def")]), ContentLength: 6 }));
      assert.ok(seen[0]?.["x-amz-checksum-crc32"], "buffer body: checksum header");
      assert.deepEqual([seen[1]?.["content-encoding"], seen[1]?.["x-amz-content-sha256"], seen[1]?.["x-amz-trailer"]], ["aws-chunked", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-checksum-crc32"]);
      const out = await spy.send(new S3.GetObjectCommand({ Bucket: repo, Key: "main/cks/stream.bin", ChecksumMode: "ENABLED" }));
      assert.equal(await out.Body!.transformToString(), "abcdef");
      assert.equal(out.ChecksumCRC32, undefined);
      assert.equal(await text(get("main/cks/buffer.bin")), "abcdef");
      spy.destroy();
    });
  });

  describe("Not supported", () => {
    const status = (command: object) => failure(raw.send(command as never)).then((f) => [f.status, f.code]);
    const NOT_SUPPORTED = [405, "ERRLakeFSNotSupported"];

    it("Bucket policies: Put/Get/DeleteBucketPolicy 405 ERRLakeFSNotSupported", async () => {
      assert.deepEqual(await status(new S3.PutBucketPolicyCommand({ Bucket: repo, Policy: "{}" })), NOT_SUPPORTED);
      assert.deepEqual(await status(new S3.GetBucketPolicyCommand({ Bucket: repo })), NOT_SUPPORTED);
      assert.deepEqual(await status(new S3.DeleteBucketPolicyCommand({ Bucket: repo })), NOT_SUPPORTED);
    });

    it("ACLs: Put/GetBucketAcl and Put/GetObjectAcl 405 ERRLakeFSNotSupported", async () => {
      await put("main/ns/acl.txt", "acl");
      assert.deepEqual(await status(new S3.PutBucketAclCommand({ Bucket: repo, ACL: "private" })), NOT_SUPPORTED);
      assert.deepEqual(await status(new S3.GetBucketAclCommand({ Bucket: repo })), NOT_SUPPORTED);
      assert.deepEqual(await status(new S3.PutObjectAclCommand({ Bucket: repo, Key: "main/ns/acl.txt", ACL: "private" })), NOT_SUPPORTED);
      assert.deepEqual(await status(new S3.GetObjectAclCommand({ Bucket: repo, Key: "main/ns/acl.txt" })), NOT_SUPPORTED);
    });

    it("Object tagging: Put/DeleteObjectTagging 405 ERRLakeFSNotSupported; GetObjectTagging 200 with an empty tag set", async () => {
      await put("main/ns/tagged.txt", "t");
      assert.deepEqual(await status(new S3.PutObjectTaggingCommand({ Bucket: repo, Key: "main/ns/tagged.txt", Tagging: { TagSet: [{ Key: "a", Value: "b" }] } })), NOT_SUPPORTED);
      assert.deepEqual(await status(new S3.DeleteObjectTaggingCommand({ Bucket: repo, Key: "main/ns/tagged.txt" })), NOT_SUPPORTED);
      assert.deepEqual((await raw.send(new S3.GetObjectTaggingCommand({ Bucket: repo, Key: "main/ns/tagged.txt" }))).TagSet, []);
    });

    it("Versioning: PutBucketVersioning and ListObjectVersions 405 ERRLakeFSNotSupported; GetBucketVersioning 200, never enabled", async () => {
      assert.deepEqual(await status(new S3.PutBucketVersioningCommand({ Bucket: repo, VersioningConfiguration: { Status: "Enabled" } })), NOT_SUPPORTED);
      assert.deepEqual(await status(new S3.ListObjectVersionsCommand({ Bucket: repo, Prefix: "main/" })), NOT_SUPPORTED);
      const versioning = await raw.send(new S3.GetBucketVersioningCommand({ Bucket: repo }));
      assert.equal(versioning.$metadata.httpStatusCode, 200);
      assert.equal(versioning.Status, undefined);
    });

    it("Object lock: Put/GetObjectLockConfiguration and GetObjectRetention/LegalHold 405; PutObjectRetention and PutObjectLegalHold answer 200 and OVERWRITE the object with their XML", async () => {
      await put("main/ns/locked.txt", "precious data");
      assert.deepEqual(await status(new S3.PutObjectLockConfigurationCommand({ Bucket: repo, ObjectLockConfiguration: { ObjectLockEnabled: "Enabled" } })), NOT_SUPPORTED);
      assert.deepEqual(await status(new S3.GetObjectLockConfigurationCommand({ Bucket: repo })), NOT_SUPPORTED);
      assert.deepEqual(await status(new S3.GetObjectRetentionCommand({ Bucket: repo, Key: "main/ns/locked.txt" })), NOT_SUPPORTED);
      assert.deepEqual(await status(new S3.GetObjectLegalHoldCommand({ Bucket: repo, Key: "main/ns/locked.txt" })), NOT_SUPPORTED);
      await raw.send(new S3.PutObjectRetentionCommand({ Bucket: repo, Key: "main/ns/locked.txt", Retention: { Mode: "GOVERNANCE", RetainUntilDate: new Date(Date.now() + 86_400_000) } }));
      assert.match(await text(get("main/ns/locked.txt")), /^<\?xml[^>]*><Retention /);
      await raw.send(new S3.PutObjectLegalHoldCommand({ Bucket: repo, Key: "main/ns/locked.txt", LegalHold: { Status: "ON" } }));
      assert.match(await text(get("main/ns/locked.txt")), /<LegalHold [^>]*><Status>ON<\/Status><\/LegalHold>$/);
    });

    it("SelectObjectContent, RestoreObject and bucket configuration (lifecycle, tagging, CORS, encryption): 405 ERRLakeFSNotSupported", async () => {
      await put("main/ns/select.csv", "a,b\n1,2\n");
      const commands = [
        new S3.SelectObjectContentCommand({
          Bucket: repo,
          Key: "main/ns/select.csv",
          Expression: "select * from s3object",
          ExpressionType: "SQL",
          InputSerialization: { CSV: {} },
          OutputSerialization: { CSV: {} },
        }),
        new S3.RestoreObjectCommand({ Bucket: repo, Key: "main/ns/select.csv", RestoreRequest: { Days: 1 } }),
        new S3.PutBucketLifecycleConfigurationCommand({
          Bucket: repo,
          LifecycleConfiguration: { Rules: [{ ID: "r", Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: 1 } }] },
        }),
        new S3.PutBucketTaggingCommand({ Bucket: repo, Tagging: { TagSet: [{ Key: "a", Value: "b" }] } }),
        new S3.GetBucketTaggingCommand({ Bucket: repo }),
        new S3.PutBucketCorsCommand({ Bucket: repo, CORSConfiguration: { CORSRules: [{ AllowedMethods: ["GET"], AllowedOrigins: ["*"] }] } }),
        new S3.GetBucketCorsCommand({ Bucket: repo }),
        new S3.GetBucketEncryptionCommand({ Bucket: repo }),
      ];
      for (const command of commands) assert.deepEqual(await status(command), NOT_SUPPORTED, command.constructor.name);
    });

    it("GetObjectAttributes: answered as a GetObject (200 with the object's bytes), which the SDK cannot parse", async () => {
      await put("main/ns/attrs.txt", "not xml");
      const f = await failure(raw.send(new S3.GetObjectAttributesCommand({ Bucket: repo, Key: "main/ns/attrs.txt", ObjectAttributes: ["ETag", "ObjectSize"] })));
      assert.equal(f.status, 200);
      assert.match(f.message, /XML parse error|Deserialization error/);
    });

    it("Refused client-side by lakefs-s3: every operation in UNSUPPORTED_S3_OPERATIONS fails with NotSupportedError (status 0) before anything is sent", async () => {
      // Port 1 has no server: only a client-side refusal can answer.
      const s3 = createS3Client({ endpoint: "http://127.0.0.1:1", accessKeyId: "AKIAEXAMPLE", secretAccessKey: "not-a-secret-value", lakectlConfigFile: false });
      const commands: Record<string, object> = {
        CreateBucket: new S3.CreateBucketCommand({ Bucket: "b" }),
        DeleteBucket: new S3.DeleteBucketCommand({ Bucket: "b" }),
        PutBucketPolicy: new S3.PutBucketPolicyCommand({ Bucket: "b", Policy: "{}" }),
        DeleteBucketPolicy: new S3.DeleteBucketPolicyCommand({ Bucket: "b" }),
        PutBucketAcl: new S3.PutBucketAclCommand({ Bucket: "b", ACL: "private" }),
        PutObjectAcl: new S3.PutObjectAclCommand({ Bucket: "b", Key: "main/k", ACL: "private" }),
        PutBucketVersioning: new S3.PutBucketVersioningCommand({ Bucket: "b", VersioningConfiguration: { Status: "Enabled" } }),
        PutObjectTagging: new S3.PutObjectTaggingCommand({ Bucket: "b", Key: "main/k", Tagging: { TagSet: [] } }),
        DeleteObjectTagging: new S3.DeleteObjectTaggingCommand({ Bucket: "b", Key: "main/k" }),
        PutObjectLockConfiguration: new S3.PutObjectLockConfigurationCommand({ Bucket: "b", ObjectLockConfiguration: {} }),
        PutObjectRetention: new S3.PutObjectRetentionCommand({ Bucket: "b", Key: "main/k", Retention: {} }),
        PutObjectLegalHold: new S3.PutObjectLegalHoldCommand({ Bucket: "b", Key: "main/k", LegalHold: { Status: "ON" } }),
        SelectObjectContent: new S3.SelectObjectContentCommand({
          Bucket: "b",
          Key: "main/k",
          Expression: "select 1",
          ExpressionType: "SQL",
          InputSerialization: {},
          OutputSerialization: {},
        }),
        PutBucketLifecycleConfiguration: new S3.PutBucketLifecycleConfigurationCommand({ Bucket: "b" }),
        PutBucketReplication: new S3.PutBucketReplicationCommand({ Bucket: "b", ReplicationConfiguration: { Role: "r", Rules: [] } }),
        RestoreObject: new S3.RestoreObjectCommand({ Bucket: "b", Key: "main/k" }),
        GetObjectAttributes: new S3.GetObjectAttributesCommand({ Bucket: "b", Key: "main/k", ObjectAttributes: ["ETag"] }),
      };
      assert.deepEqual(Object.keys(commands).sort(), Object.keys(UNSUPPORTED_S3_OPERATIONS).sort());
      // The plugin gives any S3Client the same check.
      const plain = new S3.S3Client({ endpoint: "http://127.0.0.1:1", region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" }, forcePathStyle: true });
      plain.middlewareStack.use(getUnsupportedOperationsPlugin());
      await assert.rejects(plain.send(new S3.CreateBucketCommand({ Bucket: "b" })), NotSupportedError);
      plain.destroy();
      for (const [operation, command] of Object.entries(commands)) {
        await assert.rejects(s3.send(command as never), (err: unknown) => {
          assert.ok(err instanceof NotSupportedError, operation);
          assert.equal(err.operation, operation);
          assert.equal(err.status, 0);
          return true;
        });
      }
      s3.destroy();
    });
  });
});
