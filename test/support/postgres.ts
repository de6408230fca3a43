/**
 * Test support: a throw-away PostgreSQL cluster from Debian's `postgresql`
 * package, for lakeFS's `database.type: postgres` KV store. The cluster lives
 * in a temporary directory, listens on a free loopback port (and a socket in
 * that directory), trusts local connections, and is stopped and removed by
 * `stop()`. PostgreSQL refuses to run as root, so as root every command runs
 * as the `postgres` user (`runuser -u postgres --`), with the directory owned
 * by that user.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { freePort } from "../../tools/lakefs/server.js";

/** A running PostgreSQL cluster. */
export interface PostgresCluster {
  readonly port: number;
  readonly dataDir: string;
  /** Creates a database and returns its connection string (`postgres://…?sslmode=disable`). */
  createDatabase(name: string): string;
  stop(): Promise<void>;
}

/** The directory with `initdb` and `pg_ctl`: $LAKEFS_S3_PG_BIN, else Debian's newest /usr/lib/postgresql/<v>/bin. */
export function postgresBinDir(): string {
  if (process.env.LAKEFS_S3_PG_BIN) return process.env.LAKEFS_S3_PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql: install them with " +
        "apt-get install -y --no-install-recommends postgresql (CI installs the packages listed in APT_PACKAGES of .ci/run), " +
        "or set LAKEFS_S3_PG_BIN to the directory that holds them.",
    );
  }
  return join(root, versions[0]!, "bin");
}

const asRoot = userInfo().uid === 0;

/** Runs a PostgreSQL program, as the `postgres` user when this process is root. */
function run(bin: string, args: string[]): string {
  const [command, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  try {
    return execFileSync(command, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], cwd: "/" });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${[command, ...argv].join(" ")} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

/** Initialises and starts a cluster (about a second). */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const dataDir = mkdtempSync(join(tmpdir(), "lakefs-s3-pg-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dataDir, uid, gid);
  }
  chmodSync(dataDir, 0o700);
  const pgdata = join(dataDir, "data");
  run(join(bin, "initdb"), ["-D", pgdata, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-sync"]);
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      run(join(bin, "pg_ctl"), [
        "-D",
        pgdata,
        "-l",
        join(dataDir, "postgres.log"),
        "-w",
        "-t",
        "60",
        "-o",
        `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
        "start",
      ]);
      break;
    } catch (err) {
      if (attempt >= 2) {
        rmSync(dataDir, { recursive: true, force: true });
        throw err;
      }
    }
  }
  const psql = join(bin, "psql");
  return {
    port,
    dataDir,
    createDatabase(name) {
      run(psql, ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", `CREATE DATABASE "${name}"`]);
      return `postgres://postgres@127.0.0.1:${port}/${name}?sslmode=disable`;
    },
    async stop() {
      spawnSync(asRoot ? "runuser" : join(bin, "pg_ctl"), [...(asRoot ? ["-u", "postgres", "--", join(bin, "pg_ctl")] : []), "-D", pgdata, "-m", "immediate", "-w", "stop"], {
        stdio: "ignore",
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
