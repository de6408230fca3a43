/**
 * Test support: running real Debian daemons (nginx, tinyproxy, …) as
 * foreground child processes on loopback ports, for the TLS front and the
 * HTTP proxy helpers and any test that needs such a part.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:net";
import { freePort } from "../../tools/lakefs/server.js";

export { freePort };

/** A program a test needs and the Debian package that provides it. */
export interface RequiredTool {
  readonly command: string;
  readonly debianPackage: string;
}

/**
 * Throws one clear error naming every missing program and the Debian
 * packages to install, before any test starts a process.
 */
export function requireTools(tools: readonly RequiredTool[]): void {
  const missing = tools.filter(({ command }) => spawnSync("sh", ["-c", `command -v ${command}`]).status !== 0);
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((t) => t.debianPackage))].join(" ");
  throw new Error(
    `These tests need ${missing.map((t) => t.command).join(", ")}, which ${missing.length === 1 ? "is" : "are"} not installed. ` +
      `Install them with: apt-get install -y --no-install-recommends ${packages} ` +
      `(CI installs the packages listed in APT_PACKAGES of .ci/run).`,
  );
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(nothing written)";
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves once something accepts TCP connections on the port. */
async function canConnect(port: number): Promise<boolean> {
  const socket = connect({ host: "127.0.0.1", port });
  try {
    await once(socket, "connect");
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

/** A daemon started by {@link startDaemon}. */
export interface Daemon {
  readonly process: ChildProcess;
  /** The loopback ports it listens on, in the order asked for. */
  readonly ports: readonly number[];
  /** Stops it with SIGTERM (SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Options of {@link startDaemon}. */
export interface StartDaemonOptions {
  /** Name for messages, such as `nginx`. */
  readonly name: string;
  /** How many free loopback ports to pass to `launch`. */
  readonly portCount: number;
  /** Writes the configuration for these ports and returns the command line. */
  readonly launch: (ports: readonly number[]) => { command: string; args: string[] };
  /** File that takes the child's stdout and stderr. */
  readonly outputFile: string;
  /** Files to quote when start-up fails (the output file is always quoted). */
  readonly logFiles?: readonly string[];
  /** Milliseconds to wait for the ports to open. Default 10 000. */
  readonly startTimeoutMs?: number;
}

/**
 * Starts a daemon in the foreground on free loopback ports and resolves once
 * every port accepts connections. If a port was taken in the meantime (the
 * child exits early), it tries again with new ports, up to three times.
 */
export async function startDaemon(options: StartDaemonOptions): Promise<Daemon> {
  const deadlineMs = options.startTimeoutMs ?? 10_000;
  let lastFailure = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const ports: number[] = [];
    while (ports.length < options.portCount) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    const { command, args } = options.launch(ports);
    const out = openSync(options.outputFile, "a");
    const child = spawn(command, args, { stdio: ["ignore", out, out] });
    closeSync(out);
    child.on("error", () => {}); // reported through the exit check below

    const deadline = Date.now() + deadlineMs;
    let ready = false;
    while (!exited(child) && Date.now() < deadline) {
      const open = await Promise.all(ports.map(canConnect));
      if (open.every(Boolean)) {
        ready = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    const logs = [options.outputFile, ...(options.logFiles ?? [])].map((f) => `--- ${f}\n${tail(f)}`).join("\n");
    if (ready && !exited(child)) {
      return { process: child, ports, stop: () => stopProcess(child) };
    }
    if (!exited(child)) {
      await stopProcess(child);
      throw new Error(`${options.name} did not open ports ${ports.join(", ")} within ${deadlineMs} ms.\n${logs}`);
    }
    lastFailure = `${options.name} exited during start-up (code ${child.exitCode}, signal ${child.signalCode}).\n${logs}`;
    if (!/address already in use|bind\(\)|Could not create listening sockets/i.test(logs)) break;
  }
  throw new Error(lastFailure);
}

/** A daemon whose files live in a temporary directory of its own (see {@link startDaemonInTempDir}). */
export interface TempDirDaemon {
  readonly daemon: Daemon;
  /** Its directory: configuration, logs, data. */
  readonly dir: string;
  /** Stops the daemon and removes its directory. */
  stop(): Promise<void>;
}

/**
 * {@link startDaemon} in a new temporary directory (`<prefix>XXXXXX`), which
 * `then` may use further (for example to create buckets) before the daemon is
 * handed back; any failure on the way stops the daemon and removes the
 * directory, and `stop()` does both later.
 */
export async function startDaemonInTempDir<T>(
  prefix: string,
  options: (dir: string) => StartDaemonOptions,
  then: (started: TempDirDaemon) => Promise<T> | T,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let daemon: Daemon | undefined;
  const stop = async (): Promise<void> => {
    await daemon?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    daemon = await startDaemon(options(dir));
    return await then({ daemon, dir, stop });
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Stops a child process: SIGTERM, then SIGKILL after a grace period. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (exited(child)) return;
  const done = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await done;
  clearTimeout(timer);
}

/**
 * Waits until another hook has produced a value. Node 20 starts a file's
 * top-level `before` hooks together rather than one after the other, so a
 * helper that needs, say, the lakeFS server from `useLakeFS()` waits for it.
 */
export async function whenReady<T>(get: () => T | undefined, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${timeoutMs} ms (did its before hook fail?)`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Waits until a growing log (nginx, tinyproxy) stops growing: they write a
 * request's line when it completes, which can be just after the client has
 * its response. Resolves after `quietMs` without a new line, or after `maxMs`.
 */
export async function logSettled(lineCount: () => number, quietMs = 250, maxMs = 5_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = lineCount();
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    const now = lineCount();
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
  }
}
