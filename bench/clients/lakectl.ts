/**
 * Driver for lakectl (the binary built from the same Go module as the
 * server). Unlike the other drivers it runs in the orchestrator's process and
 * spawns lakectl itself, once per step, under `/usr/bin/time` for the peak
 * RSS; times are wall-clock from spawn to exit, so they include lakectl's own
 * start-up (a few milliseconds). Pre-signed URLs are on (`--pre-sign`) when the
 * task says `presign` (lakeFS on MinIO), off otherwise (the local blockstore has
 * none); the progress bar is off. With `--pre-sign` lakectl asks the server's
 * storage config and uploads files of 5 MiB or more as presigned multipart
 * (5 MiB parts, 5 in flight: lakectl's own constants, not `-p`).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DriverResult, LargeGetTask, LargePutTask, ListTask, SmallTask, Target } from "./common.js";
import { smallContent, smallKey } from "./common.js";

/** What the lakectl driver needs besides the task. */
export interface LakectlContext {
  /** The lakectl binary. */
  readonly lakectl: string;
  /** A scratch folder (HOME of the process; download targets). */
  readonly workDir: string;
  /** For the small workload: a folder holding the `count` small files named like {@link smallKey} without the prefix. */
  readonly smallDir: string;
}

interface Run {
  readonly seconds: number;
  readonly maxRssKiB: number;
  readonly cpuSeconds: number;
  readonly stdout: string;
}

function env(target: Target, workDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: join(workDir, "home"),
    LAKECTL_SERVER_ENDPOINT_URL: target.endpoint,
    LAKECTL_CREDENTIALS_ACCESS_KEY_ID: target.accessKeyId,
    LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: target.secretAccessKey,
  };
}

/** Runs lakectl under `/usr/bin/time -f "%M %U %S"`; rejects with its stderr on a non-zero exit. */
export async function runLakectl(ctx: LakectlContext, target: Target, args: readonly string[], countLines = false): Promise<Run & { lines: number }> {
  mkdirSync(join(ctx.workDir, "home"), { recursive: true });
  const timeFile = join(ctx.workDir, `lakectl-time-${process.pid}-${Date.now()}.txt`);
  const started = performance.now();
  const child = spawn("/usr/bin/time", ["-f", "%M %U %S", "-o", timeFile, ctx.lakectl, ...args], {
    env: env(target, ctx.workDir),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let lines = 0;
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (s: string) => {
    if (countLines) {
      for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) lines++;
    } else if (stdout.length < 1 << 20) stdout += s;
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (s: string) => {
    if (stderr.length < 1 << 16) stderr += s;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  let maxRssKiB = 0;
  let cpuSeconds = 0;
  if (existsSync(timeFile)) {
    // `time` prints "Command exited with non-zero status N" before the figures on failure.
    const lines = readFileSync(timeFile, "utf8").trim().split("\n");
    const [rss, user, sys] = (lines[lines.length - 1] ?? "").split(" ").map(Number);
    maxRssKiB = rss || 0;
    cpuSeconds = (user || 0) + (sys || 0);
    rmSync(timeFile, { force: true });
  }
  if (code !== 0) throw new Error(`lakectl ${args.join(" ")} exited ${code}: ${stderr.trim() || stdout.trim()}`);
  return { seconds, maxRssKiB, cpuSeconds, stdout, lines };
}

const uri = (t: Target, path: string): string => `lakefs://${t.repository}/${t.branch}/${path}`;
const ioFlags = (t: Target): string[] => [t.presign ? "--pre-sign" : "--pre-sign=false", "--no-progress"];

/** Small objects: `fs upload --recursive` of the folder of small files, then `fs download --recursive`. */
export async function lakectlSmall(ctx: LakectlContext, task: SmallTask): Promise<DriverResult> {
  const c = String(task.concurrency);
  const put = await runLakectl(ctx, task, ["fs", "upload", "--recursive", "-s", ctx.smallDir, uri(task, task.prefix), "-p", c, ...ioFlags(task)]);
  const out = join(ctx.workDir, `lakectl-small-${task.branch}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  try {
    const get = await runLakectl(ctx, task, ["fs", "download", "--recursive", uri(task, task.prefix), out, "-p", c, ...ioFlags(task)]);
    const mismatches: string[] = [];
    let verified = 0;
    for (const i of task.sample) {
      const file = join(out, smallKey("", i));
      if (existsSync(file) && readFileSync(file).equals(smallContent(i, task.size))) verified++;
      else mismatches.push(smallKey(task.prefix, i));
    }
    return {
      op: "small",
      putSeconds: put.seconds,
      getSeconds: get.seconds,
      verified,
      mismatches,
      maxRssKiB: Math.max(put.maxRssKiB, get.maxRssKiB),
      cpuSeconds: put.cpuSeconds + get.cpuSeconds,
      putCpuSeconds: put.cpuSeconds,
      getCpuSeconds: get.cpuSeconds,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The large object up: `fs upload -s <file>`. */
export async function lakectlLargePut(ctx: LakectlContext, task: LargePutTask): Promise<DriverResult> {
  const run = await runLakectl(ctx, task, ["fs", "upload", "-s", task.file, uri(task, task.key), "-p", String(task.concurrency), ...ioFlags(task)]);
  return { op: "large-put", seconds: run.seconds, maxRssKiB: run.maxRssKiB, cpuSeconds: run.cpuSeconds, workCpuSeconds: run.cpuSeconds };
}

/** The large object down: `fs download` with the same part size and parallelism. */
export async function lakectlLargeGet(ctx: LakectlContext, task: LargeGetTask): Promise<DriverResult> {
  const run = await runLakectl(ctx, task, [
    "fs",
    "download",
    uri(task, task.key),
    task.dest,
    "-p",
    String(task.concurrency),
    "--part-size",
    String(task.partSize),
    ...ioFlags(task),
  ]);
  return { op: "large-get", seconds: run.seconds, maxRssKiB: run.maxRssKiB, cpuSeconds: run.cpuSeconds, workCpuSeconds: run.cpuSeconds };
}

/** Listing: `fs ls --recursive`, counting output lines. */
export async function lakectlList(ctx: LakectlContext, task: ListTask): Promise<DriverResult> {
  const run = await runLakectl(ctx, task, ["fs", "ls", "--recursive", uri(task, task.prefix)], true);
  return { op: "list", seconds: run.seconds, count: run.lines, maxRssKiB: run.maxRssKiB, cpuSeconds: run.cpuSeconds, workCpuSeconds: run.cpuSeconds };
}

/** Cold start: `fs cat` of one object; the caller times spawn → exit. */
export function lakectlColdArgs(target: Target, path: string): string[] {
  return ["fs", "cat", uri(target, path)];
}

/** The environment lakectl runs with. */
export function lakectlEnv(target: Target, workDir: string): NodeJS.ProcessEnv {
  mkdirSync(join(workDir, "home"), { recursive: true });
  return env(target, workDir);
}
