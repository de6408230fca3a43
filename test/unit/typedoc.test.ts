/**
 * The API reference must build without a single warning: typedoc.json sets
 * `treatWarningsAsErrors` and validates that every public symbol is documented,
 * exported and linked correctly. This runs the same TypeDoc as `npm run docs:api`
 * with `--emit none`, so nothing is written.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const typedocBin = join(dirname(createRequire(import.meta.url).resolve("typedoc/package.json")), "bin", "typedoc");

it("TypeDoc builds the API reference with zero warnings", () => {
  const run = spawnSync(process.execPath, [typedocBin, "--emit", "none"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    timeout: 300_000,
  });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
  assert.equal(run.error, undefined, `typedoc could not run: ${String(run.error)}`);
  assert.equal(run.status, 0, `typedoc exited with ${run.status}:\n${output}`);
  assert.doesNotMatch(output, /\[warning\]|\[error\]/, output);
});
