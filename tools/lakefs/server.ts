/**
 * Starts and stops a real lakeFS server for tests, the tour and benchmarks:
 * 127.0.0.1 on a free port, a fresh temporary directory, local KV and local
 * blockstore, fixed installation credentials.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
// @ts-expect-error: plain ESM helper without declarations
import { ensureLakeFSBinaries } from "./build.mjs";

/** Credentials the embedded server is set up with; tests use them. */
export const TEST_CREDENTIALS = {
  userName: "lakefs-s3-admin",
  accessKeyId: "AKIAIOSFOLKFSSAMPLES",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYLAKEFSKEY1",
} as const;

/** A running lakeFS server. */
export interface LakeFSServer {
  /** Base URL, e.g. `http://127.0.0.1:40123` (no `/api/v1`). */
  readonly endpoint: string;
  readonly port: number;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary directory holding config, metadata, data and the log. */
  readonly dataDir: string;
  /** The blockstore root: `local://x` namespaces live under it. */
  readonly blockstoreDir: string;
  /**
   * A directory lakeFS may import from (local blockstore only): files put
   * here are imported with sources `local://<importDir>/…`.
   */
  readonly importDir: string;
  readonly logFile: string;
  /** Path of the lakectl binary built from the same module. */
  readonly lakectl: string;
  /** The child process. */
  readonly process: ChildProcess;
  /** Stops the server with SIGTERM (SIGKILL after a grace period); removes its data unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Kills the server with SIGKILL at once, keeping its data (to test crash recovery). */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data directory. */
  restart(): Promise<void>;
}

/** Options of {@link startLakeFS}. */
export interface StartLakeFSOptions {
  /** Reuse this data directory (for restarts); a fresh one by default. */
  readonly dataDir?: string;
  /** Milliseconds to wait for the server to become healthy. Default 60 000. */
  readonly startTimeoutMs?: number;
  /** Extra YAML appended to the generated config. */
  readonly extraConfig?: string;
  /** The KV store: `local` (default, in the data directory) or PostgreSQL at `connectionString`. */
  readonly database?: { readonly type: "local" } | { readonly type: "postgres"; readonly connectionString: string };
  /** The blockstore: `local` (default, in the data directory) or an S3-compatible store. */
  readonly blockstore?: { readonly type: "local" } | S3BlockstoreOptions;
  /**
   * Extra environment variables of the server process, such as the
   * `LAKEFSACTION_*` variables that action files read as `{{ ENV.NAME }}`.
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Where the local blockstore and the import directory live, instead of the data directory:
   * several servers on one PostgreSQL KV must share them (the scaled-out leg).
   */
  readonly sharedStorageDir?: string;
}

/** An S3-compatible blockstore for {@link StartLakeFSOptions.blockstore}. */
export interface S3BlockstoreOptions {
  readonly type: "s3";
  /** e.g. `http://127.0.0.1:9000`. */
  readonly endpoint: string;
  readonly region?: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** How long lakeFS's presigned URLs stay valid, as a Go duration (`15m`, lakeFS's default, when unset). */
  readonly preSignedExpiry?: string;
  /**
   * The endpoint lakeFS puts in the presigned URLs it hands out (`pre_signed_endpoint`), when
   * clients must reach the store at another address than lakeFS does: a relay or Toxiproxy in
   * front of the store. lakeFS's own store requests still go to `endpoint`. Default: `endpoint`.
   */
  readonly preSignedEndpoint?: string;
}

function databaseYaml(dataDir: string, database: StartLakeFSOptions["database"]): string {
  if (database?.type === "postgres") {
    return `database:
  type: postgres
  postgres:
    connection_string: ${JSON.stringify(database.connectionString)}`;
  }
  return `database:
  type: local
  local:
    path: "${join(dataDir, "metadata")}"`;
}

function blockstoreYaml(storageDir: string, blockstore: StartLakeFSOptions["blockstore"]): string {
  if (blockstore?.type === "s3") {
    return `blockstore:
  type: s3
  s3:
    endpoint: ${JSON.stringify(blockstore.endpoint)}
    region: ${JSON.stringify(blockstore.region ?? "us-east-1")}
    force_path_style: true
    discover_bucket_region: false${blockstore.preSignedExpiry ? `\n    pre_signed_expiry: ${JSON.stringify(blockstore.preSignedExpiry)}` : ""}${
      blockstore.preSignedEndpoint ? `\n    pre_signed_endpoint: ${JSON.stringify(blockstore.preSignedEndpoint)}` : ""
    }
    credentials:
      access_key_id: ${JSON.stringify(blockstore.accessKeyId)}
      secret_access_key: ${JSON.stringify(blockstore.secretAccessKey)}`;
  }
  return `blockstore:
  type: local
  local:
    path: "${join(storageDir, "data")}"
    import_enabled: true
    allowed_external_prefixes: ["${join(storageDir, "import")}/"]`;
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("could not get a free port");
  return address.port;
}

function configYaml(dataDir: string, port: number, extra = "", options: StartLakeFSOptions = {}): string {
  return `listen_address: "127.0.0.1:${port}"
logging:
  format: text
  level: INFO
  output: "${join(dataDir, "lakefs.log")}"
${databaseYaml(dataDir, options.database)}
${blockstoreYaml(options.sharedStorageDir ?? dataDir, options.blockstore)}
auth:
  encrypt:
    secret_key: "lakefs-s3-test-encryption-key-0123456789"
installation:
  user_name: "${TEST_CREDENTIALS.userName}"
  access_key_id: "${TEST_CREDENTIALS.accessKeyId}"
  secret_access_key: "${TEST_CREDENTIALS.secretAccessKey}"
stats:
  enabled: false
security:
  check_latest_version: false
ui:
  enabled: false
${extra}`;
}

function tail(file: string, lines: number): string | undefined {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return undefined;
  }
}

/**
 * The end of the server's log and of its stderr: lakeFS logs to the file but
 * reports fatal start-up errors (such as a port in use) on stderr only.
 */
function logTail(logFile: string, lines = 30): string {
  const log = tail(logFile, lines) ?? "(no log written)";
  const stderr = tail(join(dirname(logFile), "lakefs.stderr"), 3);
  return stderr ? `${log}\n--- stderr:\n${stderr}` : log;
}

async function waitHealthy(endpoint: string, child: ChildProcess, deadline: number, logFile: string): Promise<void> {
  const auth = `Basic ${Buffer.from(`${TEST_CREDENTIALS.accessKeyId}:${TEST_CREDENTIALS.secretAccessKey}`).toString("base64")}`;
  let last = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `lakeFS exited during start-up (code ${child.exitCode}, signal ${child.signalCode}). Log tail:\n${logTail(logFile)}`,
      );
    }
    try {
      const health = await fetch(`${endpoint}/_health`, { signal: AbortSignal.timeout(2000) });
      // Health answers before the installation user exists: wait for an authenticated call too.
      if (health.ok) {
        const user = await fetch(`${endpoint}/api/v1/user`, { headers: { authorization: auth }, signal: AbortSignal.timeout(2000) });
        if (user.ok) return;
        last = `GET /api/v1/user answered ${user.status}`;
      } else {
        last = `GET /_health answered ${health.status}`;
      }
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`lakeFS did not become healthy at ${endpoint} in time (last: ${last}). Log tail:\n${logTail(logFile)}`);
}

/** Starts a real lakeFS server and resolves once it answers authenticated calls. */
export async function startLakeFS(options: StartLakeFSOptions = {}): Promise<LakeFSServer> {
  const { lakefs, lakectl } = ensureLakeFSBinaries() as { lakefs: string; lakectl: string };
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "lakefs-s3-server-"));
  const storageDir = options.sharedStorageDir ?? dataDir;
  mkdirSync(join(storageDir, "import"), { recursive: true });
  const logFile = join(dataDir, "lakefs.log");
  const configFile = join(dataDir, "lakefs.yaml");
  const timeout = options.startTimeoutMs ?? 60_000;
  let port = await freePort();
  let child!: ChildProcess;

  let setUp = false;
  const launch = async (): Promise<void> => {
    writeFileSync(configFile, configYaml(dataDir, port, options.extraConfig, options));
    // lakeFS applies the installation section only on a local KV store: set PostgreSQL up once.
    if (options.database?.type === "postgres" && !setUp) {
      const setup = spawnSync(
        lakefs,
        ["setup", "-c", configFile, "--user-name", TEST_CREDENTIALS.userName, "--access-key-id", TEST_CREDENTIALS.accessKeyId,
          "--secret-access-key", TEST_CREDENTIALS.secretAccessKey],
        { encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: dataDir }, timeout: 60_000 },
      );
      if (setup.status !== 0 && !/already complete/i.test(`${setup.stdout}${setup.stderr}`)) {
        throw new Error(`lakefs setup on PostgreSQL failed (exit ${setup.status}): ${setup.stdout}${setup.stderr}\nLog tail:\n${logTail(logFile)}`);
      }
      setUp = true;
    }
    const stderrFd = openSync(join(dataDir, "lakefs.stderr"), "a");
    child = spawn(lakefs, ["run", "-c", configFile], {
      stdio: ["ignore", "ignore", stderrFd],
      env: { ...options.env, PATH: process.env.PATH ?? "", HOME: dataDir },
    });
    closeSync(stderrFd);
    try {
      await waitHealthy(`http://127.0.0.1:${port}`, child, Date.now() + timeout, logFile);
    } catch (err) {
      child.kill("SIGKILL");
      throw err;
    }
  };

  for (let attempt = 0; ; attempt++) {
    try {
      await launch();
      break;
    } catch (err) {
      // Another process may have taken the port between freePort() and lakeFS binding it.
      if (attempt < 4 && /address already in use/.test(logTail(logFile, 10))) {
        port = await freePort();
        continue;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
  }

  const stopChild = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const server: LakeFSServer = {
    get endpoint() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    accessKeyId: TEST_CREDENTIALS.accessKeyId,
    secretAccessKey: TEST_CREDENTIALS.secretAccessKey,
    dataDir,
    blockstoreDir: join(storageDir, "data"),
    importDir: join(storageDir, "import"),
    logFile,
    lakectl,
    get process() {
      return child;
    },
    async stop({ keepData = false } = {}) {
      await stopChild("SIGTERM");
      if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      await stopChild("SIGKILL");
    },
    async restart() {
      await stopChild("SIGTERM");
      await launch();
    },
  };
  return server;
}
