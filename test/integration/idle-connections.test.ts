/**
 * Kept-alive connections are given up before the server gives them up, on
 * both of the client's pools: the agents (REST and every other gateway call)
 * and the direct receiver (object reads). The server here is a real relay in
 * front of a real lakeFS: Node's HTTP server, which closes idle connections
 * after its `keepAliveTimeout` and announces it as `Keep-Alive: timeout=N`.
 *
 * A request written onto a connection the server is closing fails with
 * ECONNRESET after it was sent; for a call that is not idempotent that is
 * `OutcomeUnknownError`. It happened in CI: the relay closed the REST
 * connection while the test's event loop was busy, and the next
 * `createPresignMultipartUpload` went out on it.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Branch, LakeFS } from "../../src/index.js";
import { startRequestLog, type RequestLog } from "../support/request-log.js";
import { testClient, uniqueRepoName, useLakeFS } from "../support/lakefs.js";

const ctx = useLakeFS();

/** Blocks this thread (and its event loop: no timer or socket event runs meanwhile). */
function block(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe("idle kept-alive connections", () => {
  // The relay announces timeout=2: the client's limit is 1 s; the relay closes after 2 s (and Node's 1 s grace).
  let relay: RequestLog;
  let lakefs: LakeFS;
  let main: Branch;
  const body = randomBytes(64 * 1024);

  before(async () => {
    relay = await startRequestLog(ctx.server.endpoint, { keepAliveTimeout: 2_000 });
    lakefs = testClient(ctx.server, relay.endpoint, { dataPath: "gateway" });
    const repo = uniqueRepoName("idle");
    main = (await lakefs.repository(repo).create({ storageNamespace: ctx.namespace(repo) })).branch("main");
    await main.object("idle/body.bin").upload(body);
  });
  after(async () => {
    lakefs.destroy();
    await relay.close();
  });

  /** Calls through each pool: REST on the agents, a ranged read on the direct receiver. */
  const calls = {
    "REST (the agents)": () => main.head(),
    "an object read (the direct receiver)": () => main.object("idle/body.bin").bytes({ range: { start: 0, end: 1023 } }),
  };

  for (const [name, call] of Object.entries(calls)) {
    it(`${name}: reused within the announced limit, replaced after it`, async () => {
      await call();
      const opened = relay.connections;
      await call();
      assert.equal(relay.connections, opened, "the second call reused the connection");
      await sleep(1_300);
      await call();
      assert.equal(relay.connections, opened + 1, "after 1.3 s idle (limit 1 s) a new connection");
    });

    it(`${name}: a connection whose limit passed while the event loop was blocked is not reused`, async () => {
      await call();
      const opened = relay.connections;
      // Past the client's limit, not the relay's: only the client can tell, and its timer has not run.
      block(1_500);
      await call();
      assert.equal(relay.connections, opened + 1, "a new connection, though the idle one's timer was overdue");
    });
  }

  it("calls that are not idempotent, sent right after the server closed the idle connection, succeed on a new one", async () => {
    await main.head();
    await main.object("idle/warm.bin").upload(body);
    // Both timers fall due while the loop is blocked: the relay's close (3 s) and these calls' (3.05 s).
    const due = sleep(3_050);
    block(3_600);
    await due;
    const results = await Promise.allSettled([
      lakefs.repository(main.repository).branch("from-idle").create("main"),
      main.object("idle/after.bin").upload(body, { ifNoneMatch: "*" }),
    ]);
    assert.deepEqual(
      results.map((r) => (r.status === "rejected" ? `${(r.reason as Error).name}: ${(r.reason as Error).message}` : "ok")),
      ["ok", "ok"],
    );
    assert.equal((await main.object("idle/after.bin").bytes()).length, body.length);
  });
});

describe("a server that announces a keep-alive of 1 s", () => {
  it("gets a new connection for every request, on both pools", async () => {
    const relay = await startRequestLog(ctx.server.endpoint, { keepAliveTimeout: 1_000 });
    const lakefs = testClient(ctx.server, relay.endpoint, { dataPath: "gateway" });
    try {
      const repo = uniqueRepoName("idle1");
      const main = (await lakefs.repository(repo).create({ storageNamespace: ctx.namespace(repo) })).branch("main");
      await main.object("one.bin").upload(Buffer.from("one"));
      for (const call of [() => main.head(), () => main.object("one.bin").bytes({ range: { start: 0, end: 1 } })]) {
        await call();
        const opened = relay.connections;
        await call();
        await call();
        assert.equal(relay.connections, opened + 2, "no connection kept: less than the 1 s margin is left");
      }
    } finally {
      lakefs.destroy();
      await relay.close();
    }
  });
});
