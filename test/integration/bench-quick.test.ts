/**
 * `npm run bench -- --quick` as CI runs it: tiny sizes, one repetition, every
 * client. Checks that every client produced a figure for every workload and
 * that every byte round-tripped (SHA-256 of the large object, the content of
 * sampled small objects, the listing's count). Never checks a timing.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchResults } from "../../bench/report.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ALL_CLIENTS = ["lakefs-s3", "aws-sdk", "boto3", "lakefs-python", "lakectl"];
const PYTHON_CLIENTS = new Set(["boto3", "lakefs-python"]);
/** The clients of the stream rows (Node streams); the others are "n/a" there. */
const NODE_CLIENTS = new Set(["lakefs-s3", "aws-sdk"]);
const STREAM_ROWS = ["stream-get", "stream-get-rss", "stream-put", "stream-put-rss"];

/** The Python with boto3 and lakefs: `$LAKEFS_S3_PYTHON` (set by `npm test` when .venv exists), else .venv's. */
function python(): string | undefined {
  const candidate = process.env.LAKEFS_S3_PYTHON ?? join(ROOT, ".venv", "bin", "python");
  return existsSync(candidate) ? candidate : undefined;
}

describe("benchmark, quick mode", () => {
  it("every client produces every figure and every byte round-trips", async (t) => {
    const py = python();
    // CI makes .venv (bash .ci/run), so there the Python clients are required; elsewhere they are left out with a note.
    if (!py && process.env.CI) assert.fail("no Python with boto3 and lakefs: .ci/run should have made .venv");
    const clients = py ? ALL_CLIENTS : ALL_CLIENTS.filter((c) => !PYTHON_CLIENTS.has(c));
    if (!py) t.diagnostic("no .venv/bin/python: boto3 and lakefs-python left out (python3 -m venv --system-site-packages .venv && .venv/bin/pip install -r requirements-peers.txt)");

    const out = mkdtempSync(join(tmpdir(), "lakefs-s3-bench-quick-"));
    try {
      const env = { ...process.env };
      delete env.NODE_TEST_CONTEXT;
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "bench/run.ts", "--quick", "--out", out, "--clients", clients.join(","), ...(py ? ["--python", py] : [])],
        { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
      );
      let output = "";
      child.stdout.setEncoding("utf8").on("data", (s: string) => (output += s));
      child.stderr.setEncoding("utf8").on("data", (s: string) => (output += s));
      const [code] = (await once(child, "close")) as [number | null];
      assert.equal(code, 0, `bench --quick exited ${code}:\n${output.slice(-4000)}`);

      const results = JSON.parse(readFileSync(join(out, "latest.json"), "utf8")) as BenchResults;
      assert.ok(existsSync(join(out, "latest.md")), "the Markdown report is written too");
      assert.match(readFileSync(join(out, "latest.svg"), "utf8"), /^<svg [^>]*>[\s\S]*<g class="metric" data-metric="stream-get">[\s\S]*<\/svg>\n$/, "and the chart, with the stream rows");
      assert.deepEqual([...results.clients], clients);
      assert.deepEqual(results.failures, [], "no run failed");

      // A figure from every client for every workload (bundle sizes are for Node clients only; the
      // Lambda example's is "n/a" for every client when the project has none).
      const main = results.metrics.filter((m) => !m.secondary);
      assert.deepEqual(
        main.map((m) => m.id).sort(),
        ["bundle", "cold", "lambda-bundle", "large-get", "large-get-rss", "large-put", "large-put-rss", "list", "small-get", "small-put", ...STREAM_ROWS].sort(),
      );
      for (const id of STREAM_ROWS) {
        const m = main.find((x) => x.id === id)!;
        for (const c of clients) assert.equal(m.notApplicable?.[c] !== undefined, !NODE_CLIENTS.has(c), `${id}: ${c} is n/a exactly when it is not a Node client`);
      }
      for (const m of main) {
        for (const c of clients) {
          const figures = m.samples[c] ?? [];
          if (m.notApplicable?.[c]) continue;
          assert.ok(figures.length >= 1 && figures.every((v) => Number.isFinite(v) && v > 0), `${m.id}: ${c} has a figure (${JSON.stringify(figures)})`);
          assert.ok(m.summary[c] !== undefined, `${m.id}: ${c} is summarised`);
        }
      }
      assert.ok(main.find((m) => m.id === "bundle")?.samples["lakefs-s3"]?.[0], "the lakefs-s3 handler bundle was measured");

      // Every round trip verified: small (sampled content), large and stream (SHA-256), list (count), cold (first GetObject).
      for (const workload of ["small", "large", "stream", "list", "cold"]) {
        for (const c of clients) {
          const checks = results.verification.filter((v) => v.workload === workload && v.client === c);
          const expected = workload === "stream" && !NODE_CLIENTS.has(c) ? 0 : results.settings.reps;
          assert.equal(checks.length, expected, `${workload}: ${c} was verified once per repetition`);
          for (const v of checks) assert.ok(v.ok, `${workload}: ${c}: ${v.detail}`);
        }
      }
      for (const v of results.verification.filter((x) => x.workload === "large" || x.workload === "stream")) assert.match(v.detail, /SHA-256 [0-9a-f]{16}… of \d+ bytes matches/);
      for (const v of results.verification.filter((x) => x.workload === "list")) assert.match(v.detail, /^listed (\d+) of \1$/);
      t.diagnostic(`${results.verification.length} round trips verified for ${clients.join(", ")} in ${results.durationSeconds.toFixed(1)} s`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
