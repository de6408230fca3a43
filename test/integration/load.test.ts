/**
 * Load: N objects (env LAKEFS_S3_LOAD_COUNT, default 1,000; the full run is
 * 10,000) written and read back through the high-level API
 * (`branch.object(p).upload(...)`, `.bytes()`) at concurrency 64 against the
 * real server, each verified by SHA-256: 0 lost, 0 corrupt. Meanwhile the
 * test samples the process's TCP connections to the server port (from
 * /proc/self/fd and /proc/net/tcp{,6}) and its memory (heapUsed, RSS): the
 * sockets stay within `maxSockets`, the memory flat.
 */
import { after, before, describe, it, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { LakeFS } from "../../src/index.js";
import { connectionsTo } from "../support/connections.js";
import { createRepositoryRaw, testClient, useLakeFS } from "../support/lakefs.js";

const COUNT = Number(process.env.LAKEFS_S3_LOAD_COUNT ?? 1_000);
const CONCURRENCY = 64;
/** Fewer sockets than concurrent calls, so that the bound is visible. */
const MAX_SOCKETS = 32;
const MiB = 1024 * 1024;

v8.setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const ctx = useLakeFS();

const sha256 = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");

interface Samples {
  maxSockets: number;
  socketSamples: number;
  peakHeapUsed: number;
  peakRss: number;
}

/**
 * Samples sockets every 100 ms and memory every 250 ms until stopped. The
 * connections open before the client's first request (the test harness's own
 * `fetch` keep-alive sockets) are not the client's and are left out.
 */
function sample(port: number, harness: ReadonlySet<string>): { stop(): Samples } {
  const s: Samples = { maxSockets: 0, socketSamples: 0, peakHeapUsed: 0, peakRss: 0 };
  const sockets = setInterval(() => {
    s.maxSockets = Math.max(s.maxSockets, connectionsTo(port, harness).size);
    s.socketSamples++;
  }, 100);
  const memory = setInterval(() => {
    const m = process.memoryUsage();
    s.peakHeapUsed = Math.max(s.peakHeapUsed, m.heapUsed);
    s.peakRss = Math.max(s.peakRss, m.rss);
  }, 250);
  return {
    stop() {
      clearInterval(sockets);
      clearInterval(memory);
      return s;
    },
  };
}

/** Runs `task(i)` for i in [0, count) with `concurrency` workers. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) await task(i);
    }),
  );
}

/** 256 B to 8 KiB, varying by index. */
const sizeOf = (i: number): number => 256 + ((i * 7919) % (8 * 1024 - 256));
const pathOf = (i: number): string => `load/${String(i % 100).padStart(2, "0")}/${i}.bin`;
const mb = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

describe(`load: ${COUNT} objects at concurrency ${CONCURRENCY}`, () => {
  let lakefs: LakeFS;
  let repo: string;
  const hashes: string[] = new Array<string>(COUNT);
  let harness: ReadonlySet<string>;
  before(async () => {
    repo = await createRepositoryRaw(ctx.server);
    harness = connectionsTo(ctx.server.port);
    lakefs = testClient(ctx.server, undefined, { maxSockets: MAX_SOCKETS });
  });
  after(() => lakefs?.destroy());

  function report(t: TestContext, phase: string, started: number, samples: Samples, baselineHeap: number, settledHeap: number): void {
    const seconds = (Date.now() - started) / 1000;
    const line =
      `${phase}: ${COUNT} objects in ${seconds.toFixed(1)} s (${(COUNT / seconds).toFixed(0)}/s); ` +
      `sockets to the server: max ${samples.maxSockets} of maxSockets ${MAX_SOCKETS} (${samples.socketSamples} samples); ` +
      `heapUsed baseline ${mb(baselineHeap)}, peak ${mb(samples.peakHeapUsed)}, after gc ${mb(settledHeap)}; peak RSS ${mb(samples.peakRss)}`;
    t.diagnostic(line);
    process.stdout.write(`# ${line}\n`);
  }

  function assertBounded(samples: Samples, baselineHeap: number, settledHeap: number): void {
    assert.ok(samples.socketSamples > 0, "sockets were sampled");
    assert.ok(samples.maxSockets <= MAX_SOCKETS, `at most maxSockets (${MAX_SOCKETS}) connections, saw ${samples.maxSockets}`);
    assert.ok(samples.maxSockets > 1, "calls ran in parallel over several sockets");
    // Generous, but a leak of the objects (COUNT × up to 8 KiB) or of per-call state would break them.
    assert.ok(samples.peakHeapUsed - baselineHeap < 256 * MiB, `peak heapUsed ${mb(samples.peakHeapUsed)} vs baseline ${mb(baselineHeap)}`);
    assert.ok(settledHeap - baselineHeap < 48 * MiB, `heapUsed after gc ${mb(settledHeap)} vs baseline ${mb(baselineHeap)}: flat`);
    assert.ok(samples.peakRss < 1024 * MiB, `peak RSS ${mb(samples.peakRss)}`);
  }

  it("writes every object with branch.object(p).upload(), within maxSockets and flat memory", async (t) => {
    const branch = lakefs.repository(repo).branch("main");
    gc();
    const baseline = process.memoryUsage().heapUsed;
    const sampler = sample(ctx.server.port, harness);
    const started = Date.now();
    await pool(COUNT, CONCURRENCY, async (i) => {
      const body = randomBytes(sizeOf(i));
      hashes[i] = sha256(body);
      await branch.object(pathOf(i)).upload(body);
    });
    const samples = sampler.stop();
    gc();
    const settled = process.memoryUsage().heapUsed;
    report(t, "write", started, samples, baseline, settled);
    assertBounded(samples, baseline, settled);
  });

  it("lists exactly the objects written: 0 lost", async () => {
    let listed = 0;
    for await (const entry of lakefs.repository(repo).branch("main").objects({ prefix: "load/" })) {
      if (entry.type === "object") listed++;
    }
    assert.equal(listed, COUNT);
  });

  it("reads every object back with .bytes() and verifies its SHA-256: 0 corrupt, within maxSockets and flat memory", async (t) => {
    const branch = lakefs.repository(repo).branch("main");
    gc();
    const baseline = process.memoryUsage().heapUsed;
    const sampler = sample(ctx.server.port, harness);
    const started = Date.now();
    const corrupt: number[] = [];
    const lost: number[] = [];
    await pool(COUNT, CONCURRENCY, async (i) => {
      let bytes: Uint8Array;
      try {
        bytes = await branch.object(pathOf(i)).bytes();
      } catch {
        lost.push(i);
        return;
      }
      if (bytes.byteLength !== sizeOf(i) || sha256(bytes) !== hashes[i]) corrupt.push(i);
    });
    const samples = sampler.stop();
    gc();
    const settled = process.memoryUsage().heapUsed;
    report(t, "read", started, samples, baseline, settled);
    assert.deepEqual(lost, [], "lost objects");
    assert.deepEqual(corrupt, [], "corrupt objects");
    assertBounded(samples, baseline, settled);
    t.diagnostic(`verified ${COUNT} objects: 0 lost, 0 corrupt`);
  });
});
