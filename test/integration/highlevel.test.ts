import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import {
  BranchNotFoundError,
  ConflictError,
  LakeFS,
  ObjectNotFoundError,
  ReadOnlyRefError,
  RefNotFoundError,
  RepositoryNotFoundError,
  TagNotFoundError,
  ValidationError,
  collect,
  type Branch,
  type Repository,
} from "../../src/index.js";
import { testClient, uniqueNamespace, uniqueRepoName, useLakeFS } from "../support/lakefs.js";
import { startRequestLog, type RequestLog } from "../support/request-log.js";

const ctx = useLakeFS();
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("high-level API", () => {
  let lakefs: LakeFS;
  let repo: Repository;
  let main: Branch;

  before(async () => {
    lakefs = testClient(ctx.server);
    const name = uniqueRepoName("hl");
    repo = await lakefs.repository(name).create({ storageNamespace: uniqueNamespace(name), defaultBranch: "main", includeSamples: false });
    main = repo.branch("main");
  });

  it("repositories: create, existOk, properties, exists, listing, metadata, delete", async () => {
    const props = await repo.properties();
    assert.equal(props.id, repo.id);
    assert.equal(props.defaultBranch, "main");
    assert.match(props.storageNamespace, /^local:\/\//);
    assert.ok(Math.abs(props.creationDate.getTime() - Date.now()) < 120_000);
    assert.equal(await repo.exists(), true);
    await assert.rejects(lakefs.repository(repo.id).create({ storageNamespace: uniqueNamespace() }), ConflictError);
    const again = await lakefs.repository(repo.id).create({ storageNamespace: uniqueNamespace(), existOk: true });
    assert.equal(again.id, repo.id);
    const listed = (await collect(lakefs.repositories())).map((r) => r.id);
    assert.ok(listed.includes(repo.id));

    await repo.setMetadata({ team: "data", tier: "gold" });
    assert.deepEqual(await repo.metadata(), { team: "data", tier: "gold" });

    const doomedName = uniqueRepoName("gone");
    const doomed = await lakefs.repository(doomedName).create({ storageNamespace: uniqueNamespace(doomedName) });
    await doomed.delete();
    const remaining = (await collect(lakefs.repositories({ prefix: "gone-" }))).map((r) => r.id);
    assert.ok(!remaining.includes(doomedName));
    assert.equal(await lakefs.repository(uniqueRepoName("never")).exists(), false);
  });

  it("branches: create from a ref, head commit, listing, existOk, delete", async () => {
    const feature = await repo.branch("feature-1").create("main");
    const head = await feature.getCommit();
    const mainHead = await main.getCommit();
    assert.equal(head.id, mainHead.id);
    assert.equal((await feature.head()).id, head.id);
    await assert.rejects(repo.branch("feature-1").create("main"), ConflictError);
    await repo.branch("feature-1").create("main", { existOk: true });
    const names = [];
    for await (const b of repo.branches()) names.push(b.id);
    assert.deepEqual(names.sort(), ["feature-1", "main"]);
    assert.equal(await feature.exists(), true);
    await feature.delete();
    assert.equal(await feature.exists(), false);
    assert.equal(await repo.branch("nope").exists(), false);
  });

  it("objects: every body kind uploads and reads back exactly", async () => {
    const b = await repo.branch("bodies").create("main");
    const bytes = randomBytes(3000);
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-hl-"));
    const file = join(dir, "file.bin");
    writeFileSync(file, bytes);
    const bodies: Array<[string, Parameters<ReturnType<Branch["object"]>["upload"]>[0], Uint8Array]> = [
      ["string.txt", "héllo wörld", Buffer.from("héllo wörld")],
      ["uint8.bin", new Uint8Array(bytes), bytes],
      ["readable.bin", Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), bytes],
      ["web.bin", new Blob([bytes]).stream(), bytes],
      ["blob.bin", new Blob([bytes]), bytes],
      ["file.bin", { file }, bytes],
    ];
    for (const [path, body, expected] of bodies) {
      const obj = b.object(`bodies/${path}`);
      await obj.upload(body, { contentType: "application/x-test", metadata: { origin: path } });
      assert.equal(sha(await obj.bytes()), sha(expected), path);
      const stat = await obj.stat();
      assert.equal(stat.size, expected.length);
      assert.equal(stat.metadata.origin, path);
    }
    assert.equal(await b.object("bodies/string.txt").text(), "héllo wörld");
  });

  it("objects: ranged and streamed reads, download to a file, stat, exists, delete", async () => {
    const data = randomBytes(10 * 1024 * 1024 + 17);
    const obj = main.object("big/ten.bin");
    const progress: number[] = [];
    await obj.upload(data, { partSize: 5 * 1024 * 1024, onProgress: (p) => progress.push(p.loaded) });
    assert.equal(progress.at(-1), data.length);
    assert.deepEqual(Buffer.from(await obj.bytes({ range: { start: 100, end: 199 } })), data.subarray(100, 200));
    const chunks: Buffer[] = [];
    for await (const chunk of await obj.stream({ range: { start: data.length - 10 } })) chunks.push(chunk as Buffer);
    assert.deepEqual(Buffer.concat(chunks), data.subarray(data.length - 10));
    const target = join(mkdtempSync(join(tmpdir(), "lakefs-s3-dl-")), "out.bin");
    const { size } = await obj.download(target, { concurrency: 3, partSize: 2 * 1024 * 1024 });
    assert.equal(size, data.length);
    assert.equal(sha(readFileSync(target)), sha(data));
    assert.equal(await obj.exists(), true);
    await obj.delete();
    assert.equal(await obj.exists(), false);
    await assert.rejects(obj.text(), ObjectNotFoundError);
  });

  it("listing with and without a delimiter, and batch delete from a listing", async () => {
    const b = await repo.branch("listing").create("main");
    for (const p of ["a/1.txt", "a/2.txt", "a/sub/3.txt", "b/4.txt", "top.txt"]) await b.object(p).upload(p);
    const grouped = [];
    for await (const e of b.objects({ delimiter: "/" })) grouped.push(`${e.type}:${e.path}`);
    assert.deepEqual(grouped, ["prefix:a/", "prefix:b/", "object:top.txt"]);
    const flat = (await collect(b.objects({ prefix: "a/" }))).map((e) => e.path);
    assert.deepEqual(flat, ["a/1.txt", "a/2.txt", "a/sub/3.txt"]);
    const result = await b.deleteObjects(b.objects({ prefix: "a/" }));
    assert.deepEqual(result.deleted.sort(), ["a/1.txt", "a/2.txt", "a/sub/3.txt"]);
    assert.deepEqual(result.errors, []);
    assert.deepEqual((await collect(b.objects())).map((e) => e.path), ["b/4.txt", "top.txt"]);
  });

  it("commit, uncommitted, log, diff, merge, tag, read through refs", async () => {
    const f = await repo.branch("feature-2").create("main");
    await f.object("data/x.csv").upload("x,1\n");
    assert.deepEqual((await collect(f.uncommitted())).map((d) => `${d.type} ${d.path}`), ["added data/x.csv"]);
    const commit = await f.commit({ message: "Add x", metadata: { job: "hl-test" } });
    assert.equal(commit.message, "Add x");
    assert.equal(commit.metadata?.job, "hl-test");
    assert.deepEqual(await collect(f.uncommitted()), []);
    const log = await collect(f.log(), 2);
    assert.equal(log[0]?.id, commit.id);
    assert.deepEqual((await collect(main.diff(f))).map((d) => d.path), ["data/x.csv"]);
    const { reference: mergeRef } = await f.mergeInto(main, { message: "Merge feature-2" });
    assert.equal((await main.getCommit()).id, mergeRef);
    assert.equal(await main.object("data/x.csv").text(), "x,1\n");
    assert.equal(await repo.ref("main~1").object("data/x.csv").exists(), false);
    assert.equal((await repo.ref("main~1").getCommit()).id, (await repo.commit(mergeRef).getCommit()).parents[0]);

    const tag = await repo.tag("v1.0").create(main);
    assert.equal((await tag.getCommit()).id, mergeRef);
    assert.equal(await tag.object("data/x.csv").text(), "x,1\n");
    assert.deepEqual((await collect(repo.tags())).map((t) => t.id), ["v1.0"]);
    await assert.rejects(repo.tag("v1.0").create(main), ConflictError);
    await tag.delete();
    await assert.rejects(repo.tag("v1.0").object("data/x.csv").text(), TagNotFoundError);
  });

  it("revert, cherry-pick, reset of uncommitted changes, hard reset", async () => {
    const b = await repo.branch("history").create("main");
    await b.object("h/1.txt").upload("one");
    const c1 = await b.commit({ message: "one" });
    await b.object("h/2.txt").upload("two");
    const c2 = await b.commit({ message: "two" });
    await b.revert(c2.id);
    assert.equal(await b.object("h/2.txt").exists(), false);

    const other = await repo.branch("picker").create(c1.id);
    const picked = await other.cherryPick(c2.id);
    assert.ok(picked.id.length > 0);
    assert.equal(await other.object("h/2.txt").text(), "two");

    await b.object("h/tmp-a.txt").upload("a");
    await b.object("h/tmp-b.txt").upload("b");
    await b.object("keep/z.txt").upload("z");
    await b.resetChanges({ path: "h/tmp-a.txt" });
    assert.deepEqual((await collect(b.uncommitted())).map((d) => d.path).sort(), ["h/tmp-b.txt", "keep/z.txt"]);
    await b.resetChanges({ prefix: "h/" });
    assert.deepEqual((await collect(b.uncommitted())).map((d) => d.path), ["keep/z.txt"]);
    await b.resetChanges();
    assert.deepEqual(await collect(b.uncommitted()), []);

    await b.hardReset(c1.id);
    assert.equal((await b.getCommit()).id, c1.id);
  });

  it("copy between refs and presigned GET/PUT", async () => {
    const b = await repo.branch("copies").create("main");
    await b.object("src/a b+c.txt").upload("copy me");
    const dest = await b.object("src/a b+c.txt").copyTo(main.object("copied/a b+c.txt"));
    assert.equal(await dest.text(), "copy me");
    const getUrl = await dest.presign({ expiresIn: 60 });
    assert.equal(await fetch(getUrl).then((r) => r.text()), "copy me");
    const putUrl = await b.object("uploaded/by-url.txt").presign({ method: "PUT", expiresIn: 60 });
    const put = await fetch(putUrl, { method: "PUT", body: "via url" });
    assert.equal(put.status, 200);
    assert.equal(await b.object("uploaded/by-url.txt").text(), "via url");
  });

  it("transact merges all changes on success and leaves nothing on failure", async () => {
    await main.object("tx/dirty.txt").upload("uncommitted");
    let ran = false;
    await assert.rejects(
      main.transact(async () => {
        ran = true;
      }),
      (err: unknown) => err instanceof ConflictError && err.code === "DirtyBranch",
    );
    assert.equal(ran, false);
    await main.commit({ message: "settle main before transactions" });
    const before = (await main.getCommit()).id;
    const result = await main.transact(async (tx) => {
      await tx.object("tx/a.txt").upload("a");
      await tx.object("tx/b.txt").upload("b");
      return 42;
    }, { commitMessage: "tx ok" });
    assert.equal(result, 42);
    assert.equal(await main.object("tx/b.txt").text(), "b");
    assert.notEqual((await main.getCommit()).id, before);
    const afterOk = (await main.getCommit()).id;
    await assert.rejects(
      main.transact(async (tx) => {
        await tx.object("tx/a.txt").upload("changed");
        throw new Error("boom");
      }),
      /boom/,
    );
    assert.equal((await main.getCommit()).id, afterOk);
    assert.equal(await main.object("tx/a.txt").text(), "a");
    const leftovers = (await collect(repo.branches())).map((b) => b.id).filter((n) => n.startsWith("tx-"));
    assert.deepEqual(leftovers, []);
  });

  it("errors: missing repository, branch, object and tag are distinct; read-only refs refuse writes", async () => {
    await assert.rejects(lakefs.repository(uniqueRepoName("missing")).branch("main").object("x").text(), RepositoryNotFoundError);
    await assert.rejects(repo.branch("no-such-branch").object("x").text(), BranchNotFoundError);
    await assert.rejects(main.object("no/such/object").text(), ObjectNotFoundError);
    await assert.rejects(repo.tag("no-such-tag").getCommit(), TagNotFoundError);
    assert.throws(() => repo.branch("main~1"), ReadOnlyRefError);
    assert.throws(() => lakefs.repository("Bad_Name"), ValidationError);
    await repo.tag("frozen").create(main);
    await assert.rejects(repo.branch("frozen").object("x.txt").upload("nope"), ReadOnlyRefError);
    const commitId = (await main.getCommit()).id;
    await assert.rejects(repo.branch(commitId).object("x.txt").upload("nope"), ReadOnlyRefError);
    assert.equal(await repo.tag("frozen").object("x.txt").exists(), false);
  });
});

// Every request goes through a relay to the real server, which records it: the counts are measured.
describe("requests per call", () => {
  let relay: RequestLog;
  let lakefs: LakeFS;
  let repo: Repository;
  const rest = (lines: readonly string[]) => lines.filter((line) => line.includes("/api/v1/"));

  before(async () => {
    relay = await startRequestLog(ctx.server.endpoint);
    lakefs = testClient(ctx.server, relay.endpoint);
    const name = uniqueRepoName("count");
    repo = await lakefs.repository(name).create({ storageNamespace: uniqueNamespace(name), defaultBranch: "main" });
    await repo.branch("main").object("a.txt").upload("a");
    await repo.branch("main").commit({ message: "first" });
    await repo.tag("v1").create("main");
    await repo.branch("main").object("b.txt").upload("b");
    await repo.branch("main").commit({ message: "second" });
    for (const name of ["b1", "b2", "b3"]) await repo.branch(name).create("main~1");
  });

  after(async () => {
    lakefs.destroy();
    await relay.close();
  });

  for (const [what, ref] of [
    ["Branch.getCommit", () => repo.branch("main")],
    ["Tag.getCommit", () => repo.tag("v1")],
    ["Ref.getCommit on an expression", () => repo.ref("main~1")],
  ] as const) {
    it(`${what} sends one request`, async () => {
      let id = "";
      const sent = await relay.during(async () => {
        id = (await ref().getCommit()).id;
      });
      assert.equal(rest(sent).length, 1, sent.join("\n"));
      assert.match(rest(sent)[0]!, /^GET \/api\/v1\/repositories\/[^/]+\/commits\//);
      assert.match(id, /^[0-9a-f]{64}$/);
    });
  }

  it("Branch.head sends one request and names the head commit", async () => {
    let headId = "";
    const sent = await relay.during(async () => {
      headId = (await repo.branch("main").head()).id;
    });
    assert.equal(rest(sent).length, 1, sent.join("\n"));
    assert.equal(headId, (await repo.branch("main").getCommit()).id);
  });

  it("repo.branches() carries each head: one listing request for every branch's head", async () => {
    const heads = new Map<string, string | undefined>();
    const sent = await relay.during(async () => {
      for await (const branch of repo.branches()) heads.set(branch.id, branch.listedCommitId);
    });
    assert.equal(rest(sent).length, 1, sent.join("\n"));
    assert.deepEqual([...heads.keys()].sort(), ["b1", "b2", "b3", "main"]);
    for (const [name, listed] of heads) assert.equal(listed, (await repo.branch(name).getCommit()).id, name);
    assert.equal(repo.branch("main").listedCommitId, undefined);
  });

  it("repo.tags() carries each tag's commit id from the listing", async () => {
    const tags = await collect(repo.tags());
    assert.deepEqual(tags.map((t) => t.id), ["v1"]);
    assert.equal(tags[0]!.listedCommitId, (await repo.ref("main~1").getCommit()).id);
  });

  it("getCommit names the missing part precisely, with extra requests only on that path", async () => {
    const missingBranch = await relay.during(() => assert.rejects(repo.branch("nope").getCommit(), BranchNotFoundError));
    assert.ok(rest(missingBranch).length > 1, missingBranch.join("\n"));
    await assert.rejects(repo.tag("nope").getCommit(), TagNotFoundError);
    await assert.rejects(repo.ref("nope~1").getCommit(), RefNotFoundError);
    await assert.rejects(lakefs.repository(uniqueRepoName("none")).branch("main").getCommit(), RepositoryNotFoundError);
  });
});
