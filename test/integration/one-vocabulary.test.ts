/**
 * Issue 26, "one vocabulary", against the real lakeFS: one name per concept
 * (the source of a new branch or tag) with the old names still working, and
 * one error class per event, whichever API or data path meets it. Each event
 * is tested in pairs: the handle and AdminClient, REST and the S3 gateway.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { AuthenticationError, BranchNotFoundError, LakeFS, ReadOnlyRefError, type LakeFSError } from "../../src/index.js";
import { listObjects } from "../../src/s3.js";
import { createRepositoryRaw, testClient, uniqueRepoName, useLakeFS } from "../support/lakefs.js";
import { whenReady } from "../support/child-process.js";
import { lakeFSRejection } from "../support/rejection.js";

const ctx = useLakeFS();
const clients: LakeFS[] = [];
let lakefs: LakeFS;
let repo: string;
/** A commit on main with one parent, for revert, cherry-pick and hard reset. */
let commitId: string;

function client(options: Parameters<typeof testClient>[2] = {}): LakeFS {
  const c = testClient(ctx.server, ctx.server.endpoint, { maxAttempts: 1, ...options });
  clients.push(c);
  return c;
}

before(async () => {
  await whenReady(() => ctx.server, "the lakeFS server");
  lakefs = client({ maxAttempts: 3 });
  repo = await createRepositoryRaw(ctx.server);
  const main = lakefs.repository(repo).branch("main");
  await main.object("a.txt").upload("A");
  commitId = (await main.commit({ message: "seed" })).id;
  await lakefs.repository(repo).tag("v1").create("main");
  await lakefs.repository(repo).branch("dev").create("main");
});
after(() => {
  for (const c of clients) c.destroy();
});

describe("the source of a new branch or tag is `source` everywhere", () => {
  it("branch.create(source) and tag.create(source) take a name or a handle; admin.createTag takes { source }", async () => {
    const r = lakefs.repository(repo);
    const fromName = await r.branch("from-name").create("main");
    const fromHandle = await r.branch("from-handle").create(r.tag("v1"), { existOk: true });
    const tag = await r.tag("from-branch").create(fromName);
    const viaAdmin = await lakefs.admin.createTag({ repository: repo, tag: "via-admin", source: fromHandle.id });
    for (const ref of [fromName, fromHandle, tag]) assert.equal((await ref.getCommit()).id, commitId);
    assert.deepEqual(viaAdmin, { id: "via-admin", commitId });
  });

  it("the deprecated names still work: branch.create({ sourceReference }) and admin.createTag({ ref })", async () => {
    const r = lakefs.repository(repo);
    const old = await r.branch("old-style").create({ sourceReference: "main", existOk: true });
    assert.equal((await old.getCommit()).id, commitId);
    assert.deepEqual(await lakefs.admin.createTag({ repository: repo, tag: "old-style-tag", ref: "old-style" }), { id: "old-style-tag", commitId });
  });
});

describe("a write to a tag is ReadOnlyRefError through the handle and AdminClient alike", () => {
  const source = { prefix: "local:///nowhere/", destination: "" };
  const writes: [string, (branch: string) => Promise<unknown>, (branch: string) => Promise<unknown>][] = [
    ["commit", (b) => lakefs.repository(repo).branch(b).commit({ message: "m", allowEmpty: true }), (b) => lakefs.admin.commit({ repository: repo, branch: b, message: "m", allowEmpty: true })],
    ["merge into", (b) => lakefs.repository(repo).branch("dev").mergeInto(b, { allowEmpty: true }), (b) => lakefs.admin.merge({ repository: repo, source: "dev", destination: b, allowEmpty: true })],
    ["revert", (b) => lakefs.repository(repo).branch(b).revert(commitId), (b) => lakefs.admin.revert({ repository: repo, branch: b, ref: commitId })],
    ["cherry-pick", (b) => lakefs.repository(repo).branch(b).cherryPick(commitId), (b) => lakefs.admin.cherryPick({ repository: repo, branch: b, ref: commitId })],
    ["reset changes", (b) => lakefs.repository(repo).branch(b).resetChanges(), (b) => lakefs.admin.resetChanges({ repository: repo, branch: b })],
    ["hard reset", (b) => lakefs.repository(repo).branch(b).hardReset(commitId), (b) => lakefs.admin.hardReset({ repository: repo, branch: b, ref: commitId })],
    ["start an import", (b) => lakefs.repository(repo).branch(b).startImport([source]), (b) => lakefs.admin.startImport({ repository: repo, branch: b, sources: [source] })],
  ];
  for (const [name, viaHandle, viaAdmin] of writes) {
    it(`${name}: ReadOnlyRefError on tag v1, BranchNotFoundError on a name that is no ref, on both APIs`, async () => {
      for (const [api, call] of [["handle", viaHandle], ["AdminClient", viaAdmin]] as const) {
        const onTag = await lakeFSRejection(() => call("v1"));
        assert.ok(onTag instanceof ReadOnlyRefError, `${api}: ${String(onTag)}`);
        assert.equal(onTag.code, "ReadOnlyRef");
        assert.equal(onTag.ref, "v1");
        assert.ok(onTag.cause instanceof BranchNotFoundError, `${api}: the server's answer stays the cause`);
        const missing = await lakeFSRejection(() => call("no-such-branch"));
        assert.ok(missing instanceof BranchNotFoundError, `${api}: ${String(missing)}`);
        assert.equal(missing.ref, "no-such-branch");
      }
    });
  }
});

describe("an access key id lakeFS cannot read is AuthenticationError on every call", () => {
  // lakeFS reads SigV4 key ids of 3 to 20 characters: with a space inside, the test key (20) no
  // longer parses. The gateway answers 400 MissingFields, REST 401.
  const spaced = () => `${ctx.server.accessKeyId.slice(0, 4)} ${ctx.server.accessKeyId.slice(4)}`;

  function calls(lakefsClient: LakeFS): [string, () => Promise<unknown>][] {
    const main = lakefsClient.repository(repo).branch("main");
    return [
      ["upload", () => main.object("b.txt").upload("B")],
      ["read", () => main.object("a.txt").text()],
      ["stat", () => main.object("a.txt").stat()],
      ["listing", async () => {
        for await (const entry of main.objects()) void entry;
      }],
      ["AdminClient", () => lakefsClient.admin.getBranch({ repository: repo, branch: "main" })],
    ];
  }

  for (const dataPath of ["auto", "gateway"] as const) {
    it(`dataPath "${dataPath}": upload, read, stat (over REST under "auto"), a listing, and AdminClient`, async () => {
      for (const [name, call] of calls(client({ accessKeyId: spaced(), dataPath }))) {
        if (dataPath === "gateway" && name === "stat") continue; // below
        const err: LakeFSError = await lakeFSRejection(call);
        assert.ok(err instanceof AuthenticationError, `${name}: ${String(err)}`);
      }
    });
  }

  // A HEAD's 400 has no body, so no MissingFields code: the REST credential check tells, as for a bodiless 403.
  it('dataPath "gateway": stat (a HeadObject)', async () => {
    const stat = calls(client({ accessKeyId: spaced(), dataPath: "gateway" })).find(([name]) => name === "stat")![1];
    const err = await lakeFSRejection(stat);
    assert.ok(err instanceof AuthenticationError, String(err));
  });

  it("lakefs-s3/s3 listObjects on lakefs.s3: AuthenticationError MissingFields with a hint about the key id", async () => {
    const bad = client({ accessKeyId: spaced() });
    const err = await lakeFSRejection(async () => {
      for await (const entry of listObjects(bad.s3, { repository: repo, ref: "main" })) void entry;
    });
    assert.ok(err instanceof AuthenticationError, String(err));
    assert.equal(err.code, "MissingFields");
    assert.equal(err.status, 400);
    assert.match(err.hint ?? "", /access key id for spaces/);
  });
});

describe("Repository.exists", () => {
  it("answers from the error class: false for a missing repository, true for one that exists, throws on bad credentials", async () => {
    assert.equal(await lakefs.repository(uniqueRepoName("missing")).exists(), false);
    assert.equal(await lakefs.repository(repo).exists(), true);
    const err = await lakeFSRejection(() => client({ accessKeyId: "AKIAUNKNOWNKEY000000" }).repository(repo).exists());
    assert.ok(err instanceof AuthenticationError, String(err));
  });
});
