/**
 * `npm run bench:receive`: where the floor of receiving an object is on this
 * machine, and how far each receiver is from it. One lakeFS (local
 * blockstore), one object; every receiver gets it from the gateway, to
 * nowhere and to a file, in its own process, in one run:
 *
 * - net-onread: Node's `net` reading into one reused 1 MiB buffer (`onread`), head parsed by hand, `writeSync` (the floor for Node)
 * - net-onread-workers: the same in `--concurrency` worker threads, a range of the object each, positional writes into one file
 * - lakefs-s3-direct-workers: the library's receiver (`DirectGet`) in `--concurrency` worker threads, `--part-size` ranges, written in place
 * - node-http: `http.get`, the body piped to `fs.createWriteStream`
 * - undici: undici's `request`, the body piped the same way
 * - lakefs-s3-download: `object.download()` (ranges of `--part-size`, `--concurrency` at a time)
 * - lakefs-s3-stream: `object.stream()` piped with `stream/promises` `pipeline`
 * - curl, and Python's `urllib` reading into a reused 1 MiB buffer (`readinto`)
 *
 * Figures: MiB/s, client CPU (user + system) per GiB, minor page faults per
 * GiB and peak RSS, from the receiver's own process (Node receivers count the
 * transfer alone; curl and Python their whole process, from `/usr/bin/time`);
 * for Node receivers also the main thread's event-loop delay (p50 / p99) while
 * receiving, what the caller's own work would wait.
 * With --strace, each receiver runs once more under `strace -c -f` and its
 * system calls per GiB are reported (not timed). With --cpu-prof DIR, Node
 * receivers write a V8 CPU profile of each run there (start-up included).
 *
 *   npm run bench:receive -- [--size 512MiB] [--reps 2] [--part-size 8MiB] [--concurrency 4]
 *     [--receivers a,b] [--strace] [--cpu-prof DIR] [--out DIR] [--python PATH]
 *
 * Writes `<out>/receive-<timestamp>.md` and `<out>/receive-latest.md` (default out: bench/results).
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LakeFS } from "../src/index.js";
import { startLakeFS } from "../tools/lakefs/server.js";
import { parseSize, sha256File } from "./files-and-sizes.js";
import { cleanupOnSignal } from "./interrupt.js";
import { NODE_RECEIVERS, type ReceiveTask } from "./receivers/task.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const ALL = [...NODE_RECEIVERS, "curl", "python-readinto"] as const;
type Name = (typeof ALL)[number];

interface Settings {
  size: number;
  reps: number;
  partSize: number;
  concurrency: number;
  receivers: Name[];
  strace: boolean;
  /** Where Node receivers write a V8 CPU profile of each run (`--cpu-prof`), if anywhere. */
  cpuProf?: string;
  out: string;
  python: string;
}

function parseArgs(argv: string[]): Settings {
  const s: Settings = {
    size: 512 * MiB,
    reps: 2,
    partSize: 8 * MiB,
    concurrency: 4,
    receivers: [...ALL],
    strace: false,
    out: join(ROOT, "bench", "results"),
    python: process.env.LAKEFS_S3_PYTHON ?? join(ROOT, ".venv", "bin", "python"),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => argv[++i] ?? (() => { throw new Error(`${flag} needs a value`); })();
    switch (flag) {
      case "--size": s.size = parseSize(value()); break;
      case "--reps": s.reps = Number(value()); break;
      case "--part-size": s.partSize = parseSize(value()); break;
      case "--concurrency": s.concurrency = Number(value()); break;
      case "--receivers": {
        const list = value().split(",");
        for (const r of list) if (!(ALL as readonly string[]).includes(r)) throw new Error(`unknown receiver ${r}; known: ${ALL.join(", ")}`);
        s.receivers = list as Name[];
        break;
      }
      case "--strace": s.strace = true; break;
      case "--cpu-prof": s.cpuProf = resolve(value()); break;
      case "--out": s.out = resolve(value()); break;
      case "--python": s.python = resolve(value()); break;
      default: throw new Error(`unknown flag ${flag}`);
    }
  }
  return s;
}

/** One measured receive. */
interface Sample {
  seconds: number;
  cpuSeconds: number;
  userSeconds: number;
  systemSeconds: number;
  minorFaults: number;
  maxRssKiB: number;
  loopDelayP50Ms?: number;
  loopDelayP99Ms?: number;
}

/** Python's floor: `urllib` reading into one reused 1 MiB buffer, written with `os.write`. */
const PYTHON_READINTO = `
import os, sys, urllib.request
url, dest = sys.argv[1], sys.argv[2]
buf = bytearray(1 << 20); view = memoryview(buf)
fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC) if dest != "-" else -1
with urllib.request.urlopen(url) as res:
    while True:
        n = res.readinto(buf)
        if not n: break
        if fd >= 0:
            at = 0
            while at < n: at += os.write(fd, view[at:n])
if fd >= 0: os.close(fd)
`;

/** Runs an external receiver under `/usr/bin/time` (its whole process is counted). */
function timedProcess(command: string, args: string[]): Sample {
  const start = performance.now();
  const res = spawnSync("/usr/bin/time", ["-f", "TIME %U %S %R %M", command, ...args], { encoding: "utf8", maxBuffer: 16 * MiB });
  const seconds = (performance.now() - start) / 1000;
  const line = /TIME ([\d.]+) ([\d.]+) (\d+) (\d+)/.exec(res.stderr);
  if (res.status !== 0 || !line) throw new Error(`${command} failed (${res.status}): ${res.stderr.slice(-500)}`);
  const [user, system] = [Number(line[1]), Number(line[2])];
  return { seconds, userSeconds: user, systemSeconds: system, cpuSeconds: user + system, minorFaults: Number(line[3]), maxRssKiB: Number(line[4]) };
}

function receiveOnce(s: Settings, name: Name, task: Omit<ReceiveTask, "receiver" | "dest">, dest: string | undefined, wrap: string[] = []): Sample {
  if (name === "curl") return timedProcess("curl", ["-sS", "-o", dest ?? "/dev/null", task.url]);
  if (name === "python-readinto") return timedProcess(s.python, ["-c", PYTHON_READINTO, task.url, dest ?? "-"]);
  const full: ReceiveTask = { ...task, receiver: name, ...(dest ? { dest } : {}) };
  const profile = s.cpuProf && wrap.length === 0 ? ["--cpu-prof", "--cpu-prof-dir", s.cpuProf, "--cpu-prof-name", `${name}-${dest ? "file" : "nowhere"}-${Date.now()}.cpuprofile`] : [];
  const argv = [...wrap, process.execPath, ...profile, "--import", "tsx", join(ROOT, "bench", "receivers", "receiver.ts"), JSON.stringify(full)];
  const res = spawnSync(argv[0]!, argv.slice(1), { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * MiB });
  if (res.status !== 0) throw new Error(`${name} failed (${res.status}): ${res.stderr.slice(-800)}`);
  return JSON.parse(res.stdout.trim().split("\n").at(-1)!) as Sample;
}

/**
 * Removes the received file and flushes the disk, so that each receive writes
 * to a disk with no writeback of the previous one still going on: the system
 * time of writing a file swings by ×2 otherwise.
 */
function settle(path: string): void {
  rmSync(path, { force: true });
  spawnSync("sync");
}

/** System calls per GiB of one receive under `strace -c -f`, the five most frequent named. */
function syscalls(s: Settings, name: Name, task: Omit<ReceiveTask, "receiver" | "dest">, dest: string): string {
  const report = join(tmpdir(), `lakefs-s3-strace-${process.pid}.txt`);
  const wrap = ["strace", "-c", "-f", "-o", report];
  if (name === "curl" || name === "python-readinto") {
    const args = name === "curl" ? ["curl", "-sS", "-o", dest, task.url] : [s.python, "-c", PYTHON_READINTO, task.url, dest];
    spawnSync(wrap[0]!, [...wrap.slice(1), ...args], { encoding: "utf8" });
  } else {
    receiveOnce(s, name, task, dest, wrap);
  }
  const text = readFileSync(report, "utf8");
  rmSync(report, { force: true });
  const rows = [...text.matchAll(/^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$/gm)].map((m) => ({ calls: Number(m[1]), name: m[2]! })).filter((r) => r.name !== "total");
  const total = rows.reduce((n, r) => n + r.calls, 0);
  const perGiB = (n: number): string => Math.round((n * GiB) / s.size).toLocaleString("en-US");
  const top = rows.sort((a, b) => b.calls - a.calls).slice(0, 5).map((r) => `${r.name} ${perGiB(r.calls)}`).join(", ");
  return `${perGiB(total)} (${top})`;
}

const median = (xs: number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
};

async function main(): Promise<void> {
  const s = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), "lakefs-s3-receive-"));
  const source = join(work, "source.bin");
  const fd = openSync(source, "w");
  for (let at = 0; at < s.size; at += 8 * MiB) writeSync(fd, randomBytes(Math.min(8 * MiB, s.size - at)));
  closeSync(fd);
  const expected = await sha256File(source);
  spawnSync("sync");
  const server = await startLakeFS();
  const release = cleanupOnSignal(async () => {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  });
  try {
    const lakefs = new LakeFS({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false });
    const repo = await lakefs.repository("receive").create({ storageNamespace: "local://receive" });
    const object = repo.branch("main").object("object.bin");
    await object.upload({ file: source });
    const task = {
      url: await object.presign({ expiresIn: 3600 }),
      endpoint: server.endpoint,
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
      repository: "receive",
      ref: "main",
      path: "object.bin",
      partSize: s.partSize,
      concurrency: s.concurrency,
      size: s.size,
    };
    const samples = new Map<string, Sample[]>();
    const dest = join(work, "received.bin");
    for (let rep = 0; rep < s.reps; rep++) {
      // The order rotates, so that no receiver always runs right after the same one.
      const order = s.receivers.map((_, i) => s.receivers[(i + rep) % s.receivers.length]!);
      for (const name of order) {
        for (const to of ["nowhere", "file"] as const) {
          const sample = receiveOnce(s, name, task, to === "file" ? dest : undefined);
          if (to === "file") {
            if (statSync(dest).size !== s.size || (await sha256File(dest)) !== expected) throw new Error(`${name}: the received file does not match the object`);
            settle(dest);
          }
          const key = `${name}\0${to}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          console.error(`receive: ${name} → ${to}, rep ${rep + 1}/${s.reps}: ${((s.size / MiB) / sample.seconds).toFixed(0)} MiB/s, ${((sample.cpuSeconds * GiB) / s.size).toFixed(2)} s CPU/GiB`);
        }
      }
    }
    const strace = new Map<Name, string>();
    if (s.strace) {
      for (const name of s.receivers) {
        strace.set(name, syscalls(s, name, task, dest));
        settle(dest);
      }
    }
    const report = render(s, samples, strace);
    console.log(report);
    const stamp = new Date().toISOString().replace(/:/g, "-").replace(/\.\d+Z$/, "Z");
    mkdirSync(s.out, { recursive: true });
    writeFileSync(join(s.out, `receive-${stamp}.md`), report);
    writeFileSync(join(s.out, "receive-latest.md"), report);
  } finally {
    release();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The main thread's event-loop delay, medians of the runs' p50 and p99 (Node receivers only). */
function loopDelay(xs: Sample[]): string {
  const p50 = xs.flatMap((x) => (x.loopDelayP50Ms === undefined ? [] : [x.loopDelayP50Ms]));
  const p99 = xs.flatMap((x) => (x.loopDelayP99Ms === undefined ? [] : [x.loopDelayP99Ms]));
  return p50.length ? `${median(p50).toFixed(1)} / ${median(p99).toFixed(1)}` : "—";
}

function render(s: Settings, samples: Map<string, Sample[]>, strace: Map<Name, string>): string {
  const gib = s.size / GiB;
  const lines = [
    `# Receiving one object — ${new Date().toISOString()}`,
    "",
    `Machine: cpus ${cpus().length} × ${cpus()[0]?.model.split(" ").slice(0, 2).join(" ")}; memory ${(totalmem() / GiB).toFixed(1)} GiB; node ${process.version}`,
    "",
    `One ${s.size / MiB} MiB object from lakeFS's gateway (local blockstore), ${s.reps} rep(s), medians; lakefs-s3-download: part ${s.partSize / MiB} MiB, ${s.concurrency} at a time.`,
    "",
    "| receiver | to | MiB/s | CPU s/GiB | user | system | minor faults/GiB | peak RSS MiB | loop delay p50 / p99 ms |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const name of s.receivers) {
    for (const to of ["nowhere", "file"]) {
      const xs = samples.get(`${name}\0${to}`) ?? [];
      if (xs.length === 0) continue;
      const m = (f: (x: Sample) => number): number => median(xs.map(f));
      lines.push(
        `| ${name} | ${to} | ${(s.size / MiB / m((x) => x.seconds)).toFixed(0)} | ${(m((x) => x.cpuSeconds) / gib).toFixed(2)} | ${(m((x) => x.userSeconds) / gib).toFixed(2)} | ${(m((x) => x.systemSeconds) / gib).toFixed(2)} | ${Math.round(m((x) => x.minorFaults) / gib).toLocaleString("en-US")} | ${(m((x) => x.maxRssKiB) / 1024).toFixed(0)} | ${loopDelay(xs)} |`,
      );
    }
  }
  if (strace.size > 0) {
    lines.push("", "System calls per GiB to a file (`strace -c -f`, one run each, the five most frequent):", "");
    for (const [name, text] of strace) lines.push(`- ${name}: ${text}`);
  }
  lines.push("", "Node receivers count the transfer alone (after a warm-up read); curl and Python their whole process.", "");
  return lines.join("\n");
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
