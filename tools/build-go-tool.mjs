// Builds Go commands from a small module pinned in the repository (tools/<name>/go.mod)
// with the Go module proxy, and caches the binaries by version and module hash, so a warm
// machine never rebuilds. Shared by tools/lakefs/build.mjs and tools/toxiproxy/build.mjs.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Where built tools are cached: $LAKEFS_S3_CACHE_DIR, else $XDG_CACHE_HOME/lakefs-s3, else ~/.cache/lakefs-s3. */
export function cacheRoot() {
  if (process.env.LAKEFS_S3_CACHE_DIR) return process.env.LAKEFS_S3_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(xdg, "lakefs-s3");
}

/** The version a go.mod requires of `modulePath` (e.g. `1.84.0` for `github.com/treeverse/lakefs v1.84.0`). */
export function requiredVersion(moduleDir, modulePath) {
  const text = readFileSync(join(moduleDir, "go.mod"), "utf8");
  const escaped = modulePath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped} v(\\S+)`).exec(text);
  if (!match) throw new Error(`${join(moduleDir, "go.mod")} does not require ${modulePath}`);
  return match[1];
}

/**
 * The cache directory of one exact build: `<cache>/<name>-<version>-<hash of hashFiles>`.
 * @param {{ moduleDir: string, name: string, version: string, hashFiles: string[] }} spec
 */
export function goToolDir({ moduleDir, name, version, hashFiles }) {
  const hash = createHash("sha256");
  for (const f of hashFiles) hash.update(readFileSync(join(moduleDir, f)));
  return join(cacheRoot(), `${name}-${version}-${hash.digest("hex").slice(0, 12)}`);
}

/**
 * Builds the commands of a Go module unless they are cached; returns their paths.
 * Static binaries (`CGO_ENABLED=0`), `-trimpath`, `-mod=readonly` (go.sum must be complete).
 *
 * @param {{
 *   moduleDir: string,              // directory holding go.mod, go.sum and the commands
 *   name: string,                   // cache and message name, e.g. "lakefs"
 *   version: string,                // the pinned version, for the cache name and messages
 *   hashFiles: string[],            // files (relative to moduleDir) whose content keys the cache
 *   binaries: { name: string, pkg: string, ldflags?: string }[],  // output name and package (./cmd/x)
 *   quiet?: boolean,
 * }} spec
 * @returns {{ dir: string, paths: Record<string, string>, built: boolean }}
 */
export function ensureGoTool(spec) {
  const dir = goToolDir(spec);
  const paths = Object.fromEntries(spec.binaries.map((b) => [b.name, join(dir, b.name)]));
  if (Object.values(paths).every((p) => existsSync(p))) return { dir, paths, built: false };

  const log = spec.quiet ? () => {} : (m) => process.stderr.write(`${m}\n`);
  const names = spec.binaries.map((b) => b.name).join(" and ");
  if (process.env.LAKEFS_S3_NO_BUILD === "1") {
    // Set by `npm test` while tests run: a build inside a test would count against its timeout.
    throw new Error(`${names} ${spec.version} is not built (${dir}); npm test builds every test server before the first test: run it through npm test, or build it with node tools/test-tools.mjs.`);
  }
  log(`Building ${names} ${spec.version} from the Go module proxy (first run only; cached in ${dir})…`);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const started = Date.now();
  for (const binary of spec.binaries) {
    const args = ["build", "-trimpath", ...(binary.ldflags ? ["-ldflags", binary.ldflags] : []), "-o", join(tmp, binary.name), binary.pkg];
    const result = spawnSync("go", args, {
      cwd: spec.moduleDir,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly" },
    });
    if (result.error) throw new Error(`Could not run the Go toolchain ("go"): ${result.error.message}. Install Go 1.26 or later.`);
    if (result.status !== 0) throw new Error(`go build of ${binary.name} failed with exit code ${result.status}; see the output above.`);
  }
  try {
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } catch (err) {
    // Another process (a parallel test file) finished the same build first: use its binaries.
    rmSync(tmp, { recursive: true, force: true });
    if (!Object.values(paths).every((p) => existsSync(p))) throw err;
  }
  log(`Built ${names} ${spec.version} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return { dir, paths, built: true };
}
