/**
 * `npm run bench`: lakefs-s3 against its peers on one real lakeFS, in one run.
 *
 * Starts one lakeFS (tools/lakefs/server.ts; on MinIO with --blockstore minio), creates one repository, then
 * runs every workload with every client, the clients' order rotating from one
 * repetition to the next, each client on a fresh branch each time and in its
 * own child process (so its peak RSS is its own). Prints a table and writes
 * `<out>/<timestamp>.{json,md,svg}` and `<out>/latest.{json,md,svg}` (the SVG
 * charts each client's ratio to lakefs-s3 per workload: bench/chart.ts).
 *
 *   npm run bench -- [--quick] [--small-count N] [--small-size 4KiB] [--large-size 1GiB]
 *     [--list-count N] [--concurrency N] [--large-concurrency N] [--part-size 8MiB]
 *     [--page-size N] [--reps N] [--clients lakefs-s3,aws-sdk,boto3,lakefs-python,lakectl]
 *     [--random-reads N] [--random-size 64KiB]
 *     [--workloads small,large,stream,random,list,cold] [--out DIR] [--python PATH] [--cpu-prof DIR]
 *     [--blockstore local|minio]
 *
 * Defaults: 2000 small objects of 4KiB at concurrency 32; a 1GiB large object in 8MiB parts,
 * 4 in flight (--large-concurrency, the same for every client: lib-storage's queueSize,
 * downloadObject's concurrency, boto3's max_concurrency, the Python SDK's threads, lakectl -p);
 * 20000 objects listed in pages of 1000; 3 repetitions; results in bench/results; Python from
 * $LAKEFS_S3_PYTHON or .venv/bin/python (made by scripts/setup-python.sh when missing). --cpu-prof DIR writes a V8 CPU profile of every Node
 * driver run (open one in Chrome DevTools' Performance panel, or `node --cpu-prof-dir`'s usual tools).
 *
 * --blockstore minio runs lakeFS on MinIO (blockstore type s3, test/support/minio.ts, as the
 * presigned test leg) instead of its local blockstore, where the data path can go past lakeFS. Its
 * clients are lakefs-s3 (pinned to dataPath "gateway"; on the local blockstore it runs with its defaults), lakefs-s3-presigned (dataPath "presigned"), lakectl
 * (--pre-sign) and lakefs-python (pre_sign=True), its workloads small and large; besides the usual
 * figures it reports MinIO's CPU per op and per GiB, and checks for every run that a presigning
 * client left lakeFS's data requests at 0 (the `data-path` rows of the round-trip checks).
 *
 * Workloads:
 * - small: N objects of 4 KiB written, then read back, `concurrency` at a time (PUT and GET ops/s).
 * - large: one object of S bytes (a file streamed to disk once) uploaded, then downloaded to a file
 *   (MiB/s each way, peak RSS of the client process; SHA-256 checked after the download).
 * - stream: the large object the way a user writes it first, Node clients only: uploaded from
 *   `fs.createReadStream(file)`, then downloaded as `stream()` piped to a file with
 *   `stream/promises` `pipeline`; the raw SDK (lib-storage from the same stream, one GetObject
 *   body piped the same way) is the baseline. SHA-256 checked.
 * - random: R reads of 64 KiB (--random-reads, --random-size) at seeded random offsets of the large
 *   object (committed once on a seed branch), one after the other, Node clients only: lakefs-s3
 *   through one `open()` reader, the raw SDK as ranged `GetObject` calls by hand (reads/s; the
 *   SHA-256 of the bytes read, in order, checked against the source file).
 * - list: M objects under a prefix, committed once on a seed branch; each client lists a fresh
 *   branch made from it (objects/s).
 * - cold: a fresh process per repetition, from spawn to the first GetObject answered (ms); Node
 *   clients run an esbuild bundle of a one-object handler, whose minified size is reported too.
 *
 * --quick (what CI runs through test/integration/bench-quick.test.ts): 50 small objects, a 12MiB
 * large object in 5MiB parts (so every client goes multipart), 50 random reads, 200 listed, concurrency 8 (2 for
 * the large object), one repetition; the test checks figures and round trips, never timings.
 * Exits 1 if a run failed or a round trip did not verify.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import {
  closeSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LakeFS, type Repository } from "../src/index.js";
import type { LakeFSServer } from "../tools/lakefs/server.js";
import { bundleHandler, type Bundle } from "./bundle-handler.js";
import { parseSize, sha256File } from "./files-and-sizes.js";
import { BLOCKSTORES, startBenchServers, type BenchServers, type Blockstore, type DataRequests } from "./blockstore.js";
import type { DriverResult, LargeGetTask, LargePutTask, ListTask, RandomReadTask, SmallTask, Target, Task } from "./clients/common.js";
import { pool, randomOffsets, smallContent, smallKey } from "./clients/common.js";
import { lakectlColdArgs, lakectlEnv, lakectlLargeGet, lakectlLargePut, lakectlList, lakectlSmall, type LakectlContext } from "./clients/lakectl.js";
import { renderChart } from "./chart.js";
import { Recorder } from "./recorder.js";
import { renderMarkdown, renderTerminal, summarize, type BenchResults, type Metric } from "./report.js";
import { cleanupOnSignal } from "./interrupt.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

const ALL_CLIENTS = ["lakefs-s3", "lakefs-s3-presigned", "aws-sdk", "boto3", "lakefs-python", "lakectl"] as const;
type Client = (typeof ALL_CLIENTS)[number];
/** The clients and workloads of each blockstore when --clients / --workloads are not given. */
const DEFAULT_CLIENTS: Record<Blockstore, readonly Client[]> = {
  local: ["lakefs-s3", "aws-sdk", "boto3", "lakefs-python", "lakectl"],
  // The issue's comparison: the gateway, the presigned path, and the two peers that presign.
  minio: ["lakefs-s3", "lakefs-s3-presigned", "lakectl", "lakefs-python"],
};
/** Clients that take the presigned data path on a blockstore that can presign (lakectl and the Python SDK do there). */
const PRESIGNING_CLIENTS: ReadonlySet<Client> = new Set(["lakefs-s3-presigned", "lakectl", "lakefs-python"]);
const ALL_WORKLOADS = ["small", "large", "stream", "random", "list", "cold"] as const;
type Workload = (typeof ALL_WORKLOADS)[number];
const DEFAULT_WORKLOADS: Record<Blockstore, readonly Workload[]> = { local: ALL_WORKLOADS, minio: ["small", "large"] };

const DEFAULT_PYTHON = join(ROOT, ".venv", "bin", "python");
const NODE_DRIVERS: Partial<Record<Client, string>> = {
  "lakefs-s3": "bench/clients/lakefs-s3.ts",
  "lakefs-s3-presigned": "bench/clients/lakefs-s3.ts", // the same driver with dataPath "presigned"
  "aws-sdk": "bench/clients/aws-sdk.ts",
};
const PYTHON_DRIVERS: Partial<Record<Client, string>> = { boto3: "bench/clients/boto3-client.py", "lakefs-python": "bench/clients/lakefs-python.py" };
const COLD_HANDLERS: Partial<Record<Client, string>> = { "lakefs-s3": "bench/cold-start/lakefs-s3.ts", "aws-sdk": "bench/cold-start/aws-sdk.ts" };

// ───────────────────────────── settings ─────────────────────────────

interface Settings {
  smallCount: number;
  smallSize: number;
  largeSize: number;
  listCount: number;
  concurrency: number;
  largeConcurrency: number;
  partSize: number;
  randomReads: number;
  randomSize: number;
  pageSize: number;
  reps: number;
  clients: Client[];
  workloads: Workload[];
  out: string;
  python: string;
  cpuProf: string | undefined;
  quick: boolean;
  blockstore: Blockstore;
}

function formatSize(bytes: number): string {
  for (const [unit, size] of [["GiB", GiB], ["MiB", MiB], ["KiB", KiB]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : `${bytes} B`;
}

function usage(message?: string): never {
  if (message) process.stderr.write(`bench: ${message}\n\n`);
  const header = readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0] ?? "";
  process.stderr.write(`${header.replace(/^\/\*\*\n?/, "").replace(/^ \* ?/gm, "")}\n`);
  process.exit(message ? 2 : 0);
}

function parseArgs(argv: readonly string[]): Settings {
  const quick = argv.includes("--quick");
  // --quick keeps every workload and client, at sizes that take seconds (CI runs it to keep the bench from rotting).
  const sizes = quick
    ? { smallCount: 50, largeSize: 12 * MiB, listCount: 200, concurrency: 8, largeConcurrency: 2, partSize: 5 * MiB, randomReads: 50, reps: 1 }
    : { smallCount: 2000, largeSize: GiB, listCount: 20_000, concurrency: 32, largeConcurrency: 4, partSize: 8 * MiB, randomReads: 1000, reps: 3 };
  const s: Settings = {
    ...sizes,
    smallSize: 4 * KiB,
    randomSize: 64 * KiB,
    pageSize: 1000,
    clients: [...ALL_CLIENTS],
    workloads: [...ALL_WORKLOADS],
    out: join(ROOT, "bench", "results"),
    python: "",
    cpuProf: undefined,
    quick,
    blockstore: "local",
  };
  let clientsGiven = false;
  let workloadsGiven = false;
  const int = (name: string, v: string, min: number): number => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min) usage(`${name} must be an integer ≥ ${min}, not ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--quick") continue;
    if (arg === "-h" || arg === "--help") usage();
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--small-count": s.smallCount = int(flag, value(), 1); break;
      case "--small-size": s.smallSize = parseSize(value()); break;
      case "--large-size": s.largeSize = parseSize(value()); break;
      case "--list-count": s.listCount = int(flag, value(), 1); break;
      case "--concurrency": s.concurrency = int(flag, value(), 1); break;
      case "--large-concurrency": s.largeConcurrency = int(flag, value(), 1); break;
      case "--part-size": s.partSize = parseSize(value()); break;
      case "--page-size": s.pageSize = int(flag, value(), 1); break;
      case "--random-reads": s.randomReads = int(flag, value(), 1); break;
      case "--random-size": s.randomSize = parseSize(value()); break;
      case "--reps": s.reps = int(flag, value(), 1); break;
      case "--out": s.out = resolve(value()); break;
      case "--python": s.python = resolve(value()); break;
      case "--cpu-prof": s.cpuProf = resolve(value()); break;
      case "--blockstore": {
        const b = value();
        if (!(BLOCKSTORES as readonly string[]).includes(b)) usage(`unknown blockstore ${b}; known: ${BLOCKSTORES.join(", ")}`);
        s.blockstore = b as Blockstore;
        break;
      }
      case "--clients": {
        const list = value().split(",").map((c) => c.trim()).filter(Boolean);
        for (const c of list) if (!(ALL_CLIENTS as readonly string[]).includes(c)) usage(`unknown client ${c}; known: ${ALL_CLIENTS.join(", ")}`);
        s.clients = list as Client[];
        clientsGiven = true;
        break;
      }
      case "--workloads": {
        const list = value().split(",").map((c) => c.trim()).filter(Boolean);
        for (const w of list) if (!(ALL_WORKLOADS as readonly string[]).includes(w)) usage(`unknown workload ${w}; known: ${ALL_WORKLOADS.join(", ")}`);
        s.workloads = list as Workload[];
        workloadsGiven = true;
        break;
      }
      default:
        usage(`unknown option ${arg}`);
    }
  }
  if (!clientsGiven) s.clients = [...DEFAULT_CLIENTS[s.blockstore]];
  if (!workloadsGiven) s.workloads = [...DEFAULT_WORKLOADS[s.blockstore]];
  if (s.blockstore === "local" && s.clients.includes("lakefs-s3-presigned")) usage("lakefs-s3-presigned needs --blockstore minio: lakeFS cannot presign on its local blockstore");
  if (s.partSize < 5 * MiB) usage("--part-size must be at least 5MiB (S3's smallest part)");
  if (s.smallSize < 1) usage("--small-size must be at least 1 byte");
  if (s.largeSize < 1) usage("--large-size must be at least 1 byte");
  if (s.randomSize < 1 || s.randomSize > s.largeSize) usage("--random-size must be from 1 byte to the large object's size");
  if (!s.python) s.python = process.env.LAKEFS_S3_PYTHON ?? DEFAULT_PYTHON;
  return s;
}

// ───────────────────────────── child processes ─────────────────────────────

/** The environment of every client process: no AWS or lakectl settings leak in, HOME is empty. */
function childEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(AWS_|LAKECTL_|NODE_TEST_CONTEXT$|NODE_OPTIONS$|PYTHONPATH$)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, HOME: home, PYTHONDONTWRITEBYTECODE: "1", ...extra };
}

interface Spawned {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Milliseconds from spawn to the first stdout line equal to `marker`, if asked for. */
  readonly markerMs?: number;
}

async function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, options: { marker?: string; timeoutMs?: number } = {}): Promise<Spawned> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let markerMs: number | undefined;
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (s: string) => {
    stdout += s;
    if (options.marker !== undefined && markerMs === undefined && stdout.split("\n").slice(0, -1).includes(options.marker)) {
      markerMs = performance.now() - started;
    }
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (s: string) => {
    if (stderr.length < 64 * KiB) stderr += s;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60 * 60_000);
  const [code] = (await once(child, "close")) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr, ...(markerMs !== undefined ? { markerMs } : {}) };
}

function lastJson(out: Spawned, what: string): DriverResult {
  if (out.code !== 0) throw new Error(`${what} exited ${out.code}: ${out.stderr.trim().split("\n").slice(-15).join("\n") || out.stdout.trim()}`);
  const line = out.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as DriverResult;
  } catch {
    throw new Error(`${what} printed no result: ${out.stdout.slice(-500)} ${out.stderr.slice(-500)}`);
  }
}

// ───────────────────────────── fixtures ─────────────────────────────

/** Streams `size` bytes of non-repeating data to `path` (1 MiB in memory at a time); returns its SHA-256. */
async function makeLargeFile(path: string, size: number): Promise<string> {
  const hash = createHash("sha256");
  const out = createWriteStream(path);
  const block = randomBytes(MiB);
  for (let written = 0, n = 0; written < size; n++) {
    const len = Math.min(MiB, size - written);
    const chunk = Buffer.from(block.subarray(0, len));
    chunk.writeUInt32LE(n, 0); // every MiB differs
    hash.update(chunk);
    if (!out.write(chunk)) await once(out, "drain");
    written += len;
  }
  out.end();
  await once(out, "finish");
  return hash.digest("hex");
}

/** The sampled indices of the small workload: about 64 spread evenly, first and last included (all of them when few). */
function sampleIndices(count: number): number[] {
  const step = Math.max(1, Math.floor(count / 64));
  const out = new Set<number>();
  for (let i = 0; i < count; i += step) out.add(i);
  out.add(count - 1);
  return [...out];
}

/** dd into the blockstore directory: write with fdatasync, read through the page cache and with O_DIRECT. */
function measureFloor(dir: string, size: number): Record<string, number | string> {
  const file = join(dir, `.bench-floor-${process.pid}`);
  const count = Math.max(1, Math.ceil(size / MiB));
  const dd = (args: string[]): number => {
    const t = performance.now();
    const r = spawnSync("dd", [...args, "bs=1M", `count=${count}`, "status=none"], { stdio: ["ignore", "ignore", "pipe"] });
    if (r.status !== 0) throw new Error(`dd ${args.join(" ")}: ${r.stderr.toString().trim()}`);
    return (count * MiB) / MiB / ((performance.now() - t) / 1000);
  };
  const floor: Record<string, number | string> = {};
  try {
    floor["write MiB/s (dd conv=fdatasync)"] = dd(["if=/dev/zero", `of=${file}`, "conv=fdatasync"]);
    floor["read MiB/s (page cache)"] = dd([`if=${file}`, "of=/dev/null"]);
    try {
      floor["read MiB/s (O_DIRECT)"] = dd([`if=${file}`, "of=/dev/null", "iflag=direct"]);
    } catch (err) {
      floor["read MiB/s (O_DIRECT)"] = `n/a (${(err as Error).message.split("\n")[0]})`;
    }
  } finally {
    rmSync(file, { force: true });
  }
  return floor;
}

// ───────────────────────────── bundles ─────────────────────────────

/**
 * The Lambda example's bundles as scripts/build-lambda.mjs reports them (`--json`), when the
 * project has one: `handler` (lakefs-s3) and `baseline-handler` (the raw SDK), bytes loaded at import.
 */
function lambdaExample(outDir: string): { bytes?: Partial<Record<Client, number>>; note: string } {
  const script = join(ROOT, "scripts", "build-lambda.mjs");
  if (!existsSync(script) || !existsSync(join(ROOT, "examples", "lambda"))) return { note: "n/a (no examples/lambda built by scripts/build-lambda.mjs)" };
  const r = spawnSync(process.execPath, [script, "--json", "--quiet", "--outdir", outDir], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) return { note: `n/a (scripts/build-lambda.mjs exited ${r.status}: ${(r.stderr || r.stdout).trim().split("\n").pop()})` };
  try {
    const reports = JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as { name: string; entryBytes: number; initialBytes: number; totalBytes: number }[];
    const kib = (n: number): string => `${(n / KiB).toFixed(1)} KiB`;
    const handler = reports.find((x) => x.name === "handler");
    if (!handler) return { note: "n/a (scripts/build-lambda.mjs reported no handler bundle)" };
    const baseline = reports.find((x) => x.name === "baseline-handler");
    return {
      bytes: { "lakefs-s3": handler.initialBytes, ...(baseline ? { "aws-sdk": baseline.initialBytes } : {}) },
      note: reports.map((x) => `${x.name}: ${kib(x.initialBytes)} loaded at import (entry ${kib(x.entryBytes)}), ${kib(x.totalBytes)} with lazy chunks`).join("; "),
    };
  } catch {
    return { note: "n/a (scripts/build-lambda.mjs --json printed no report)" };
  }
}

// ───────────────────────────── the run ─────────────────────────────

interface Env {
  readonly settings: Settings;
  readonly server: LakeFSServer;
  /** lakeFS and, on the MinIO leg, its store: CPU time and data requests of each. */
  readonly servers: BenchServers;
  readonly lakefs: LakeFS;
  readonly repository: string;
  readonly workDir: string;
  readonly home: string;
  readonly largeFile: string;
  readonly largeSha: string;
  readonly lakectlCtx: LakectlContext;
  readonly bundles: Partial<Record<Client, Bundle>>;
}

function target(env: Env, client: Client, branch: string): Target {
  return {
    endpoint: env.server.endpoint,
    accessKeyId: env.server.accessKeyId,
    secretAccessKey: env.server.secretAccessKey,
    repository: env.repository,
    branch,
    presign: env.settings.blockstore !== "local" && PRESIGNING_CLIENTS.has(client),
    gatewayOnly: env.settings.blockstore !== "local" && client === "lakefs-s3",
  };
}

let profileSeq = 0;

/** Runs one task with one client in its own process. */
async function runTask(env: Env, client: Client, task: Task): Promise<DriverResult> {
  if (client === "lakectl") {
    switch (task.op) {
      case "small": return lakectlSmall(env.lakectlCtx, task);
      case "large-put": return lakectlLargePut(env.lakectlCtx, task);
      case "large-get": return lakectlLargeGet(env.lakectlCtx, task);
      case "list": return lakectlList(env.lakectlCtx, task);
    }
  }
  const node = NODE_DRIVERS[client];
  if (node) {
    const prof = env.settings.cpuProf
      ? // One folder per run: the tsx loader thread writes a profile of its own next to the main thread's.
        ["--cpu-prof", `--cpu-prof-dir=${join(env.settings.cpuProf, `${client}-${task.op}-${++profileSeq}`)}`]
      : [];
    return lastJson(await run(process.execPath, ["--import", "tsx", ...prof, node, JSON.stringify(task)], childEnv(env.home)), `${client} ${task.op}`);
  }
  const py = PYTHON_DRIVERS[client];
  if (py) return lastJson(await run(env.settings.python, [py, JSON.stringify(task)], childEnv(env.home)), `${client} ${task.op}`);
  throw new Error(`no driver for ${client}`);
}

/** Milliseconds from spawn to the first GetObject answered, in a fresh process. */
async function coldStart(env: Env, client: Client, path: string): Promise<number> {
  const t = target(env, client, "main");
  const env0 = childEnv(env.home, {
    LAKECTL_SERVER_ENDPOINT_URL: t.endpoint,
    LAKECTL_CREDENTIALS_ACCESS_KEY_ID: t.accessKeyId,
    LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: t.secretAccessKey,
  });
  let out: Spawned;
  if (client === "lakectl") {
    const started = performance.now();
    out = await run(env.lakectlCtx.lakectl, lakectlColdArgs(t, path), lakectlEnv(t, env.workDir), { timeoutMs: 60_000 });
    if (out.code !== 0) throw new Error(`lakectl fs cat exited ${out.code}: ${out.stderr.trim()}`);
    return performance.now() - started;
  }
  const bundle = env.bundles[client];
  if (bundle) {
    const event = JSON.stringify({ repository: t.repository, ref: t.branch, path });
    out = await run(process.execPath, [join(ROOT, "bench", "cold-start", "invoke.mjs"), bundle.entry, event], env0, { marker: "first-get", timeoutMs: 60_000 });
  } else {
    const py = PYTHON_DRIVERS[client];
    if (!py) throw new Error(`no cold-start driver for ${client}`);
    out = await run(env.settings.python, [py, JSON.stringify({ ...t, op: "cold", key: path })], env0, { marker: "first-get", timeoutMs: 60_000 });
  }
  if (out.code !== 0 || out.markerMs === undefined) throw new Error(`${client} cold start exited ${out.code}: ${out.stderr.trim().split("\n").slice(-10).join("\n")}`);
  return out.markerMs;
}

/** Rotates the client order so that each repetition starts with the next client. */
function order(clients: readonly Client[], rep: number): Client[] {
  const k = rep % clients.length;
  return [...clients.slice(k), ...clients.slice(0, k)];
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Whether `python` imports the Python peers' packages. */
function pythonReady(python: string): boolean {
  return existsSync(python) && spawnSync(python, ["-c", "import boto3, lakefs, lakefs_sdk"], { stdio: "ignore" }).status === 0;
}

/**
 * Makes sure the Python clients have their interpreter: the project's `.venv` is made (or
 * completed) by scripts/setup-python.sh, as .ci/run makes it; a Python given with --python or
 * $LAKEFS_S3_PYTHON is used as it is, and exits with the usage message when it lacks the peers.
 */
function requirePython(settings: Settings): void {
  if (!settings.clients.some((c) => PYTHON_DRIVERS[c]) || pythonReady(settings.python)) return;
  if (settings.python === DEFAULT_PYTHON) {
    log("bench: preparing the Python peers in .venv (scripts/setup-python.sh, requirements-peers.txt)");
    const r = spawnSync("bash", [join(ROOT, "scripts", "setup-python.sh"), "requirements-peers.txt"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    if (r.status === 0 && pythonReady(settings.python)) return;
  }
  usage(`the Python clients need boto3, lakefs and lakefs_sdk in ${settings.python} (bash scripts/setup-python.sh makes .venv; or pass --python, or leave them out with --clients)`);
}

/** Bundles the cold-start handlers of the Node clients (before lakeFS starts: esbuild's CPU use should not overlap a measurement). */
async function buildBundles(s: Settings, workDir: string): Promise<Partial<Record<Client, Bundle>>> {
  const bundles: Partial<Record<Client, Bundle>> = {};
  if (!s.workloads.includes("cold")) return bundles;
  for (const c of s.clients) {
    const entry = COLD_HANDLERS[c];
    if (entry) bundles[c] = await bundleHandler(entry, join(workDir, "bundles", c));
  }
  return bundles;
}

/** Creates the benchmark's repository with the object the cold starts read, committed on main. */
async function createBenchRepository(lakefs: LakeFS, name: string, storageNamespace: string): Promise<Repository> {
  const repo = await lakefs.repository(name).create({ storageNamespace });
  const main = repo.branch("main");
  await main.object("cold/hello.txt").upload("hello from the lakefs-s3 benchmark\n");
  await main.commit({ message: "cold-start object" });
  return repo;
}

/** What the workloads read, made before any is timed. */
interface Fixtures {
  readonly largeFile: string;
  /** SHA-256 of the large file; empty when the large workload is not run. */
  readonly largeSha: string;
  /** The files lakectl uploads for the small workload. */
  readonly smallDir: string;
  /** The disk's own rates, the floor of the large workload. */
  readonly floor: Record<string, number | string>;
}

/** Writes the large source file (and measures the disk) when the large, stream or random workload runs. */
async function prepareLargeFile(s: Settings, workDir: string, blockstoreDir: string | undefined): Promise<Pick<Fixtures, "largeFile" | "largeSha" | "floor">> {
  const largeFile = join(workDir, "large.bin");
  if (!["large", "stream", "random"].some((w) => s.workloads.includes(w as Workload))) return { largeFile, largeSha: "", floor: {} };
  log(`bench: writing a ${formatSize(s.largeSize)} source file`);
  const largeSha = await makeLargeFile(largeFile, s.largeSize);
  return { largeFile, largeSha, floor: blockstoreDir === undefined ? {} : measureFloor(blockstoreDir, s.largeSize) };
}

/** Writes the small objects as local files for lakectl, which uploads from disk. */
function writeSmallFiles(s: Settings, workDir: string): string {
  const smallDir = join(workDir, "small-files");
  if (s.workloads.includes("small") && s.clients.includes("lakectl")) {
    mkdirSync(smallDir, { recursive: true });
    for (let i = 0; i < s.smallCount; i++) writeFileSync(join(smallDir, smallKey("", i)), smallContent(i, s.smallSize));
  }
  return smallDir;
}

/** Commits the objects to list on the `seed-list` branch, which every list run branches from. */
async function seedListing(s: Settings, repo: Repository): Promise<void> {
  if (!s.workloads.includes("list")) return;
  log(`bench: seeding ${s.listCount} objects for the listing`);
  const seed = await repo.branch("seed-list").create("main");
  const body = Buffer.from("x");
  await pool(s.listCount, 64, async (i) => {
    await seed.object(`list/${smallKey("", i)}`).upload(body);
  });
  await seed.commit({ message: `${s.listCount} objects to list` });
}

/** The branch and key every random-read run reads: the large file, committed once. */
const RANDOM_BRANCH = "seed-random";
const RANDOM_KEY = "random/object.bin";

/** Commits the large file on the `seed-random` branch, which every random-read run reads. */
async function seedRandomReads(s: Settings, repo: Repository, largeFile: string): Promise<void> {
  if (!s.workloads.includes("random")) return;
  log(`bench: seeding the ${formatSize(s.largeSize)} object of the random reads`);
  const seed = await repo.branch(RANDOM_BRANCH).create("main");
  await seed.object(RANDOM_KEY).upload({ file: largeFile });
  await seed.commit({ message: "the object of the random reads" });
}

/** Makes every fixture, in the order the original run made them. */
async function prepareFixtures(s: Settings, workDir: string, servers: BenchServers, repo: Repository): Promise<Fixtures> {
  // The dd floor is the local blockstore's disk; on MinIO the store's own work is measured instead (its CPU).
  const large = await prepareLargeFile(s, workDir, servers.blockstore === "local" ? servers.lakefs.blockstoreDir : undefined);
  const smallDir = writeSmallFiles(s, workDir);
  await seedListing(s, repo);
  await seedRandomReads(s, repo, large.largeFile);
  return { ...large, smallDir };
}

/** What every workload step needs. */
interface RunContext {
  readonly env: Env;
  readonly repo: Repository;
  readonly rec: Recorder;
}

/** The label of one run in the log. */
const runLabel = (s: Settings, workload: Workload, client: Client, rep: number): string => `${workload} / ${client} / rep ${rep + 1}/${s.reps}`;

const uid = (): string => randomBytes(3).toString("hex");

/** A driver's result with what the servers did meanwhile. */
type Timed = DriverResult & { lakefsCpuSeconds?: number; minioCpuSeconds?: number };

const cpuDelta = (before: number | undefined, after: number | undefined): number | undefined =>
  before !== undefined && after !== undefined ? after - before : undefined;

/**
 * Runs one timed task, adding the CPU seconds lakeFS (and MinIO) used meanwhile. A failure
 * is recorded and logged, and gives `undefined`. On the MinIO leg it also records who served
 * the data requests: none may reach lakeFS from a presigning client, and some must from the
 * others (so the counters are seen to count).
 */
async function timed(ctx: RunContext, workload: string, client: Client, rep: number, work: () => Promise<DriverResult>): Promise<Timed | undefined> {
  const servers = ctx.env.servers;
  const onStore = servers.blockstore !== "local";
  const requestsBefore = onStore ? await servers.dataRequests() : undefined;
  const before = servers.cpuSeconds();
  try {
    const r = await work();
    const after = servers.cpuSeconds();
    const lakefsCpuSeconds = cpuDelta(before.lakefs, after.lakefs);
    const minioCpuSeconds = cpuDelta(before.minio, after.minio);
    ctx.rec.cpuSeconds.push({
      workload,
      client,
      rep,
      clientCpu: r.cpuSeconds,
      lakefsCpu: lakefsCpuSeconds,
      ...(minioCpuSeconds !== undefined ? { minioCpu: minioCpuSeconds } : {}),
      seconds: r.seconds ?? (r.putSeconds ?? 0) + (r.getSeconds ?? 0),
    });
    if (requestsBefore) recordDataPath(ctx, workload, client, rep, requestsBefore, await servers.dataRequests());
    return { ...r, ...(lakefsCpuSeconds !== undefined ? { lakefsCpuSeconds } : {}), ...(minioCpuSeconds !== undefined ? { minioCpuSeconds } : {}) };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    ctx.rec.failures.push({ workload, client, rep, error });
    log(`bench: ${workload} / ${client} / rep ${rep} FAILED: ${error.split("\n")[0]}`);
    return undefined;
  }
}

/**
 * The check that a presigning client really went past lakeFS (workload `data-path`): lakeFS
 * served no data request and moved no object byte itself while the store served the run.
 */
function recordDataPath(ctx: RunContext, workload: string, client: Client, rep: number, before: DataRequests, after: DataRequests): void {
  const lakefs = after.lakefs - before.lakefs;
  const store = (after.store ?? 0) - (before.store ?? 0);
  const presigned = PRESIGNING_CLIENTS.has(client);
  const ok = store > 0 && (presigned ? lakefs === 0 : lakefs > 0);
  const detail = `${workload}: ${presigned ? "presigned" : "gateway"}; data requests lakeFS ${lakefs}, store ${store}`;
  ctx.rec.verification.push({ workload: "data-path", client, rep, ok, detail });
  if (!ok) log(`bench: ${workload} / ${client} / rep ${rep + 1}: DATA PATH CHECK FAILED: ${detail}`);
}

/** small: N objects written then read back on a fresh branch; PUT and GET ops/s, sampled contents checked. */
async function runSmall(ctx: RunContext, client: Client, rep: number): Promise<void> {
  const { env, repo, rec } = ctx;
  const s = env.settings;
  const branch = `small-${client}-${rep}-${uid()}`;
  await repo.branch(branch).create("main");
  const task: SmallTask = {
    ...target(env, client, branch),
    op: "small",
    prefix: "small/",
    count: s.smallCount,
    size: s.smallSize,
    concurrency: s.concurrency,
    sample: sampleIndices(s.smallCount),
  };
  const r = await timed(ctx, "small", client, rep, () => runTask(env, client, task));
  if (!r) return;
  const put = s.smallCount / r.putSeconds!;
  const get = s.smallCount / r.getSeconds!;
  rec.metric("small-put", `small PUT (${s.smallCount} × ${formatSize(s.smallSize)}, c=${s.concurrency})`, "ops/s", "higher").samples[client]!.push(put);
  rec.metric("small-get", `small GET (${s.smallCount} × ${formatSize(s.smallSize)}, c=${s.concurrency})`, "ops/s", "higher").samples[client]!.push(get);
  const perOp = (cpu: number | undefined, ops: number): number | undefined => (cpu === undefined ? undefined : (cpu / ops) * 1e6);
  rec.cpuMetric("cpu-small-put", "small PUT: client CPU per op", "µs", client, perOp(r.putCpuSeconds, s.smallCount));
  rec.cpuMetric("cpu-small-get", "small GET: client CPU per op", "µs", client, perOp(r.getCpuSeconds, s.smallCount));
  rec.cpuMetric("lakefs-cpu-small", "small PUT+GET: lakeFS CPU per op", "µs", client, perOp(r.lakefsCpuSeconds, 2 * s.smallCount));
  rec.cpuMetric("minio-cpu-small", "small PUT+GET: MinIO CPU per op", "µs", client, perOp(r.minioCpuSeconds, 2 * s.smallCount));
  const ok = (r.mismatches?.length ?? 1) === 0 && r.verified === task.sample.length;
  rec.verification.push({ workload: "small", client, rep, ok, detail: ok ? `${r.verified} sampled objects match` : `mismatches: ${(r.mismatches ?? []).slice(0, 5).join(", ")}` });
  log(`bench: ${runLabel(s, "small", client, rep)}: PUT ${put.toFixed(0)} ops/s, GET ${get.toFixed(0)} ops/s`);
}

/** Records the upload or download figures of the large or stream workload: MiB/s, peak RSS, CPU per GiB. */
function recordLarge(ctx: RunContext, client: Client, direction: "put" | "get", r: Timed, kind: "large" | "stream" = "large"): void {
  const { rec } = ctx;
  const s = ctx.env.settings;
  const gib = s.largeSize / GiB;
  const what =
    kind === "large"
      ? `large ${direction === "put" ? "upload" : "download"}`
      : direction === "put"
        ? "upload from fs.createReadStream (raw: lib-storage)"
        : "stream() piped to a file (raw: GetObject body piped)";
  // One body stream has no parts or concurrency.
  const sizes = kind === "stream" && direction === "get" ? formatSize(s.largeSize) : `${formatSize(s.largeSize)}, c=${s.largeConcurrency}, part ${formatSize(s.partSize)}`;
  const id = `${kind}-${direction}`;
  const m = rec.metric(id, `${what} (${sizes})`, "MiB/s", "higher");
  m.samples[client]!.push(s.largeSize / MiB / r.seconds!);
  rec.metric(`${id}-rss`, `${what}: peak RSS of the client`, "MiB", "lower").samples[client]!.push(r.maxRssKiB / KiB);
  rec.cpuMetric(`cpu-${id}`, `${what}: client CPU per GiB`, "s", client, r.workCpuSeconds === undefined ? undefined : r.workCpuSeconds / gib);
  rec.cpuMetric(`lakefs-cpu-${id}`, `${what}: lakeFS CPU per GiB`, "s", client, r.lakefsCpuSeconds === undefined ? undefined : r.lakefsCpuSeconds / gib);
  rec.cpuMetric(`minio-cpu-${id}`, `${what}: MinIO CPU per GiB`, "s", client, r.minioCpuSeconds === undefined ? undefined : r.minioCpuSeconds / gib);
}

/** Checks the downloaded large object against the source file's SHA-256. */
async function verifyLargeDownload(ctx: RunContext, client: Client, rep: number, dest: string, workload: "large" | "stream" = "large"): Promise<boolean> {
  const { env, rec } = ctx;
  const size = existsSync(dest) ? statSync(dest).size : -1;
  const sha = size === env.settings.largeSize ? await sha256File(dest) : "";
  const ok = sha === env.largeSha;
  rec.verification.push({ workload, client, rep, ok, detail: ok ? `SHA-256 ${sha.slice(0, 16)}… of ${size} bytes matches` : `downloaded ${size} bytes, SHA-256 ${sha || "-"}; expected ${env.largeSha}` });
  return ok;
}

/**
 * Waits until the kernel has written every dirty page to disk. Run before each timed
 * large transfer: right after an upload, lakeFS's freshly written parts are still being
 * written back, and a client that writes a file then pays for that writeback in system
 * time (×2 to ×4 here, whatever the client: the floor receivers of `npm run bench:receive`
 * too), so without it the figure measures the previous step more than the client.
 */
function flushDisk(): void {
  spawnSync("sync");
}

/** large: one object uploaded from a file, then downloaded to a file and checked; the branch's data is freed after. */
async function runLarge(ctx: RunContext, client: Client, rep: number): Promise<void> {
  const { env, repo } = ctx;
  const s = env.settings;
  const branch = `large-${client}-${rep}-${uid()}`;
  await repo.branch(branch).create("main");
  const repStart = Date.now() - 1000;
  const key = "large/object.bin";
  const dest = join(env.workDir, `download-${client}.bin`);
  const common = { ...target(env, client, branch), key, concurrency: s.largeConcurrency, partSize: s.partSize };
  try {
    flushDisk();
    const up = await timed(ctx, "large-put", client, rep, () => runTask(env, client, { ...common, op: "large-put", file: env.largeFile } satisfies LargePutTask));
    if (!up) return;
    recordLarge(ctx, client, "put", up);
    flushDisk();
    const down = await timed(ctx, "large-get", client, rep, () => runTask(env, client, { ...common, op: "large-get", dest } satisfies LargeGetTask));
    if (!down) return;
    recordLarge(ctx, client, "get", down);
    const ok = await verifyLargeDownload(ctx, client, rep, dest);
    const mib = s.largeSize / MiB;
    log(`bench: ${runLabel(s, "large", client, rep)}: up ${(mib / up.seconds!).toFixed(0)} MiB/s (RSS ${(up.maxRssKiB / KiB).toFixed(0)} MiB), down ${(mib / down.seconds!).toFixed(0)} MiB/s (RSS ${(down.maxRssKiB / KiB).toFixed(0)} MiB), ${ok ? "SHA-256 ok" : "SHA-256 MISMATCH"}`);
  } finally {
    rmSync(dest, { force: true });
    // The branch is never used again: free the disk its object took.
    await env.servers.purgeLargeObjects(repStart);
  }
}

/**
 * stream: the large object uploaded from `fs.createReadStream` and read back as one stream piped
 * to a file (Node clients; the others are marked n/a). The branch's data is freed after.
 */
async function runStream(ctx: RunContext, client: Client, rep: number): Promise<void> {
  const { env, repo } = ctx;
  const s = env.settings;
  if (!NODE_DRIVERS[client]) return;
  const branch = `stream-${client}-${rep}-${uid()}`;
  await repo.branch(branch).create("main");
  const repStart = Date.now() - 1000;
  const dest = join(env.workDir, `stream-${client}.bin`);
  const common = { ...target(env, client, branch), key: "large/stream.bin", concurrency: s.largeConcurrency, partSize: s.partSize, stream: true };
  try {
    flushDisk();
    const up = await timed(ctx, "stream-put", client, rep, () => runTask(env, client, { ...common, op: "large-put", file: env.largeFile } satisfies LargePutTask));
    if (!up) return;
    recordLarge(ctx, client, "put", up, "stream");
    flushDisk();
    const down = await timed(ctx, "stream-get", client, rep, () => runTask(env, client, { ...common, op: "large-get", dest } satisfies LargeGetTask));
    if (!down) return;
    recordLarge(ctx, client, "get", down, "stream");
    const ok = await verifyLargeDownload(ctx, client, rep, dest, "stream");
    const mib = s.largeSize / MiB;
    log(`bench: ${runLabel(s, "stream", client, rep)}: up ${(mib / up.seconds!).toFixed(0)} MiB/s (RSS ${(up.maxRssKiB / KiB).toFixed(0)} MiB), down ${(mib / down.seconds!).toFixed(0)} MiB/s (RSS ${(down.maxRssKiB / KiB).toFixed(0)} MiB), ${ok ? "SHA-256 ok" : "SHA-256 MISMATCH"}`);
  } finally {
    rmSync(dest, { force: true });
    await env.servers.purgeLargeObjects(repStart);
  }
}

/** The SHA-256 of the source file's bytes at a random-read task's offsets, in order: what every client must have read. */
function randomReadDigest(file: string, task: RandomReadTask): string {
  const hash = createHash("sha256");
  const buffer = Buffer.alloc(task.readSize);
  const fd = openSync(file, "r");
  try {
    for (const at of randomOffsets(task)) hash.update(buffer.subarray(0, readSync(fd, buffer, 0, task.readSize, at)));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

/**
 * random: reads at seeded random offsets of the committed large object, one after the other (Node
 * clients: lakefs-s3 through `open()`, the raw SDK as ranged `GetObject` calls); reads/s, the bytes checked.
 */
async function runRandom(ctx: RunContext, client: Client, rep: number): Promise<void> {
  const { env, rec } = ctx;
  const s = env.settings;
  if (!NODE_DRIVERS[client]) return;
  const task: RandomReadTask = {
    ...target(env, client, RANDOM_BRANCH),
    op: "random-read",
    key: RANDOM_KEY,
    size: s.largeSize,
    reads: s.randomReads,
    readSize: s.randomSize,
    seed: 2027 + rep,
  };
  const r = await timed(ctx, "random-read", client, rep, () => runTask(env, client, task));
  if (!r) return;
  const rate = s.randomReads / r.seconds!;
  rec.metric("random-read", `random reads (${s.randomReads} × ${formatSize(s.randomSize)} of ${formatSize(s.largeSize)}; raw: ranged GetObject by hand)`, "reads/s", "higher").samples[client]!.push(rate);
  rec.cpuMetric("cpu-random-read", "random reads: client CPU per read", "µs", client, r.workCpuSeconds === undefined ? undefined : (r.workCpuSeconds / s.randomReads) * 1e6);
  rec.cpuMetric("lakefs-cpu-random-read", "random reads: lakeFS CPU per read", "µs", client, r.lakefsCpuSeconds === undefined ? undefined : (r.lakefsCpuSeconds / s.randomReads) * 1e6);
  const expected = randomReadDigest(env.largeFile, task);
  const ok = r.digest === expected;
  rec.verification.push({ workload: "random", client, rep, ok, detail: ok ? `SHA-256 ${expected.slice(0, 16)}… of ${s.randomReads} reads matches` : `read SHA-256 ${r.digest ?? "-"}; expected ${expected}` });
  log(`bench: ${runLabel(s, "random", client, rep)}: ${rate.toFixed(0)} reads/s, ${ok ? "SHA-256 ok" : "SHA-256 MISMATCH"}`);
}

/** The rows for Node clients only (streams, the reader's random reads): every other client is marked n/a in them. */
const NODE_ONLY_ROWS: Readonly<Record<string, string>> = {
  "stream-put": "n/a (Node streams)",
  "stream-put-rss": "n/a (Node streams)",
  "stream-get": "n/a (Node streams)",
  "stream-get-rss": "n/a (Node streams)",
  "random-read": "n/a (Node reader)",
};

function markNodeOnlyRows(rec: Recorder, clients: readonly Client[]): void {
  for (const [id, note] of Object.entries(NODE_ONLY_ROWS)) {
    const m = rec.metrics.get(id);
    if (!m) continue;
    const na = Object.fromEntries(clients.filter((c) => !NODE_DRIVERS[c]).map((c) => [c, note]));
    rec.metrics.set(id, { ...m, notApplicable: { ...m.notApplicable, ...na } });
  }
}

/** list: a fresh branch of `seed-list` listed in full; objects/s, the count checked. */
async function runList(ctx: RunContext, client: Client, rep: number): Promise<void> {
  const { env, repo, rec } = ctx;
  const s = env.settings;
  const branch = `list-${client}-${rep}-${uid()}`;
  await repo.branch(branch).create("seed-list");
  const task: ListTask = { ...target(env, client, branch), op: "list", prefix: "list/", pageSize: s.pageSize };
  const r = await timed(ctx, "list", client, rep, () => runTask(env, client, task));
  if (!r) return;
  rec.metric("list", `list (${s.listCount} objects, pages of ${s.pageSize})`, "objects/s", "higher").samples[client]!.push(s.listCount / r.seconds!);
  rec.cpuMetric("cpu-list", "list: client CPU per object", "µs", client, r.workCpuSeconds === undefined ? undefined : (r.workCpuSeconds / s.listCount) * 1e6);
  rec.cpuMetric("lakefs-cpu-list", "list: lakeFS CPU per object", "µs", client, r.lakefsCpuSeconds === undefined ? undefined : (r.lakefsCpuSeconds / s.listCount) * 1e6);
  const ok = r.count === s.listCount;
  rec.verification.push({ workload: "list", client, rep, ok, detail: `listed ${r.count} of ${s.listCount}` });
  log(`bench: ${runLabel(s, "list", client, rep)}: ${(s.listCount / r.seconds!).toFixed(0)} objects/s${ok ? "" : ` (listed ${r.count}!)`}`);
}

/** cold: a fresh process from spawn to the first GetObject answered. */
async function runCold(ctx: RunContext, client: Client, rep: number): Promise<void> {
  const { env, rec } = ctx;
  const tag = runLabel(env.settings, "cold", client, rep);
  try {
    const ms = await coldStart(env, client, "cold/hello.txt");
    rec.metric("cold", "cold start: spawn → first GetObject", "ms", "lower").samples[client]!.push(ms);
    rec.verification.push({ workload: "cold", client, rep, ok: true, detail: "first GetObject answered" });
    log(`bench: ${tag}: ${ms.toFixed(0)} ms`);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    rec.failures.push({ workload: "cold", client, rep, error });
    rec.verification.push({ workload: "cold", client, rep, ok: false, detail: error.split("\n")[0] ?? "" });
    log(`bench: ${tag} FAILED: ${error.split("\n")[0]}`);
  }
}

const WORKLOAD_STEPS: Record<Workload, (ctx: RunContext, client: Client, rep: number) => Promise<void>> = {
  small: runSmall,
  large: runLarge,
  stream: runStream,
  random: runRandom,
  list: runList,
  cold: runCold,
};

/** Every workload, every repetition, every client (in rotating order). */
async function runWorkloads(ctx: RunContext): Promise<void> {
  const s = ctx.env.settings;
  for (const workload of s.workloads) {
    for (let rep = 0; rep < s.reps; rep++) {
      for (const client of order(s.clients, rep)) await WORKLOAD_STEPS[workload](ctx, client, rep);
    }
  }
}

/** The sizes of the cold-start handler bundles (Node clients only; "n/a" for the others). */
function recordColdBundles(rec: Recorder, clients: readonly Client[], bundles: Partial<Record<Client, Bundle>>): void {
  const m = rec.metric("bundle", "cold-start handler bundle, minified, loaded at import", "KiB", "lower");
  const na: Record<string, string> = {};
  for (const c of clients) {
    const b = bundles[c];
    if (b) {
      m.samples[c]!.push(b.initialBytes / KiB);
      rec.notes.push(`${c} cold-start handler bundle: ${(b.initialBytes / KiB).toFixed(1)} KiB loaded at import, ${(b.totalBytes / KiB).toFixed(1)} KiB with its lazily imported chunks.`);
    } else na[c] = "n/a";
  }
  rec.metrics.set("bundle", { ...m, notApplicable: na });
}

/** The size of the Lambda example's bundle, built by scripts/build-lambda.mjs. */
function recordLambdaBundle(rec: Recorder, clients: readonly Client[], workDir: string): void {
  const lambda = lambdaExample(join(workDir, "lambda"));
  rec.notes.push(`Lambda example (scripts/build-lambda.mjs): ${lambda.note}.`);
  const lm = rec.metric("lambda-bundle", "Lambda example bundle (examples/lambda, scripts/build-lambda.mjs), loaded at import", "KiB", "lower");
  const lna: Record<string, string> = {};
  for (const c of clients) {
    const b = lambda.bytes?.[c];
    if (b !== undefined) lm.samples[c]!.push(b / KiB);
    else lna[c] = lambda.bytes ? "n/a" : lambda.note;
  }
  rec.metrics.set("lambda-bundle", { ...lm, notApplicable: lna });
}

/** Everything between starting lakeFS and stopping it: fixtures, workloads, bundle sizes. Gives the disk floor. */
async function benchOnServer(s: Settings, rec: Recorder, workDir: string, home: string, bundles: Partial<Record<Client, Bundle>>, servers: BenchServers, lakefs: LakeFS): Promise<Record<string, number | string>> {
  const server = servers.lakefs;
  const repository = "bench";
  const repo = await createBenchRepository(lakefs, repository, servers.storageNamespace);
  const fixtures = await prepareFixtures(s, workDir, servers, repo);
  const env: Env = {
    settings: s,
    server,
    servers,
    lakefs,
    repository,
    workDir,
    home,
    largeFile: fixtures.largeFile,
    largeSha: fixtures.largeSha,
    lakectlCtx: { lakectl: server.lakectl, workDir, smallDir: fixtures.smallDir },
    bundles,
  };
  await runWorkloads({ env, repo, rec });
  markNodeOnlyRows(rec, s.clients);
  if (s.workloads.includes("cold")) {
    recordColdBundles(rec, s.clients, bundles);
    recordLambdaBundle(rec, s.clients, workDir);
  }
  return fixtures.floor;
}

/** Shows the disk's rates as the floor of the large-object rows. */
function attachFloors(metrics: Map<string, Metric>, floor: Record<string, number | string>): void {
  const diskWrite = floor["write MiB/s (dd conv=fdatasync)"];
  const diskRead = floor["read MiB/s (page cache)"];
  if (typeof diskWrite === "number" && metrics.has("large-put")) metrics.set("large-put", { ...metrics.get("large-put")!, floor: { label: "dd write + fdatasync", value: diskWrite } });
  if (typeof diskRead === "number" && metrics.has("large-get")) metrics.set("large-get", { ...metrics.get("large-get")!, floor: { label: "dd read, page cache", value: diskRead } });
}

/** How to read the figures, the same for every run. */
function methodNotes(blockstore: Blockstore): string[] {
  const minio = blockstore === "minio"
    ? [
        "lakeFS runs on MinIO (blockstore type s3, as the presigned test leg): lakefs-s3 is pinned to dataPath \"gateway\", lakefs-s3-presigned to \"presigned\", lakectl runs with --pre-sign and the Python SDK with pre_sign=True.",
        "data-path checks: for every timed run, lakeFS's data requests (its /metrics: gateway object GET/PUT/POST and its own PUT/GET/part calls on the store) and MinIO's (PUT, part PUT, GET); a presigning client must leave lakeFS's at 0, the gateway client must not.",
        "MinIO CPU: user + system time of the MinIO process over the same run (from /proc), like lakeFS's.",
      ]
    : [];
  return [
    ...minio,
    "Node drivers run with `node --import tsx` and time their own work (process start-up excluded); Python drivers likewise; lakectl is timed from spawn to exit, its start-up included.",
    `Every client, lakeFS and the disk share this machine's ${cpus().length} cores: rates are bounded by CPU as much as by the clients.`,
    "Ratios are median ÷ lakefs-s3's median; for ↓ rows (time, memory, size) a ratio above 1 means more than lakefs-s3.",
    "CPU figures: user + system time of the client process over the timed work only (lakectl: its whole process), and of the lakeFS server over the same run (from /proc). They depend less than rates on what else the machine runs.",
  ];
}

/** The order of the rows in the report. */
const METRIC_ORDER = [
  "small-put",
  "small-get",
  "large-put",
  "large-put-rss",
  "large-get",
  "large-get-rss",
  "stream-put",
  "stream-put-rss",
  "stream-get",
  "stream-get-rss",
  "random-read",
  "list",
  "cold",
  "bundle",
  "lambda-bundle",
  "cpu-small-put",
  "cpu-small-get",
  "cpu-large-put",
  "cpu-large-get",
  "cpu-stream-put",
  "cpu-stream-get",
  "cpu-random-read",
  "cpu-list",
  "lakefs-cpu-small",
  "lakefs-cpu-large-put",
  "lakefs-cpu-large-get",
  "lakefs-cpu-stream-put",
  "lakefs-cpu-stream-get",
  "lakefs-cpu-random-read",
  "lakefs-cpu-list",
  "minio-cpu-small",
  "minio-cpu-large-put",
  "minio-cpu-large-get",
  "minio-cpu-stream-put",
  "minio-cpu-stream-get",
];

/** The machine the run measured. */
function describeMachine(s: Settings): Record<string, unknown> {
  const usesPython = s.clients.some((c) => PYTHON_DRIVERS[c]);
  return {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? "?"}`,
    memory: `${(totalmem() / GiB).toFixed(1)} GiB`,
    node: process.version,
    python: usesPython ? spawnSync(s.python, ["--version"], { encoding: "utf8" }).stdout.trim() : "n/a",
  };
}

/** The results file's content. */
function assembleResults(s: Settings, argv: readonly string[], timestamp: string, rec: Recorder, floor: Record<string, number | string>, started: number): BenchResults {
  return {
    version: 1,
    timestamp,
    argv,
    settings: {
      smallCount: s.smallCount,
      smallSize: s.smallSize,
      largeSize: s.largeSize,
      listCount: s.listCount,
      concurrency: s.concurrency,
      largeConcurrency: s.largeConcurrency,
      partSize: s.partSize,
      randomReads: s.randomReads,
      randomSize: s.randomSize,
      pageSize: s.pageSize,
      reps: s.reps,
      quick: s.quick,
      blockstore: s.blockstore,
    },
    machine: describeMachine(s),
    clients: s.clients,
    metrics: [...rec.metrics.values()]
      .sort((a, b) => METRIC_ORDER.indexOf(a.id) - METRIC_ORDER.indexOf(b.id))
      .map((m) => ({ ...m, ...summarize(m) })),
    floor,
    verification: rec.verification,
    failures: rec.failures,
    extra: { cpuSeconds: rec.cpuSeconds },
    notes: rec.notes,
    durationSeconds: (performance.now() - started) / 1000,
  };
}

/** Writes `<out>/<timestamp>.{json,md,svg}` and `<out>/latest.{json,md,svg}`, and prints the table. */
function writeResults(out: string, timestamp: string, results: BenchResults): void {
  mkdirSync(out, { recursive: true });
  const stamp = timestamp.replace(/[:]/g, "-");
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const md = renderMarkdown(results);
  const svg = renderChart(results);
  for (const name of [stamp, "latest"]) {
    writeFileSync(join(out, `${name}.json`), json);
    writeFileSync(join(out, `${name}.md`), md);
    writeFileSync(join(out, `${name}.svg`), svg);
  }
  process.stdout.write(`\n${renderTerminal(results)}\n\nwrote ${relative(process.cwd(), join(out, `${stamp}.json`))}, .md and .svg (and latest.*)\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const s = parseArgs(argv);
  const started = performance.now();
  const timestamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  requirePython(s);
  if (s.cpuProf) mkdirSync(s.cpuProf, { recursive: true });

  const workDir = mkdtempSync(join(tmpdir(), "lakefs-s3-bench-"));
  const home = join(workDir, "home");
  mkdirSync(home, { recursive: true });
  const rec = new Recorder(s.clients);
  log(`bench: ${s.clients.join(", ")} × ${s.workloads.join(", ")}, ${s.reps} rep(s); scratch ${workDir}`);

  let servers: BenchServers | undefined;
  let lakefs: LakeFS | undefined;
  let floor: Record<string, number | string> = {};
  const release = cleanupOnSignal(async () => {
    lakefs?.destroy();
    await servers?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });
  try {
    const bundles = await buildBundles(s, workDir);
    servers = await startBenchServers(s.blockstore);
    const server = servers.lakefs;
    log(`bench: lakeFS at ${server.endpoint} on the ${s.blockstore} blockstore${servers.minio ? ` (MinIO at ${servers.minio.endpoint})` : ""}, data in ${server.dataDir}`);
    lakefs = new LakeFS({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false });
    floor = await benchOnServer(s, rec, workDir, home, bundles, servers, lakefs);
  } finally {
    release();
    lakefs?.destroy();
    await servers?.stop();
    rmSync(workDir, { recursive: true, force: true });
  }

  attachFloors(rec.metrics, floor);
  rec.notes.push(...methodNotes(s.blockstore));
  const results = assembleResults(s, argv, timestamp, rec, floor, started);
  writeResults(s.out, timestamp, results);
  const bad = rec.verification.filter((v) => !v.ok).length;
  if (rec.failures.length > 0 || bad > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
