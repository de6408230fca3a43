#!/usr/bin/env node
// Builds lakeFS and lakectl from the Go module pinned in tools/lakefs/go.mod and
// caches the binaries by version and module hash, so a warm machine never rebuilds.
// Prints the directory that holds the binaries. Importable: `ensureLakeFSBinaries()`.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const moduleDir = dirname(fileURLToPath(import.meta.url));
export const LAKEFS_VERSION = /github\.com\/treeverse\/lakefs v(\S+)/.exec(
  readFileSync(join(moduleDir, "go.mod"), "utf8"),
)[1];

function cacheRoot() {
  if (process.env.LAKEFS_S3_CACHE_DIR) return process.env.LAKEFS_S3_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(xdg, "lakefs-s3");
}

/** The directory the binaries of this exact module set live in. */
export function binaryDir() {
  const hash = createHash("sha256");
  for (const f of ["go.mod", "go.sum", "cmd/lakefs/main.go", "cmd/lakectl/main.go"]) {
    hash.update(readFileSync(join(moduleDir, f)));
  }
  return join(cacheRoot(), `lakefs-${LAKEFS_VERSION}-${hash.digest("hex").slice(0, 12)}`);
}

/** Builds the binaries unless they are cached; returns their paths. */
export function ensureLakeFSBinaries({ quiet = false } = {}) {
  const dir = binaryDir();
  const lakefs = join(dir, "lakefs");
  const lakectl = join(dir, "lakectl");
  if (existsSync(lakefs) && existsSync(lakectl)) return { dir, lakefs, lakectl, built: false };

  const log = quiet ? () => {} : (m) => process.stderr.write(`${m}\n`);
  log(`Building lakeFS ${LAKEFS_VERSION} and lakectl from the Go module proxy (first run only; cached in ${dir})…`);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const started = Date.now();
  for (const name of ["lakefs", "lakectl"]) {
    const result = spawnSync(
      "go",
      [
        "build",
        "-trimpath",
        "-ldflags",
        `-X github.com/treeverse/lakefs/pkg/version.Version=${LAKEFS_VERSION}`,
        "-o",
        join(tmp, name),
        `./cmd/${name}`,
      ],
      {
        cwd: moduleDir,
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly" },
      },
    );
    if (result.error) throw new Error(`Could not run the Go toolchain ("go"): ${result.error.message}. Install Go 1.26 or later.`);
    if (result.status !== 0) throw new Error(`go build of ${name} failed with exit code ${result.status}; see the output above.`);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  log(`Built lakeFS ${LAKEFS_VERSION} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return { dir, lakefs, lakectl, built: true };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { dir } = ensureLakeFSBinaries();
  process.stdout.write(`${dir}\n`);
}
