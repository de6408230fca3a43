/**
 * Commit, merge, revert and cherry-pick are not safe to repeat. A loopback
 * TCP relay in front of the real server cuts the connection after the server
 * has answered such a request, so the client never sees the answer: the
 * AdminClient must raise OutcomeUnknownError and must not send it again.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { OutcomeUnknownError } from "../../src/index.js";
import { collect } from "../../src/index.js";
import { useLakeFS, type LakeFSServer } from "../support/lakefs.js";
import { adminHarness, rejection, type AdminHarness } from "../support/admin-support.js";
import { startFaultRelay, type FaultRelay } from "../support/fault-relay.js";

const ctx = useLakeFS();

/** A fault relay in front of the server that cuts the answer (the server acted; the client never learns it) of the first request matching `match`. */
async function cuttingRelay(server: LakeFSServer, match: RegExp): Promise<FaultRelay> {
  const relay = await startFaultRelay(server.endpoint);
  relay.inject(match, { kind: "cut", bytes: 0 }, 1);
  return relay;
}

describe("AdminClient: calls that are not safe to repeat", () => {
  let direct: AdminHarness;
  before(() => {
    direct = adminHarness(ctx.server);
  });
  after(() => direct?.destroy());

  it("a commit whose answer is lost raises OutcomeUnknownError, and exactly one commit exists", async () => {
    const repo = await direct.newRepo("out");
    const head = await direct.admin.getBranch({ repository: repo, branch: "main" });
    const commits = /^POST \/api\/v1\/repositories\/[^/]+\/branches\/main\/commits/;
    const relay = await cuttingRelay(ctx.server, commits);
    const cut = adminHarness({ ...ctx.server, endpoint: relay.endpoint });
    try {
      const err = await rejection(() => cut.admin.commit({ repository: repo, branch: "main", message: "once only", allowEmpty: true }));
      assert.ok(err instanceof OutcomeUnknownError, String(err));
      assert.equal(err.operation, "commit");
      assert.equal(relay.unused(), 0, "the answer was cut");
      assert.equal(relay.count(commits), 1, "the commit was sent exactly once");
    } finally {
      cut.destroy();
      await relay.close();
    }
    // The server did commit: the branch moved by exactly one commit.
    const log = await collect(direct.admin.log({ repository: repo, ref: "main", limit: 2 }));
    assert.equal(log[0]!.message, "once only");
    assert.equal(log[1]!.id, head.commitId);
  });

  it("a merge whose answer is lost raises OutcomeUnknownError too", async () => {
    const repo = await direct.newRepo("out");
    await direct.admin.createBranch({ repository: repo, branch: "dev", source: "main" });
    await direct.put(repo, "dev", "m.txt", "m");
    await direct.admin.commit({ repository: repo, branch: "dev", message: "on dev" });
    const merges = /^POST \/api\/v1\/repositories\/[^/]+\/refs\/dev\/merge\/main/;
    const relay = await cuttingRelay(ctx.server, merges);
    const cut = adminHarness({ ...ctx.server, endpoint: relay.endpoint });
    try {
      const err = await rejection(() => cut.admin.merge({ repository: repo, source: "dev", destination: "main" }));
      assert.ok(err instanceof OutcomeUnknownError, String(err));
      assert.equal(relay.count(merges), 1, "the merge was sent exactly once");
    } finally {
      cut.destroy();
      await relay.close();
    }
    assert.equal((await direct.admin.statObject({ repository: repo, ref: "main", path: "m.txt" })).size, 1);
  });

  it("a branch, tag or repository delete whose answer is lost is sent again and reports the deletion it made, not a missing resource", async () => {
    const repo = await direct.newRepo("out");
    await direct.admin.createBranch({ repository: repo, branch: "gone", source: "main" });
    await direct.admin.createTag({ repository: repo, tag: "v-gone", source: "main" });
    const other = await direct.newRepo("out");
    const deletes = /^DELETE \/api\/v1\/repositories\//;
    const relay = await startFaultRelay(ctx.server.endpoint);
    const cut = adminHarness({ ...ctx.server, endpoint: relay.endpoint });
    try {
      for (const call of [
        () => cut.admin.deleteBranch({ repository: repo, branch: "gone" }),
        () => cut.admin.deleteTag({ repository: repo, tag: "v-gone" }),
        () => cut.admin.deleteRepository({ repository: other }),
      ]) {
        relay.clear();
        relay.inject(deletes, { kind: "cut", bytes: 0 }, 1);
        await call();
        assert.equal(relay.unused(), 0, "the first answer was cut");
        assert.equal(relay.count(deletes), 2, "sent again after the lost answer");
      }
    } finally {
      cut.destroy();
      await relay.close();
    }
    const branches = (await collect(direct.admin.listBranches({ repository: repo }))).map((b) => b.id);
    assert.deepEqual(branches, ["main"]);
    await assert.rejects(direct.admin.getTag({ repository: repo, tag: "v-gone" }), { name: "TagNotFoundError" });
    await assert.rejects(direct.admin.getRepositoryProperties({ repository: other }), { name: "RepositoryNotFoundError" });
  });

  it("a delete that finds nothing on its first attempt is still a missing resource", async () => {
    const repo = await direct.newRepo("out");
    await assert.rejects(direct.admin.deleteBranch({ repository: repo, branch: "never-was" }), { name: "BranchNotFoundError" });
  });
});
