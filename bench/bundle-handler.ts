/**
 * Bundles a cold-start handler as scripts/build-lambda.mjs bundles the Lambda
 * example: minified ESM for Node 22, code splitting (dynamic imports become
 * chunks loaded on use), ESM builds of dependencies preferred. Used by the
 * bench's cold workload and by test/integration/lambda.test.ts, which checks
 * what a gateway-only program loads at import.
 */
import { rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Metafile } from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** A bundled handler and what it loads. */
export interface Bundle {
  /** The entry file to import. */
  readonly entry: string;
  /** Bytes loaded when the handler is imported: the entry and the chunks it imports statically. */
  readonly initialBytes: number;
  /** Bytes of all chunks (lazily imported ones included). */
  readonly totalBytes: number;
  /** Output files loaded at import (paths as in the metafile). */
  readonly initialFiles: ReadonlySet<string>;
  /** esbuild's metafile, for tools that ask what went in. */
  readonly metafile: Metafile;
}

/** Bundles `handler` (absolute, or relative to the project root) into `outDir`, which is emptied first. */
export async function bundleHandler(handler: string, outDir: string): Promise<Bundle> {
  const esbuild = await import("esbuild");
  // The metafile names the entry relative to the working directory.
  const entry = relative(ROOT, resolve(ROOT, handler));
  rmSync(outDir, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { handler: entry },
    bundle: true,
    minify: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node22",
    mainFields: ["module", "main"],
    outdir: outDir,
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    legalComments: "none",
    metafile: true,
    logLevel: "error",
  });
  const outputs = result.metafile.outputs;
  const entryOut = Object.keys(outputs).find((f) => outputs[f]?.entryPoint === entry);
  if (!entryOut) throw new Error(`esbuild made no entry file for ${entry}`);
  const initial = new Set<string>();
  const visit = (file: string): void => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const imp of outputs[file]?.imports ?? []) if (imp.kind === "import-statement" && !imp.external) visit(imp.path);
  };
  visit(entryOut);
  const js = Object.keys(outputs).filter((f) => f.endsWith(".mjs"));
  const bytes = (files: Iterable<string>): number => [...files].reduce((n, f) => n + (outputs[f]?.bytes ?? 0), 0);
  return { entry: join(ROOT, entryOut), initialBytes: bytes(initial), totalBytes: bytes(js), initialFiles: initial, metafile: result.metafile };
}
