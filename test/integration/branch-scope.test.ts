import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { NotSupportedError, ValidationError } from "../../src/index.js";
import { runPlainS3Program } from "../../examples/plain-s3/program.js";
import { createRepositoryRaw, testClient, useLakeFS } from "../support/lakefs.js";

const ctx = useLakeFS();
const client = () => testClient(ctx.server);

describe("branch-scoped S3 client", () => {
  it("runs an unchanged plain-S3 program on a branch, leaving main untouched", async () => {
    const repo = await createRepositoryRaw(ctx.server);
    const lakefs = client();
    await lakefs.repository(repo).branch("experiment").create({ sourceReference: "main" });
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
    await lakefs.repository(repo).branch("dev").create({ sourceReference: "main" });
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
