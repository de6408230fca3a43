/**
 * What a cold-start handler loads at import: bundles `bench/cold-start/<client>.ts`
 * as `bench/run.ts` does (esbuild, ESM, splitting, minified) and prints the
 * bytes loaded at import (the entry and its static chunks), the total, and
 * the largest inputs (grouped by package or source folder) in the loaded part.
 *
 *   npx tsx bench/tools/bundle-inputs.ts [lakefs-s3|aws-sdk] [--top 30] [--files] [--why REGEX]
 *
 * `--why REGEX` prints, for the first input matching REGEX, the chain of
 * static imports from the entry that pulls it in.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleHandler } from "../bundle-handler.js";

const client = process.argv[2] && !process.argv[2].startsWith("--") ? process.argv[2] : "lakefs-s3";
const topIndex = process.argv.indexOf("--top");
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 30;
const byFile = process.argv.includes("--files");
const outdir = mkdtempSync(join(tmpdir(), "bundle-inputs-"));
try {
  const entry = `bench/cold-start/${client}.ts`;
  const bundle = await bundleHandler(entry, outdir);
  const result = { metafile: bundle.metafile };
  const outputs = result.metafile.outputs;
  const initial = bundle.initialFiles;
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + (outputs[f]?.bytes ?? 0), 0);
  const all = Object.keys(outputs).filter((f) => f.endsWith(".mjs"));
  process.stdout.write(`${client}: ${kib(sum(initial))} loaded at import, ${kib(sum(all))} in all (${initial.size} of ${all.length} files)\n`);
  const groups = new Map<string, number>();
  for (const file of initial) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file]?.inputs ?? {})) {
      const key = byFile ? input : input.includes("node_modules/") ? input.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, "$1") : input.replace(/\/[^/]+$/, "/");
      groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
    }
  }
  const whyIndex = process.argv.indexOf("--why");
  if (whyIndex > 0) {
    const target = new RegExp(process.argv[whyIndex + 1]!);
    const inputs = result.metafile.inputs;
    // Breadth-first over static imports from the entry: the shortest chain to the first match.
    const from = new Map<string, string>([[entry, ""]]);
    const queue = [entry];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (target.test(file)) {
        const chain: string[] = [];
        for (let f: string | undefined = file; f; f = from.get(f)) chain.unshift(f);
        process.stdout.write(`${chain.join("\n  → ")}\n`);
        break;
      }
      for (const imp of inputs[file]?.imports ?? []) {
        if (imp.kind !== "import-statement" || imp.external || from.has(imp.path)) continue;
        from.set(imp.path, file);
        queue.push(imp.path);
      }
    }
  }
  for (const [key, bytes] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${kib(bytes).padStart(10)}  ${key}\n`);
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
