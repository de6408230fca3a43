#!/usr/bin/env node
// `npm test`: builds (or finds cached) lakeFS binaries when an integration test
// is selected, typechecks, checks the generated OpenAPI types and the public API reports
// (etc/api/, `npm run api:update`), then runs every test/unit/**/*.test.ts and
// test/integration/**/*.test.ts file with Node's test runner, on the very Node
// that runs this script (so `PATH=/path/to/node22/bin:$PATH npm test` tests Node 22).
//
//   npm test                                         everything
//   npm test -- test/integration/foundation.test.ts  just these files (or directories)
//   npm test -- --test-name-pattern=merge            extra options go to `node --test`
//   npm test -- --no-checks test/unit                skip typecheck, the OpenAPI check and the API report check
//   npm test -- test/unit                            unit tests only: no lakeFS is built or started
//
// Env: LAKEFS_S3_TEST_CONCURRENCY (default 2 files at a time), LAKEFS_S3_TEST_TIMEOUT_MS
// (per test, default 300000), LAKEFS_S3_SKIP_CHECKS=1 (same as --no-checks).
// When the project venv .venv exists (bash .ci/run makes it), its bin/ goes first on
// PATH and LAKEFS_S3_PYTHON names its python for tests that drive Python peers.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { delimiter, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildTools, toolsFor } from "../tools/test-tools.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TEST_DIRS = ["test/unit", "test/integration"];
const node = process.execPath;
const started = Date.now();

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (line) => process.stdout.write(`${line}\n`);

/** All *.test.ts files under dir, recursively, sorted. */
function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(path));
    else if (entry.isFile() && entry.name.endsWith(".test.ts")) out.push(path);
  }
  return out.sort();
}

// ---- arguments: paths select files, the rest goes to `node --test`
const nodeArgs = [];
const selected = [];
let pathArgs = false;
let skipChecks = process.env.LAKEFS_S3_SKIP_CHECKS === "1";
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === "--no-checks") {
    skipChecks = true;
  } else if (arg.startsWith("-")) {
    nodeArgs.push(arg);
    // `--flag value`: keep the value with its flag unless it names a path.
    const next = argv[i + 1];
    if (!arg.includes("=") && next !== undefined && !next.startsWith("-") && !existsSync(resolve(next))) {
      nodeArgs.push(next);
      i++;
    }
  } else {
    const path = resolve(arg);
    if (!existsSync(path)) {
      process.stderr.write(`npm test: no such test file or directory: ${arg}\n`);
      process.exit(2);
    }
    pathArgs = true;
    selected.push(...(statSync(path).isDirectory() ? findTests(path) : [path]));
  }
}
const files = pathArgs ? [...new Set(selected)] : TEST_DIRS.flatMap((d) => findTests(join(root, d)));

say(`══════ lakefs-s3 npm test — Node ${process.version} (${node}), ${process.platform}-${process.arch} ══════`);

// ---- (a) every server binary the selected integration files start (lakeFS, and MinIO,
// gofakes3 or Toxiproxy where a file needs them), built once and cached, all before the first
// test; a unit-only run needs no Go toolchain. While the tests run, LAKEFS_S3_NO_BUILD=1 turns
// a binary that is still missing into an error rather than a build inside a test's timeout.
const unitDir = join(root, "test", "unit");
const integrationFiles = files.filter((f) => relative(unitDir, f).startsWith(".."));
let t = Date.now();
if (integrationFiles.length > 0) {
  buildTools(toolsFor(integrationFiles), say);
  say(`── test servers ready in ${seconds(t)}`);
} else {
  say("── no test servers needed (only unit tests selected)");
}

// ---- (b) typecheck, (c) generated OpenAPI types are current, (d) the public API matches etc/api/.
// They run side by side (each is one busy thread); each one's output is printed when it ends.
const failedChecks = [];
function check(name, args) {
  const t0 = Date.now();
  return new Promise((done) => {
    const child = spawn(node, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const output = [];
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("error", (err) => output.push(Buffer.from(`${err.message}\n`)));
    child.on("close", (code, signal) => {
      process.stdout.write(Buffer.concat(output));
      const ok = code === 0;
      if (!ok) failedChecks.push(name);
      say(`── ${name}: ${ok ? "ok" : `FAILED (exit ${code ?? signal})`} in ${seconds(t0)}`);
      done();
    });
  });
}
if (skipChecks) {
  say("── typecheck, OpenAPI check and API report check skipped (--no-checks)");
} else {
  // The OpenAPI check reads lakeFS's spec from its Go module, so it runs with the integration tests
  // (which need Go anyway): unit tests alone need no Go toolchain and download nothing.
  if (integrationFiles.length === 0) say("── OpenAPI check skipped: it reads lakeFS's Go module, and only unit tests are selected");
  await Promise.all([
    check("typecheck (tsc -p tsconfig.json)", [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]),
    ...(integrationFiles.length > 0 ? [check("OpenAPI types current", [join(root, "scripts", "generate-openapi-types.mjs"), "--check"])] : []),
    check("public API matches etc/api/ (npm run api:update records a change)", [join(root, "scripts", "api-report.mjs")]),
  ]);
}

// ---- (e) the tests
if (files.length === 0) {
  process.stderr.write("npm test: found no test files.\n");
  process.exit(1);
}
const env = { ...process.env, LAKEFS_S3_NO_BUILD: "1" };
const venv = join(root, ".venv");
if (existsSync(join(venv, "bin", "python"))) {
  env.PATH = `${join(venv, "bin")}${delimiter}${env.PATH ?? ""}`;
  env.VIRTUAL_ENV = venv;
  env.LAKEFS_S3_PYTHON ??= join(venv, "bin", "python");
}
const concurrency = process.env.LAKEFS_S3_TEST_CONCURRENCY || "2";
const timeout = process.env.LAKEFS_S3_TEST_TIMEOUT_MS || "300000";
const runnerArgs = [
  "--import",
  "tsx",
  "--test",
  `--test-concurrency=${concurrency}`,
  `--test-timeout=${timeout}`,
  // A file whose tests are done exits even if a socket or timer leaked, rather than hang CI.
  "--test-force-exit",
  ...(nodeArgs.some((a) => a.startsWith("--test-reporter")) ? [] : ["--test-reporter=spec"]),
  ...nodeArgs,
  ...files.map((f) => relative(root, f)),
];
if (failedChecks.length > 0) say(`── checks failed (${failedChecks.join(", ")}): running the tests anyway; npm test will fail`);
say(`── ${files.length} test files, ${concurrency} at a time: node ${runnerArgs.join(" ")}`);
t = Date.now();
const result = spawnSync(node, runnerArgs, { cwd: root, stdio: "inherit", env });
const code = result.status ?? 1;
if (result.error) process.stderr.write(`npm test: could not run the test runner: ${result.error.message}\n`);
if (failedChecks.length > 0) {
  process.stderr.write(`npm test: failing because ${failedChecks.join(" and ")} failed (see above); tests exited ${code}.\n`);
  process.exit(code || 1);
}
if (code !== 0) process.stderr.write(`npm test: the test runner exited ${code} after ${seconds(t)} (total ${seconds(started)}).\n`);
process.exit(code);
