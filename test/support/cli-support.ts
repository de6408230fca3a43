/**
 * Test support for the CLI tests: runs `lakefs-s3` from the checkout
 * (`node --import tsx src/cli/main.ts …`) as a child process with a clean
 * environment (no LAKECTL_* or proxy variables leak in from the test
 * runner, HOME is an empty directory so no ~/.lakectl.yaml is read).
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { LakeFSServer } from "./lakefs.js";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const MAIN = join(REPO_ROOT, "src", "cli", "main.ts");
/** tsx's loader as a URL, so that `--import` finds it from any working directory. */
const TSX = import.meta.resolve("tsx");
const EMPTY_HOME = mkdtempSync(join(tmpdir(), "lakefs-s3-cli-home-"));

/** What a CLI run printed and how it exited. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Variables on top of PATH and an empty HOME. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Milliseconds before the child is killed. Default 120 000. */
  readonly timeoutMs?: number;
}

/** The environment a child gets: PATH, an empty HOME, and `extra`. */
export function cleanEnv(extra: Readonly<Record<string, string | undefined>> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: EMPTY_HOME };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** Runs a command line as a child process and collects its output. */
export function runProcess(command: string, args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd ?? REPO_ROOT, env: cleanEnv(options.env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** Runs `lakefs-s3 <args>` from the checkout's sources. */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  return runProcess(process.execPath, ["--import", TSX, MAIN, ...args], options);
}

/** The LAKECTL_* variables that point at a test server. */
export function lakectlEnv(server: LakeFSServer, overrides: Readonly<Record<string, string | undefined>> = {}): Record<string, string | undefined> {
  return {
    LAKECTL_SERVER_ENDPOINT_URL: server.endpoint,
    LAKECTL_CREDENTIALS_ACCESS_KEY_ID: server.accessKeyId,
    LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: server.secretAccessKey,
    ...overrides,
  };
}

/** The report `doctor --json` prints. */
export interface DoctorJson {
  readonly ok: boolean;
  readonly settings: Record<string, { value: string; source?: string }>;
  readonly steps: readonly { id: string; title: string; status: string; summary: string; fix?: string; setting?: string; blockedBy?: string; details?: string[] }[];
}

/** Parses `doctor --json` output, with the run in the message if it is not JSON. */
export function parseDoctor(run: CliRun): DoctorJson {
  try {
    return JSON.parse(run.stdout) as DoctorJson;
  } catch {
    throw new Error(`doctor --json printed no JSON (exit ${run.code}).\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/** The status of each step, by id. */
export function statuses(report: DoctorJson): Record<string, string> {
  return Object.fromEntries(report.steps.map((s) => [s.id, s.status]));
}
