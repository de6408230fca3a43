/**
 * Runs the guide's code. Every fenced block tagged ```ts run in docs/*.md is
 * typechecked and then run, in order per file, against a real lakeFS server.
 *
 * Each block becomes a small module (in a scratch folder next to this file,
 * removed afterwards) whose default export is an async function holding the
 * block's code. The block's own imports are hoisted to the top of the module,
 * with "lakefs-s3" mapped to src/index.ts (and "lakefs-s3/lambda" to src/lambda.ts); every other runtime export of the
 * package is imported too, so a block may use `LakeFS`, `collect`, the error
 * classes and so on without importing them (types it uses must be imported).
 * The function receives:
 *
 *   lakefs            a LakeFS client for the test server
 *   repo              a fresh repository (its own local:// namespace), default branch "main"
 *   main              repo.branch("main")
 *   storageNamespace  an unused local:// namespace, for samples that create a repository
 *   importFrom        a local:// URI (ending in "/") of a directory lakeFS may import from, holding
 *                     collections/2026/{a,b}.csv and readme.txt
 *
 * The LAKECTL_* variables point at the test server as well (and LAKECTL_CONFIG_FILE
 * at a file that does not exist), so `new LakeFS()` works in a sample as it would
 * on a configured machine. A failing block fails its test with docs/<file>.md:<line>.
 * Blocks tagged plain ```ts (docker compose, Lambda, real AWS) are not run.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { LakeFS, type Branch, type Repository } from "../../src/index.js";
import { uniqueNamespace, uniqueRepoName, uniqueSuffix, useLakeFS } from "../support/lakefs.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const docsDir = join(root, "docs");
const srcIndex = join(root, "src", "index.ts");
const SAMPLE_TIMEOUT_MS = 180_000;

/** One ```ts run block. */
interface Sample {
  /** `docs/<name>.md`. */
  readonly file: string;
  /** Line of the block's first code line in the Markdown file (1-based). */
  readonly line: number;
  readonly code: string;
}

/** Every ```ts run block of a Markdown text, in order. */
function extractSamples(markdown: string, file: string): Sample[] {
  const samples: Sample[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(lines[i] ?? "");
    if (!open) continue;
    const fence = open[1] ?? "```";
    const info = (open[2] ?? "").trim().split(/\s+/);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[j] ?? "");
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) break;
      body.push(lines[j] ?? "");
    }
    if (info[0] === "ts" && info.includes("run")) samples.push({ file, line: i + 2, code: body.join("\n") });
    i = j;
  }
  return samples;
}

/** Splits a block into its import statements and the rest, keeping line numbers (imports become blank lines). */
function splitImports(code: string): { imports: string[]; body: string[] } {
  const lines = code.split("\n");
  const imports: string[] = [];
  const body: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (current === undefined && /^import\s/.test(line)) current = [];
    if (current !== undefined) {
      current.push(line.trim());
      body.push("");
      if (/^import\s+["'][^"']+["'];?\s*$/.test(line.trim()) || /\bfrom\s+["'][^"']+["'];?\s*$/.test(line)) {
        imports.push(current.join(" "));
        current = undefined;
      }
      continue;
    }
    body.push(line);
  }
  if (current !== undefined) throw new Error("an import statement in the sample is not terminated");
  return { imports, body };
}

/** Names an import statement binds, to avoid importing them twice. */
function importedNames(statement: string): string[] {
  const names: string[] = [];
  const braces = /\{([^}]*)\}/.exec(statement);
  if (braces) {
    for (const part of (braces[1] ?? "").split(",")) {
      const name = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/).pop()?.trim();
      if (name) names.push(name);
    }
  }
  const star = /\*\s+as\s+(\w+)/.exec(statement);
  if (star?.[1]) names.push(star[1]);
  const dflt = /^import\s+(?:type\s+)?(\w+)\s*(?:,|\s+from)/.exec(statement);
  if (dflt?.[1] && dflt[1] !== "type") names.push(dflt[1]);
  return names;
}

/** Lines before the block's body in a generated module; the header always has exactly this many. */
const HEADER_LINES = 6;

function generateModule(sample: Sample, packageExports: readonly string[], entry: string): string {
  const { imports, body } = splitImports(sample.code);
  const lambdaEntry = entry.replace(/index\.js$/, "lambda.js");
  const mapped = imports.map((s) => s.replace(/(["'])lakefs-s3\1/, JSON.stringify(entry)).replace(/(["'])lakefs-s3\/lambda\1/, JSON.stringify(lambdaEntry)));
  const own = new Set(mapped.flatMap(importedNames));
  const implicit = packageExports.filter((name) => !own.has(name));
  const header = [
    `// Generated from ${sample.file}:${sample.line} by test/integration/docs-samples.test.ts.`,
    mapped.join(" "),
    `import { ${implicit.join(", ")} } from ${JSON.stringify(entry)};`,
    `import type { LakeFS as __LakeFS, Repository as __Repository, Branch as __Branch } from ${JSON.stringify(entry)};`,
    "export default async function sample(__ctx: { lakefs: __LakeFS; repo: __Repository; main: __Branch; storageNamespace: string; importFrom: string }): Promise<void> {",
    "  const { lakefs, repo, main, storageNamespace, importFrom } = __ctx; {",
  ];
  assert.equal(header.length, HEADER_LINES);
  return `${header.join("\n")}\n${body.join("\n")}\n}}\n`;
}

/** The Markdown line for a line of a generated module. */
function markdownLine(sample: Sample, generatedLine: number): number {
  return sample.line + Math.max(0, generatedLine - HEADER_LINES - 1);
}

function collectSamples(): Sample[] {
  const files = readdirSync(docsDir)
    .filter((name) => name.endsWith(".md"))
    .sort();
  return files.flatMap((name) => extractSamples(readFileSync(join(docsDir, name), "utf8"), `docs/${name}`));
}

const samples = collectSamples();
const byFile = new Map<string, Sample[]>();
for (const s of samples) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);

const ctx = useLakeFS();

/** A fresh directory of files for import samples, under the server's import directory; its local:// URI. */
function importSource(importDir: string): string {
  const dir = join(importDir, `docs-${uniqueSuffix()}`);
  mkdirSync(join(dir, "collections", "2026"), { recursive: true });
  writeFileSync(join(dir, "collections", "2026", "a.csv"), "region,amount\nnorth,10\n");
  writeFileSync(join(dir, "collections", "2026", "b.csv"), "region,amount\nsouth,7\n");
  writeFileSync(join(dir, "readme.txt"), "Exported from the legacy bucket\n");
  return `local://${dir}/`;
}
const scratch = join(dirname(fileURLToPath(import.meta.url)), `.docs-samples-${process.pid}`);
const moduleFile = (s: Sample): string => join(scratch, `${s.file.replace(/^docs\//, "").replace(/\.md$/, "")}-L${s.line}.ts`);
let savedEnv: Record<string, string | undefined> = {};

describe("docs samples", () => {
  before(async () => {
    mkdirSync(scratch, { recursive: true });
    const entry = relative(scratch, srcIndex).replace(/\\/g, "/").replace(/\.ts$/, ".js");
    const packageExports = Object.keys(await import(pathToFileURL(srcIndex).href)).filter((n) => n !== "default");
    for (const s of samples) writeFileSync(moduleFile(s), generateModule(s, packageExports, entry.startsWith(".") ? entry : `./${entry}`));
    // `new LakeFS()` in a sample reads these, as on a machine set up with lakectl.
    const env = {
      LAKECTL_SERVER_ENDPOINT_URL: ctx.server.endpoint,
      LAKECTL_CREDENTIALS_ACCESS_KEY_ID: ctx.server.accessKeyId,
      LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: ctx.server.secretAccessKey,
      LAKECTL_CONFIG_FILE: join(scratch, "no-such-lakectl.yaml"),
    };
    savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    // Deep enough that a failure's async stack reaches the sample's own frame, for the line number.
    Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 200);
  });

  after(() => {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  it("the guide has runnable samples in several chapters", () => {
    assert.ok(samples.length >= 20, `only ${samples.length} \`ts run\` samples found in docs/*.md`);
    assert.ok(byFile.size >= 5, `\`ts run\` samples in only ${byFile.size} files`);
  });

  it("every `ts run` sample typechecks (tsc --noEmit, the project's strict settings)", () => {
    const tsconfig = join(scratch, "tsconfig.json");
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: relative(scratch, join(root, "tsconfig.json")).replace(/\\/g, "/"),
        // Samples are fragments: the context they receive is not always used.
        compilerOptions: { noEmit: true, noUnusedLocals: false, noUnusedParameters: false },
        files: samples.map((s) => relative(scratch, moduleFile(s)).replace(/\\/g, "/")),
        include: [],
      }),
    );
    const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", tsconfig, "--pretty", "false"], { cwd: root, encoding: "utf8", timeout: 300_000 });
    if (run.status === 0) return;
    const byModule = new Map(samples.map((s) => [moduleFile(s), s]));
    const problems = `${run.stdout}${run.stderr}`
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => {
        const m = /^(.*?)\((\d+),(\d+)\): (.*)$/.exec(l);
        const sample = m ? byModule.get(resolve(root, m[1]!)) : undefined;
        return sample && m ? `${sample.file}:${markdownLine(sample, Number(m[2]))}: ${m[4]}` : l;
      });
    assert.fail(`samples do not typecheck:\n${problems.join("\n")}`);
  });

  for (const [file, fileSamples] of byFile) {
    describe(file, () => {
      for (const sample of fileSamples) {
        it(`${file}:${sample.line}`, { timeout: SAMPLE_TIMEOUT_MS }, async () => {
          const lakefs = new LakeFS({
            endpoint: ctx.server.endpoint,
            accessKeyId: ctx.server.accessKeyId,
            secretAccessKey: ctx.server.secretAccessKey,
            lakectlConfigFile: false,
          });
          try {
            const name = uniqueRepoName("docs");
            const repo: Repository = await lakefs.repository(name).create({ storageNamespace: uniqueNamespace(name), defaultBranch: "main" });
            const main: Branch = repo.branch("main");
            const storageNamespace = uniqueNamespace(`docs-ns-${uniqueSuffix()}`);
            const mod = (await import(pathToFileURL(moduleFile(sample)).href)) as {
              default: (c: { lakefs: LakeFS; repo: Repository; main: Branch; storageNamespace: string; importFrom: string }) => Promise<void>;
            };
            await mod.default({ lakefs, repo, main, storageNamespace, importFrom: importSource(ctx.server.importDir) });
          } catch (err) {
            const e = err instanceof Error ? err : new Error(String(err));
            const generated = moduleFile(sample);
            const generatedUrl = pathToFileURL(generated).href;
            const frame = (e.stack ?? "").split("\n").find((l) => l.includes(generatedUrl) || l.includes(generated));
            const at = /:(\d+):\d+\)?$/.exec(frame ?? "");
            const line = at ? markdownLine(sample, Number(at[1])) : sample.line;
            throw new Error(`${sample.file}:${line}: the sample failed: ${e.name}: ${e.message}`, { cause: e });
          } finally {
            lakefs.destroy();
          }
        });
      }
    });
  }
});
