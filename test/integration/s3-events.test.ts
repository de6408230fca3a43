/**
 * lakeFS hooks → S3 event records, against a real lakeFS: actions installed
 * on branches call a local stand-in for a Lambda function URL that serves
 * lakeFSWebhookHandler; the tests commit, merge and delete and check the
 * records the wrapped S3 handler received, once each.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { S3Event, S3EventRecord } from "aws-lambda";
import { HookFailedError, LakeFS, type Branch, type Repository } from "../../src/index.js";
import { installWebhookAction, lakeFSWebhookHandler, parseHookEvent, removeWebhookAction, s3EventsFromHook } from "../../src/lambda.js";
import { serveFunctionUrl, type Delivery, type FunctionUrlServer } from "../support/function-url-server.js";
import { uniqueNamespace, uniqueRepoName, useLakeFS } from "../support/lakefs.js";
import { rejection } from "../support/rejection.js";

const SECRET = "s3-events-test-secret-0123456789";
// The action file names the variable; lakeFS reads the value from its own environment.
const ctx = useLakeFS({ env: { LAKEFSACTION_S3_EVENTS_SECRET: SECRET } });

/** What the test handler keeps of each record. */
interface Seen {
  readonly key: string;
  readonly eventName: string;
  readonly size: number;
}

describe("S3 event records from lakeFS hooks", () => {
  let lakefs: LakeFS;
  let repo: Repository;
  let ingest: Branch;
  let fn: FunctionUrlServer;
  let refuser: FunctionUrlServer;
  /** Every S3 event the wrapped handler received, in order. */
  const received: S3Event[] = [];

  const recordsOf = (events: S3Event[]): S3EventRecord[] => events.flatMap((e) => e.Records);
  const seen = (records: S3EventRecord[]): Seen[] =>
    records.map((r) => ({ key: r.s3.object.key, eventName: r.eventName, size: r.s3.object.size })).sort((a, b) => a.key.localeCompare(b.key));
  /** The answered delivery of `eventType` for `commitId`. */
  const delivered = (server: FunctionUrlServer, eventType: string, commitId: string): Promise<Delivery> =>
    server.waitFor((d) => {
      const hook = JSON.parse(d.body) as { event_type?: string; commit_id?: string };
      return hook.event_type === eventType && hook.commit_id === commitId;
    });
  /** Runs `work`, waits for the delivery of its commit, returns the S3 events the handler got meanwhile. */
  async function eventsFor(eventType: string, work: () => Promise<string>): Promise<{ events: S3Event[]; delivery: Delivery; commitId: string }> {
    const from = received.length;
    const commitId = await work();
    const delivery = await delivered(fn, eventType, commitId);
    return { events: received.slice(from), delivery, commitId };
  }

  before(async () => {
    const { endpoint, accessKeyId, secretAccessKey } = ctx.server;
    lakefs = new LakeFS({ endpoint, accessKeyId, secretAccessKey, lakectlConfigFile: false });
    const name = uniqueRepoName("events");
    repo = await lakefs.repository(name).create({ storageNamespace: uniqueNamespace(name) });
    ingest = await repo.branch("ingest").create("main");
    const wrapped = lakeFSWebhookHandler(async (event: S3Event) => void received.push(event), { lakefs, secret: SECRET, pageSize: 10 });
    fn = await serveFunctionUrl(wrapped);
    // Refuses every event except the commit that installs an action (lakeFS runs a pre-commit action on its own install commit).
    refuser = await serveFunctionUrl(async ({ body }) =>
      /^Install lakeFS action/.test(parseHookEvent(body).commitMessage ?? "") ? { statusCode: 200 } : { statusCode: 403, body: "no thanks: region column missing" },
    );
    for (const branch of ["main", "ingest"]) {
      await installWebhookAction(repo.branch(branch), {
        name: "s3-events",
        url: `${fn.url}/lakefs`,
        events: ["post-commit", "post-merge"],
        branches: ["main", "ingest"],
        secret: { fromEnv: "LAKEFSACTION_S3_EVENTS_SECRET" },
        timeoutMs: 30_000,
      });
    }
  });

  after(async () => {
    await fn?.close();
    await refuser?.close();
    lakefs?.destroy();
  });

  it("a commit becomes one ObjectCreated:Put record per new object: bucket = repository, key = <branch>/<path> URL-encoded, size, ETag, sequencer, commit time", async () => {
    const { events, delivery, commitId } = await eventsFor("post-commit", async () => {
      await ingest.object("sales/2026 q1.csv").upload("region,amount\nnorth,10\n");
      await ingest.object("sales/plus+sign.csv").upload("a\n");
      return (await ingest.commit({ message: "two files" })).id;
    });
    assert.equal(delivery.status, 200);
    assert.deepEqual(seen(recordsOf(events)), [
      { key: "ingest/sales/2026+q1.csv", eventName: "ObjectCreated:Put", size: 23 },
      { key: "ingest/sales/plus%2Bsign.csv", eventName: "ObjectCreated:Put", size: 2 },
    ]);
    const commit = await repo.commit(commitId).getCommit();
    const record = recordsOf(events).find((r) => r.s3.object.key === "ingest/sales/2026+q1.csv")!;
    assert.equal(record.s3.bucket.name, repo.id);
    assert.equal(record.eventSource, "aws:s3");
    assert.equal(record.eventTime, commit.creationDate.toISOString());
    assert.equal(record.s3.object.eTag, (await ingest.object("sales/2026 q1.csv").stat()).etag?.replace(/"/g, ""));
    assert.match(record.s3.object.sequencer, /^[0-9A-F]{16}$/);
    assert.equal(record.userIdentity.principalId, commit.committer);
  });

  it("changes and deletions: ObjectCreated:Put for the changed object, ObjectRemoved:Delete for the removed one; sequencers grow", async () => {
    const before = recordsOf(received).find((r) => r.s3.object.key === "ingest/sales/plus%2Bsign.csv")!;
    const { events } = await eventsFor("post-commit", async () => {
      await ingest.object("sales/plus+sign.csv").upload("a\n1\n");
      await ingest.object("sales/2026 q1.csv").delete();
      return (await ingest.commit({ message: "change one, delete one" })).id;
    });
    assert.deepEqual(seen(recordsOf(events)), [
      { key: "ingest/sales/2026+q1.csv", eventName: "ObjectRemoved:Delete", size: 0 },
      { key: "ingest/sales/plus%2Bsign.csv", eventName: "ObjectCreated:Put", size: 4 },
    ]);
    const changed = recordsOf(events).find((r) => r.s3.object.key === "ingest/sales/plus%2Bsign.csv")!;
    assert.ok(changed.s3.object.sequencer > before.s3.object.sequencer);
  });

  it("any number of changes, page by page: 23 objects arrive as S3 events of 10, 10 and 3 records, each key once", async () => {
    const paths = Array.from({ length: 23 }, (_, i) => `bulk/part-${String(i).padStart(3, "0")}.txt`);
    const { events } = await eventsFor("post-commit", async () => {
      for (const path of paths) await ingest.object(path).upload(path);
      return (await ingest.commit({ message: "bulk" })).id;
    });
    assert.deepEqual(events.map((e) => e.Records.length), [10, 10, 3]);
    assert.deepEqual(seen(recordsOf(events)).map((s) => s.key), paths.map((p) => `ingest/${p}`));
    const { events: removals } = await eventsFor("post-commit", async () => {
      await ingest.deleteObjects(paths);
      return (await ingest.commit({ message: "bulk delete" })).id;
    });
    assert.equal(recordsOf(removals).length, 23);
    assert.ok(recordsOf(removals).every((r) => r.eventName === "ObjectRemoved:Delete"));
  });

  it("a merge lists what it changed on the destination, with keys on the destination branch", async () => {
    // main has only the action file; ingest now has sales/plus+sign.csv (bulk/ was added and removed).
    const { events, delivery, commitId } = await eventsFor("post-merge", async () => (await ingest.mergeInto("main")).reference);
    assert.equal(delivery.status, 200);
    // What lakeFS 1.84 sends on post-merge: source_ref is the merge commit (not the source's head), merge_source the name given.
    const hook = parseHookEvent(delivery.body);
    assert.deepEqual(
      { branchId: hook.branchId, commitId: hook.commitId, sourceRef: hook.sourceRef, mergeSource: hook.mergeSource, metadata: hook.commitMetadata },
      { branchId: "main", commitId, sourceRef: commitId, mergeSource: "ingest", metadata: { ".lakefs.merge.strategy": "default" } },
    );
    assert.deepEqual(seen(recordsOf(events)), [{ key: "main/sales/plus%2Bsign.csv", eventName: "ObjectCreated:Put", size: 4 }]);
  });

  it("branch-scoped records: keys without <branch>/, in the bucket the code behind s3ForBranch uses", async () => {
    const merge = fn.deliveries.find((d) => parseHookEvent(d.body).eventType === "post-merge")!;
    const events = [];
    for await (const event of s3EventsFromHook(lakefs, parseHookEvent(merge.body), { branchScoped: { bucket: "legacy-bucket" } })) events.push(event);
    assert.deepEqual(
      recordsOf(events).map((r) => [r.s3.bucket.name, r.s3.object.key]),
      [["legacy-bucket", "sales/plus%2Bsign.csv"]],
    );
  });

  it("the same delivery twice runs the handler once: the replay answers 200 duplicate", async () => {
    const last = fn.deliveries.at(-1)!;
    const count = received.length;
    const res = await fetch(`${fn.url}/lakefs`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-lakefs-webhook-secret": SECRET },
      body: last.body,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { records: 0, events: 0, duplicate: true });
    assert.equal(received.length, count);
  });

  it("a wrong or missing secret is refused with 401 and the handler never runs", async () => {
    const other = await repo.branch("other").create("main");
    await installWebhookAction(other, { name: "wrong-secret", url: `${fn.url}/wrong`, events: ["post-commit"], branches: ["other"], secret: { value: "not-the-secret" } });
    const count = received.length;
    await other.object("x.txt").upload("x");
    const commitId = (await other.commit({ message: "x" })).id;
    const wrong = await fn.waitFor((d) => d.path === "/wrong" && d.body.includes(commitId));
    assert.equal(wrong.status, 401);
    assert.ok(!wrong.answer.includes("not-the-secret"));
    const missing = await fetch(`${fn.url}/lakefs`, { method: "POST", body: wrong.body });
    assert.equal(missing.status, 401);
    // The action installed on main and ingest does not cover "other": only the wrong-secret hook ran.
    assert.equal(received.length, count);
  });

  it("a failing pre-commit hook blocks the commit: HookFailedError names the hook and its answer", async () => {
    const guarded = await repo.branch("guarded").create("main");
    await installWebhookAction(guarded, { name: "gate", hookId: "check-csv", url: `${refuser.url}/gate`, events: ["pre-commit"], branches: ["guarded"] });
    const install = await refuser.waitFor((d) => d.path === "/gate");
    assert.equal(parseHookEvent(install.body).eventType, "pre-commit", "the install commit itself ran the new pre-commit hook");
    const head = (await guarded.getCommit()).id;
    await guarded.object("bad.csv").upload("amount\n1\n");
    const err = await rejection(guarded.commit({ message: "should be refused" }));
    assert.ok(err instanceof HookFailedError, String(err));
    assert.equal(err.status, 412);
    assert.equal(err.eventType, "pre-commit");
    assert.equal(err.actionName, "gate");
    assert.equal(err.hookId, "check-csv");
    assert.match(err.answer, /status code: 403/);
    assert.match(err.message, /hook 'check-csv' of action 'gate'/);
    assert.ok(err.runId);
    assert.equal((await guarded.getCommit()).id, head);
  });

  it("a failing post-commit hook does not block the commit (lakeFS's own semantics)", async () => {
    const loose = await repo.branch("loose").create("main");
    await installWebhookAction(loose, { name: "after", url: `${refuser.url}/after`, events: ["post-commit"], branches: ["loose"] });
    await loose.object("y.txt").upload("y");
    const commit = await loose.commit({ message: "goes through" });
    assert.equal((await loose.getCommit()).id, commit.id);
    const call = await refuser.waitFor((d) => d.path === "/after" && d.body.includes(commit.id));
    assert.equal(call.status, 403);
  });

  it("removeWebhookAction deletes the action file and commits that", async () => {
    const loose = repo.branch("loose");
    await removeWebhookAction(loose, { name: "after" });
    assert.equal(await loose.object("_lakefs_actions/after.yaml").exists(), false);
  });

  it("the example (examples/lambda/webhook-handler.ts) runs the unchanged S3 handler on a commit: the summary lands on OUTPUT_BRANCH; a deletion calls nothing", async () => {
    const { endpoint, accessKeyId, secretAccessKey } = ctx.server;
    const env = {
      LAKECTL_SERVER_ENDPOINT_URL: endpoint,
      LAKECTL_CREDENTIALS_ACCESS_KEY_ID: accessKeyId,
      LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: secretAccessKey,
      LAKEFS_WEBHOOK_SECRET: SECRET,
      OUTPUT_BRANCH: "reports",
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    const example = await serveFunctionUrl((await import("../../examples/lambda/webhook-handler.js")).handler);
    try {
      const incoming = await repo.branch("incoming").create("main");
      await installWebhookAction(incoming, { name: "summaries", url: example.url, events: ["post-commit"], branches: ["incoming"], secret: { fromEnv: "LAKEFSACTION_S3_EVENTS_SECRET" } });
      await incoming.object("sales/q1.csv").upload("region,amount\nnorth,10\nsouth,20\n");
      const added = (await incoming.commit({ message: "q1 sales" })).id;
      const run = await example.waitFor((d) => d.body.includes(added));
      assert.deepEqual([run.status, JSON.parse(run.answer)], [200, { records: 1, events: 1 }]);
      const summary = JSON.parse(await repo.branch("reports").object("summaries/sales/q1.csv.json").text());
      assert.equal(summary.rows, 2);
      assert.equal(summary.source, `lakefs://${repo.id}/incoming/sales/q1.csv`);

      await incoming.object("sales/q1.csv").delete();
      const removed = (await incoming.commit({ message: "drop q1" })).id;
      const skipped = await example.waitFor((d) => d.body.includes(removed));
      assert.deepEqual([skipped.status, JSON.parse(skipped.answer)], [200, { records: 0, events: 0 }]);
    } finally {
      await example.close();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
