/**
 * What one client sees when another changes refs under it. Runs against one server in the
 * main runs and against two servers behind round-robin in the scaled-out leg
 * (LAKEFS_S3_TEST_SERVERS=2), where each request may reach the other server.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { BranchNotFoundError, ReadOnlyRefError, type LakeFS } from "../../src/index.js";
import { testClient, uniqueNamespace, uniqueRepoName, useLakeFS } from "../support/lakefs.js";

const ctx = useLakeFS();
let writer: LakeFS;
let other: LakeFS;
let repo: string;

describe("a branch another client deletes and recreates as a tag", () => {
  before(async () => {
    writer = testClient(ctx.server);
    other = testClient(ctx.server);
    repo = uniqueRepoName("scaled");
    await writer.repository(repo).create({ storageNamespace: uniqueNamespace(repo), defaultBranch: "main" });
    await writer.repository(repo).branch("main").object("kept.txt").upload("on main");
    await writer.repository(repo).branch("main").commit({ message: "kept" });
  });
  after(() => {
    writer?.destroy();
    other?.destroy();
  });

  it("upload and delete through a client that knew it as a branch fail with ReadOnlyRefError, and the tag is untouched", async () => {
    const branch = writer.repository(repo).branch("feature");
    await branch.create("main");
    await branch.object("written.txt").upload("while a branch"); // this client now knows "feature" as a branch
    await other.repository(repo).branch("feature").delete();
    await other.repository(repo).tag("feature").create("main");

    await assert.rejects(branch.object("after.txt").upload("to the tag"), ReadOnlyRefError);
    await assert.rejects(branch.object("kept.txt").delete(), ReadOnlyRefError);
    const tag = other.repository(repo).tag("feature");
    assert.equal(await tag.object("kept.txt").text(), "on main");
    assert.equal(await tag.object("after.txt").exists(), false);
    assert.equal(await tag.object("written.txt").exists(), false, "the uncommitted write went with the branch");
  });

  it("upload and delete through a client that knew it as a branch fail with BranchNotFoundError once it is gone", async () => {
    const branch = writer.repository(repo).branch("short-lived");
    await branch.create("main");
    await branch.object("a.txt").upload("a");
    await other.repository(repo).branch("short-lived").delete();

    await assert.rejects(branch.object("b.txt").upload("b"), BranchNotFoundError);
    await assert.rejects(branch.object("a.txt").delete(), BranchNotFoundError);
  });
});
