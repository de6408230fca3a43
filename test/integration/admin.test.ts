import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AbortError,
  BranchNotFoundError,
  ConflictError,
  NotFoundError,
  ObjectNotFoundError,
  PermissionDeniedError,
  RefNotFoundError,
  RepositoryNotFoundError,
  TagNotFoundError,
  ValidationError,
} from "../../src/errors/index.js";
import { collect } from "../../src/admin/index.js";
import { TEST_CREDENTIALS, TEST_LAKEFS_VERSION, uniqueNamespace, uniqueRepoName, useLakeFS } from "../support/lakefs.js";
import { adminHarness, all, rejection, type AdminHarness } from "./admin-support.js";

const ctx = useLakeFS();
let h: AdminHarness;

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("AdminClient against a real lakeFS", () => {
  // Inside a suite: node 20 runs root-level before() hooks concurrently, so the server may not be up yet there.
  before(() => {
    h = adminHarness(ctx.server);
  });
  after(() => h?.destroy());

  describe("AdminClient: server", () => {
    it("healthCheck, getVersion, getStorageConfig and getCurrentUser answer the real server's values", async () => {
      await h.admin.healthCheck();
      const version = await h.admin.getVersion();
      assert.equal(version.version, TEST_LAKEFS_VERSION);
      const storage = await h.admin.getStorageConfig();
      assert.equal(storage.blockstoreType, "local");
      assert.equal(storage.blockstoreNamespaceValidityRegex, "^local://");
      assert.equal(storage.preSignSupport, false);
      const user = await h.admin.getCurrentUser();
      assert.equal(user.id, TEST_CREDENTIALS.userName);
      assert.ok(Math.abs(user.creationDate - nowSeconds()) < 3600, `creationDate ${user.creationDate} is not recent`);
    });
  });

  describe("AdminClient: repositories", () => {
    it("creates, gets, lists by prefix, keeps metadata keys as given, and deletes", async () => {
      const prefix = uniqueRepoName("lst");
      const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
      const created = [];
      for (const name of names) {
        created.push(await h.admin.createRepository({ name, storageNamespace: uniqueNamespace(name), defaultBranch: "trunk" }));
      }
      const first = created[0]!;
      assert.equal(first.id, names[0]);
      assert.equal(first.defaultBranch, "trunk");
      assert.equal(first.storageNamespace, uniqueNamespace(names[0]));
      assert.equal(first.readOnly, false);
      assert.ok(Math.abs(first.creationDate - nowSeconds()) < 600);
      assert.deepEqual(await h.admin.getRepository(names[0]!), first);

      const listed = await all(h.admin.listRepositories({ prefix, pageSize: 2 }));
      assert.deepEqual(
        listed.map((r) => r.id),
        names,
      );
      assert.deepEqual(listed[1], created[1]);

      // Metadata keys are user data: never camelized.
      await h.admin.setRepositoryMetadata(names[0]!, { snake_key: "1", "Mixed-Case_key": "two" });
      await h.admin.setRepositoryMetadata(names[0]!, { another_one: "3" });
      assert.deepEqual(await h.admin.getRepositoryMetadata(names[0]!), { snake_key: "1", "Mixed-Case_key": "two", another_one: "3" });

      await h.admin.deleteRepository(names[2]!);
      const gone = await rejection(() => h.admin.getRepository(names[2]!));
      assert.ok(gone instanceof RepositoryNotFoundError, String(gone));
      assert.deepEqual(
        (await all(h.admin.listRepositories({ prefix }))).map((r) => r.id),
        names.slice(0, 2),
      );
    });

    it("creates a read-only repository when asked", async () => {
      const name = uniqueRepoName("ro");
      const repo = await h.admin.createRepository({ name, storageNamespace: uniqueNamespace(name), readOnly: true });
      assert.equal(repo.readOnly, true);
      assert.equal(repo.defaultBranch, "main");
      // Commits to a read-only repository are refused with 403 unless forced.
      const err = await rejection(() => h.admin.commit(name, "main", { message: "m", allowEmpty: true }));
      assert.ok(err instanceof PermissionDeniedError, String(err));
      assert.equal(err.status, 403);
      assert.match(err.message, /read-only repository/);
      const forced = await h.admin.commit(name, "main", { message: "forced", allowEmpty: true, force: true });
      assert.equal((await h.admin.getBranch(name, "main")).commitId, forced.id);
      await h.admin.deleteRepository(name, { force: true });
      // getRepository may serve a cached record for a few seconds after deletion; listing reads the store.
      assert.deepEqual(await all(h.admin.listRepositories({ prefix: name })), []);
    });

    it("a storage namespace already in use is refused with the server's reason", async () => {
      const a = uniqueRepoName("ns");
      await h.admin.createRepository({ name: a, storageNamespace: uniqueNamespace(a) });
      const err = await rejection(() => h.admin.createRepository({ name: uniqueRepoName("ns"), storageNamespace: uniqueNamespace(a) }));
      assert.ok(err instanceof ValidationError, String(err));
      assert.equal(err.status, 400);
      assert.match(err.message, /storage namespace already in use/);
    });
  });

  describe("AdminClient: create conflicts (409) and existOk", () => {
    it("an existing repository, branch and tag give ConflictError; existOk returns the existing one", async () => {
      const repo = await h.newRepo("dup");
      const again = await rejection(() => h.admin.createRepository({ name: repo, storageNamespace: uniqueNamespace() }));
      assert.ok(again instanceof ConflictError, String(again));
      assert.equal(again.status, 409);
      assert.equal(again.operation, "createRepository");
      const existing = await h.admin.createRepository({ name: repo, storageNamespace: uniqueNamespace(), existOk: true });
      assert.equal(existing.id, repo);
      assert.deepEqual(existing, await h.admin.getRepository(repo));

      const main = await h.admin.getBranch(repo, "main");
      const dev = await h.admin.createBranch(repo, "dev", "main");
      assert.deepEqual(dev, { id: "dev", commitId: main.commitId });
      const devAgain = await rejection(() => h.admin.createBranch(repo, "dev", "main"));
      assert.ok(devAgain instanceof ConflictError && !(devAgain instanceof NotFoundError), String(devAgain));
      assert.equal(devAgain.status, 409);
      await h.put(repo, "main", "x.txt", "x");
      const moved = await h.admin.commit(repo, "main", { message: "move main" });
      // existOk returns the branch as it is (still at the old commit), not re-pointed.
      assert.deepEqual(await h.admin.createBranch(repo, "dev", "main", { existOk: true }), { id: "dev", commitId: main.commitId });

      const tag = await h.admin.createTag(repo, "v1.0.0", "main");
      assert.deepEqual(tag, { id: "v1.0.0", commitId: moved.id });
      const tagAgain = await rejection(() => h.admin.createTag(repo, "v1.0.0", "dev"));
      assert.ok(tagAgain instanceof ConflictError, String(tagAgain));
      assert.equal(tagAgain.status, 409);
      assert.deepEqual(await h.admin.createTag(repo, "v1.0.0", "dev", { existOk: true }), { id: "v1.0.0", commitId: moved.id });
    });
  });

  describe("AdminClient: the branch lifecycle", () => {
    it("branch → gateway write → diffBranch → commit → log → merge → diff main~1..main → revert → tag → delete", async () => {
      const repo = await h.newRepo("life");
      const base = await h.admin.getBranch(repo, "main");
      const feature = await h.admin.createBranch(repo, "feature", "main");
      assert.equal(feature.commitId, base.commitId);

      await h.put(repo, "feature", "data/new.csv", "id,value\n1,42\n");
      const changes = await all(h.admin.diffBranch(repo, "feature"));
      assert.deepEqual(changes, [{ type: "added", path: "data/new.csv", pathType: "object", sizeBytes: 14 }]);
      assert.deepEqual(await all(h.admin.diffBranch(repo, "feature", { prefix: "other/" })), []);
      const grouped = await all(h.admin.diffBranch(repo, "feature", { delimiter: "/" }));
      assert.deepEqual(
        grouped.map((e) => [e.path, e.pathType]),
        [["data/", "common_prefix"]],
      );

      const committed = await h.admin.commit(repo, "feature", {
        message: "Add new.csv",
        metadata: { source_system: "unit-test", "Owner-Team": "data" },
      });
      assert.equal(committed.message, "Add new.csv");
      assert.deepEqual(committed.metadata, { source_system: "unit-test", "Owner-Team": "data" });
      assert.deepEqual(committed.parents, [base.commitId]);
      assert.equal(committed.committer, TEST_CREDENTIALS.userName);
      assert.match(committed.id, /^[0-9a-f]{64}$/);
      assert.equal(typeof committed.metaRangeId, "string");
      assert.deepEqual(await all(h.admin.diffBranch(repo, "feature")), []);
      assert.deepEqual(await h.admin.getCommit(repo, committed.id), committed);

      const history = await all(h.admin.log(repo, "feature"));
      assert.equal(history[0]!.id, committed.id);
      assert.equal(history[1]!.id, base.commitId);
      assert.deepEqual(
        (await all(h.admin.log(repo, "feature", { objects: ["data/new.csv"] }))).map((c) => c.id),
        [committed.id],
      );
      assert.deepEqual(
        (await all(h.admin.log(repo, "feature", { prefixes: ["nothing/"] }))).map((c) => c.id),
        [],
      );

      const merged = await h.admin.merge(repo, "feature", "main", { message: "Merge feature", metadata: { ticket: "T-1" } });
      assert.match(merged.reference, /^[0-9a-f]{64}$/);
      const mainHead = await h.admin.getBranch(repo, "main");
      assert.equal(mainHead.commitId, merged.reference);
      const mergeCommit = await h.admin.getCommit(repo, merged.reference);
      assert.equal(mergeCommit.message, "Merge feature");
      assert.equal(mergeCommit.metadata?.ticket, "T-1");
      assert.deepEqual([...mergeCommit.parents].sort(), [base.commitId, committed.id].sort());

      assert.deepEqual(
        (await all(h.admin.log(repo, "main"))).map((c) => c.id).slice(0, 3),
        [merged.reference, committed.id, base.commitId],
      );
      // firstParent follows main's own line only, skipping the feature commit.
      assert.deepEqual(
        (await all(h.admin.log(repo, "main", { firstParent: true }))).map((c) => c.id).slice(0, 2),
        [merged.reference, base.commitId],
      );

      const delta = await all(h.admin.diff(repo, "main~1", "main"));
      assert.deepEqual(delta, [{ type: "added", path: "data/new.csv", pathType: "object", sizeBytes: 14 }]);
      assert.deepEqual(await all(h.admin.diff(repo, "main~1", "main", { type: "two_dot" })), delta);
      assert.deepEqual(await all(h.admin.diff(repo, "main", "main~1", { type: "two_dot" })), [
        { type: "removed", path: "data/new.csv", pathType: "object", sizeBytes: 14 },
      ]);

      const stats = await h.admin.statObject(repo, "main", "data/new.csv");
      assert.equal(stats.path, "data/new.csv");
      assert.equal(stats.pathType, "object");
      assert.equal(stats.sizeBytes, 14);
      assert.match(stats.checksum, /^[0-9a-f]{32}$/);
      assert.ok(stats.physicalAddress.startsWith("local://"));

      await h.admin.revert(repo, "main", merged.reference, { parentNumber: 1, message: "Revert the merge" });
      const reverted = await h.admin.getBranch(repo, "main");
      const revertCommit = await h.admin.getCommit(repo, reverted.commitId);
      assert.equal(revertCommit.message, "Revert the merge");
      assert.deepEqual(revertCommit.parents, [merged.reference]);
      const missing = await rejection(() => h.admin.statObject(repo, "main", "data/new.csv"));
      assert.ok(missing instanceof ObjectNotFoundError, String(missing));

      const tag = await h.admin.createTag(repo, "after-revert", "main");
      assert.deepEqual(tag, { id: "after-revert", commitId: reverted.commitId });
      assert.deepEqual(await h.admin.getTag(repo, "after-revert"), tag);
      assert.deepEqual(await all(h.admin.listTags(repo)), [tag]);
      // The tag is a ref: the merged object can still be read through older refs, not this one.
      assert.equal((await h.admin.statObject(repo, merged.reference, "data/new.csv")).sizeBytes, 14);

      await h.admin.deleteTag(repo, "after-revert");
      assert.ok((await rejection(() => h.admin.getTag(repo, "after-revert"))) instanceof TagNotFoundError);
      await h.admin.deleteBranch(repo, "feature");
      assert.ok((await rejection(() => h.admin.getBranch(repo, "feature"))) instanceof BranchNotFoundError);
      assert.deepEqual(
        (await all(h.admin.listBranches(repo))).map((b) => b.id),
        ["main"],
      );
      const defaultBranch = await rejection(() => h.admin.deleteBranch(repo, "main"));
      assert.ok(defaultBranch instanceof PermissionDeniedError, String(defaultBranch));
      assert.match(defaultBranch.message, /cannot delete repository default branch/);
      await h.admin.deleteRepository(repo);
      // getRepository may serve a cached record for a few seconds after deletion; listing reads the store.
      assert.deepEqual(await all(h.admin.listRepositories({ prefix: repo })), []);
    });

    it("commit options: allowEmpty, date override, and 'no changes' without allowEmpty", async () => {
      const repo = await h.newRepo("cmt");
      const noChanges = await rejection(() => h.admin.commit(repo, "main", { message: "nothing" }));
      assert.ok(noChanges instanceof ValidationError, String(noChanges));
      assert.match(noChanges.message, /no changes/);
      const date = new Date("2021-03-04T05:06:07Z");
      const empty = await h.admin.commit(repo, "main", { message: "empty", allowEmpty: true, date });
      assert.equal(empty.creationDate, Math.floor(date.getTime() / 1000));
      const bySeconds = await h.admin.commit(repo, "main", { message: "seconds", allowEmpty: true, date: 1_600_000_000 });
      assert.equal(bySeconds.creationDate, 1_600_000_000);
      const log = await all(h.admin.log(repo, "main", { limit: 2 }));
      assert.deepEqual(
        log.map((c) => c.message),
        ["seconds", "empty"],
      );
      assert.deepEqual(
        (await all(h.admin.log(repo, "main", { stopAt: empty.id }))).map((c) => c.id).slice(0, 1),
        [bySeconds.id],
      );
      // `since` stops at the first commit older than the date; the newest one here is dated 2020.
      assert.deepEqual(await all(h.admin.log(repo, "main", { since: new Date("2100-01-01T00:00:00Z") })), []);
      assert.deepEqual(
        (await all(h.admin.log(repo, "main", { since: new Date("2000-01-01T00:00:00Z"), limit: 2 }))).map((c) => c.id),
        [bySeconds.id, empty.id],
      );
    });

    it("cherryPick replays one commit onto another branch", async () => {
      const repo = await h.newRepo("chp");
      await h.admin.createBranch(repo, "dev", "main");
      await h.put(repo, "dev", "one.txt", "1");
      await h.admin.commit(repo, "dev", { message: "one" });
      await h.put(repo, "dev", "two.txt", "22");
      const two = await h.admin.commit(repo, "dev", { message: "two" });
      const picked = await h.admin.cherryPick(repo, "main", two.id);
      assert.equal(picked.message, "two");
      assert.equal((await h.admin.getBranch(repo, "main")).commitId, picked.id);
      assert.equal((await h.admin.statObject(repo, "main", "two.txt")).sizeBytes, 2);
      assert.ok((await rejection(() => h.admin.statObject(repo, "main", "one.txt"))) instanceof ObjectNotFoundError);
    });

    it("resetBranch drops one object, a prefix, or everything uncommitted", async () => {
      const repo = await h.newRepo("rst");
      for (const path of ["a/1.txt", "a/2.txt", "b/1.txt", "c.txt"]) await h.put(repo, "main", path, path);
      const paths = async () => (await all(h.admin.diffBranch(repo, "main"))).map((d) => d.path);
      assert.deepEqual(await paths(), ["a/1.txt", "a/2.txt", "b/1.txt", "c.txt"]);
      await h.admin.resetBranch(repo, "main", { path: "a/1.txt" });
      assert.deepEqual(await paths(), ["a/2.txt", "b/1.txt", "c.txt"]);
      await h.admin.resetBranch(repo, "main", { prefix: "a/" });
      assert.deepEqual(await paths(), ["b/1.txt", "c.txt"]);
      await h.admin.resetBranch(repo, "main");
      assert.deepEqual(await paths(), []);
    });

    it("hardReset moves the branch to another ref", async () => {
      const repo = await h.newRepo("hrd");
      const before = await h.admin.getBranch(repo, "main");
      await h.admin.commit(repo, "main", { message: "c1", allowEmpty: true });
      await h.admin.commit(repo, "main", { message: "c2", allowEmpty: true });
      await h.admin.hardReset(repo, "main", "main~2");
      assert.equal((await h.admin.getBranch(repo, "main")).commitId, before.commitId);
    });
  });

  describe("AdminClient: distinct not-found errors", () => {
    let repo: string;
    before(async () => {
      repo = await h.newRepo("nf");
      await h.put(repo, "main", "present.txt", "here");
      await h.admin.commit(repo, "main", { message: "one object" });
    });

    const expectRef = async (
      call: () => unknown,
      kind: typeof RefNotFoundError | typeof BranchNotFoundError | typeof TagNotFoundError,
      ref: string,
      operation: string,
    ) => {
      const err = await rejection(call);
      assert.ok(err instanceof kind, `${operation}: expected ${kind.name}, got ${String(err)}`);
      assert.equal(err.constructor, kind, `${operation}: expected exactly ${kind.name}, got ${err.name}`);
      assert.equal(err.status, 404);
      assert.equal(err.repository, repo);
      assert.equal(err.ref, ref);
      assert.equal(err.operation, operation);
    };

    it("a missing repository is RepositoryNotFoundError on every kind of call", async () => {
      const missing = uniqueRepoName("none");
      for (const call of [
        () => h.admin.getRepository(missing),
        () => h.admin.getBranch(missing, "main"),
        () => h.admin.getTag(missing, "v1"),
        () => h.admin.getCommit(missing, "abc"),
        () => h.admin.statObject(missing, "main", "x"),
        () => h.admin.deleteRepository(missing),
        () => h.admin.getRepositoryMetadata(missing),
        () => h.admin.getBranchProtectionRules(missing),
        () => all(h.admin.listBranches(missing)),
        () => all(h.admin.diff(missing, "a", "b")),
        () => h.admin.merge(missing, "a", "main"),
      ]) {
        const err = await rejection(call);
        assert.ok(err instanceof RepositoryNotFoundError, String(err));
        assert.equal(err.repository, missing);
        assert.equal(err.status, 404);
      }
    });

    it("a missing branch is BranchNotFoundError", async () => {
      await expectRef(() => h.admin.getBranch(repo, "nope"), BranchNotFoundError, "nope", "getBranch");
      await expectRef(() => h.admin.deleteBranch(repo, "nope"), BranchNotFoundError, "nope", "deleteBranch");
      await expectRef(() => all(h.admin.diffBranch(repo, "nope")), BranchNotFoundError, "nope", "diffBranch");
      // lakeFS answers "prepare-commit hook aborted …: not found" here.
      await expectRef(() => h.admin.commit(repo, "nope", { message: "m" }), BranchNotFoundError, "nope", "commit");
      await expectRef(() => h.admin.merge(repo, "main", "nope"), BranchNotFoundError, "nope", "merge");
      await expectRef(() => h.admin.revert(repo, "nope", "main"), BranchNotFoundError, "nope", "revert");
      await expectRef(() => h.admin.cherryPick(repo, "nope", "main"), BranchNotFoundError, "nope", "cherryPick");
      await expectRef(() => h.admin.hardReset(repo, "nope", "main"), BranchNotFoundError, "nope", "hardReset");
      await expectRef(() => h.admin.resetBranch(repo, "nope"), BranchNotFoundError, "nope", "resetBranch");
    });

    it("a missing tag is TagNotFoundError", async () => {
      await expectRef(() => h.admin.getTag(repo, "v9"), TagNotFoundError, "v9", "getTag");
      await expectRef(() => h.admin.deleteTag(repo, "v9"), TagNotFoundError, "v9", "deleteTag");
    });

    it("a ref that does not resolve is RefNotFoundError naming that ref", async () => {
      await expectRef(() => h.admin.getCommit(repo, "0123abcd"), RefNotFoundError, "0123abcd", "getCommit");
      await expectRef(() => all(h.admin.log(repo, "nope")), RefNotFoundError, "nope", "log");
      await expectRef(() => all(h.admin.log(repo, "main~7")), RefNotFoundError, "main~7", "log");
      await expectRef(() => all(h.admin.diff(repo, "nope", "main")), RefNotFoundError, "nope", "diff");
      await expectRef(() => all(h.admin.diff(repo, "main", "nope")), RefNotFoundError, "nope", "diff");
      await expectRef(() => h.admin.createBranch(repo, "from-nothing", "nope"), RefNotFoundError, "nope", "createBranch");
      await expectRef(() => h.admin.createTag(repo, "t1", "nope"), RefNotFoundError, "nope", "createTag");
      await expectRef(() => h.admin.merge(repo, "nope", "main"), RefNotFoundError, "nope", "merge");
      await expectRef(() => h.admin.revert(repo, "main", "nope"), RefNotFoundError, "nope", "revert");
      await expectRef(() => h.admin.cherryPick(repo, "main", "nope"), RefNotFoundError, "nope", "cherryPick");
      await expectRef(() => h.admin.hardReset(repo, "main", "nope"), RefNotFoundError, "nope", "hardReset");
      await expectRef(() => h.admin.statObject(repo, "nope", "present.txt"), RefNotFoundError, "nope", "statObject");
    });

    it("a missing object on an existing ref is ObjectNotFoundError", async () => {
      const err = await rejection(() => h.admin.statObject(repo, "main", "absent/file.txt"));
      assert.ok(err instanceof ObjectNotFoundError, String(err));
      assert.equal(err.status, 404);
      assert.equal(err.repository, repo);
      assert.equal(err.ref, "main");
      assert.equal(err.path, "absent/file.txt");
      assert.equal((await h.admin.statObject(repo, "main", "present.txt")).sizeBytes, 4);
    });
  });

  describe("AdminClient: validation before any request", () => {
    it("invalid names, refs, paths, messages and ids are refused with the rule, and nothing is sent", async () => {
      const admin = h.countingAdmin;
      const sentBefore = h.counting.operations.length;
      const cases: [() => unknown, RegExp][] = [
        [() => admin.getRepository("Bad_Name"), /3 to 63 characters of lower-case letters, digits and '-'/],
        [() => admin.createRepository({ name: "ok-name", storageNamespace: "no-scheme" }), /URI with a scheme/],
        [() => admin.createBranch("ok-name", "bad/branch", "main"), /must start with a letter, digit or '_'/],
        [() => admin.getBranch("ok-name", ""), /Invalid branch name/],
        [() => admin.createTag("ok-name", "bad tag", "main"), /no whitespace/],
        [() => admin.getTag("ok-name", "v1."), /not end in "\."/],
        [() => all(admin.log("ok-name", "")), /Invalid ref/],
        [() => all(admin.diff("ok-name", "main", "has space")), /Invalid ref/],
        [() => admin.statObject("ok-name", "main", "a/../b"), /'\.' and '\.\.' segments/],
        [() => admin.statObject("ok-name", "main", ""), /must not be empty/],
        [() => admin.commit("ok-name", "main", { message: "   " }), /commit message: it must not be empty or only whitespace/],
        [() => admin.getCommit("ok-name", ""), /commit id/],
        [() => admin.commit("ok-name", "main", { message: "m", metadata: { n: 1 as unknown as string } }), /every value must be a string/],
        [() => admin.merge("ok-name", "dev", "main~1"), /read-only/],
        [() => admin.resetBranch("ok-name", "main", { path: "a", prefix: "b" }), /not both/],
        [() => admin.setBranchProtectionRules("ok-name", [{ pattern: "" }]), /non-empty fnmatch pattern/],
        [() => all(admin.listBranches("ok-name", { pageSize: 5000 })), /pageSize 5000: it must be an integer from 1 to 1000/],
      ];
      for (const [call, rule] of cases) {
        const err = await rejection(call);
        assert.ok(err instanceof ValidationError, String(err));
        assert.match(err.message, rule);
        assert.equal(err.status, 0);
      }
      assert.equal(h.counting.operations.length, sentBefore, `requests were sent: ${h.counting.operations.slice(sentBefore).join(", ")}`);
    });
  });

  describe("AdminClient: lazy pagination and abort", () => {
    let repo: string;
    const names = Array.from({ length: 25 }, (_, i) => `b-${String(i).padStart(2, "0")}`);
    before(async () => {
      repo = await h.newRepo("pg");
      for (const name of names) await h.admin.createBranch(repo, name, "main");
    });

    it("25 branches with pageSize 10 take 3 requests, fetched only as the iteration reaches them", async () => {
      const admin = h.countingAdmin;
      const start = h.counting.count("listBranches");
      const iterator = admin.listBranches(repo, { pageSize: 10, prefix: "b-" })[Symbol.asyncIterator]();
      assert.equal(h.counting.count("listBranches") - start, 0, "nothing is fetched before the first next()");
      const seen: string[] = [];
      for (let i = 0; i < 10; i++) seen.push((await iterator.next()).value!.id);
      assert.equal(h.counting.count("listBranches") - start, 1);
      seen.push((await iterator.next()).value!.id);
      assert.equal(h.counting.count("listBranches") - start, 2);
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        seen.push(next.value.id);
      }
      assert.equal(h.counting.count("listBranches") - start, 3);
      assert.deepEqual(seen, names);

      const afterAll = h.counting.count("listBranches");
      const firstFive = await collect(admin.listBranches(repo, { prefix: "b-", limit: 5 }));
      assert.deepEqual(
        firstFive.map((b) => b.id),
        names.slice(0, 5),
      );
      assert.equal(h.counting.count("listBranches") - afterAll, 1);
      const resumed = await all(admin.listBranches(repo, { prefix: "b-", after: "b-22" }));
      assert.deepEqual(
        resumed.map((b) => b.id),
        ["b-23", "b-24"],
      );
    });

    it("aborting a long list stops it with AbortError at the next page", async () => {
      const controller = new AbortController();
      const start = h.counting.count("listBranches");
      const seen: string[] = [];
      const err = await rejection(() =>
        (async () => {
          for await (const branch of h.countingAdmin.listBranches(repo, { pageSize: 5, signal: controller.signal })) {
            seen.push(branch.id);
            if (seen.length === 3) controller.abort(new Error("user gave up"));
          }
        })(),
      );
      assert.ok(err instanceof AbortError, String(err));
      assert.equal(err.status, 0);
      // The page already fetched is delivered; no further page is requested.
      assert.equal(seen.length, 5);
      assert.equal(h.counting.count("listBranches") - start, 1);

      const pre = new AbortController();
      pre.abort();
      const early = await rejection(() => h.countingAdmin.getRepository(repo, { signal: pre.signal }));
      assert.ok(early instanceof AbortError, String(early));
      assert.equal(early.operation, "getRepository");
    });

    it("tags and log paginate the same way", async () => {
      for (const name of names.slice(0, 12)) await h.admin.createTag(repo, `t-${name}`, name);
      const start = h.counting.count("listTags");
      const tags = await all(h.countingAdmin.listTags(repo, { pageSize: 5, prefix: "t-" }));
      assert.deepEqual(
        tags.map((t) => t.id),
        names.slice(0, 12).map((n) => `t-${n}`),
      );
      assert.equal(h.counting.count("listTags") - start, 3);

      for (let i = 0; i < 6; i++) await h.admin.commit(repo, "b-00", { message: `c${i}`, allowEmpty: true });
      const logStart = h.counting.count("log");
      const messages = (await all(h.countingAdmin.log(repo, "b-00", { pageSize: 4, limit: 6 }))).map((c) => c.message);
      assert.deepEqual(messages, ["c5", "c4", "c3", "c2", "c1", "c0"]);
      assert.equal(h.counting.count("log") - logStart, 2);
    });
  });
});
