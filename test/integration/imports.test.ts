/**
 * Zero-copy imports against the real lakeFS server (local blockstore with
 * `import_enabled`, sources under the harness's import directory): the
 * high-level `branch.importData` / `startImport` and the admin calls, their
 * commit and bytes, failures that commit nothing, errors that name the cause,
 * and cancellation (an abort, or a throwing progress callback).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  AbortError,
  BranchNotFoundError,
  ImportFailedError,
  NotFoundError,
  ReadOnlyRefError,
  RepositoryNotFoundError,
  ValidationError,
  type LakeFS,
  type Repository,
} from "../../src/index.js";
import { AdminClient } from "../../src/admin.js";
import { testClient, uniqueNamespace, uniqueRepoName, uniqueSuffix, useLakeFS } from "../support/lakefs.js";

const ctx = useLakeFS();
let lakefs: LakeFS;
let admin: AdminClient;

/** Writes files under a fresh directory of the server's import directory; returns its `local://` URI (with a trailing "/"). */
function sourceTree(files: Record<string, string | Buffer>): { uri: string; dir: string } {
  const dir = join(ctx.server.importDir, `src-${uniqueSuffix()}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { uri: `local://${dir}/`, dir };
}

/**
 * A tree that takes lakeFS about a second to ingest, so that an import of it is still running
 * when the test cancels it a few milliseconds after the start.
 */
let bigTree: string | undefined;
function bigSource(): string {
  if (!bigTree) {
    const dir = join(ctx.server.importDir, "big");
    for (let d = 0; d < 100; d++) {
      mkdirSync(join(dir, `d${d}`), { recursive: true });
      for (let i = 0; i < 100; i++) writeFileSync(join(dir, `d${d}`, `f${i}`), `${d}/${i}`);
    }
    bigTree = `local://${dir}/`;
  }
  return bigTree;
}

async function newRepo(prefix: string): Promise<Repository> {
  const name = uniqueRepoName(prefix);
  return lakefs.repository(name).create({ storageNamespace: uniqueNamespace(name) });
}

async function paths(repo: Repository, ref = "main"): Promise<string[]> {
  const out: string[] = [];
  for await (const o of repo.ref(ref).objects()) out.push(o.path);
  return out;
}

describe("imports", () => {
  before(() => {
    lakefs = testClient(ctx.server);
    admin = new AdminClient(lakefs.rest);
  });
  after(() => lakefs?.destroy());

  it("importData brings prefixes and single objects in as one commit, and the bytes read back through the gateway", async () => {
    const big = randomBytes(300_000);
    const src = sourceTree({ "2026/a.csv": "region,amount\nnorth,10\n", "2026/deep/b.bin": big, "readme.txt": "hello", "other/skip.txt": "not imported" });
    const repo = await newRepo("imp");
    const main = repo.branch("main");
    const before = (await main.getCommit()).id;
    const seen: number[] = [];

    const status = await main.importData(
      [
        { prefix: `${src.uri}2026/`, destination: "collections/2026/" },
        { object: `${src.uri}readme.txt`, destination: "docs/README.txt" },
      ],
      { message: "Import the 2026 collections", metadata: { source: "legacy" }, pollIntervalMs: 50, onProgress: (s) => seen.push(s.ingestedObjects ?? 0) },
    );

    assert.equal(status.completed, true);
    assert.equal(status.ingestedObjects, 3);
    assert.ok(status.commit, "the final status carries the commit");
    assert.equal(status.commit.message, "Import the 2026 collections");
    assert.equal(status.commit.metadata?.source, "legacy");
    assert.deepEqual(status.commit.parents, [before]);
    assert.ok(status.commit.creationDate instanceof Date, "the nested commit has camelCase keys and a Date, as every CommitInfo");
    assert.equal((await main.getCommit()).id, status.commit.id, "the import's commit is the branch head");
    assert.deepEqual(await paths(repo), ["collections/2026/a.csv", "collections/2026/deep/b.bin", "docs/README.txt"]);
    assert.equal(await main.object("collections/2026/a.csv").text(), "region,amount\nnorth,10\n");
    assert.ok(Buffer.from(await main.object("collections/2026/deep/b.bin").bytes()).equals(big));
    assert.equal(await main.object("docs/README.txt").text(), "hello");
    // Progress, when the import was still running at a poll, only grows.
    assert.deepEqual(seen, [...seen].sort((a, b) => a - b));
  });

  it("startImport returns a job to wait on; its status stays readable afterwards; the default message names the source", async () => {
    const src = sourceTree({ "x/1.txt": "1", "x/2.txt": "2" });
    const repo = await newRepo("job");
    await repo.branch("dev").create("main");
    const job = await repo.branch("dev").startImport([{ prefix: `${src.uri}x/`, destination: "" }]);
    assert.equal(job.repository, repo.id);
    assert.equal(job.branch, "dev");
    assert.match(job.id, /^\w+$/);

    const done = await job.wait({ pollIntervalMs: 50 });
    assert.equal(done.completed, true);
    assert.equal(done.commit?.message, `Import from ${src.uri}x/`);
    assert.deepEqual(await paths(repo, "dev"), ["1.txt", "2.txt"]);
    assert.deepEqual(await paths(repo, "main"), [], "main is untouched");
    const again = await job.status();
    assert.equal(again.completed, true);
    assert.equal(again.commit?.id, done.commit?.id);
    // The admin calls see the same import.
    assert.equal((await admin.importStatus({ repository: repo.id, branch: "dev", importId: job.id })).commit?.id, done.commit?.id);
  });

  it("a source that does not exist or lies outside the allowed locations fails with ImportFailedError and commits nothing", async () => {
    const repo = await newRepo("fail");
    const main = repo.branch("main");
    const head = (await main.getCommit()).id;
    const src = sourceTree({ "real.txt": "r" });

    const missing = await main.importData([{ prefix: `${src.uri}nope/`, destination: "nope/" }], { pollIntervalMs: 50 }).catch((e: unknown) => e);
    assert.ok(missing instanceof ImportFailedError, String(missing));
    assert.equal(missing.code, "ImportFailed");
    assert.equal(missing.repository, repo.id);
    assert.equal(missing.branch, "main");
    assert.match(missing.importId, /^\w+$/);
    assert.match(missing.message, /^Import \w+ into "main" of repository "[^"]+" failed: .*no such file or directory/);
    assert.match(missing.hint ?? "", /allowed_external_prefixes/);

    const forbidden = await main.importData([{ prefix: "local:///etc/", destination: "etc/" }], { pollIntervalMs: 50 }).catch((e: unknown) => e);
    assert.ok(forbidden instanceof ImportFailedError, String(forbidden));
    assert.match(forbidden.message, /forbidden/);

    const wrongStore = await main.importData([{ object: "s3://some-bucket/x.csv", destination: "x.csv" }], { pollIntervalMs: 50 }).catch((e: unknown) => e);
    assert.ok(wrongStore instanceof ImportFailedError, String(wrongStore));
    assert.match(wrongStore.message, /expected storage type local/);

    assert.equal((await main.getCommit()).id, head, "no commit was made");
    assert.deepEqual(await paths(repo), []);
  });

  it("names a missing repository, a missing branch, a tag, and an unknown import id precisely", async () => {
    const repo = await newRepo("names");
    const src = sourceTree({ "f.txt": "f" });
    const sources = [{ object: `${src.uri}f.txt`, destination: "f.txt" }];

    const noRepo = await lakefs.repository(uniqueRepoName("gone")).branch("main").importData(sources).catch((e: unknown) => e);
    assert.ok(noRepo instanceof RepositoryNotFoundError, String(noRepo));
    const noBranch = await repo.branch("no-such-branch").importData(sources).catch((e: unknown) => e);
    assert.ok(noBranch instanceof BranchNotFoundError, String(noBranch));
    assert.equal(noBranch.ref, "no-such-branch");

    await repo.tag("v1").create("main");
    const onTag = await repo.branch("v1").startImport(sources).catch((e: unknown) => e);
    assert.ok(onTag instanceof ReadOnlyRefError, String(onTag));

    const unknownId = await admin.importStatus({ repository: repo.id, branch: "main", importId: "d0000000000000000000" }).catch((e: unknown) => e);
    assert.ok(unknownId instanceof NotFoundError && !(unknownId instanceof BranchNotFoundError), String(unknownId));
    assert.equal(unknownId.code, "ImportNotFound");
    assert.match(unknownId.message, /No import "d0000000000000000000" on branch "main"/);
    const unknownOnMissingBranch = await admin.cancelImport({ repository: repo.id, branch: "no-such-branch", importId: "d0000000000000000000" }).catch((e: unknown) => e);
    assert.ok(unknownOnMissingBranch instanceof BranchNotFoundError, String(unknownOnMissingBranch));
    assert.deepEqual(await paths(repo), []);
  });

  it("refuses bad sources before sending anything", async () => {
    const repo = await newRepo("bad");
    const main = repo.branch("main");
    const cases: [unknown, RegExp][] = [
      [[], /at least one source/],
      [[{ prefix: "not a uri", destination: "x/" }], /Invalid import source #1: give \{ prefix: uri, destination \}/],
      [[{ object: "local:///data/x", destination: "" }], /Invalid object path: it must not be empty/],
      [[{ prefix: "local:///data/", destination: "no-slash" }], /destination "no-slash" must end with "\/"/],
      [[{ prefix: "local:///data/", destination: "../up/" }], /'\.' and '\.\.' segments are not allowed/],
      [[{ object: "local:///data/x", destination: 42 }], /destination must be a string/],
      [[{ destination: "x" }], /Invalid import source #1/],
    ];
    for (const [sources, message] of cases) {
      const err = await main.importData(sources as never).catch((e: unknown) => e);
      assert.ok(err instanceof ValidationError, `${JSON.stringify(sources)}: ${String(err)}`);
      assert.match(err.message, message);
    }
    const emptyMessage = await main.importData([{ object: "local:///data/x", destination: "x" }], { message: "  " }).catch((e: unknown) => e);
    assert.ok(emptyMessage instanceof ValidationError, String(emptyMessage));
    const badInterval = await admin.waitForImport({ repository: repo.id, branch: "main", importId: "someid", pollIntervalMs: -1 }).catch((e: unknown) => e);
    assert.ok(badInterval instanceof ValidationError, String(badInterval));
    // lakeFS was never asked: the repository still has only its first commit and no import happened.
    let commits = 0;
    for await (const _ of repo.ref("main").log()) commits++;
    assert.equal(commits, 1);
  });

  // lakeFS 1.84 looks for a cancellation about once a second: an import that finishes before that check is
  // committed even though its status reads Canceled. So these tests check that the cancel reached lakeFS,
  // not that nothing was committed (docs/04-version-control.md says so to users).
  it("an abort while an import runs rejects with AbortError and cancels the import on the server", async () => {
    const repo = await newRepo("abort");
    const controller = new AbortController();
    let importId: string | undefined;
    const err = await repo
      .branch("main")
      .importData([{ prefix: bigSource(), destination: "big/" }], {
        signal: controller.signal,
        pollIntervalMs: 20,
        onProgress: (_status, id) => {
          importId = id;
          controller.abort();
        },
      })
      .catch((e: unknown) => e);
    assert.ok(err instanceof AbortError, String(err));
    assert.ok(importId, "the import was still running at the first poll");
    const status = await admin.importStatus({ repository: repo.id, branch: "main", importId });
    assert.equal(status.completed, false);
    assert.match(status.error?.message ?? "", /Canceled/);
  });

  it("a throwing onProgress callback fails the call with its own error and cancels the import", async () => {
    const repo = await newRepo("cb");
    const boom = new Error("progress sink failed");
    let importId: string | undefined;
    const err = await admin
      .importData({ repository: repo.id, branch: "main", sources: [{ prefix: bigSource(), destination: "big/" }], pollIntervalMs: 20, onProgress: (_status, id) => {
          importId = id;
          throw boom;
        } })
      .catch((e: unknown) => e);
    assert.equal(err, boom);
    assert.ok(importId);
    assert.match((await admin.importStatus({ repository: repo.id, branch: "main", importId })).error?.message ?? "", /Canceled/);
  });

  it("a job's cancel reaches lakeFS: its status reads Canceled, and waiting on it is ImportFailedError", async () => {
    const repo = await newRepo("cancel");
    const job = await repo.branch("main").startImport([{ prefix: bigSource(), destination: "big/" }]);
    await job.cancel();
    const cancelled = await job.status();
    assert.equal(cancelled.completed, false);
    assert.match(cancelled.error?.message ?? "", /Canceled/);
    const waited = await job.wait({ pollIntervalMs: 20 }).catch((e: unknown) => e);
    assert.ok(waited instanceof ImportFailedError, String(waited));
    assert.match(waited.message, /Canceled/);
  });
});
