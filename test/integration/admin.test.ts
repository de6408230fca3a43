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
} from "../../src/index.js";
import { collect } from "../../src/index.js";
import { TEST_CREDENTIALS, TEST_LAKEFS_VERSION, uniqueNamespace, uniqueRepoName, useLakeFS } from "../support/lakefs.js";
import { adminHarness, rejection, type AdminHarness } from "../support/admin-support.js";

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
      assert.ok(user.creationDate instanceof Date && Math.abs(user.creationDate.getTime() / 1000 - nowSeconds()) < 3600, `creationDate ${String(user.creationDate)} is not recent`);
    });
  });

  describe("AdminClient: repositories", () => {
    it("creates, gets, lists by prefix, keeps metadata keys as given, and deletes", async () => {
      const prefix = uniqueRepoName("lst");
      const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
      const created = [];
      for (const name of names) {
        created.push(await h.admin.createRepository({ repository: name, storageNamespace: uniqueNamespace(name), defaultBranch: "trunk" }));
      }
      const first = created[0]!;
      assert.equal(first.id, names[0]);
      assert.equal(first.defaultBranch, "trunk");
      assert.equal(first.storageNamespace, uniqueNamespace(names[0]));
      assert.equal(first.readOnly, false);
      assert.ok(Math.abs(first.creationDate.getTime() / 1000 - nowSeconds()) < 600);
      assert.deepEqual(await h.admin.getRepositoryProperties({ repository: names[0]! }), first);

      const listed = await collect(h.admin.listRepositories({ prefix, pageSize: 2 }));
      assert.deepEqual(
        listed.map((r) => r.id),
        names,
      );
      assert.deepEqual(listed[1], created[1]);

      // Metadata keys are user data: never camelized.
      await h.admin.setRepositoryMetadata({ repository: names[0]!, metadata: { snake_key: "1", "Mixed-Case_key": "two" } });
      await h.admin.setRepositoryMetadata({ repository: names[0]!, metadata: { another_one: "3" } });
      assert.deepEqual(await h.admin.getRepositoryMetadata({ repository: names[0]! }), { snake_key: "1", "Mixed-Case_key": "two", another_one: "3" });

      await h.admin.deleteRepository({ repository: names[2]! });
      const gone = await rejection(() => h.admin.getRepositoryProperties({ repository: names[2]! }));
      assert.ok(gone instanceof RepositoryNotFoundError, String(gone));
      assert.deepEqual(
        (await collect(h.admin.listRepositories({ prefix }))).map((r) => r.id),
        names.slice(0, 2),
      );
    });

    it("creates a read-only repository when asked", async () => {
      const name = uniqueRepoName("ro");
      const repo = await h.admin.createRepository({ repository: name, storageNamespace: uniqueNamespace(name), readOnly: true });
      assert.equal(repo.readOnly, true);
      assert.equal(repo.defaultBranch, "main");
      // Commits to a read-only repository are refused with 403 unless forced.
      const err = await rejection(() => h.admin.commit({ repository: name, branch: "main", message: "m", allowEmpty: true }));
      assert.ok(err instanceof PermissionDeniedError, String(err));
      assert.equal(err.status, 403);
      assert.match(err.message, /read-only repository/);
      const forced = await h.admin.commit({ repository: name, branch: "main", message: "forced", allowEmpty: true, force: true });
      assert.equal((await h.admin.getBranch({ repository: name, branch: "main" })).commitId, forced.id);
      await h.admin.deleteRepository({ repository: name, force: true });
      // getRepositoryProperties may serve a cached record for a few seconds after deletion; listing reads the store.
      assert.deepEqual(await collect(h.admin.listRepositories({ prefix: name })), []);
    });

    it("a storage namespace already in use is refused with the server's reason", async () => {
      const a = uniqueRepoName("ns");
      await h.admin.createRepository({ repository: a, storageNamespace: uniqueNamespace(a) });
      const err = await rejection(() => h.admin.createRepository({ repository: uniqueRepoName("ns"), storageNamespace: uniqueNamespace(a) }));
      assert.ok(err instanceof ValidationError, String(err));
      assert.equal(err.status, 400);
      assert.match(err.message, /storage namespace already in use/);
    });
  });

  describe("AdminClient: create conflicts (409) and existOk", () => {
    it("an existing repository, branch and tag give ConflictError; existOk returns the existing one", async () => {
      const repo = await h.newRepo("dup");
      const again = await rejection(() => h.admin.createRepository({ repository: repo, storageNamespace: uniqueNamespace() }));
      assert.ok(again instanceof ConflictError, String(again));
      assert.equal(again.status, 409);
      assert.equal(again.operation, "createRepository");
      const existing = await h.admin.createRepository({ repository: repo, storageNamespace: uniqueNamespace(), existOk: true });
      assert.equal(existing.id, repo);
      assert.deepEqual(existing, await h.admin.getRepositoryProperties({ repository: repo }));

      const main = await h.admin.getBranch({ repository: repo, branch: "main" });
      const dev = await h.admin.createBranch({ repository: repo, branch: "dev", source: "main" });
      assert.deepEqual(dev, { id: "dev", commitId: main.commitId });
      const devAgain = await rejection(() => h.admin.createBranch({ repository: repo, branch: "dev", source: "main" }));
      assert.ok(devAgain instanceof ConflictError && !(devAgain instanceof NotFoundError), String(devAgain));
      assert.equal(devAgain.status, 409);
      await h.put(repo, "main", "x.txt", "x");
      const moved = await h.admin.commit({ repository: repo, branch: "main", message: "move main" });
      // existOk returns the branch as it is (still at the old commit), not re-pointed.
      assert.deepEqual(await h.admin.createBranch({ repository: repo, branch: "dev", source: "main", existOk: true }), { id: "dev", commitId: main.commitId });

      const tag = await h.admin.createTag({ repository: repo, tag: "v1.0.0", source: "main" });
      assert.deepEqual(tag, { id: "v1.0.0", commitId: moved.id });
      const tagAgain = await rejection(() => h.admin.createTag({ repository: repo, tag: "v1.0.0", source: "dev" }));
      assert.ok(tagAgain instanceof ConflictError, String(tagAgain));
      assert.equal(tagAgain.status, 409);
      assert.deepEqual(await h.admin.createTag({ repository: repo, tag: "v1.0.0", source: "dev", existOk: true }), { id: "v1.0.0", commitId: moved.id });
    });
  });

  describe("AdminClient: the branch lifecycle", () => {
    describe("branch → gateway write → uncommitted → commit → log → merge → diff main~1..main → revert → tag → delete (steps in order, one repository)", () => {
      let repo: string;
      let base: Awaited<ReturnType<AdminHarness["admin"]["getBranch"]>>;
      let committed: Awaited<ReturnType<AdminHarness["admin"]["commit"]>>;
      let merged: Awaited<ReturnType<AdminHarness["admin"]["merge"]>>;
      let reverted: Awaited<ReturnType<AdminHarness["admin"]["getBranch"]>>;
      let tag: Awaited<ReturnType<AdminHarness["admin"]["createTag"]>>;

      it("createBranch starts at the source's head", async () => {
        repo = await h.newRepo("life");
        base = await h.admin.getBranch({ repository: repo, branch: "main" });
        const feature = await h.admin.createBranch({ repository: repo, branch: "feature", source: "main" });
        assert.equal(feature.commitId, base.commitId);
      });

      it("a gateway write is uncommitted, filtered by prefix and grouped by delimiter", async () => {
        await h.put(repo, "feature", "data/new.csv", "id,value\n1,42\n");
        const changes = await collect(h.admin.uncommitted({ repository: repo, branch: "feature" }));
        assert.deepEqual(changes, [{ type: "added", path: "data/new.csv", pathType: "object", sizeBytes: 14 }]);
        assert.deepEqual(await collect(h.admin.uncommitted({ repository: repo, branch: "feature", prefix: "other/" })), []);
        const grouped = await collect(h.admin.uncommitted({ repository: repo, branch: "feature", delimiter: "/" }));
        assert.deepEqual(
          grouped.map((e) => [e.path, e.pathType]),
          [["data/", "common_prefix"]],
        );
      });

      it("commit records message, metadata, parent and committer, and leaves nothing uncommitted", async () => {
        committed = await h.admin.commit({ repository: repo, branch: "feature", message: "Add new.csv", metadata: { source_system: "unit-test", "Owner-Team": "data" } });
        assert.equal(committed.message, "Add new.csv");
        assert.deepEqual(committed.metadata, { source_system: "unit-test", "Owner-Team": "data" });
        assert.deepEqual(committed.parents, [base.commitId]);
        assert.equal(committed.committer, TEST_CREDENTIALS.userName);
        assert.match(committed.id, /^[0-9a-f]{64}$/);
        assert.equal(typeof committed.metaRangeId, "string");
        assert.deepEqual(await collect(h.admin.uncommitted({ repository: repo, branch: "feature" })), []);
        assert.deepEqual(await h.admin.getCommit({ repository: repo, ref: committed.id }), committed);
      });

      it("log lists newest first, filtered by objects and by prefixes", async () => {
        const history = await collect(h.admin.log({ repository: repo, ref: "feature" }));
        assert.equal(history[0]!.id, committed.id);
        assert.equal(history[1]!.id, base.commitId);
        assert.deepEqual(
          (await collect(h.admin.log({ repository: repo, ref: "feature", objects: ["data/new.csv"] }))).map((c) => c.id),
          [committed.id],
        );
        assert.deepEqual(
          (await collect(h.admin.log({ repository: repo, ref: "feature", prefixes: ["nothing/"] }))).map((c) => c.id),
          [],
        );
      });

      it("merge makes a commit with both parents; log firstParent follows main's own line", async () => {
        merged = await h.admin.merge({ repository: repo, source: "feature", destination: "main", message: "Merge feature", metadata: { ticket: "T-1" } });
        assert.match(merged.reference, /^[0-9a-f]{64}$/);
        const mainHead = await h.admin.getBranch({ repository: repo, branch: "main" });
        assert.equal(mainHead.commitId, merged.reference);
        const mergeCommit = await h.admin.getCommit({ repository: repo, ref: merged.reference });
        assert.equal(mergeCommit.message, "Merge feature");
        assert.equal(mergeCommit.metadata?.ticket, "T-1");
        assert.deepEqual([...mergeCommit.parents].sort(), [base.commitId, committed.id].sort());

        assert.deepEqual(
          (await collect(h.admin.log({ repository: repo, ref: "main" }))).map((c) => c.id).slice(0, 3),
          [merged.reference, committed.id, base.commitId],
        );
        // firstParent follows main's own line only, skipping the feature commit.
        assert.deepEqual(
          (await collect(h.admin.log({ repository: repo, ref: "main", firstParent: true }))).map((c) => c.id).slice(0, 2),
          [merged.reference, base.commitId],
        );
      });

      it("diff main~1..main shows what the merge added, three-dot and two-dot both ways", async () => {
        const delta = await collect(h.admin.diff({ repository: repo, leftRef: "main~1", rightRef: "main" }));
        assert.deepEqual(delta, [{ type: "added", path: "data/new.csv", pathType: "object", sizeBytes: 14 }]);
        assert.deepEqual(await collect(h.admin.diff({ repository: repo, leftRef: "main~1", rightRef: "main", type: "two_dot" })), delta);
        assert.deepEqual(await collect(h.admin.diff({ repository: repo, leftRef: "main", rightRef: "main~1", type: "two_dot" })), [
          { type: "removed", path: "data/new.csv", pathType: "object", sizeBytes: 14 },
        ]);
      });

      it("statObject over REST: size, ETag, lastModified as a Date, physical address", async () => {
        const stats = await h.admin.statObject({ repository: repo, ref: "main", path: "data/new.csv" });
        assert.equal(stats.path, "data/new.csv");
        assert.equal(stats.size, 14);
        assert.match(stats.etag ?? "", /^[0-9a-f]{32}$/);
        assert.ok(stats.lastModified instanceof Date && Math.abs(stats.lastModified.getTime() / 1000 - nowSeconds()) < 600);
        assert.ok(stats.physicalAddress?.startsWith("local://"));
      });

      it("revert of the merge removes the object from main", async () => {
        await h.admin.revert({ repository: repo, branch: "main", ref: merged.reference, parentNumber: 1, message: "Revert the merge" });
        reverted = await h.admin.getBranch({ repository: repo, branch: "main" });
        const revertCommit = await h.admin.getCommit({ repository: repo, ref: reverted.commitId });
        assert.equal(revertCommit.message, "Revert the merge");
        assert.deepEqual(revertCommit.parents, [merged.reference]);
        const missing = await rejection(() => h.admin.statObject({ repository: repo, ref: "main", path: "data/new.csv" }));
        assert.ok(missing instanceof ObjectNotFoundError, String(missing));
      });

      it("a tag is a read-only ref: create, get, list; older refs still read the merged object", async () => {
        tag = await h.admin.createTag({ repository: repo, tag: "after-revert", source: "main" });
        assert.deepEqual(tag, { id: "after-revert", commitId: reverted.commitId });
        assert.deepEqual(await h.admin.getTag({ repository: repo, tag: "after-revert" }), tag);
        assert.deepEqual(await collect(h.admin.listTags({ repository: repo })), [tag]);
        // The tag is a ref: the merged object can still be read through older refs, not this one.
        assert.equal((await h.admin.statObject({ repository: repo, ref: merged.reference, path: "data/new.csv" })).size, 14);
      });

      it("deletes: tag and branch are gone, the default branch is refused, the repository leaves the listing", async () => {
        await h.admin.deleteTag({ repository: repo, tag: "after-revert" });
        assert.ok((await rejection(() => h.admin.getTag({ repository: repo, tag: "after-revert" }))) instanceof TagNotFoundError);
        await h.admin.deleteBranch({ repository: repo, branch: "feature" });
        assert.ok((await rejection(() => h.admin.getBranch({ repository: repo, branch: "feature" }))) instanceof BranchNotFoundError);
        assert.deepEqual(
          (await collect(h.admin.listBranches({ repository: repo }))).map((b) => b.id),
          ["main"],
        );
        const defaultBranch = await rejection(() => h.admin.deleteBranch({ repository: repo, branch: "main" }));
        assert.ok(defaultBranch instanceof PermissionDeniedError, String(defaultBranch));
        assert.match(defaultBranch.message, /cannot delete repository default branch/);
        await h.admin.deleteRepository({ repository: repo });
        // getRepositoryProperties may serve a cached record for a few seconds after deletion; listing reads the store.
        assert.deepEqual(await collect(h.admin.listRepositories({ prefix: repo })), []);
      });
    });

    it("commit options: allowEmpty, date override, and 'no changes' without allowEmpty", async () => {
      const repo = await h.newRepo("cmt");
      const noChanges = await rejection(() => h.admin.commit({ repository: repo, branch: "main", message: "nothing" }));
      assert.ok(noChanges instanceof ValidationError, String(noChanges));
      assert.match(noChanges.message, /no changes/);
      const date = new Date("2021-03-04T05:06:07Z");
      const empty = await h.admin.commit({ repository: repo, branch: "main", message: "empty", allowEmpty: true, date });
      assert.deepEqual(empty.creationDate, date);
      const bySeconds = await h.admin.commit({ repository: repo, branch: "main", message: "seconds", allowEmpty: true, date: 1_600_000_000 });
      assert.deepEqual(bySeconds.creationDate, new Date(1_600_000_000 * 1000));
      const log = await collect(h.admin.log({ repository: repo, ref: "main", limit: 2 }));
      assert.deepEqual(
        log.map((c) => c.message),
        ["seconds", "empty"],
      );
      assert.deepEqual(
        (await collect(h.admin.log({ repository: repo, ref: "main", stopAt: empty.id }))).map((c) => c.id).slice(0, 1),
        [bySeconds.id],
      );
      // `since` stops at the first commit older than the date; the newest one here is dated 2020.
      assert.deepEqual(await collect(h.admin.log({ repository: repo, ref: "main", since: new Date("2100-01-01T00:00:00Z") })), []);
      assert.deepEqual(
        (await collect(h.admin.log({ repository: repo, ref: "main", since: new Date("2000-01-01T00:00:00Z"), limit: 2 }))).map((c) => c.id),
        [bySeconds.id, empty.id],
      );
    });

    it("cherryPick replays one commit onto another branch", async () => {
      const repo = await h.newRepo("chp");
      await h.admin.createBranch({ repository: repo, branch: "dev", source: "main" });
      await h.put(repo, "dev", "one.txt", "1");
      await h.admin.commit({ repository: repo, branch: "dev", message: "one" });
      await h.put(repo, "dev", "two.txt", "22");
      const two = await h.admin.commit({ repository: repo, branch: "dev", message: "two" });
      const picked = await h.admin.cherryPick({ repository: repo, branch: "main", ref: two.id });
      assert.equal(picked.message, "two");
      assert.equal((await h.admin.getBranch({ repository: repo, branch: "main" })).commitId, picked.id);
      assert.equal((await h.admin.statObject({ repository: repo, ref: "main", path: "two.txt" })).size, 2);
      assert.ok((await rejection(() => h.admin.statObject({ repository: repo, ref: "main", path: "one.txt" }))) instanceof ObjectNotFoundError);
    });

    it("resetChanges drops one object, a prefix, or everything uncommitted", async () => {
      const repo = await h.newRepo("rst");
      for (const path of ["a/1.txt", "a/2.txt", "b/1.txt", "c.txt"]) await h.put(repo, "main", path, path);
      const paths = async () => (await collect(h.admin.uncommitted({ repository: repo, branch: "main" }))).map((d) => d.path);
      assert.deepEqual(await paths(), ["a/1.txt", "a/2.txt", "b/1.txt", "c.txt"]);
      await h.admin.resetChanges({ repository: repo, branch: "main", path: "a/1.txt" });
      assert.deepEqual(await paths(), ["a/2.txt", "b/1.txt", "c.txt"]);
      await h.admin.resetChanges({ repository: repo, branch: "main", prefix: "a/" });
      assert.deepEqual(await paths(), ["b/1.txt", "c.txt"]);
      await h.admin.resetChanges({ repository: repo, branch: "main" });
      assert.deepEqual(await paths(), []);
    });

    it("hardReset moves the branch to another ref", async () => {
      const repo = await h.newRepo("hrd");
      const before = await h.admin.getBranch({ repository: repo, branch: "main" });
      await h.admin.commit({ repository: repo, branch: "main", message: "c1", allowEmpty: true });
      await h.admin.commit({ repository: repo, branch: "main", message: "c2", allowEmpty: true });
      await h.admin.hardReset({ repository: repo, branch: "main", ref: "main~2" });
      assert.equal((await h.admin.getBranch({ repository: repo, branch: "main" })).commitId, before.commitId);
    });
  });

  describe("AdminClient: distinct not-found errors", () => {
    let repo: string;
    before(async () => {
      repo = await h.newRepo("nf");
      await h.put(repo, "main", "present.txt", "here");
      await h.admin.commit({ repository: repo, branch: "main", message: "one object" });
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
        () => h.admin.getRepositoryProperties({ repository: missing }),
        () => h.admin.getBranch({ repository: missing, branch: "main" }),
        () => h.admin.getTag({ repository: missing, tag: "v1" }),
        () => h.admin.getCommit({ repository: missing, ref: "abc" }),
        () => h.admin.statObject({ repository: missing, ref: "main", path: "x" }),
        () => h.admin.deleteRepository({ repository: missing }),
        () => h.admin.getRepositoryMetadata({ repository: missing }),
        () => h.admin.getBranchProtectionRules({ repository: missing }),
        () => collect(h.admin.listBranches({ repository: missing })),
        () => collect(h.admin.diff({ repository: missing, leftRef: "a", rightRef: "b" })),
        () => h.admin.merge({ repository: missing, source: "a", destination: "main" }),
      ]) {
        const err = await rejection(call);
        assert.ok(err instanceof RepositoryNotFoundError, String(err));
        assert.equal(err.repository, missing);
        assert.equal(err.status, 404);
      }
    });

    it("a missing branch is BranchNotFoundError", async () => {
      await expectRef(() => h.admin.getBranch({ repository: repo, branch: "nope" }), BranchNotFoundError, "nope", "getBranch");
      await expectRef(() => h.admin.deleteBranch({ repository: repo, branch: "nope" }), BranchNotFoundError, "nope", "deleteBranch");
      await expectRef(() => collect(h.admin.uncommitted({ repository: repo, branch: "nope" })), BranchNotFoundError, "nope", "uncommitted");
      // lakeFS answers "prepare-commit hook aborted …: not found" here.
      await expectRef(() => h.admin.commit({ repository: repo, branch: "nope", message: "m" }), BranchNotFoundError, "nope", "commit");
      await expectRef(() => h.admin.merge({ repository: repo, source: "main", destination: "nope" }), BranchNotFoundError, "nope", "merge");
      await expectRef(() => h.admin.revert({ repository: repo, branch: "nope", ref: "main" }), BranchNotFoundError, "nope", "revert");
      await expectRef(() => h.admin.cherryPick({ repository: repo, branch: "nope", ref: "main" }), BranchNotFoundError, "nope", "cherryPick");
      await expectRef(() => h.admin.hardReset({ repository: repo, branch: "nope", ref: "main" }), BranchNotFoundError, "nope", "hardReset");
      await expectRef(() => h.admin.resetChanges({ repository: repo, branch: "nope" }), BranchNotFoundError, "nope", "resetChanges");
    });

    it("a missing tag is TagNotFoundError", async () => {
      await expectRef(() => h.admin.getTag({ repository: repo, tag: "v9" }), TagNotFoundError, "v9", "getTag");
      await expectRef(() => h.admin.deleteTag({ repository: repo, tag: "v9" }), TagNotFoundError, "v9", "deleteTag");
    });

    it("a ref that does not resolve is RefNotFoundError naming that ref", async () => {
      await expectRef(() => h.admin.getCommit({ repository: repo, ref: "0123abcd" }), RefNotFoundError, "0123abcd", "getCommit");
      await expectRef(() => collect(h.admin.log({ repository: repo, ref: "nope" })), RefNotFoundError, "nope", "log");
      await expectRef(() => collect(h.admin.log({ repository: repo, ref: "main~7" })), RefNotFoundError, "main~7", "log");
      await expectRef(() => collect(h.admin.diff({ repository: repo, leftRef: "nope", rightRef: "main" })), RefNotFoundError, "nope", "diff");
      await expectRef(() => collect(h.admin.diff({ repository: repo, leftRef: "main", rightRef: "nope" })), RefNotFoundError, "nope", "diff");
      await expectRef(() => h.admin.createBranch({ repository: repo, branch: "from-nothing", source: "nope" }), RefNotFoundError, "nope", "createBranch");
      await expectRef(() => h.admin.createTag({ repository: repo, tag: "t1", source: "nope" }), RefNotFoundError, "nope", "createTag");
      await expectRef(() => h.admin.merge({ repository: repo, source: "nope", destination: "main" }), RefNotFoundError, "nope", "merge");
      await expectRef(() => h.admin.revert({ repository: repo, branch: "main", ref: "nope" }), RefNotFoundError, "nope", "revert");
      await expectRef(() => h.admin.cherryPick({ repository: repo, branch: "main", ref: "nope" }), RefNotFoundError, "nope", "cherryPick");
      await expectRef(() => h.admin.hardReset({ repository: repo, branch: "main", ref: "nope" }), RefNotFoundError, "nope", "hardReset");
      await expectRef(() => h.admin.statObject({ repository: repo, ref: "nope", path: "present.txt" }), RefNotFoundError, "nope", "statObject");
    });

    it("a missing object on an existing ref is ObjectNotFoundError", async () => {
      const err = await rejection(() => h.admin.statObject({ repository: repo, ref: "main", path: "absent/file.txt" }));
      assert.ok(err instanceof ObjectNotFoundError, String(err));
      assert.equal(err.status, 404);
      assert.equal(err.repository, repo);
      assert.equal(err.ref, "main");
      assert.equal(err.path, "absent/file.txt");
      assert.equal((await h.admin.statObject({ repository: repo, ref: "main", path: "present.txt" })).size, 4);
    });
  });

  describe("AdminClient: validation before any request", () => {
    it("invalid names, refs, paths, messages and ids are refused with the rule, and nothing is sent", async () => {
      const admin = h.countingAdmin;
      const sentBefore = h.counting.operations.length;
      const cases: [() => unknown, RegExp][] = [
        [() => admin.getRepositoryProperties({ repository: "Bad_Name" }), /3 to 63 characters of lower-case letters, digits and '-'/],
        [() => admin.createRepository({ repository: "ok-name", storageNamespace: "no-scheme" }), /URI with a scheme/],
        [() => admin.createBranch({ repository: "ok-name", branch: "bad/branch", source: "main" }), /must start with a letter, digit or '_'/],
        [() => admin.getBranch({ repository: "ok-name", branch: "" }), /Invalid branch name/],
        [() => admin.createTag({ repository: "ok-name", tag: "bad tag", source: "main" }), /no whitespace/],
        [() => admin.getTag({ repository: "ok-name", tag: "v1." }), /not end in "\."/],
        [() => collect(admin.log({ repository: "ok-name", ref: "" })), /Invalid ref/],
        [() => collect(admin.diff({ repository: "ok-name", leftRef: "main", rightRef: "has space" })), /Invalid ref/],
        [() => admin.statObject({ repository: "ok-name", ref: "main", path: "a/../b" }), /'\.' and '\.\.' segments/],
        [() => admin.statObject({ repository: "ok-name", ref: "main", path: "" }), /must not be empty/],
        [() => admin.commit({ repository: "ok-name", branch: "main", message: "   " }), /commit message: it must not be empty or only whitespace/],
        [() => admin.getCommit({ repository: "ok-name", ref: "" }), /commit id/],
        [() => admin.commit({ repository: "ok-name", branch: "main", message: "m", metadata: { n: 1 as unknown as string } }), /every value must be a string/],
        [() => admin.merge({ repository: "ok-name", source: "dev", destination: "main~1" }), /read-only/],
        [() => admin.resetChanges({ repository: "ok-name", branch: "main", path: "a", prefix: "b" }), /not both/],
        [() => admin.setBranchProtectionRules({ repository: "ok-name", rules: [{ pattern: "" }] }), /non-empty fnmatch pattern/],
        [() => collect(admin.listBranches({ repository: "ok-name", pageSize: 5000 })), /pageSize 5000: it must be an integer from 1 to 1000/],
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
      for (const name of names) await h.admin.createBranch({ repository: repo, branch: name, source: "main" });
    });

    it("25 branches with pageSize 10 take 3 requests, fetched only as the iteration reaches them", async () => {
      const admin = h.countingAdmin;
      const start = h.counting.count("listBranches");
      const iterator = admin.listBranches({ repository: repo, pageSize: 10, prefix: "b-" })[Symbol.asyncIterator]();
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
      const firstFive = await collect(admin.listBranches({ repository: repo, prefix: "b-", limit: 5 }));
      assert.deepEqual(
        firstFive.map((b) => b.id),
        names.slice(0, 5),
      );
      assert.equal(h.counting.count("listBranches") - afterAll, 1);
      const resumed = await collect(admin.listBranches({ repository: repo, prefix: "b-", after: "b-22" }));
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
          for await (const branch of h.countingAdmin.listBranches({ repository: repo, pageSize: 5, signal: controller.signal })) {
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
      const early = await rejection(() => h.countingAdmin.getRepositoryProperties({ repository: repo, signal: pre.signal }));
      assert.ok(early instanceof AbortError, String(early));
      assert.equal(early.operation, "getRepositoryProperties");
    });

    it("tags and log paginate the same way", async () => {
      for (const name of names.slice(0, 12)) await h.admin.createTag({ repository: repo, tag: `t-${name}`, source: name });
      const start = h.counting.count("listTags");
      const tags = await collect(h.countingAdmin.listTags({ repository: repo, pageSize: 5, prefix: "t-" }));
      assert.deepEqual(
        tags.map((t) => t.id),
        names.slice(0, 12).map((n) => `t-${n}`),
      );
      assert.equal(h.counting.count("listTags") - start, 3);

      for (let i = 0; i < 6; i++) await h.admin.commit({ repository: repo, branch: "b-00", message: `c${i}`, allowEmpty: true });
      const logStart = h.counting.count("log");
      const messages = (await collect(h.countingAdmin.log({ repository: repo, ref: "b-00", pageSize: 4, limit: 6 }))).map((c) => c.message);
      assert.deepEqual(messages, ["c5", "c4", "c3", "c2", "c1", "c0"]);
      assert.equal(h.counting.count("log") - logStart, 2);
    });
  });
});
