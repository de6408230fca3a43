import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { ConflictError, LakeFSError, MergeConflictError, ProtectedBranchError } from "../../src/index.js";
import { collect } from "../../src/index.js";
import { useLakeFS } from "../support/lakefs.js";
import { adminHarness, rejection, type AdminHarness } from "../support/admin-support.js";

const ctx = useLakeFS();
let h: AdminHarness;

describe("AdminClient merges and branch protection against a real lakeFS", () => {
  // Inside a suite: node 20 runs root-level before() hooks concurrently, so the server may not be up yet there.
  before(() => {
    h = adminHarness(ctx.server);
  });
  after(() => h?.destroy());

  describe("AdminClient: merge conflicts", () => {
    it("a conflicting merge throws MergeConflictError listing exactly the paths changed differently on both sides", async () => {
      const repo = await h.newRepo("cfl");
      for (const path of ["a.txt", "b/deep.txt", "same.txt", "gone.txt", "untouched.txt"]) await h.put(repo, "main", path, `base ${path}`);
      await h.admin.commit({ repository: repo, branch: "main", message: "base" });
      await h.admin.createBranch({ repository: repo, branch: "dev", source: "main" });

      // Both sides change a.txt and b/deep.txt differently: conflicts.
      await h.put(repo, "main", "a.txt", "main's a");
      await h.put(repo, "dev", "a.txt", "dev's a, longer");
      await h.put(repo, "main", "b/deep.txt", "main's b");
      await h.put(repo, "dev", "b/deep.txt", "dev's b");
      // The same change on both sides, a change on one side only: no conflict.
      await h.put(repo, "main", "same.txt", "identical");
      await h.put(repo, "dev", "same.txt", "identical");
      await h.put(repo, "dev", "only-dev.txt", "new on dev");
      // Deleted on both sides: no conflict either.
      for (const branch of ["main", "dev"]) await h.lakefs.s3.send(new DeleteObjectCommand({ Bucket: repo, Key: `${branch}/gone.txt` }));
      const mainHead = await h.admin.commit({ repository: repo, branch: "main", message: "main side" });
      await h.admin.commit({ repository: repo, branch: "dev", message: "dev side" });

      const err = await rejection(() => h.admin.merge({ repository: repo, source: "dev", destination: "main" }));
      assert.ok(err instanceof MergeConflictError, String(err));
      assert.ok(err instanceof ConflictError);
      assert.equal(err.status, 409);
      assert.equal(err.operation, "merge");
      assert.deepEqual([...err.paths].sort(), ["a.txt", "b/deep.txt"]);
      assert.match(err.message, /conflicting paths: a\.txt, b\/deep\.txt/);
      // Nothing was merged.
      assert.equal((await h.admin.getBranch({ repository: repo, branch: "main" })).commitId, mainHead.id);

      // source-wins resolves it, and the destination then holds the source's version.
      const merged = await h.admin.merge({ repository: repo, source: "dev", destination: "main", strategy: "source-wins" });
      assert.equal((await h.admin.getBranch({ repository: repo, branch: "main" })).commitId, merged.reference);
      const a = await h.admin.statObject({ repository: repo, ref: "main", path: "a.txt" });
      assert.equal(a.size, Buffer.byteLength("dev's a, longer"));
      assert.equal(a.etag, (await h.admin.statObject({ repository: repo, ref: "dev", path: "a.txt" })).etag);
      assert.equal((await h.admin.statObject({ repository: repo, ref: "main", path: "only-dev.txt" })).size, Buffer.byteLength("new on dev"));
    });

    it("dest-wins keeps the destination's version; squash makes a single-parent commit", async () => {
      const repo = await h.newRepo("dst");
      await h.put(repo, "main", "f.txt", "base");
      await h.admin.commit({ repository: repo, branch: "main", message: "base" });
      await h.admin.createBranch({ repository: repo, branch: "dev", source: "main" });
      await h.put(repo, "main", "f.txt", "main!");
      await h.put(repo, "dev", "f.txt", "dev!!!!");
      await h.put(repo, "dev", "g.txt", "g");
      const mainSide = await h.admin.commit({ repository: repo, branch: "main", message: "m" });
      await h.admin.commit({ repository: repo, branch: "dev", message: "d" });
      const merged = await h.admin.merge({ repository: repo, source: "dev", destination: "main", strategy: "dest-wins", squash: true, message: "squashed" });
      assert.equal((await h.admin.statObject({ repository: repo, ref: "main", path: "f.txt" })).size, 5);
      assert.equal((await h.admin.statObject({ repository: repo, ref: "main", path: "g.txt" })).size, 1);
      const commit = await h.admin.getCommit({ repository: repo, ref: merged.reference });
      assert.equal(commit.message, "squashed");
      assert.deepEqual(commit.parents, [mainSide.id]);
    });

    it("a merge with nothing to merge is refused unless allowEmpty", async () => {
      const repo = await h.newRepo("emp");
      await h.admin.createBranch({ repository: repo, branch: "dev", source: "main" });
      const err = await rejection(() => h.admin.merge({ repository: repo, source: "dev", destination: "main" }));
      assert.ok(err instanceof LakeFSError && !(err instanceof MergeConflictError), String(err));
      assert.equal(err.status, 400);
      assert.match(err.message, /no changes/);
      const merged = await h.admin.merge({ repository: repo, source: "dev", destination: "main", allowEmpty: true });
      assert.equal((await h.admin.getBranch({ repository: repo, branch: "main" })).commitId, merged.reference);
    });
  });

  describe("AdminClient: branch protection", () => {
    it("rules round-trip, and a protected branch refuses commits and gateway writes but takes merges", async () => {
      const repo = await h.newRepo("prt");
      assert.deepEqual(await h.admin.getBranchProtectionRules({ repository: repo }), []);
      await h.admin.createBranch({ repository: repo, branch: "feature", source: "main" });
      await h.admin.setBranchProtectionRules({ repository: repo, rules: [{ pattern: "main" }, { pattern: "release-*" }] });
      // lakeFS keeps the rules in a map, so their order varies between calls.
      const rules = await h.admin.getBranchProtectionRules({ repository: repo });
      assert.deepEqual([...rules].sort((a, b) => a.pattern.localeCompare(b.pattern)), [{ pattern: "main" }, { pattern: "release-*" }]);

      // lakeFS caches rules for up to ~6 s; poll (bounded) until the rule applies.
      const deadline = Date.now() + 15_000;
      let refusal: unknown;
      for (;;) {
        refusal = await rejection(() => h.admin.commit({ repository: repo, branch: "main", message: "direct", allowEmpty: true })).catch((e: unknown) => e);
        if (refusal instanceof ProtectedBranchError || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.ok(refusal instanceof ProtectedBranchError, String(refusal));
      assert.equal(refusal.status, 403);
      assert.equal(refusal.repository, repo);
      assert.equal(refusal.branch, "main");
      assert.equal(refusal.operation, "commit");
      assert.match(refusal.message, /Branch "main" of repository "[^"]+" is protected/);

      const write = await rejection(() => h.put(repo, "main", "direct.txt", "x"));
      const status = (write as { status?: number; $metadata?: { httpStatusCode?: number } }).status ??
        (write as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      assert.equal(status, 403);
      assert.match(`${(write as Error).name} ${(write as { code?: string }).code ?? ""}`, /ProtectedBranch/);

      const reset = await rejection(() => h.admin.hardReset({ repository: repo, branch: "main", ref: "feature" }));
      assert.ok(reset instanceof ProtectedBranchError, String(reset));

      await h.put(repo, "feature", "via-merge.txt", "ok");
      await h.admin.commit({ repository: repo, branch: "feature", message: "on feature" });
      const merged = await h.admin.merge({ repository: repo, source: "feature", destination: "main" });
      assert.equal((await h.admin.getBranch({ repository: repo, branch: "main" })).commitId, merged.reference);
      assert.deepEqual(
        (await collect(h.admin.diff({ repository: repo, leftRef: "main~1", rightRef: "main" }))).map((d) => d.path),
        ["via-merge.txt"],
      );

      await h.admin.setBranchProtectionRules({ repository: repo, rules: [] });
      assert.deepEqual(await h.admin.getBranchProtectionRules({ repository: repo }), []);
    });
  });
});
