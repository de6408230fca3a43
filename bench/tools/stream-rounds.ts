/**
 * The plain paths against their raw baselines, each run in a fresh process,
 * several alternating rounds, medians: `stream()` piped to a file next to a raw
 * `GetObjectCommand` body piped the same way (and the toolkit's own S3 client
 * sending that raw GetObject, to tell the client's settings from the stream
 * wrapper), `download()` to a file, and `upload(fs.createReadStream(file))` next to `{ file }` and
 * lib-storage on the raw client. Prints MiB/s, client CPU s/GiB, lakeFS CPU
 * s/GiB (from /proc) and peak RSS of every run, then the median of each variant. CPU per GiB is the figure to
 * compare on a shared machine: it depends less than MiB/s on what else runs.
 *
 *   SIZE=512 ROUNDS=5 [C=4] [ONLY=substring] [CPU_PROF=dir] node --import tsx bench/tools/stream-rounds.ts   (SIZE in MiB)
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { LakeFS } from "../../src/index.js";
import { startLakeFS } from "../../tools/lakefs/server.js";
import { rawS3Client, type RawS3Target } from "../clients/raw-s3-client.js";
import { processCpuSeconds } from "./variant-harness.js";
import { median } from "../report.js";

const MiB = 1024 * 1024;
const PART = 8 * MiB;

interface ChildTask extends RawS3Target {
  readonly variant: string;
  readonly repository: string;
  readonly file: string;
  readonly dest: string;
  readonly concurrency: number;
}

/** One variant: what it does in the child process. */
const VARIANTS: Record<string, (t: ChildTask, lakefs: LakeFS) => Promise<void>> = {
  "get: raw GetObject body piped": async (t) => {
    const raw = rawS3Client(t, 1);
    const out = await raw.send(new GetObjectCommand({ Bucket: t.repository, Key: "main/big.bin" }));
    await pipeline(out.Body as Readable, createWriteStream(t.dest));
    raw.destroy();
  },
  "get: lakefs.s3 GetObject body piped": async (t, lakefs) => {
    const out = await lakefs.s3.send(new GetObjectCommand({ Bucket: t.repository, Key: "main/big.bin" }));
    await pipeline(out.Body as Readable, createWriteStream(t.dest));
  },
  "get: stream() piped": async (t, lakefs) => {
    await pipeline(await lakefs.repository(t.repository).branch("main").object("big.bin").stream(), createWriteStream(t.dest));
  },
  "get: download() to a file": async (t, lakefs) => {
    await lakefs.repository(t.repository).branch("main").object("big.bin").download(t.dest, { concurrency: t.concurrency, partSize: PART });
  },
  "put: raw lib-storage, fs.createReadStream": async (t) => {
    const raw = rawS3Client(t, t.concurrency);
    const params = { Bucket: t.repository, Key: "main/up.bin", Body: createReadStream(t.file) };
    await new Upload({ client: raw, params, partSize: PART, queueSize: t.concurrency }).done();
    raw.destroy();
  },
  "put: upload(fs.createReadStream)": async (t, lakefs) => {
    await lakefs.repository(t.repository).branch("main").object("up.bin").upload(createReadStream(t.file), { partSize: PART, queueSize: t.concurrency });
  },
  "put: upload({ file })": async (t, lakefs) => {
    await lakefs.repository(t.repository).branch("main").object("up.bin").upload({ file: t.file }, { partSize: PART, queueSize: t.concurrency });
  },
};

async function child(task: ChildTask): Promise<void> {
  const lakefs = new LakeFS({ endpoint: task.endpoint, accessKeyId: task.accessKeyId, secretAccessKey: task.secretAccessKey, lakectlConfigFile: false });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await VARIANTS[task.variant]!(task, lakefs);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  lakefs.destroy();
  process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
}

interface Figures {
  readonly mibps: number;
  readonly cpuPerGiB: number;
  readonly rssMiB: number;
  /** lakeFS's CPU seconds per GiB during the run. */
  readonly lakefsPerGiB: number;
}

async function runChild(task: ChildTask, size: number, prof: string | undefined, serverPid: number | undefined): Promise<Figures> {
  const l0 = processCpuSeconds(serverPid);
  const args = ["--import", "tsx", ...(prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : []), fileURLToPath(import.meta.url), "--child", JSON.stringify(task)];
  const p = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  p.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
  const [code] = (await once(p, "close")) as [number | null];
  if (code !== 0) throw new Error(`${task.variant} exited ${code}`);
  const r = JSON.parse(out.trim().split("\n").pop()!) as { seconds: number; cpuSeconds: number; maxRssKiB: number };
  const gib = size / 1024 / MiB;
  return { mibps: size / MiB / r.seconds, cpuPerGiB: r.cpuSeconds / gib, rssMiB: r.maxRssKiB / 1024, lakefsPerGiB: (processCpuSeconds(serverPid) - l0) / gib };
}

async function parent(): Promise<void> {
  const size = (Number(/^(\d+)/.exec(process.env.SIZE ?? "512")?.[1]) || 512) * MiB;
  const rounds = Number(process.env.ROUNDS ?? 5);
  const only = process.env.ONLY;
  const prof = process.env.CPU_PROF;
  const names = Object.keys(VARIANTS).filter((n) => !only || n.includes(only));
  const server = await startLakeFS();
  const dir = mkdtempSync(join(tmpdir(), "stream-rounds-"));
  try {
    const lakefs = new LakeFS({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false });
    const repository = "streams";
    const branch = (await lakefs.repository(repository).create({ storageNamespace: `local://${repository}` })).branch("main");
    const file = join(dir, "src.bin");
    const out = createWriteStream(file);
    const block = Buffer.alloc(MiB, 7);
    for (let i = 0; i < size / MiB; i++) if (!out.write(block)) await once(out, "drain");
    out.end();
    await once(out, "finish");
    await branch.object("big.bin").upload({ file });
    lakefs.destroy();
    const task = { ...server, repository, file, dest: join(dir, "dest.bin"), concurrency: Number(process.env.C ?? 4) };
    const figures = new Map<string, Figures[]>(names.map((n) => [n, []]));
    for (let round = 0; round < rounds; round++) {
      // Each round starts with the next variant, so none always runs first (or after the same one).
      const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
      for (const variant of order) {
        const runProf = prof ? join(prof, `${variant.replace(/\W+/g, "-")}-${round}`) : undefined;
        if (runProf) mkdirSync(runProf, { recursive: true });
        const f = await runChild({ ...task, variant }, size, runProf, server.process.pid);
        figures.get(variant)!.push(f);
        rmSync(task.dest, { force: true });
        process.stdout.write(`${round} ${variant.padEnd(40)} ${f.mibps.toFixed(0).padStart(5)} MiB/s  CPU ${f.cpuPerGiB.toFixed(2)} s/GiB  lakeFS ${f.lakefsPerGiB.toFixed(2)} s/GiB  RSS ${f.rssMiB.toFixed(0)} MiB\n`);
      }
    }
    process.stdout.write(`\nmedians of ${rounds} rounds, ${size / MiB} MiB (${statSync(file).size} bytes):\n`);
    for (const [variant, fs] of figures) {
      const m = (pick: (f: Figures) => number): number => median(fs.map(pick));
      process.stdout.write(`  ${variant.padEnd(40)} ${m((f) => f.mibps).toFixed(0).padStart(5)} MiB/s  CPU ${m((f) => f.cpuPerGiB).toFixed(2)} s/GiB  lakeFS ${m((f) => f.lakefsPerGiB).toFixed(2)} s/GiB  RSS ${m((f) => f.rssMiB).toFixed(0)} MiB\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

if (process.argv[2] === "--child") await child(JSON.parse(process.argv[3]!) as ChildTask);
else await parent();
