#!/usr/bin/env node
// Bundles the Lambda examples (examples/lambda/handler.ts, baseline-handler.ts and webhook-handler.ts) with
// esbuild for the Node.js 20 Lambda runtime: ESM, minified, everything from lakefs-s3 inside.
//
//   node scripts/build-lambda.mjs                      dist-lambda/handler.mjs, dist-lambda/baseline-handler.mjs,
//                                                      dist-lambda/webhook-handler.mjs (behind a function URL, see docs/12)
//   node scripts/build-lambda.mjs --external-aws-sdk   leave @aws-sdk/* to the runtime's copy of SDK v3
//   node scripts/build-lambda.mjs --outdir DIR --quiet
//   node scripts/build-lambda.mjs --json              the build reports as JSON on stdout (for tests)
//
// Deploy the whole output directory (the entry file and its chunks/), handler "handler.handler".
//
// Why code splitting: lakefs-s3 loads three optional features with dynamic import(): the YAML
// parser (only to read a ~/.lakectl.yaml that exists), proxy-agent (only when a proxy is
// configured) and @aws-sdk/credential-provider-ini (only with the awsProfile option). A
// single-file bundle would inline all three (about 0.7 MB of the 1.4 MB) and evaluate their
// module graphs' top levels at every cold start. Marking them external instead is not safe:
// esbuild hoists the static `import "proxy-agent"` of the lazily loaded routed-proxy-agent
// module to the top of the bundle, so the bundle would not even load without that package.
// With `splitting: true` (ESM only) each dynamic import() becomes its own chunk file that is
// read only when the feature is used, so the bundle behaves exactly like the unbundled
// package: nothing is stubbed, nothing can be missing, and the cold path stays small. The
// AWS SDK's own lazy imports (credential provider chain, event streams) profit the same way.
import { build } from "esbuild";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The Lambda entry points, by output name. */
export const LAMBDA_ENTRIES = {
  handler: "examples/lambda/handler.ts",
  "baseline-handler": "examples/lambda/baseline-handler.ts",
  "webhook-handler": "examples/lambda/webhook-handler.ts",
};

/**
 * Output files that load when `entry` is imported: the entry and the chunks it imports
 * statically, transitively. Dynamically imported chunks load only when used.
 */
function staticClosure(outputs, entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of outputs[file]?.imports ?? []) if (imp.kind === "import-statement" && !imp.external) visit(imp.path);
  };
  visit(entry);
  return [...seen];
}

/** The npm packages (or `src/...` folders) whose code ended up in some output files. */
function packagesIn(outputs, files) {
  const names = new Set();
  for (const file of files) {
    for (const input of Object.keys(outputs[file]?.inputs ?? {})) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      names.add(m ? m[1] : input.split("/").slice(0, 2).join("/"));
    }
  }
  return [...names].sort();
}

/**
 * Builds one entry. Returns its sizes in bytes and what loads when.
 *
 * @param {object} options
 * @param {keyof typeof LAMBDA_ENTRIES} options.name
 * @param {string} options.outdir
 * @param {boolean} [options.externalAwsSdk] leave `@aws-sdk/*` out (the Lambda runtime ships SDK v3)
 */
export async function buildEntry({ name, outdir, externalAwsSdk = false }) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { [name]: LAMBDA_ENTRIES[name] },
    outdir,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    minify: true,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    // ESM builds of the SDK tree-shake better than its CommonJS builds.
    mainFields: ["module", "main"],
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: { js: 'import { createRequire as __lakefsCreateRequire } from "node:module"; const require = __lakefsCreateRequire(import.meta.url);' },
    external: externalAwsSdk ? ["@aws-sdk/*"] : [],
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
  });
  const outputs = result.metafile.outputs;
  const entryFile = Object.keys(outputs).find((f) => outputs[f].entryPoint === LAMBDA_ENTRIES[name]);
  const initial = staticClosure(outputs, entryFile);
  const lazy = Object.keys(outputs).filter((f) => !initial.includes(f) && f.endsWith(".mjs"));
  const size = (files) => files.reduce((sum, f) => sum + outputs[f].bytes, 0);
  writeFileSync(join(outdir, `${name}.meta.json`), JSON.stringify(result.metafile));
  return {
    name,
    externalAwsSdk,
    file: join(root, entryFile),
    entryBytes: outputs[entryFile].bytes,
    initialBytes: size(initial),
    totalBytes: size([...initial, ...lazy]),
    initialFiles: initial.map((f) => join(root, f)),
    lazyFiles: lazy.map((f) => join(root, f)),
    initialPackages: packagesIn(outputs, initial),
    lazyPackages: packagesIn(outputs, lazy).filter((p) => !packagesIn(outputs, initial).includes(p)),
    metafile: join(outdir, `${name}.meta.json`),
  };
}

/** Builds every Lambda entry into `outdir` (emptied first). */
export async function buildLambda({ outdir = join(root, "dist-lambda"), externalAwsSdk = false } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const reports = [];
  for (const name of Object.keys(LAMBDA_ENTRIES)) reports.push(await buildEntry({ name, outdir, externalAwsSdk }));
  return reports;
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--outdir");
  const outdir = resolve(at >= 0 ? args[at + 1] : join(root, "dist-lambda"));
  const reports = await buildLambda({ outdir, externalAwsSdk: args.includes("--external-aws-sdk") });
  if (args.includes("--json")) {
    process.stdout.write(`${JSON.stringify(reports)}\n`);
  } else if (!args.includes("--quiet")) {
    for (const r of reports) {
      process.stdout.write(
        `${relative(process.cwd(), r.file)}: ${kib(r.entryBytes)} entry, ${kib(r.initialBytes)} loaded at import, ` +
          `${kib(r.totalBytes)} with lazy chunks${r.externalAwsSdk ? " (@aws-sdk/* external)" : ""}\n` +
          `  lazy only: ${r.lazyPackages.join(", ") || "(none)"}\n`,
      );
    }
  }
}
