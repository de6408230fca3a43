import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The import direction of docs/architecture.md, checked on every relative import in src/.
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");

/**
 * The folders each folder of src/ may import: the "May import" column of
 * docs/architecture.md's "Who owns what" table, so the page is the rule.
 */
function foldersFromArchitecturePage(): Record<string, readonly string[]> {
  const page = readFileSync(resolve(SRC, "../docs/architecture.md"), "utf8");
  const rows = [...page.matchAll(/^\| `src\/(\w+)` \|.*\| ([^|]*) \|$/gm)];
  return Object.fromEntries(
    rows.map(([, folder, imports]) => {
      const listed = imports!.trim() === "nothing else" ? [] : imports!.split(",").map((s) => s.trim());
      return [folder!, [folder!, ...listed]];
    }),
  );
}

/** Folders (first path segment under src/, or a root file) each layer may import. */
const ALLOWED: Record<string, readonly string[]> = {
  ...foldersFromArchitecturePage(),
  // The public entries gather every layer; the CLI uses only them.
  "index.ts": ["*"],
  "rest.ts": ["admin", "http", "config", "errors"],
  "admin.ts": ["admin", "model"],
  "s3.ts": ["gateway", "transfer", "aws", "http", "model"],
  "internal.ts": ["*"],
  "lambda.ts": ["events"],
  cli: ["cli", "index.ts", "internal.ts"],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

const layerOf = (file: string): string => (relative(SRC, file).split("/")[0] ?? "").replace(/\.js$/, ".ts");

function relativeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1] ?? "");
  return specs.map((s) => resolve(dirname(file), s));
}

describe("layers", () => {
  const files = sourceFiles(SRC);

  it("every file of src/ belongs to a known layer", () => {
    const unknown = [...new Set(files.map(layerOf))].filter((l) => !(l in ALLOWED));
    assert.deepEqual(unknown, [], "add the folder to ALLOWED and to docs/architecture.md");
  });

  for (const layer of Object.keys(ALLOWED)) {
    it(`${layer} imports only ${ALLOWED[layer]?.join(", ")}`, () => {
      const allowed = ALLOWED[layer] ?? [];
      const wrong = files
        .filter((f) => layerOf(f) === layer)
        .flatMap((f) => relativeImports(f).filter((target) => target.startsWith(SRC)).map((target) => ({ f, target })))
        .filter(({ target }) => !allowed.includes("*") && !allowed.includes(layerOf(target)))
        .map(({ f, target }) => `${relative(SRC, f)} → ${relative(SRC, target)}`);
      assert.deepEqual(wrong, []);
    });
  }

  it("gateway, admin and store never import each other", () => {
    const siblings = ["gateway", "admin", "store"];
    const crossing = files.flatMap((f) => {
      const from = layerOf(f);
      if (!siblings.includes(from)) return [];
      return relativeImports(f)
        .filter((t) => t.startsWith(SRC) && siblings.includes(layerOf(t)) && layerOf(t) !== from)
        .map((t) => `${relative(SRC, f)} → ${relative(SRC, t)}`);
    });
    assert.deepEqual(crossing, []);
  });


  it("only the lakefs-s3/lambda entry imports events (the main entry stays free of it and of @types/aws-lambda)", () => {
    const importers = files.flatMap((f) => {
      const from = layerOf(f);
      if (from === "events" || from === "lambda.ts") return [];
      return relativeImports(f).filter((t) => t.startsWith(SRC) && layerOf(t) === "events").map((t) => `${relative(SRC, f)} → ${relative(SRC, t)}`);
    });
    assert.deepEqual(importers, []);
  });
});
