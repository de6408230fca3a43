import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { NotSupportedError, ValidationError } from "../../src/index.js";
import { runPlainS3Program } from "../../examples/plain-s3/program.js";
import { createRepositoryRaw, testClient, useLakeFS } from "../support/lakefs.js";

const ctx = useLakeFS();
const client = () => testClient(ctx.server);

describe("branch-scoped S3 client", () => {
  it("runs an unchanged plain-S3 program on a branch, leaving main untouched", async () => {
    const repo = await createRepositoryRaw(ctx.server);
    const lakefs = client();
    await lakefs.repository(repo).branch("experiment").create("main");
    const s3 = lakefs.s3ForBranch({ repository: repo, branch: "experiment" });
    const report = await runPlainS3Program(s3, "my-data");

    assert.deepEqual(report.listedAfterUpload, ["reports/2026/q1.csv", "reports/2026/q2.csv", "tmp/scratch 1+1.txt"]);
    assert.deepEqual(report.prefixesUnderReports, ["reports/2026/"]);
    assert.equal(report.copiedText, "q,amount\n1,100\n");
    assert.equal(report.multipartSize, 5 * 1024 * 1024 + 1234);
    assert.equal(report.deleteErrors, 0);
    assert.equal(report.presignedText, "q,amount\n1,100\n");
    assert.deepEqual(report.listedAtEnd, ["archive/q1.csv", "archive/scratch.txt", "big/blob.bin", "reports/2026/q1.csv"]);

    // The data really is on the branch, under the branch prefix, and main saw nothing.
    const onBranch = await lakefs.s3.send(new ListObjectsV2Command({ Bucket: repo, Prefix: "experiment/" }));
    assert.deepEqual(
      (onBranch.Contents ?? []).map((o) => o.Key),
      ["experiment/archive/q1.csv", "experiment/archive/scratch.txt", "experiment/big/blob.bin", "experiment/reports/2026/q1.csv"],
    );
    const onMain = await lakefs.s3.send(new ListObjectsV2Command({ Bucket: repo, Prefix: "main/" }));
    assert.equal(onMain.KeyCount, 0);
    assert.equal(await lakefs.repository(repo).branch("experiment").object("archive/scratch.txt").text(), "scratch");
    lakefs.destroy();
  });

  it("maps several buckets to their own branches and refuses unmapped ones", async () => {
    const repo = await createRepositoryRaw(ctx.server);
    const lakefs = client();
    await lakefs.repository(repo).branch("dev").create("main");
    const s3 = lakefs.s3ForBuckets({ raw: { repository: repo, branch: "dev" }, curated: { repository: repo, branch: "main" } });
    await s3.send(new PutObjectCommand({ Bucket: "raw", Key: "a.txt", Body: "raw a" }));
    await s3.send(new PutObjectCommand({ Bucket: "curated", Key: "a.txt", Body: "curated a" }));
    const raw = await lakefs.s3.send(new GetObjectCommand({ Bucket: repo, Key: "dev/a.txt" }));
    assert.equal(await raw.Body!.transformToString(), "raw a");
    const curated = await lakefs.s3.send(new GetObjectCommand({ Bucket: repo, Key: "main/a.txt" }));
    assert.equal(await curated.Body!.transformToString(), "curated a");
    await assert.rejects(s3.send(new PutObjectCommand({ Bucket: "elsewhere", Key: "a.txt", Body: "x" })), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.match(err.message, /Bucket "elsewhere" is not mapped/);
      return true;
    });
    lakefs.destroy();
  });

  it("is strict by default: binds to the first bucket name, refuses a second one naming both, and ListBuckets lists only its bucket", async () => {
    const repo = await createRepositoryRaw(ctx.server);
    const other = await createRepositoryRaw(ctx.server);
    const lakefs = client();
    const s3 = lakefs.s3ForBranch({ repository: repo, branch: "main" });
    assert.deepEqual((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name), [repo], "before a name is bound: the repository");
    await s3.send(new PutObjectCommand({ Bucket: "raw", Key: "data.csv", Body: "raw" }));
    const err = await s3.send(new PutObjectCommand({ Bucket: "curated", Key: "data.csv", Body: "curated" })).catch((e: unknown) => e);
    assert.ok(err instanceof ValidationError && err.code === "BucketNotBound" && err.status === 0, String(err));
    assert.match(err.message, /Bucket "curated" is not the bucket of this branch-scoped client: it is bound to "raw"/);
    // Nothing was overwritten: the first write is still there.
    assert.equal(await lakefs.repository(repo).branch("main").object("data.csv").text(), "raw");
    const listed = (await s3.send(new ListBucketsCommand({}))).Buckets ?? [];
    assert.deepEqual(listed.map((b) => b.Name), ["raw"], `not ${other} nor any other repository`);
    assert.ok(listed[0]?.CreationDate instanceof Date);
    // Names given up front bind at once.
    const named = lakefs.s3ForBranch({ repository: repo, branch: "main", bucket: ["raw", "raw-alias"] });
    assert.equal(await (await named.send(new GetObjectCommand({ Bucket: "raw-alias", Key: "data.csv" }))).Body!.transformToString(), "raw");
    await assert.rejects(named.send(new GetObjectCommand({ Bucket: "curated", Key: "data.csv" })), (e: unknown) => e instanceof ValidationError && /bound to "raw", "raw-alias"/.test(e.message));
    assert.deepEqual((await named.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name), ["raw", "raw-alias"]);
    // The explicit opt-in keeps the old behaviour: every name is the branch, ListBuckets lists every repository.
    const lenient = lakefs.s3ForBranch({ repository: repo, branch: "main", anyBucket: true });
    await lenient.send(new PutObjectCommand({ Bucket: "anything", Key: "any.txt", Body: "x" }));
    await lenient.send(new PutObjectCommand({ Bucket: "else", Key: "any.txt", Body: "y" }));
    const all = (await lenient.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name) ?? [];
    assert.ok(all.includes(repo) && all.includes(other), all.join(", "));
    lakefs.destroy();
  });

  it("s3ForBuckets lists only its mapped bucket names", async () => {
    const repo = await createRepositoryRaw(ctx.server);
    const lakefs = client();
    const s3 = lakefs.s3ForBuckets({ raw: { repository: repo, branch: "main" }, curated: { repository: repo, branch: "main" } });
    assert.deepEqual((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name), ["raw", "curated"]);
    lakefs.destroy();
  });

  it("fails unsupported operations before sending, naming what to do instead", async () => {
    const lakefs = client();
    await assert.rejects(lakefs.s3.send(new CreateBucketCommand({ Bucket: "new-bucket" })), (err: unknown) => {
      assert.ok(err instanceof NotSupportedError);
      assert.equal(err.operation, "CreateBucket");
      assert.match(err.message, /create\(\{ storageNamespace \}\)/);
      return true;
    });
    lakefs.destroy();
  });
});
