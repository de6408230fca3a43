#!/usr/bin/env node
// Builds lakeFS and lakectl from the Go module pinned in tools/lakefs/go.mod (the default
// version) or in tools/lakefs/versions/<version>/go.mod (older servers of the version
// matrix), and caches the binaries by version and module hash, so a warm machine never
// rebuilds. The version comes from $LAKEFS_S3_TEST_LAKEFS_VERSION, else the default.
// Prints the directory that holds the binaries. Importable: `ensureLakeFSBinaries()`.
//   node tools/lakefs/build.mjs [VERSION]
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cacheRoot, ensureGoTool, goToolDir, requiredVersion } from "../build-go-tool.mjs";

const defaultModuleDir = dirname(fileURLToPath(import.meta.url));
const LAKEFS_MODULE = "github.com/treeverse/lakefs";
const COMMANDS = ["lakefs", "lakectl"];

/** The default lakeFS version: the one tools/lakefs/go.mod requires. */
export const LAKEFS_VERSION = requiredVersion(defaultModuleDir, LAKEFS_MODULE);

/** Versions other than the default that have a pinned module in tools/lakefs/versions/. */
export const OTHER_LAKEFS_VERSIONS = existsSync(join(defaultModuleDir, "versions"))
  ? readdirSync(join(defaultModuleDir, "versions")).sort()
  : [];

/** The version asked for: `$LAKEFS_S3_TEST_LAKEFS_VERSION`, else the default. */
export function selectedLakeFSVersion() {
  return process.env.LAKEFS_S3_TEST_LAKEFS_VERSION?.trim() || LAKEFS_VERSION;
}

/**
 * The module directory to build `version` in. Older versions keep only go.mod and go.sum in
 * the repository; the commands (cmd/) are shared, so they are assembled under the cache.
 */
function moduleDirFor(version) {
  if (version === LAKEFS_VERSION) return defaultModuleDir;
  const pinned = join(defaultModuleDir, "versions", version);
  if (!existsSync(join(pinned, "go.mod"))) {
    const known = [LAKEFS_VERSION, ...OTHER_LAKEFS_VERSIONS].join(", ");
    throw new Error(`No pinned Go module for lakeFS ${version} (tools/lakefs/versions/${version}/go.mod); known versions: ${known}.`);
  }
  const pinnedVersion = requiredVersion(pinned, LAKEFS_MODULE);
  if (pinnedVersion !== version) throw new Error(`tools/lakefs/versions/${version}/go.mod requires lakeFS ${pinnedVersion}, not ${version}.`);
  const dir = join(cacheRoot(), `lakefs-module-${version}`);
  for (const file of ["go.mod", "go.sum"]) copyInto(join(pinned, file), join(dir, file));
  for (const cmd of COMMANDS) copyInto(join(defaultModuleDir, "cmd", cmd, "main.go"), join(dir, "cmd", cmd, "main.go"));
  return dir;
}

function copyInto(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

function specFor(version) {
  return {
    moduleDir: moduleDirFor(version),
    name: "lakefs",
    version,
    hashFiles: ["go.mod", "go.sum", ...COMMANDS.map((c) => `cmd/${c}/main.go`)],
    binaries: COMMANDS.map((name) => ({
      name,
      pkg: `./cmd/${name}`,
      ldflags: `-X github.com/treeverse/lakefs/pkg/version.Version=${version}`,
    })),
  };
}

/** The directory the binaries of this exact module set live in. */
export function binaryDir({ version = selectedLakeFSVersion() } = {}) {
  return goToolDir(specFor(version));
}

/** Builds the binaries of `version` (default: the selected one) unless they are cached; returns their paths. */
export function ensureLakeFSBinaries({ quiet = false, version = selectedLakeFSVersion() } = {}) {
  const { dir, paths, built } = ensureGoTool({ ...specFor(version), quiet });
  return { dir, lakefs: paths.lakefs, lakectl: paths.lakectl, built, version };
}

/**
 * Throws unless the lakefs binary reports `version` and was compiled from lakeFS module
 * `version` (the `-X` ldflag alone would print any version asked for).
 */
export function assertLakeFSVersion(lakefs, version) {
  const reported = spawnSync(lakefs, ["--version"], { encoding: "utf8" }).stdout.trim();
  if (reported !== `lakefs version ${version}`) throw new Error(`${lakefs} reports "${reported}", not lakeFS ${version}.`);
  const info = spawnSync("go", ["version", "-m", lakefs], { encoding: "utf8" }).stdout;
  const built = new RegExp(`^\\s*dep\\s+${LAKEFS_MODULE.replaceAll(".", "\\.")}\\s+v(\\S+)`, "m").exec(info)?.[1];
  if (built !== version) throw new Error(`${lakefs} was built from lakeFS module ${built ?? "(unknown)"}, not ${version}.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { dir, lakefs, version } = ensureLakeFSBinaries({ version: process.argv[2] || selectedLakeFSVersion() });
  assertLakeFSVersion(lakefs, version);
  process.stdout.write(`${dir}\n`);
}
