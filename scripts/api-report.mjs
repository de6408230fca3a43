#!/usr/bin/env node
// The public API of every package entry, recorded in etc/api/<entry>.api.md by API Extractor,
// so that a change to the public surface shows up in review as a change to those files.
//
//   node scripts/api-report.mjs            check (npm test runs it): fails when an entry's public
//                                          API differs from its committed report, and prints the diff
//   node scripts/api-report.mjs --update   rewrites the reports (npm run api:update)
//
// The entries come from package.json `exports` (each `types` path dist/X.d.ts is src/X.ts), so an
// entry added there gets a report without touching this script. Declarations are emitted into a
// scratch folder with the project's TypeScript (no dist/ build, no Go), then one API Extractor
// program reads all entries.
import { readFileSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { CompilerState, Extractor, ExtractorConfig } from "@microsoft/api-extractor";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const REPORT_FOLDER = join(root, "etc", "api");
// Inside the project, so that any path API Extractor writes into a report is relative and the same on
// every machine, and not under node_modules, where API Extractor takes every module for another package's.
const WORK_FOLDER = join(root, ".api-report");
const update = process.argv.includes("--update");

/** Package entries: subpath ("." or "./admin"), source file and report name ("index", "admin"). */
function packageEntries() {
  const { exports } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return Object.entries(exports)
    .filter(([, target]) => typeof target === "object" && typeof target.types === "string")
    .map(([subpath, target]) => {
      const name = basename(target.types, ".d.ts");
      return { subpath, name, source: join(root, "src", `${name}.ts`) };
    });
}

/** Emits the declarations of `sources` (and what they import) into `outDir`; throws on a compile error. */
function emitDeclarations(sources, outDir) {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.build.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const options = {
    ...parsed.options,
    outDir,
    rootDir: join(root, "src"),
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
  };
  const program = ts.createProgram(sources, options);
  const { diagnostics } = program.emit();
  const errors = [...ts.getPreEmitDiagnostics(program), ...diagnostics].filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
    throw new Error(`the declarations do not compile:\n${ts.formatDiagnostics(errors, host)}`);
  }
}

/** The import specifier of an entry: `lakefs-s3`, `lakefs-s3/admin`. */
function entryName(entry) {
  return `lakefs-s3${entry.subpath.slice(1)}`;
}

/** API Extractor's configuration for one entry: only the report, with findings written into it. */
function extractorConfig(entry, dtsFolder, tempFolder) {
  return ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: join(dtsFolder, `${entry.name}.d.ts`),
      compiler: { overrideTsconfig: { compilerOptions: { target: "ES2022", lib: ["ES2023"], module: "NodeNext", moduleResolution: "NodeNext", types: ["node"], skipLibCheck: true, strict: true }, files: [join(dtsFolder, `${entry.name}.d.ts`)] } },
      apiReport: { enabled: true, reportFolder: REPORT_FOLDER, reportTempFolder: tempFolder, reportFileName: entry.name },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: "warning" } },
        // Release tags (@public, @beta) are not used to trim anything; TSDoc is checked by TypeDoc (test/unit/typedoc.test.ts).
        extractorMessageReporting: {
          default: { logLevel: "warning", addToApiReportFile: true },
          "ae-missing-release-tag": { logLevel: "none" },
          // Entries share types (AdminClient returns the main entry's CommitInfo), which API Extractor,
          // reading one entry at a time, calls forgotten or unresolved. TypeDoc reads all five together
          // and fails on a type no entry exports or a broken {@link} (test/unit/typedoc.test.ts).
          "ae-forgotten-export": { logLevel: "none" },
          "ae-unresolved-link": { logLevel: "none" },
          // Undocumented exports fail TypeDoc's check too; the report marks them "(undocumented)".
          "ae-undocumented": { logLevel: "none" },
        },
        tsdocMessageReporting: { default: { logLevel: "none" } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: join(root, "package.json"),
  });
}

function main() {
  const started = Date.now();
  const entries = packageEntries();
  const work = WORK_FOLDER;
  rmSync(work, { recursive: true, force: true });
  try {
    const dtsFolder = join(work, "dts");
    emitDeclarations(entries.map((e) => e.source), dtsFolder);
    const configs = entries.map((entry) => [entry, extractorConfig(entry, dtsFolder, join(work, "reports"))]);
    const compilerState = CompilerState.create(configs[0][1], { additionalEntryPoints: configs.map(([, c]) => c.mainEntryPointFilePath) });
    const changed = [];
    let problems = 0;
    for (const [entry, config] of configs) {
      const result = Extractor.invoke(config, {
        localBuild: update,
        compilerState,
        messageCallback: (message) => {
          // A changed report is said once below, with its diff; the version banner is noise.
          if (String(message.messageId).startsWith("console-api-report") || message.messageId === "console-compiler-version-notice") message.handled = true;
        },
      });
      if (result.apiReportChanged) changed.push(entry);
      problems += result.errorCount;
    }
    if (problems > 0) throw new Error(`API Extractor reported ${problems} error(s) (above)`);
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
    if (update) {
      process.stdout.write(`api report: ${changed.length === 0 ? "every report was current" : `rewrote ${changed.map((e) => `etc/api/${e.name}.api.md`).join(", ")}`} (${took})\n`);
      return 0;
    }
    if (changed.length === 0) {
      process.stdout.write(`api report: the public API of ${entries.map(entryName).join(", ")} matches etc/api/ (${took})\n`);
      return 0;
    }
    for (const entry of changed) printDiff(entry, join(work, "reports", `${entry.name}.api.md`));
    process.stderr.write(
      `api report: the public API of ${changed.map(entryName).join(", ")} changed and etc/api/ does not record it.\n` +
        "If the change is intended, run `npm run api:update` and commit etc/api/ with it.\n",
    );
    return 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Prints how the committed report differs from the new one, line by line (at most 80 lines). */
function printDiff(entry, newReport) {
  const changes = lineDiff(readLines(join(REPORT_FOLDER, `${entry.name}.api.md`)), readLines(newReport));
  const gone = changes.filter((c) => c.startsWith("-")).length;
  process.stderr.write(`\n── etc/api/${entry.name}.api.md (${entryName(entry)}): ${gone} line(s) gone, ${changes.length - gone} new\n`);
  for (const change of changes.slice(0, 80)) process.stderr.write(`${change}\n`);
  if (changes.length > 80) process.stderr.write(`… and ${changes.length - 80} more\n`);
}

/** The lines only in `before` ("- …") and only in `after` ("+ …"), in order: a longest-common-subsequence diff of the part between the common head and tail. */
function lineDiff(before, after) {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && common[i + 1][j] >= common[i][j + 1])) out.push(`- ${a[i++]}`);
    else out.push(`+ ${b[j++]}`);
  }
  return out;
}

function readLines(path) {
  try {
    return readFileSync(path, "utf8").split("\n");
  } catch {
    return [];
  }
}

try {
  process.exit(main());
} catch (err) {
  process.stderr.write(`api report: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
