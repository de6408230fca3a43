/**
 * One receiver of `npm run bench:receive`, in its own process:
 *
 *   node --import tsx bench/receivers/receiver.ts '<task JSON>'
 *
 * Receives one object (`task.url`, a presigned gateway URL; the library's
 * receivers use the object's handle) to `task.dest` or, without it, to
 * nowhere, and prints `{ seconds, cpuSeconds, userSeconds, systemSeconds,
 * minorFaults, maxRssKiB, loopDelayP50Ms, loopDelayP99Ms }` for the transfer
 * alone (start-up and a warm-up read of the first MiB excluded, so that
 * loading code is not counted). CPU counts every thread of the process; the
 * loop delay is the main thread's, what a caller's own work would wait.
 *
 * `net-onread-workers` runs the floor receiver in worker threads, one range
 * of the object each (`task.concurrency` of them), to see what receiving off
 * the main thread costs and gives; `lakefs-s3-direct-workers` runs the
 * library's own receiver there (bench/receivers/direct-worker.ts).
 */
import { closeSync, createWriteStream, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { get } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { Writable, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { LakeFS } from "../../src/index.js";
import { netOnread } from "./floor.js";
import type { ReceiveTask, Receiver } from "./task.js";

const MiB = 1024 * 1024;
/** The period of the event-loop delay timer. */
const LOOP_RESOLUTION_MS = 10;

/** Counts bytes and drops them. */
function nowhere(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

const sinkFor = (task: ReceiveTask): Writable => (task.dest ? createWriteStream(task.dest) : nowhere());

/** Starts `module`'s workers (`task.concurrency`, a share of the object each) and waits until each is loaded. */
async function startWorkers(task: ReceiveTask, module: string): Promise<Worker[]> {
  const n = Math.max(1, task.concurrency);
  const share = Math.ceil(task.size / n);
  const ranges = Array.from({ length: n }, (_, i) => ({ start: i * share, end: Math.min(task.size, (i + 1) * share) - 1 })).filter((r) => r.end >= r.start);
  return Promise.all(
    ranges.map((range) => {
      const worker = new Worker(new URL(module, import.meta.url), { workerData: { task, range } });
      return new Promise<Worker>((resolve, reject) => {
        worker.once("message", () => resolve(worker));
        worker.once("error", reject);
      });
    }),
  );
}

/** The loaded workers receive their ranges into one file. */
async function runWorkers(task: ReceiveTask, workers: Worker[]): Promise<void> {
  if (task.dest) closeSync(openSync(task.dest, "w"));
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once("message", () => resolve());
          worker.once("error", reject);
          worker.postMessage("go");
        }),
    ),
  );
  await Promise.all(workers.map((w) => w.terminate()));
}

/** Node's HTTP client, the body piped to the destination. */
function nodeHttp(task: ReceiveTask): Promise<void> {
  return new Promise((resolve, reject) => {
    get(task.url, (res) => pipeline(res, sinkFor(task)).then(resolve, reject)).on("error", reject);
  });
}

/** undici's `request`, the body piped to the destination. */
async function undiciRequest(task: ReceiveTask): Promise<void> {
  const { request } = await import("undici");
  const { body } = await request(task.url);
  await pipeline(body as Readable, sinkFor(task));
}

const clientOf = (task: ReceiveTask): LakeFS =>
  new LakeFS({ endpoint: task.endpoint, accessKeyId: task.accessKeyId, secretAccessKey: task.secretAccessKey, lakectlConfigFile: false });

/** A download of 2 MiB in 1 MiB ranges into a scratch file: what the client's first download to a file loads (its receive worker) is loaded. */
async function warmFileDownload(lakefs: LakeFS, task: ReceiveTask): Promise<void> {
  const warm = lakefs.repository(task.repository).branch(task.ref).object("warm-up.bin");
  await warm.upload(Buffer.alloc(2 * MiB));
  const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-warm-"));
  try {
    await warm.download(join(dir, "warm-up.bin"), { partSize: MiB });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2]!) as ReceiveTask;
  const lakefs = clientOf(task);
  const object = lakefs.repository(task.repository).ref(task.ref).object(task.path);
  // Warm-up: load the code every receiver needs (the library's lazy modules, undici) before the clock starts.
  await pipeline(await object.stream({ range: { start: 0, end: MiB - 1 } }), nowhere());
  if (task.receiver === "undici") await import("undici");
  if (task.receiver === "lakefs-s3-download" && task.dest) await warmFileDownload(lakefs, task);
  // Workers are started and loaded before the clock, as a library would keep them.
  const workerModule = { "net-onread-workers": "./floor.ts", "lakefs-s3-direct-workers": "./direct-worker.ts" }[task.receiver as string];
  const workers = workerModule ? await startWorkers(task, workerModule) : [];
  const run: Record<Receiver, () => Promise<void>> = {
    "net-onread": () => netOnread(task),
    "net-onread-workers": () => runWorkers(task, workers),
    "lakefs-s3-direct-workers": () => runWorkers(task, workers),
    "node-http": () => nodeHttp(task),
    undici: () => undiciRequest(task),
    "lakefs-s3-download": async () => {
      await object.download(task.dest ?? nowhere(), { partSize: task.partSize, concurrency: task.concurrency });
    },
    "lakefs-s3-stream": async () => pipeline(await object.stream(), sinkFor(task)),
  };
  const faults = process.resourceUsage().minorPageFault;
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run[task.receiver]();
  const seconds = (performance.now() - start) / 1000;
  loop.disable();
  const used = process.cpuUsage(cpu);
  const usage = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({
      seconds,
      userSeconds: used.user / 1e6,
      systemSeconds: used.system / 1e6,
      cpuSeconds: (used.user + used.system) / 1e6,
      minorFaults: usage.minorPageFault - faults,
      maxRssKiB: usage.maxRSS,
      // The histogram counts the timer's own period: what is beyond it is the delay.
      loopDelayP50Ms: Math.max(0, loop.percentile(50) / 1e6 - LOOP_RESOLUTION_MS),
      loopDelayP99Ms: Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
    })}\n`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
