/**
 * One retry policy for both paths, proven against the real server:
 *
 * - throttling (503 SlowDown, 429), 5xx answers and connection resets are
 *   retried with backoff and full jitter, for idempotent requests only: S3
 *   reads and writes, REST GETs; a commit, merge or revert is never sent
 *   twice (a reset before or after the server acted gives OutcomeUnknownError,
 *   a status answer the typed error);
 * - connectionTimeout, requestTimeout and socketTimeout give a TimeoutError
 *   within the configured bound on a stalled server, on both paths.
 *
 * The faults are real: a loopback relay in front of the real lakeFS answers
 * the first N matching requests itself (as a throttling load balancer would)
 * or resets their connection, and passes everything else on; Toxiproxy
 * stalls or cuts the real server's answers; a loopback listener whose accept
 * queue is full drops connection attempts (SYN) like an unreachable host.
 * The relay (test/support/fault-relay.ts, shared with the contract suite) is
 * the idea of admin-outcome.test.ts (which proves OutcomeUnknown for a commit
 * and a merge whose answer is lost); here it also throttles.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createInterface } from "node:readline";
import {
  LakeFS,
  LakeFSError,
  NetworkError,
  OutcomeUnknownError,
  ServerError,
  TimeoutError,
  type LakeFSClientConfig,
} from "../../src/index.js";
import { createRepositoryRaw, useLakeFS, testClient } from "../support/lakefs.js";
import { whenReady } from "../support/child-process.js";
import { useToxiproxy, type ToxiproxyProxy } from "../support/toxiproxy.js";
import { lakeFSRejection as rejection } from "../support/rejection.js";
import { REST_UNAVAILABLE, RESET, S3_INTERNAL, SLOW_DOWN, TOO_MANY, startFaultRelay, type FaultRelay, type SeenRequest } from "../support/fault-relay.js";

const ctx = useLakeFS();
const toxi = useToxiproxy();

// ─── helpers ─────────────────────────────────────────────────────────────────

function client(endpoint: string, options: LakeFSClientConfig = {}): LakeFS {
  return testClient(ctx.server, endpoint, options);
}

/** Milliseconds between consecutive requests matching `match`. */
function gaps(seen: readonly SeenRequest[], match: RegExp): number[] {
  const times = seen.filter((s) => match.test(s.line)).map((s) => s.at);
  return times.slice(1).map((t, i) => t - times[i]!);
}

let relay: FaultRelay;
let direct: LakeFS;
let repo: string;
before(async () => {
  const server = await whenReady(() => ctx.server, "the lakeFS server");
  relay = await startFaultRelay(server.endpoint);
  direct = client(server.endpoint);
  repo = await createRepositoryRaw(server);
  await direct.repository(repo).branch("main").object("seed.txt").upload("seed");
  await direct.repository(repo).branch("main").commit({ message: "seed" });
});
after(async () => {
  direct?.destroy();
  await relay?.close();
});

// ─── retries ─────────────────────────────────────────────────────────────────

describe("retries: throttling, 5xx and resets are retried for idempotent requests only", () => {
  const GET_SEED = /^GET \/[^/]+\/main\/seed\.txt/;
  const GET_REPO = /^GET \/api\/v1\/repositories\/[^/]+$/;

  /** The handles' object reads on each path: the gateway's GetObject, and one REST GET under "auto". */
  const READ_PATHS = [
    { name: "S3", dataPath: "gateway", get: (key: string) => new RegExp(`^GET /[^/]+/main/${key.replace(".", "\\.")}`), throttle: SLOW_DOWN, code: "SlowDown" },
    { name: "REST", dataPath: "auto", get: (key: string) => new RegExp(`^GET /api/v1/repositories/[^/]+/refs/main/objects\\?path=${key.replace(".", "\\.")}`), throttle: REST_UNAVAILABLE, code: "ServerError" },
  ] as const;

  for (const path of READ_PATHS) {
    it(`${path.name}: an object GET throttled twice with 503 succeeds on the third attempt, after a backoff`, async () => {
      relay.clear();
      relay.inject(path.get("seed.txt"), path.throttle, 2);
      const lakefs = client(relay.endpoint, { maxAttempts: 3, dataPath: path.dataPath });
      try {
        assert.equal(await lakefs.repository(repo).branch("main").object("seed.txt").text(), "seed");
      } finally {
        lakefs.destroy();
      }
      assert.equal(relay.count(path.get("seed.txt")), 3, "two throttled attempts and one that passed");
      assert.ok(gaps(relay.seen, path.get("seed.txt")).every((g) => g >= 0 && g < 5_000), "each retry waited a bounded backoff");
    });

    it(`${path.name}: throttling that outlasts maxAttempts ends in a retryable ServerError after exactly maxAttempts`, async () => {
      relay.clear();
      relay.inject(path.get("seed.txt"), path.throttle, 10);
      const lakefs = client(relay.endpoint, { maxAttempts: 2, dataPath: path.dataPath });
      try {
        const err = await rejection(() => lakefs.repository(repo).branch("main").object("seed.txt").bytes());
        assert.ok(err instanceof ServerError, `${err.name}: ${err.message}`);
        assert.equal(err.code, path.code);
        assert.equal(err.status, 503);
        assert.equal(err.retryable, true);
      } finally {
        lakefs.destroy();
      }
      assert.equal(relay.count(path.get("seed.txt")), 2);
    });

    it(`${path.name}: a connection reset before the answer is retried for an object GET`, async () => {
      relay.clear();
      relay.inject(path.get("seed.txt"), RESET, 2);
      const lakefs = client(relay.endpoint, { maxAttempts: 3, dataPath: path.dataPath });
      try {
        assert.equal(await lakefs.repository(repo).branch("main").object("seed.txt").text(), "seed");
      } finally {
        lakefs.destroy();
      }
      assert.equal(relay.count(path.get("seed.txt")), 3);
    });

    it(`${path.name}: a response body cut once mid-transfer is read again: bytes() returns the object byte-exact`, async () => {
      const body = randomBytes(3 * 1024 * 1024);
      await direct.repository(repo).branch("main").object("cut-once.bin").upload(body);
      relay.clear();
      relay.inject(path.get("cut-once.bin"), { kind: "cut", bytes: 1024 * 1024 }, 2);
      const lakefs = client(relay.endpoint, { maxAttempts: 3, dataPath: path.dataPath });
      try {
        assert.deepEqual(Buffer.from(await lakefs.repository(repo).branch("main").object("cut-once.bin").bytes()), body);
      } finally {
        lakefs.destroy();
      }
      assert.equal(relay.count(path.get("cut-once.bin")), 3, "two cut bodies, then a whole one");
    });
  }

  it("S3: 429 and 500 answers are retried too; a PUT retried after 503 writes the object once, byte-exact", async () => {
    relay.clear();
    relay.inject(GET_SEED, TOO_MANY, 1);
    relay.inject(/^HEAD \/[^/]+\/main\/seed\.txt/, S3_INTERNAL, 1);
    const PUT = /^PUT \/[^/]+\/main\/retried\.bin/;
    relay.inject(PUT, SLOW_DOWN, 1);
    const body = randomBytes(64 * 1024);
    const lakefs = client(relay.endpoint, { maxAttempts: 3, dataPath: "gateway" });
    try {
      const branch = lakefs.repository(repo).branch("main");
      assert.equal(await branch.object("seed.txt").text(), "seed");
      assert.equal((await branch.object("seed.txt").stat()).size, 4);
      await branch.object("retried.bin").upload(body);
    } finally {
      lakefs.destroy();
    }
    assert.equal(relay.count(GET_SEED), 2);
    assert.equal(relay.count(/^HEAD /), 2);
    assert.equal(relay.count(PUT), 2);
    assert.deepEqual(Buffer.from(await direct.repository(repo).branch("main").object("retried.bin").bytes()), body);
  });

  it("REST: a small upload answered 503 is sent again and writes the object once, byte-exact; with ifNoneMatch it is not resent", async () => {
    const POST = /^POST \/api\/v1\/repositories\/[^/]+\/branches\/main\/objects\?path=rest-retried\.bin/;
    relay.clear();
    relay.inject(POST, REST_UNAVAILABLE, 1);
    const body = randomBytes(4 * 1024);
    const lakefs = client(relay.endpoint, { maxAttempts: 3 });
    try {
      const object = lakefs.repository(repo).branch("main").object("rest-retried.bin");
      await object.upload(body);
      assert.equal(relay.count(POST), 2);
      relay.clear();
      relay.inject(POST, REST_UNAVAILABLE, 1);
      const err = await rejection(() => object.upload(body, { ifNoneMatch: "*" }));
      assert.ok(err instanceof ServerError, `${err.name}: ${err.message}`);
      assert.equal(relay.count(POST), 1, "a conditional upload is not idempotent: one request");
    } finally {
      lakefs.destroy();
    }
    assert.deepEqual(Buffer.from(await direct.repository(repo).branch("main").object("rest-retried.bin").bytes()), body);
  });

  it("REST: GETs answered 503, 429 or reset are retried and succeed", async () => {
    for (const fault of [REST_UNAVAILABLE, TOO_MANY, RESET]) {
      relay.clear();
      relay.inject(GET_REPO, fault, 2);
      const lakefs = client(relay.endpoint, { maxAttempts: 3 });
      try {
        assert.equal((await lakefs.admin.getRepositoryProperties({ repository: repo })).id, repo);
      } finally {
        lakefs.destroy();
      }
      assert.equal(relay.count(GET_REPO), 3, `fault ${fault.kind === "answer" ? fault.status : "reset"}`);
    }
  });

  it("REST: retries stop at maxAttempts with the typed error (ServerError 503, NetworkError ConnectionReset)", async () => {
    for (const [fault, type, code] of [
      [REST_UNAVAILABLE, ServerError, "ServerError"],
      [RESET, NetworkError, "ConnectionReset"],
    ] as const) {
      relay.clear();
      relay.inject(GET_REPO, fault, 10);
      const lakefs = client(relay.endpoint, { maxAttempts: 3 });
      try {
        const err = await rejection(() => lakefs.admin.getRepositoryProperties({ repository: repo }));
        assert.ok(err instanceof type, `${err.name}: ${err.message}`);
        assert.equal(err.code, code);
        assert.equal(err.retryable, true);
      } finally {
        lakefs.destroy();
      }
      assert.equal(relay.count(GET_REPO), 3);
    }
  });

  it("backoff has full jitter: the waits before a retry differ from call to call and stay under the cap", async () => {
    const waits: number[] = [];
    const lakefs = client(relay.endpoint, { maxAttempts: 2 });
    try {
      for (let i = 0; i < 8; i++) {
        relay.clear();
        relay.inject(GET_REPO, REST_UNAVAILABLE, 1);
        await lakefs.admin.getRepositoryProperties({ repository: repo });
        waits.push(...gaps(relay.seen, GET_REPO));
      }
    } finally {
      lakefs.destroy();
    }
    assert.equal(waits.length, 8);
    // The first retry waits a random time in [0, 100 ms) (plus the relay's own latency).
    assert.ok(waits.every((w) => w >= 0 && w < 1_000), `waits ${waits.join(", ")}`);
    assert.ok(Math.max(...waits) - Math.min(...waits) >= 5, `waits vary: ${waits.join(", ")}`);
  });

  it("REST: Retry-After on 429 and 503 is honoured within the budget: the retry waits what the server asked (seconds or an HTTP date)", async () => {
    const lakefs = client(relay.endpoint, { maxAttempts: 3 });
    try {
      for (const [fault, header] of [
        [TOO_MANY, () => "1"],
        [REST_UNAVAILABLE, () => "1"],
        [REST_UNAVAILABLE, () => new Date(Date.now() + 2_500).toUTCString()],
      ] as const) {
        const retryAfter = header();
        relay.clear();
        relay.inject(GET_REPO, { ...fault, headers: [`Retry-After: ${retryAfter}`] }, 1);
        assert.equal((await lakefs.admin.getRepositoryProperties({ repository: repo })).id, repo);
        assert.equal(relay.count(GET_REPO), 2, "one answer with Retry-After, then the retry");
        // A lower bound only (the jittered backoff alone stays under 100 ms), with 50 ms for timer rounding.
        const [wait] = gaps(relay.seen, GET_REPO);
        const asked = /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : Date.parse(retryAfter) - relay.seen[0]!.at;
        assert.ok(asked >= 1_000, `the test asked for a wait (${asked} ms)`);
        assert.ok(wait! >= asked - 50, `waited ${wait} ms, Retry-After ${retryAfter}`);
      }
    } finally {
      lakefs.destroy();
    }
  });

  it("REST: a Retry-After longer than the budget (20 s) ends the retries at once with the typed error", async () => {
    relay.clear();
    relay.inject(GET_REPO, { ...REST_UNAVAILABLE, headers: ["Retry-After: 3600"] }, 3);
    const lakefs = client(relay.endpoint, { maxAttempts: 3 });
    try {
      const err = await rejection(lakefs.admin.getRepositoryProperties({ repository: repo }));
      assert.ok(err instanceof ServerError && err.status === 503, String(err));
      assert.match(err.message, /unavailable\. lakeFS asked to retry after 3600 s \(Retry-After\)/);
    } finally {
      lakefs.destroy();
    }
    assert.equal(relay.count(GET_REPO), 1, "not retried against the server's wish");
  });

  it("REST: a commit answered 503 or 429 is not sent again: the typed error, one request, no commit", async () => {
    const COMMIT = /^POST \/api\/v1\/repositories\/[^/]+\/branches\/main\/commits/;
    for (const fault of [REST_UNAVAILABLE, TOO_MANY]) {
      const head = (await direct.admin.getBranch({ repository: repo, branch: "main" })).commitId;
      relay.clear();
      relay.inject(COMMIT, fault, 5);
      const lakefs = client(relay.endpoint, { maxAttempts: 3 });
      try {
        const err = await rejection(() => lakefs.admin.commit({ repository: repo, branch: "main", message: "never twice", allowEmpty: true }));
        assert.ok(err instanceof ServerError, `${err.name}: ${err.message}`);
        assert.equal(err.status, fault.kind === "answer" ? fault.status : 0);
      } finally {
        lakefs.destroy();
      }
      assert.equal(relay.count(COMMIT), 1, "sent exactly once");
      assert.equal((await direct.admin.getBranch({ repository: repo, branch: "main" })).commitId, head, "no commit was made");
    }
  });

  it("REST: a commit, merge or revert whose connection resets is sent once and ends in OutcomeUnknownError", async () => {
    await direct.admin.createBranch({ repository: repo, branch: "feature", source: "main", existOk: true });
    await direct.repository(repo).branch("feature").object("f.txt").upload("f");
    await direct.admin.commit({ repository: repo, branch: "feature", message: "feature work" });
    const cases = [
      { match: /^POST \/api\/v1\/repositories\/[^/]+\/branches\/main\/commits/, call: (l: LakeFS) => l.admin.commit({ repository: repo, branch: "main", message: "x", allowEmpty: true }) },
      { match: /^POST \/api\/v1\/repositories\/[^/]+\/refs\/feature\/merge\/main/, call: (l: LakeFS) => l.admin.merge({ repository: repo, source: "feature", destination: "main" }) },
      { match: /^POST \/api\/v1\/repositories\/[^/]+\/branches\/main\/revert/, call: (l: LakeFS) => l.admin.revert({ repository: repo, branch: "main", ref: "main" }) },
    ];
    for (const { match, call } of cases) {
      const head = (await direct.admin.getBranch({ repository: repo, branch: "main" })).commitId;
      relay.clear();
      relay.inject(match, RESET, 5);
      const lakefs = client(relay.endpoint, { maxAttempts: 3 });
      try {
        const err = await rejection(() => call(lakefs));
        assert.ok(err instanceof OutcomeUnknownError, `${err.name}: ${err.message}`);
        assert.equal(err.retryable, false);
      } finally {
        lakefs.destroy();
      }
      assert.equal(relay.count(match), 1, `${match}: sent exactly once`);
      assert.equal((await direct.admin.getBranch({ repository: repo, branch: "main" })).commitId, head, "the relay kept it from the server");
    }
  });
});

// ─── answers lost after the server acted (Toxiproxy) ─────────────────────────

describe("retries: an answer cut by the network after the server acted (Toxiproxy limit_data)", () => {
  let proxy: ToxiproxyProxy;
  before(async () => {
    const toxiproxy = await whenReady(() => toxi.toxiproxy, "Toxiproxy");
    proxy = await toxiproxy.createProxy(`retries-cut-${randomBytes(3).toString("hex")}`, `127.0.0.1:${ctx.server.port}`);
  });
  after(async () => {
    await proxy?.delete();
  });

  it("commit, merge and revert: OutcomeUnknownError, and the server made exactly one commit for each", async () => {
    await direct.admin.createBranch({ repository: repo, branch: "cut", source: "main", existOk: true });
    await direct.repository(repo).branch("cut").object(`cut-${randomBytes(3).toString("hex")}.txt`).upload("c");
    await direct.admin.commit({ repository: repo, branch: "cut", message: "on cut" });
    const base = (await direct.admin.getBranch({ repository: repo, branch: "main" })).commitId;
    const calls: [string, (l: LakeFS) => Promise<unknown>][] = [
      ["commit", (l) => l.admin.commit({ repository: repo, branch: "main", message: "cut commit", allowEmpty: true })],
      ["merge", (l) => l.admin.merge({ repository: repo, source: "cut", destination: "main", message: "cut merge" })],
      // main's head is now the merge commit: revert it relative to its first parent.
      ["revert", (l) => l.admin.revert({ repository: repo, branch: "main", ref: "main", message: "cut revert", parentNumber: 1 })],
    ];
    for (const [name, call] of calls) {
      const before = (await direct.admin.getBranch({ repository: repo, branch: "main" })).commitId;
      const lakefs = client(proxy.url, { maxAttempts: 3 });
      // Warm a connection first, so that the cut hits the call itself.
      await lakefs.admin.getRepositoryProperties({ repository: repo });
      // The server's answer is cut after 10 bytes: it has acted, the client cannot know.
      const toxic = await proxy.addToxic({ type: "limit_data", stream: "downstream", attributes: { bytes: 10 } });
      try {
        const err = await rejection(() => call(lakefs));
        assert.ok(err instanceof OutcomeUnknownError, `${name}: ${err.name}: ${err.message}`);
      } finally {
        await proxy.removeToxic(toxic);
        lakefs.destroy();
      }
      const head = await direct.admin.getCommit({ repository: repo, ref: (await direct.admin.getBranch({ repository: repo, branch: "main" })).commitId });
      assert.notEqual(head.id, before, `${name}: the server acted`);
      assert.equal(head.parents[0], before, `${name}: exactly one new commit on main`);
    }
    assert.notEqual((await direct.admin.getBranch({ repository: repo, branch: "main" })).commitId, base);
  });
});

// ─── timeouts on a stalled server ────────────────────────────────────────────

/**
 * A loopback port whose accept queue is full (python3, listen(0), never
 * accepts, queue filled at start): the kernel drops further SYNs, so a
 * connection attempt hangs as towards an unreachable host.
 */
async function startSynDropper(): Promise<{ port: number; process: ChildProcess }> {
  const script = [
    "import socket, time",
    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)",
    "port = s.getsockname()[1]",
    "fill = []",
    "for _ in range(3):",
    "    c = socket.socket(); c.setblocking(False)",
    "    try: c.connect(('127.0.0.1', port))",
    "    except BlockingIOError: pass",
    "    fill.append(c)",
    "time.sleep(0.2)",
    "print(port, flush=True)",
    "time.sleep(3600)",
  ].join("\n");
  const child = spawn(process.env.LAKEFS_S3_PYTHON ?? "python3", ["-c", script], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  return { port: Number(line), process: child };
}

describe("timeouts: a stalled server fails within the configured bound on both paths", () => {
  let proxy: ToxiproxyProxy;
  let dropper: Awaited<ReturnType<typeof startSynDropper>>;
  before(async () => {
    const toxiproxy = await whenReady(() => toxi.toxiproxy, "Toxiproxy");
    proxy = await toxiproxy.createProxy(`retries-stall-${randomBytes(3).toString("hex")}`, `127.0.0.1:${ctx.server.port}`);
    dropper = await startSynDropper();
  });
  after(async () => {
    await proxy?.delete();
    dropper?.process.kill("SIGKILL");
  });

  /** Runs the S3 call and the REST call on a client; returns each error and how long it took. */
  async function bothPaths(lakefs: LakeFS): Promise<{ path: string; err: LakeFSError; ms: number }[]> {
    const out = [];
    for (const [path, call] of [
      ["S3", () => lakefs.repository(repo).branch("main").object("seed.txt").stat({ dataPath: "gateway" })],
      ["REST", () => lakefs.admin.getRepositoryProperties({ repository: repo })],
    ] as const) {
      const started = Date.now();
      const err = await rejection(call);
      out.push({ path, err, ms: Date.now() - started });
    }
    return out;
  }

  for (const setting of ["socketTimeout", "requestTimeout"] as const) {
    it(`${setting}: the server stops answering (Toxiproxy timeout) → TimeoutError after maxAttempts × ${setting}`, async () => {
      const timeout = 400;
      const maxAttempts = 2;
      const options: LakeFSClientConfig =
        setting === "socketTimeout" ? { socketTimeout: timeout, maxAttempts } : { socketTimeout: 0, requestTimeout: timeout, maxAttempts };
      const toxic = await proxy.addToxic({ type: "timeout", stream: "downstream", attributes: { timeout: 0 } });
      const lakefs = client(proxy.url, options);
      try {
        for (const { path, err, ms } of await bothPaths(lakefs)) {
          assert.ok(err instanceof TimeoutError, `${path}: ${err.name}: ${err.message}`);
          assert.match(err.message, new RegExp(`Raise the ${setting} option`), path);
          assert.match(err.message, new RegExp(proxy.url.replace(/[.]/g, "\\.")), `${path}: the message names the endpoint`);
          assert.ok(ms >= timeout, `${path}: waited at least ${timeout} ms (${ms})`);
          // maxAttempts waits plus at most one backoff (S3 caps a transient backoff at 2^n × 100 ms).
          assert.ok(ms < maxAttempts * timeout + 1_500, `${path}: no hang (${ms} ms)`);
        }
      } finally {
        lakefs.destroy();
        await proxy.removeToxic(toxic);
      }
    });
  }

  it("connectionTimeout: connection attempts that are never accepted → TimeoutError after maxAttempts × connectionTimeout", async () => {
    const timeout = 300;
    const maxAttempts = 2;
    const lakefs = client(`http://127.0.0.1:${dropper.port}`, { connectionTimeout: timeout, maxAttempts });
    try {
      for (const { path, err, ms } of await bothPaths(lakefs)) {
        assert.ok(err instanceof TimeoutError, `${path}: ${err.name}: ${err.message}`);
        assert.match(err.message, /Raise the connectionTimeout option/, path);
        assert.ok(ms >= timeout, `${path}: ${ms} ms`);
        assert.ok(ms < maxAttempts * timeout + 1_500, `${path}: no hang (${ms} ms)`);
      }
    } finally {
      lakefs.destroy();
    }
  });

  it("a commit on a stalled server ends in OutcomeUnknownError after one socketTimeout, never a second send", async () => {
    const toxic = await proxy.addToxic({ type: "timeout", stream: "downstream", attributes: { timeout: 0 } });
    const lakefs = client(proxy.url, { socketTimeout: 400, maxAttempts: 3 });
    const started = Date.now();
    try {
      const err = await rejection(() => lakefs.admin.commit({ repository: repo, branch: "main", message: "stalled", allowEmpty: true }));
      assert.ok(err instanceof OutcomeUnknownError, `${err.name}: ${err.message}`);
      assert.ok(err.cause instanceof TimeoutError);
      assert.ok(Date.now() - started < 1_500, "one attempt only");
    } finally {
      lakefs.destroy();
      await proxy.removeToxic(toxic);
    }
  });

  it("a body that stalls mid-transfer fails with TimeoutError within socketTimeout of the stall; a body cut mid-transfer is read again", async () => {
    const body = randomBytes(2 * 1024 * 1024);
    await direct.repository(repo).branch("main").object("big.bin").upload(body);
    const lakefs = client(proxy.url, { socketTimeout: 500, maxAttempts: 3 });
    const object = lakefs.repository(repo).branch("main").object("big.bin");
    try {
      // 1 MB/s, and after 600 ms the server stops sending.
      const slow = await proxy.addToxic({ type: "bandwidth", stream: "downstream", attributes: { rate: 1024 } });
      const timer = setTimeout(() => void proxy.addToxic({ type: "timeout", name: "stall", stream: "downstream", attributes: { timeout: 0 } }), 600);
      const started = Date.now();
      const err = await rejection(() => object.bytes());
      clearTimeout(timer);
      assert.ok(err instanceof TimeoutError, `${err.name}: ${err.message}`);
      assert.match(err.message, /response body stalled after \d+ bytes/);
      assert.ok(Date.now() - started < 600 + 500 + 1_000, `failed soon after the stall (${Date.now() - started} ms)`);
      await proxy.removeToxic("stall").catch(() => undefined);
      await proxy.removeToxic(slow);

      // Each connection is cut after 1 MiB of the answer: the first read breaks off and is read again.
      const cut = await proxy.addToxic({ type: "limit_data", stream: "downstream", attributes: { bytes: 1024 * 1024 } });
      const err2 = await rejection(() => object.bytes());
      assert.ok(err2 instanceof NetworkError && err2.code === "BodyReadError", `${err2.name}/${err2.code}: ${err2.message}`);
      await proxy.removeToxic(cut);
    } finally {
      lakefs.destroy();
      await proxy.clearToxics();
    }
  });
});
