/**
 * The npm package as users get it: `npm pack` (which builds through
 * `prepack`), the tarball's contents, an install into an empty project
 * next to its peer dependency @aws-sdk/client-s3, an ESM program and a
 * TypeScript check against the installed package, and the installed
 * `lakefs-s3` command, all against the real lakeFS server.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { accessSync, constants, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { whenReady } from "../support/child-process.js";
import { uniqueRepoName, useLakeFS } from "../support/lakefs.js";
import { REPO_ROOT, lakectlEnv, runProcess, type CliRun } from "../support/cli-support.js";

const ctx = useLakeFS();
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: readonly { path: string; size: number }[];
}

let packed: PackResult;
let tarball: string;
let project: string;

/** npm with the test runner's own environment (registry, cache), in `cwd`. */
function runNpm(command: string, args: readonly string[], cwd: string, timeoutMs = 300_000): Promise<CliRun> {
  return runProcess(command, args, { cwd, timeoutMs, env: { ...process.env, HOME: process.env.HOME } });
}

function assertOk(run: CliRun, what: string): void {
  assert.equal(run.code, 0, `${what} exited ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-pack-"));
  const pack = await runNpm(npm, ["pack", "--pack-destination", dir, "--json"], REPO_ROOT);
  assertOk(pack, "npm pack");
  // Lifecycle output (prepack → build) may precede the JSON.
  packed = (JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as PackResult[])[0]!;
  tarball = join(dir, packed.filename);

  project = mkdtempSync(join(tmpdir(), "lakefs-s3-consumer-"));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  const install = await runNpm(
    npm,
    ["install", tarball, `@aws-sdk/client-s3@${pkg.devDependencies["@aws-sdk/client-s3"]}`, "--no-audit", "--no-fund", "--prefer-offline"],
    project,
  );
  assertOk(install, "npm install");
  await whenReady(() => ctx.server, "the lakeFS server of useLakeFS()");
});

describe("the npm package", () => {
  it("contains only the built JavaScript, its declarations, README, LICENSE and package.json", (t) => {
    const paths = packed.files.map((f) => f.path);
    t.diagnostic(`tarball ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`);
    for (const path of paths) {
      assert.ok(/^dist\/.+\.(js|d\.ts)$/.test(path) || ["README.md", "LICENSE", "package.json"].includes(path), `unexpected file in the tarball: ${path}`);
      assert.ok(!path.endsWith(".map"), path);
      assert.ok(!(path.startsWith("dist/cli/") && path.endsWith(".d.ts")), `CLI declarations are not needed: ${path}`);
    }
    for (const needed of ["dist/index.js", "dist/index.d.ts", "dist/cli/main.js", "README.md", "LICENSE", "package.json"]) {
      assert.ok(paths.includes(needed), `${needed} missing from the tarball`);
    }
    assert.ok(packed.size < 400_000, `the tarball grew to ${packed.size} bytes`);
  });

  it("installs with its runtime dependencies and a runnable bin", (t) => {
    const installed = JSON.parse(readFileSync(join(project, "node_modules", pkg.name, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    t.diagnostic(`runtime dependencies: ${Object.keys(installed.dependencies).length} (${Object.keys(installed.dependencies).join(", ")})`);
    const main = join(project, "node_modules", pkg.name, "dist", "cli", "main.js");
    assert.match(readFileSync(main, "utf8"), /^#!\/usr\/bin\/env node\n/);
    if (process.platform !== "win32") {
      accessSync(main, constants.X_OK);
      assert.ok(statSync(join(project, "node_modules", ".bin", "lakefs-s3")));
    }
  });

  it("an ESM program imports it and creates a repository, uploads, reads and commits", async () => {
    const repo = uniqueRepoName("pkg");
    writeFileSync(
      join(project, "program.mjs"),
      `import { LakeFS, ObjectNotFoundError, LakeFSError } from "lakefs-s3";
const lakefs = new LakeFS(); // LAKECTL_* from the environment
try {
  const repo = await lakefs.repository(process.argv[2]).create({ storageNamespace: "local://" + process.argv[2] });
  const main = repo.branch("main");
  await main.object("greeting.txt").upload("hello from the installed package");
  const text = await main.object("greeting.txt").text();
  const commit = await main.commit({ message: "from the installed package" });
  let missing = "";
  try { await main.object("nope.txt").text(); } catch (err) { missing = err instanceof ObjectNotFoundError && err instanceof LakeFSError ? err.name : String(err); }
  console.log(JSON.stringify({ text, commit: commit.id, message: commit.message, missing }));
} finally {
  lakefs.destroy();
}
`,
    );
    const run = await runProcess(process.execPath, ["program.mjs", repo], { cwd: project, env: lakectlEnv(ctx.server) });
    assertOk(run, "program.mjs");
    const out = JSON.parse(run.stdout) as { text: string; commit: string; message: string; missing: string };
    assert.equal(out.text, "hello from the installed package");
    assert.match(out.commit, /^[0-9a-f]{64}$/);
    assert.equal(out.message, "from the installed package");
    assert.equal(out.missing, "ObjectNotFoundError");
  });

  it("its types check in a strict NodeNext TypeScript project", async () => {
    writeFileSync(
      join(project, "check.ts"),
      `import { LakeFS, parseLakeFSUri, type LakeFSClientConfig, type RepositoryProperties } from "lakefs-s3";
import type { S3Client } from "@aws-sdk/client-s3";
const config: LakeFSClientConfig = { endpoint: "http://localhost:8000", maxAttempts: 2 };
const lakefs = new LakeFS(config);
const s3: S3Client = lakefs.s3;
const info: Promise<RepositoryProperties> = lakefs.repository("repo").properties();
const uri: string | undefined = parseLakeFSUri("lakefs://repo/main/a.txt").ref;
// @ts-expect-error: maxAttempts is a number
const bad: LakeFSClientConfig = { maxAttempts: "3" };
export { s3, info, uri, bad };
`,
    );
    const tsc = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
    const run = await runProcess(
      process.execPath,
      [tsc, "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022",
        "--types", "node", "--typeRoots", join(REPO_ROOT, "node_modules", "@types"), "check.ts"],
      { cwd: project },
    );
    assertOk(run, "tsc on check.ts");
  });

  it("the installed lakefs-s3 command: --help, doctor --json against the server, and tour's checkout message", async () => {
    const help = await runProcess(npx, ["--no", "--", "lakefs-s3", "--help"], { cwd: project });
    assertOk(help, "npx lakefs-s3 --help");
    assert.match(help.stdout, /^Usage: lakefs-s3 <command> \[options\]/);

    const version = await runProcess(npx, ["--no", "--", "lakefs-s3", "--version"], { cwd: project });
    assert.equal(version.stdout.trim(), pkg.version);

    const doctor = await runProcess(npx, ["--no", "--", "lakefs-s3", "doctor", "--json"], { cwd: project, env: lakectlEnv(ctx.server) });
    assertOk(doctor, "npx lakefs-s3 doctor --json");
    const report = JSON.parse(doctor.stdout) as { ok: boolean; steps: { id: string; status: string }[] };
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.steps.filter((s) => s.status !== "pass").map((s) => `${s.id}:${s.status}`),
      ["tls:skip"],
    );
    assert.equal(doctor.stderr, "", "no warnings on stderr");

    const tour = await runProcess(npx, ["--no", "--", "lakefs-s3", "tour"], { cwd: project, env: lakectlEnv(ctx.server) });
    assert.equal(tour.code, 1);
    assert.match(tour.stderr, /the tour needs a checkout of the lakefs-s3 repository/);
  });
});
