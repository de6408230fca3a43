/**
 * `lakefs-s3 cp` against the real lakeFS server, run as a child process:
 * a nested directory up and back down compared byte for byte, single files
 * both ways, refusals (tags, ref expressions, missing objects, prefixes
 * without --recursive) and usage errors.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { LakeFS } from "../../src/index.js";
import { whenReady } from "../support/child-process.js";
import { basicAuth, createRepositoryRaw, testClient, useLakeFS } from "../support/lakefs.js";
import { lakectlEnv, runCli } from "../support/cli-support.js";

const ctx = useLakeFS();
let repo: string;
let work: string;
let source: string;

/** Every file under a directory, relative path → bytes. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const visit = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) visit(path);
      else out.set(relative(dir, path).split("\\").join("/"), readFileSync(path));
    }
  };
  visit(dir);
  return out;
}

function assertSameTree(actual: string, expected: string): void {
  const a = tree(actual);
  const e = tree(expected);
  assert.deepEqual([...a.keys()].sort(), [...e.keys()].sort());
  for (const [path, bytes] of e) assert.ok(a.get(path)?.equals(bytes), `${path} differs`);
}

function client(): LakeFS {
  return testClient(ctx.server);
}

const env = () => lakectlEnv(ctx.server);

before(async () => {
  repo = await createRepositoryRaw(await whenReady(() => ctx.server, "the lakeFS server of useLakeFS()"));
  work = mkdtempSync(join(tmpdir(), "lakefs-s3-cli-cp-"));
  source = join(work, "data");
  mkdirSync(join(source, "2026", "11", "deep"), { recursive: true });
  mkdirSync(join(source, "empty-dir"));
  writeFileSync(join(source, "top.csv"), "region,amount\nnorth,10\n");
  writeFileSync(join(source, "2026", "big.bin"), randomBytes(9 * 1024 * 1024 + 123)); // > 8 MiB: multipart
  writeFileSync(join(source, "2026", "11", "notes with spaces.txt"), "ünïcödé ✓\n");
  writeFileSync(join(source, "2026", "11", "deep", "empty.txt"), "");
  writeFileSync(join(source, "2026", "11", "deep", "random.bin"), randomBytes(70_000));
});

describe("lakefs-s3 cp", () => {
  it("uploads a nested directory with --recursive and downloads it back byte for byte", async () => {
    const up = await runCli(["cp", "--recursive", "--json", "--concurrency", "3", source, `lakefs://${repo}/main/raw/`], { env: env() });
    assert.equal(up.code, 0, up.stdout + up.stderr);
    const summary = JSON.parse(up.stdout) as { ok: boolean; direction: string; fileCount: number; bytes: number; files: { destination: string; size: number }[] };
    assert.equal(summary.ok, true);
    assert.equal(summary.direction, "upload");
    assert.equal(summary.fileCount, 5);
    assert.equal(summary.bytes, [...tree(source).values()].reduce((n, b) => n + b.length, 0));
    assert.deepEqual(summary.files.map((f) => f.destination).sort(), [
      `lakefs://${repo}/main/raw/2026/11/deep/empty.txt`,
      `lakefs://${repo}/main/raw/2026/11/deep/random.bin`,
      `lakefs://${repo}/main/raw/2026/11/notes with spaces.txt`,
      `lakefs://${repo}/main/raw/2026/big.bin`,
      `lakefs://${repo}/main/raw/top.csv`,
    ]);

    // Read back with the library, independently of the CLI's download path.
    const lakefs = client();
    try {
      const big = await lakefs.repository(repo).branch("main").object("raw/2026/big.bin").bytes();
      assert.ok(Buffer.from(big).equals(readFileSync(join(source, "2026", "big.bin"))));
    } finally {
      lakefs.destroy();
    }

    const target = join(work, "download");
    const down = await runCli(["cp", "-r", `lakefs://${repo}/main/raw`, target], { env: env() });
    assert.equal(down.code, 0, down.stdout + down.stderr);
    // Not a terminal: one plain line per file on stdout, no progress bar on stderr.
    assert.match(down.stdout, new RegExp(`^download: lakefs://${repo}/main/raw/2026/big\\.bin to .*2026/big\\.bin \\(9\\.0 MiB\\)$`, "m"));
    assert.match(down.stdout, /^Copied 5 files \(9\.1 MiB\) in /m);
    assert.doesNotMatch(down.stderr, /\r|\[#/);
    assertSameTree(target, source);
  });

  it("copies single files both ways: into a prefix, to a path, into a directory", async () => {
    const file = join(source, "top.csv");
    const toPrefix = await runCli(["cp", file, `lakefs://${repo}/main/single/`], { env: env() });
    assert.equal(toPrefix.code, 0, toPrefix.stderr);
    assert.match(toPrefix.stdout, new RegExp(`^upload: .*top\\.csv to lakefs://${repo}/main/single/top\\.csv \\(23 B\\)$`, "m"));
    const toPath = await runCli(["cp", file, `lakefs://${repo}/main/single/renamed.csv`], { env: env() });
    assert.equal(toPath.code, 0, toPath.stderr);

    const into = join(work, "single");
    mkdirSync(into);
    const down = await runCli(["cp", `lakefs://${repo}/main/single/renamed.csv`, into], { env: env(), cwd: work });
    assert.equal(down.code, 0, down.stderr);
    assert.ok(readFileSync(join(into, "renamed.csv")).equals(readFileSync(file)));
    const toFile = await runCli(["cp", "--json", `lakefs://${repo}/main/single/top.csv`, "copy.csv"], { env: env(), cwd: into });
    assert.equal(toFile.code, 0, toFile.stderr);
    assert.equal((JSON.parse(toFile.stdout) as { files: { destination: string }[] }).files[0]?.destination, "copy.csv");
    assert.ok(readFileSync(join(into, "copy.csv")).equals(readFileSync(file)));
  });

  it("refuses uploads to a tag or a ref expression with ReadOnlyRefError, and writes nothing", async () => {
    const auth = { authorization: basicAuth(ctx.server), "content-type": "application/json" };
    const base = `${ctx.server.endpoint}/api/v1/repositories/${repo}`;
    await fetch(`${base}/branches/main/commits`, { method: "POST", headers: auth, body: JSON.stringify({ message: "data" }) });
    const tag = await fetch(`${base}/tags`, { method: "POST", headers: auth, body: JSON.stringify({ id: "v1", ref: "main" }) });
    assert.equal(tag.status, 201);

    for (const ref of ["v1", "main~1"]) {
      const run = await runCli(["cp", "--json", join(source, "top.csv"), `lakefs://${repo}/${ref}/refused.csv`], { env: env() });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      const out = JSON.parse(run.stdout) as { ok: boolean; error: { name: string; code: string } };
      assert.equal(out.ok, false);
      assert.equal(out.error.name, "ReadOnlyRefError");
      assert.match(run.stderr, new RegExp(`lakefs-s3 cp: ReadOnlyRefError: Ref "${ref.replace("~", "~")}" of repository "${repo}" is read-only`));
    }
    const lakefs = client();
    try {
      assert.equal(await lakefs.repository(repo).branch("main").object("refused.csv").exists(), false);
    } finally {
      lakefs.destroy();
    }
    // Reading from the tag is fine.
    const read = await runCli(["cp", `lakefs://${repo}/v1/raw/top.csv`, join(work, "from-tag.csv")], { env: env() });
    assert.equal(read.code, 0, read.stderr);
  });

  it("reports missing objects, branches and prefixes copied without --recursive", async () => {
    const missing = await runCli(["cp", `lakefs://${repo}/main/raw/nope.csv`, work], { env: env() });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /ObjectNotFoundError: Object "raw\/nope\.csv" does not exist on ref "main"/);
    assert.equal(existsSync(join(work, "nope.csv")), false);

    const prefix = await runCli(["cp", `lakefs://${repo}/main/raw/2026`, work], { env: env() });
    assert.equal(prefix.code, 1);
    assert.match(prefix.stderr, /is not an object but a prefix: add --recursive/);

    const branch = await runCli(["cp", join(source, "top.csv"), `lakefs://${repo}/no-such-branch/x.csv`], { env: env() });
    assert.equal(branch.code, 1);
    assert.match(branch.stderr, /BranchNotFoundError: Branch "no-such-branch" does not exist/);
  });

  it("exits 2 on usage errors, before sending anything", async () => {
    const cases: [string[], RegExp][] = [
      [["cp"], /cp needs SRC and DST/],
      [["cp", "a", "b"], /both SRC and DST are local paths/],
      [["cp", `lakefs://${repo}/main/a`, `lakefs://${repo}/main/b`], /copies between two lakeFS locations are not supported/],
      [["cp", source, `lakefs://${repo}/main/`], /is a directory: add --recursive/],
      [["cp", "--concurrency", "0", "a", `lakefs://${repo}/main/`], /--concurrency must be an integer from 1 to 64/],
      [["cp", "--bogus", "a", "b"], /Unknown option '--bogus'/],
      [["cp", "a", `lakefs://${repo}`], /names no ref/],
      [["cp", "a", "lakefs://Bad_Repo/main/x"], /Invalid repository name/i],
      [["cp", `lakefs://${repo}/main/`, work], /is a prefix, not an object: add --recursive/],
    ];
    for (const [args, message] of cases) {
      // An unreachable endpoint: a usage error must not get as far as a request.
      const run = await runCli(args, { env: lakectlEnv(ctx.server, { LAKECTL_SERVER_ENDPOINT_URL: "http://127.0.0.1:1" }) });
      assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, message, args.join(" "));
      assert.match(run.stderr, /Run "lakefs-s3 cp --help" for usage\./);
    }
  });

  it("--help shows the forms of SRC and DST", async () => {
    const run = await runCli(["cp", "--help"]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: lakefs-s3 cp SRC DST \[options\]/);
    assert.match(run.stdout, /-r, --recursive/);
    assert.match(run.stdout, /--concurrency N/);
    assert.match(run.stdout, /ReadOnlyRefError/);
  });
});
