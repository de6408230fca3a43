import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { LakeFS, type Branch } from "../../src/index.js";
import { testClient, uniqueNamespace, uniqueRepoName, useLakeFS } from "../support/lakefs.js";

const run = promisify(execFile);
const ctx = useLakeFS();
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** boto3 against the gateway, configured the way the docs say (path style, when_required checksums). */
const BOTO3 = `
import sys, boto3, hashlib
from botocore.config import Config
endpoint, key, secret, op, bucket, objkey, path = sys.argv[1:8]
s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=key, aws_secret_access_key=secret, region_name="us-east-1",
    config=Config(s3={"addressing_style": "path"}, request_checksum_calculation="when_required", response_checksum_validation="when_required"))
if op == "get":
    data = s3.get_object(Bucket=bucket, Key=objkey)["Body"].read()
    open(path, "wb").write(data)
else:
    s3.upload_file(path, bucket, objkey, Config=None)
print("ok")
`;

describe("bytes round-trip between lakefs-s3, boto3 and lakectl", () => {
  let lakefs: LakeFS;
  let repoName: string;
  let branch: Branch;
  let dir: string;

  before(async () => {
    lakefs = testClient(ctx.server);
    repoName = uniqueRepoName("interop");
    const repo = await lakefs.repository(repoName).create({ storageNamespace: uniqueNamespace(repoName) });
    branch = await repo.branch("interop").create("main");
    dir = mkdtempSync(join(tmpdir(), "lakefs-s3-interop-"));
  });

  const boto3 = (op: "get" | "put", key: string, path: string) =>
    run("python3", ["-c", BOTO3, ctx.server.endpoint, ctx.server.accessKeyId, ctx.server.secretAccessKey, op, repoName, key, path]);
  const lakectl = (...args: string[]) =>
    run(ctx.server.lakectl, args, {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        LAKECTL_SERVER_ENDPOINT_URL: ctx.server.endpoint,
        LAKECTL_CREDENTIALS_ACCESS_KEY_ID: ctx.server.accessKeyId,
        LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: ctx.server.secretAccessKey,
      },
      encoding: "buffer",
      maxBuffer: 64 * 1024 * 1024,
    });

  it("boto3 reads what lakefs-s3 wrote (small and multipart)", async () => {
    for (const [path, data] of [["ours/small.bin", randomBytes(1234)], ["ours/multi part+.bin", randomBytes(12 * 1024 * 1024 + 3)]] as const) {
      await branch.object(path).upload(data, { partSize: 5 * 1024 * 1024 });
      const out = join(dir, "boto3-get.bin");
      await boto3("get", `interop/${path}`, out);
      assert.equal(sha(readFileSync(out)), sha(data), path);
    }
  });

  it("lakefs-s3 reads what boto3 wrote, including its multipart upload", async () => {
    const data = randomBytes(10 * 1024 * 1024 + 11);
    const file = join(dir, "boto3-put.bin");
    writeFileSync(file, data);
    await boto3("put", "interop/theirs/boto3 upload.bin", file);
    assert.equal(sha(await branch.object("theirs/boto3 upload.bin").bytes()), sha(data));
  });

  it("lakectl fs cat reads what lakefs-s3 wrote", async () => {
    const data = randomBytes(300_000);
    await branch.object("ours/for-lakectl.bin").upload(data);
    const { stdout } = await lakectl("fs", "cat", `lakefs://${repoName}/interop/ours/for-lakectl.bin`);
    assert.equal(sha(stdout), sha(data));
  });

  it("lakefs-s3 reads what lakectl fs upload wrote", async () => {
    const data = randomBytes(700_000);
    const file = join(dir, "lakectl-put.bin");
    writeFileSync(file, data);
    await lakectl("fs", "upload", "-s", file, `lakefs://${repoName}/interop/theirs/lakectl.bin`);
    assert.equal(sha(await branch.object("theirs/lakectl.bin").bytes()), sha(data));
  });
});
