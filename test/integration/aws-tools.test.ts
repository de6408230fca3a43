/**
 * The snippets of formatAwsSettings, applied the way a user would apply them
 * (an `eval`ed env snippet, a profile written to the AWS config files, the
 * boto3 snippet pasted into Python), drive the real AWS CLI and boto3 against
 * a real lakeFS; this toolkit reads back what they wrote and the other way
 * round. Each child gets a temporary HOME and AWS config file paths, so
 * nothing on the machine is read or touched.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { LakeFS, type Branch, type LakeFSClientConfig } from "../../src/index.js";
import { formatAwsSettings, MASKED_SECRET, type FormatAwsSettingsOptions } from "../../src/s3.js";
import { testClient, uniqueNamespace, uniqueRepoName, useLakeFS } from "../support/lakefs.js";
import { requireTools } from "../support/child-process.js";

requireTools([{ command: "aws", debianPackage: "awscli" }]);

const run = promisify(execFile);
const ctx = useLakeFS();
const PYTHON = process.env.LAKEFS_S3_PYTHON ?? "python3";
const MiB = 1024 * 1024;
const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The ETag S3 gives a multipart object: md5 of the parts' md5s, as hex. */
function multipartEtag(data: Uint8Array, partSize: number): string {
  const digests: Buffer[] = [];
  for (let i = 0; i < data.length; i += partSize) digests.push(createHash("md5").update(data.subarray(i, i + partSize)).digest());
  return md5(Buffer.concat(digests));
}

/** Every file under dir, as relative path → bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

/** Writes files (relative path → bytes) under dir. */
function writeTree(dir: string, files: ReadonlyMap<string, Uint8Array>): void {
  for (const [path, data] of files) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
}

/** A directory like a user's: nested, a name with a space and '+', and one file over 8 MiB (the CLI's multipart threshold). */
function sampleTree(): Map<string, Buffer> {
  return new Map([
    ["top.txt", Buffer.from("top level\n")],
    ["nested/deeper/rows.csv", Buffer.from("a,b\n1,2\n3,4\n")],
    ["nested/with space+plus.txt", Buffer.from("space and plus\n")],
    ["empty.txt", Buffer.alloc(0)],
    ["big/blob.bin", randomBytes(9 * MiB + 12_345)],
  ]);
}

describe("AWS tools configured by formatAwsSettings", () => {
  let lakefs: LakeFS;
  let repo: string;
  let branch: Branch;
  let work: string;

  before(async () => {
    lakefs = testClient(ctx.server);
    repo = uniqueRepoName("awstools");
    const repository = await lakefs.repository(repo).create({ storageNamespace: uniqueNamespace(repo) });
    branch = await repository.branch("tools").create("main");
    work = mkdtempSync(join(tmpdir(), "lakefs-s3-aws-tools-"));
  });

  after(() => {
    lakefs?.destroy();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** A snippet for a client configuration (the server's, or with a different endpoint host). */
  async function snippet(options: FormatAwsSettingsOptions, overrides: Partial<LakeFSClientConfig> = {}): Promise<string> {
    const client = testClient(ctx.server, undefined, overrides);
    try {
      return await formatAwsSettings(await client.config(), options);
    } finally {
      client.destroy();
    }
  }

  /** A fresh HOME with no AWS files in it; the AWS file variables point inside it. */
  function isolatedEnv(files: { config?: string; credentials?: string } = {}): NodeJS.ProcessEnv {
    const home = mkdtempSync(join(work, "home-"));
    const configFile = join(home, "aws-config");
    const credentialsFile = join(home, "aws-credentials");
    if (files.config !== undefined) writeFileSync(configFile, files.config);
    if (files.credentials !== undefined) writeFileSync(credentialsFile, files.credentials);
    return { PATH: process.env.PATH, HOME: home, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, LANG: "C.UTF-8" };
  }

  /** Runs `aws …` in a POSIX shell after sourcing the env snippet, as `eval "$(lakefs-s3 env)"` would. */
  async function awsWithEnvSnippet(envSnippet: string, ...args: string[]): Promise<string> {
    return (await awsWithEnvSnippetOutput(envSnippet, ...args)).stdout;
  }

  async function awsWithEnvSnippetOutput(envSnippet: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
    const file = join(mkdtempSync(join(work, "env-")), "lakefs.env.sh");
    writeFileSync(file, envSnippet);
    return run("sh", ["-c", '. "$0" && exec aws "$@"', file, ...args], {
      env: isolatedEnv(),
      maxBuffer: 64 * MiB,
      encoding: "utf8",
    });
  }

  it("env snippet: exports the S3 endpoint, the checksum settings lakeFS needs and the region", async () => {
    const env = await snippet({ format: "env" }, { endpoint: ctx.server.endpoint.replace("127.0.0.1", "localhost") });
    assert.match(env, /^export AWS_ENDPOINT_URL_S3='http:\/\/localhost:\d+'$/m);
    assert.match(env, /^export AWS_REQUEST_CHECKSUM_CALCULATION='when_required'$/m);
    assert.match(env, /^export AWS_RESPONSE_CHECKSUM_VALIDATION='when_required'$/m);
    assert.match(env, /^export AWS_DEFAULT_REGION='us-east-1'$/m);
    assert.match(env, /^export BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE='true'$/m);
  });

  it("env snippet: an empty file goes up without Expect: 100-continue, which lakeFS answers without 100 Continue and botocore then misreads", async () => {
    const env = await snippet({ format: "env" });
    const local = join(mkdtempSync(join(work, "empty-")), "_SUCCESS");
    writeFileSync(local, "");
    const put = async (snippetText: string, key: string): Promise<string> =>
      (await awsWithEnvSnippetOutput(snippetText, "--debug", "s3", "cp", "--only-show-errors", local, `s3://${repo}/tools/empty/${key}`)).stderr;
    // Without the variable (what the snippet prevents): botocore asks, and lakeFS answers at once, as HTTP allows.
    const without = await put(env.replace(/^export BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE=.*$/m, ""), "without");
    assert.match(without, /Adding expect 100 continue header/);
    assert.match(without, /Received a non 100 Continue response from the server/);
    // With the snippet as printed: no Expect header on the empty body, so nothing for botocore to misread.
    const withIt = await put(env, "with");
    assert.doesNotMatch(withIt, /Adding expect 100 continue header/);
    for (const key of ["without", "with"]) assert.equal((await branch.object(`empty/${key}`).stat()).size, 0);
  });

  it("env snippet: aws s3 cp, s3 ls and s3api put-object/get-object work on a branch (host name endpoint, path style)", async () => {
    // A host name rather than an IP: path style must hold without an addressing setting.
    const env = await snippet({ format: "env" }, { endpoint: ctx.server.endpoint.replace("127.0.0.1", "localhost") });

    const local = join(mkdtempSync(join(work, "cp-")), "hello world.txt");
    writeFileSync(local, "hello from aws s3 cp\n");
    await awsWithEnvSnippet(env, "s3", "cp", "--only-show-errors", local, `s3://${repo}/tools/cli/hello world.txt`);
    assert.equal(await branch.object("cli/hello world.txt").text(), "hello from aws s3 cp\n");

    const payload = join(local, "..", "payload.bin");
    const data = randomBytes(70_000);
    writeFileSync(payload, data);
    const put = JSON.parse(await awsWithEnvSnippet(env, "s3api", "put-object", "--bucket", repo, "--key", "tools/cli/api/payload.bin", "--body", payload, "--content-type", "application/x-test"));
    assert.equal(put.ETag, `"${md5(data)}"`);
    const stat = await branch.object("cli/api/payload.bin").stat();
    assert.equal(stat.contentType, "application/x-test");
    assert.equal(sha(await branch.object("cli/api/payload.bin").bytes()), sha(data));

    const ours = randomBytes(33_333);
    await branch.object("cli/api/ours.bin").upload(ours);
    const outfile = join(local, "..", "got.bin");
    const got = JSON.parse(await awsWithEnvSnippet(env, "s3api", "get-object", "--bucket", repo, "--key", "tools/cli/api/ours.bin", outfile));
    assert.equal(got.ContentLength, ours.length);
    assert.equal(sha(readFileSync(outfile)), sha(ours));

    const listing = await awsWithEnvSnippet(env, "s3", "ls", "--recursive", `s3://${repo}/tools/cli/`);
    const keys = listing.trim().split("\n").map((line) => line.replace(/^\S+ \S+\s+\d+ /, "")).sort();
    assert.deepEqual(keys, ["tools/cli/api/ours.bin", "tools/cli/api/payload.bin", "tools/cli/hello world.txt"]);
    // At the bucket root the gateway lists branches as prefixes.
    const root = await awsWithEnvSnippet(env, "s3", "ls", `s3://${repo}/`);
    assert.match(root, /^\s+PRE main\/$/m);
    assert.match(root, /^\s+PRE tools\/$/m);
  });

  it("env snippet: aws s3 sync uploads a directory (nested, space and '+', 9 MiB multipart) that the toolkit reads back byte for byte", async () => {
    const env = await snippet({ format: "env" });
    const files = sampleTree();
    const dir = mkdtempSync(join(work, "sync-up-"));
    writeTree(dir, files);
    await awsWithEnvSnippet(env, "s3", "sync", "--only-show-errors", dir, `s3://${repo}/tools/dir/`);

    const listed = new Map<string, { size: number; etag: string }>();
    for await (const entry of branch.objects({ prefix: "dir/" })) {
      assert.equal(entry.type, "object");
      if (entry.type === "object") listed.set(entry.path.slice("dir/".length), { size: entry.size, etag: entry.etag });
    }
    assert.deepEqual([...listed.keys()].sort(), [...files.keys()].sort());
    for (const [path, data] of files) {
      assert.equal(listed.get(path)?.size, data.length, path);
      assert.equal(sha(await branch.object(`dir/${path}`).bytes()), sha(data), path);
    }
    // The 9 MiB file went up in two 8 MiB-chunked parts: its ETag is the multipart kind, not the body's MD5.
    const big = files.get("big/blob.bin")!;
    assert.equal(listed.get("big/blob.bin")?.etag, multipartEtag(big, 8 * MiB));
    assert.notEqual(listed.get("big/blob.bin")?.etag, md5(big));
    assert.equal(listed.get("top.txt")?.etag, md5(files.get("top.txt")!));

    // A second sync finds nothing to do.
    const again = await awsWithEnvSnippet(env, "s3", "sync", "--dryrun", dir, `s3://${repo}/tools/dir/`);
    assert.equal(again.trim(), "");
  });

  it("env snippet: aws s3 sync downloads what the toolkit uploaded, byte for byte", async () => {
    const env = await snippet({ format: "env" });
    const files = sampleTree();
    files.set("big/blob.bin", randomBytes(11 * MiB + 7));
    for (const [path, data] of files) await branch.object(`down/${path}`).upload(data, { partSize: 5 * MiB });
    const dir = mkdtempSync(join(work, "sync-down-"));
    await awsWithEnvSnippet(env, "s3", "sync", "--only-show-errors", `s3://${repo}/tools/down/`, dir);
    const got = readTree(dir);
    assert.deepEqual([...got.keys()].sort(), [...files.keys()].sort());
    for (const [path, data] of files) assert.equal(sha(got.get(path)!), sha(data), path);
  });

  it("env snippet with checksums 'when_supported': the CLI sends a CRC32 checksum with each upload, which this server accepts", async () => {
    const env = await snippet({ format: "env" }, { checksums: "when_supported" });
    assert.match(env, /^export AWS_REQUEST_CHECKSUM_CALCULATION='when_supported'$/m);
    const local = join(mkdtempSync(join(work, "cks-")), "checksummed.bin");
    const data = randomBytes(100_000);
    writeFileSync(local, data);
    const { stderr } = await awsWithEnvSnippetOutput(env, "--debug", "s3", "cp", "--only-show-errors", local, `s3://${repo}/tools/cks/checksummed.bin`);
    // Over http botocore puts the checksum in a header (over https it would be an aws-chunked trailer).
    assert.match(stderr, /x-amz-checksum-crc32/i);
    assert.equal(sha(await branch.object("cks/checksummed.bin").bytes()), sha(data));
    // The default snippet ('when_required') sends no checksum.
    const plain = await awsWithEnvSnippetOutput(await snippet({ format: "env" }), "--debug", "s3", "cp", "--only-show-errors", local, `s3://${repo}/tools/cks/plain.bin`);
    assert.doesNotMatch(plain.stderr, /x-amz-checksum-crc32/i);
    assert.equal(sha(await branch.object("cks/plain.bin").bytes()), sha(data));
  });

  it("profile snippet: aws --profile lakefs works from ~/.aws/config and ~/.aws/credentials alone", async () => {
    const text = await snippet({ format: "profile" }, { endpoint: ctx.server.endpoint.replace("127.0.0.1", "localhost") });
    const [, configPart = "", credentialsPart = ""] = text.split(/^# ~\/\.aws\/(?:config|credentials)$/m);
    assert.match(configPart, /^\[profile lakefs\]$/m);
    assert.match(configPart, /^s3 =\n {2}addressing_style = path$/m);
    assert.match(credentialsPart, /^\[lakefs\]$/m);
    const env = isolatedEnv({ config: configPart, credentials: credentialsPart });

    const aws = (...args: string[]) => run("aws", args, { env, encoding: "utf8", maxBuffer: 16 * MiB }).then((r) => r.stdout);
    const local = join(mkdtempSync(join(work, "profile-")), "p.txt");
    writeFileSync(local, "through a profile\n");
    await aws("--profile", "lakefs", "s3", "cp", "--only-show-errors", local, `s3://${repo}/tools/profile/p.txt`);
    assert.equal(await branch.object("profile/p.txt").text(), "through a profile\n");
    const head = JSON.parse(await aws("--profile", "lakefs", "s3api", "head-object", "--bucket", repo, "--key", "tools/profile/p.txt"));
    assert.equal(head.ContentLength, "through a profile\n".length);
    assert.match(await aws("--profile", "lakefs", "s3", "ls", `s3://${repo}/tools/profile/`), /p\.txt$/m);
    // Without --profile the same environment has no credentials at all: the profile did the work.
    await assert.rejects(aws("s3", "ls", `s3://${repo}/tools/profile/`), /credentials/i);
  });

  it("boto3 snippet: put, get, list, multipart upload_file and a presigned GET round-trip with the toolkit", async () => {
    const code = await snippet({ format: "boto3" });
    const dir = mkdtempSync(join(work, "boto3-"));
    const theirs = randomBytes(13 * MiB + 5);
    writeFileSync(join(dir, "theirs.bin"), theirs);
    const ours = randomBytes(12 * MiB + 9);
    await branch.object("boto3/ours big.bin").upload(ours, { partSize: 5 * MiB });
    const script = `
import json, sys, urllib.request
from boto3.s3.transfer import TransferConfig
${code}
bucket, dir = sys.argv[1], sys.argv[2]
out = {}
s3.put_object(Bucket=bucket, Key="tools/boto3/small+1 .txt", Body=b"small from boto3")
out["get"] = s3.get_object(Bucket=bucket, Key="tools/boto3/small+1 .txt")["Body"].read().decode()
tc = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
s3.upload_file(dir + "/theirs.bin", bucket, "tools/boto3/theirs.bin", Config=tc)
s3.download_file(bucket, "tools/boto3/ours big.bin", dir + "/ours.bin", Config=tc)
page = s3.list_objects_v2(Bucket=bucket, Prefix="tools/boto3/")
out["listed"] = sorted(o["Key"] for o in page["Contents"])
out["etag"] = s3.head_object(Bucket=bucket, Key="tools/boto3/theirs.bin")["ETag"]
url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "tools/boto3/small+1 .txt"}, ExpiresIn=60)
out["presigned_v4"] = "X-Amz-Signature=" in url
out["presigned"] = urllib.request.urlopen(url).read().decode()
import io, logging
said = []
class Said(logging.Handler):
    def emit(self, record): said.append(record.getMessage())
logging.getLogger("botocore.handlers").setLevel(logging.DEBUG)
logging.getLogger("botocore.handlers").addHandler(Said())
s3.put_object(Bucket=bucket, Key="tools/boto3/empty", Body=io.BytesIO(b""))
out["expect_on_empty"] = any("expect 100 continue" in m.lower() for m in said)
print(json.dumps(out))
`;
    const { stdout } = await run(PYTHON, ["-c", script, repo, dir], { env: isolatedEnv(), encoding: "utf8", maxBuffer: 16 * MiB });
    const out = JSON.parse(stdout) as { get: string; listed: string[]; etag: string; presigned_v4: boolean; presigned: string; expect_on_empty: boolean };
    assert.equal(out.expect_on_empty, false, "the snippet keeps Expect: 100-continue off an empty body");
    assert.equal(out.get, "small from boto3");
    assert.deepEqual(out.listed, ["tools/boto3/ours big.bin", "tools/boto3/small+1 .txt", "tools/boto3/theirs.bin"]);
    assert.equal((await branch.object("boto3/empty").stat()).size, 0);
    assert.equal(out.presigned_v4, true);
    assert.equal(out.presigned, "small from boto3");
    assert.equal(out.etag, `"${multipartEtag(theirs, 5 * MiB)}"`, "upload_file went multipart in 5 MiB parts");
    assert.equal(sha(await branch.object("boto3/theirs.bin").bytes()), sha(theirs));
    assert.equal(await branch.object("boto3/small+1 .txt").text(), "small from boto3");
    assert.equal(sha(readFileSync(join(dir, "ours.bin"))), sha(ours));
  });

  it("maskSecret hides the secret in every format, and a masked env snippet does not authenticate", async () => {
    for (const format of ["env", "profile", "boto3"] as const) {
      const masked = await snippet({ format, maskSecret: true });
      const clear = await snippet({ format });
      assert.ok(!masked.includes(ctx.server.secretAccessKey), format);
      assert.ok(masked.includes(MASKED_SECRET), format);
      assert.ok(masked.includes(ctx.server.accessKeyId), format);
      assert.ok(clear.includes(ctx.server.secretAccessKey), format);
    }
    const masked = await snippet({ format: "env", maskSecret: true });
    await assert.rejects(awsWithEnvSnippet(masked, "s3", "ls", `s3://${repo}/tools/`), /SignatureDoesNotMatch|403|Forbidden/);
  });

  it("quoting: a secret with quotes, backslashes, $ and spaces survives the env, profile and boto3 snippets; line breaks are refused for the profile", async () => {
    const secret = `it's "quoted" \\ $HOME \`x\` %s`;
    const odd = { credentials: { accessKeyId: "AKIDODD", secretAccessKey: secret } };
    const env = await snippet({ format: "env" }, odd);
    const file = join(mkdtempSync(join(work, "quote-")), "env.sh");
    writeFileSync(file, env);
    const fromShell = await run("sh", ["-c", '. "$0" && printf %s "$AWS_SECRET_ACCESS_KEY"', file], { env: isolatedEnv(), encoding: "utf8" });
    assert.equal(fromShell.stdout, secret);
    const code = await snippet({ format: "boto3" }, odd);
    const fromPython = await run(PYTHON, ["-c", `${code}\nimport sys\nsys.stdout.write(s3._request_signer._credentials.secret_key)`], { env: isolatedEnv(), encoding: "utf8" });
    assert.equal(fromPython.stdout, secret);
    const profile = await snippet({ format: "profile" }, odd);
    const [, configPart = "", credentialsPart = ""] = profile.split(/^# ~\/\.aws\/(?:config|credentials)$/m);
    const readBack = "import botocore.session, sys\nsys.stdout.write(botocore.session.Session(profile='lakefs').get_credentials().secret_key)";
    const fromProfile = await run(PYTHON, ["-c", readBack], { env: isolatedEnv({ config: configPart, credentials: credentialsPart }), encoding: "utf8" });
    assert.equal(fromProfile.stdout, secret);
    await assert.rejects(snippet({ format: "profile" }, { credentials: { accessKeyId: "AKIDODD", secretAccessKey: "two\nlines" } }), /line breaks/);
  });

  it("profile names: 'default' writes [default] sections; names that cannot be a section header are refused", async () => {
    const text = await snippet({ format: "profile", profile: "default" });
    assert.match(text, /^\[default\]\nregion = /m);
    assert.match(text, /^\[default\]\naws_access_key_id = /m);
    await assert.rejects(snippet({ format: "profile", profile: "bad name]" }), /profile name/);
    await assert.rejects(snippet({ format: "yaml" as never }), /Unknown AWS settings format/);
  });
});
