/**
 * `npm run bench -- --quick` as CI runs it: tiny sizes, one repetition, every
 * client. Checks that every client produced a figure for every workload and
 * that every byte round-tripped (SHA-256 of the large object, the content of
 * sampled small objects, the listing's count). Never checks a timing. The same
 * with `--blockstore minio` (lakeFS on MinIO, the presigned data path's leg):
 * every client's figures, lakeFS's and MinIO's CPU included, and for every run
 * that a presigning client left lakeFS out of the data path.
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
/** The clients of the stream rows (Node streams) and of the random reads (open() beside ranged GetObject); the others are "n/a" there. */
const NODE_CLIENTS = new Set(["lakefs-s3", "aws-sdk"]);
const STREAM_ROWS = ["stream-get", "stream-get-rss", "stream-put", "stream-put-rss"];
const NODE_ONLY_ROWS = [...STREAM_ROWS, "random-read"];

/** The Python with boto3 and lakefs: `$LAKEFS_S3_PYTHON` (set by `npm test` when .venv exists), else .venv's. */
function python(): string | undefined {
  const candidate = process.env.LAKEFS_S3_PYTHON ?? join(ROOT, ".venv", "bin", "python");
  return existsSync(candidate) ? candidate : undefined;
}

/** What one bench run wrote: the JSON results, the Markdown report and the chart. */
interface BenchOutput {
  readonly results: BenchResults;
  readonly markdown: string;
  readonly svg: string;
}

/** Runs `bench/run.ts` with these arguments into a fresh results folder (removed after); gives what it wrote. */
async function runBench(args: readonly string[]): Promise<BenchOutput> {
  const out = mkdtempSync(join(tmpdir(), "lakefs-s3-bench-quick-"));
  try {
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, ["--import", "tsx", "bench/run.ts", ...args, "--out", out], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (output += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (output += s));
    const [code] = (await once(child, "close")) as [number | null];
    assert.equal(code, 0, `bench ${args.join(" ")} exited ${code}:\n${output.slice(-4000)}`);
    const read = (name: string): string => readFileSync(join(out, name), "utf8");
    return { results: JSON.parse(read("latest.json")) as BenchResults, markdown: read("latest.md"), svg: read("latest.svg") };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Every client has a figure (positive, or at least 0 for CPU, which a tiny run may not register), summarised, in each of these metrics. */
function assertFigures(results: BenchResults, ids: readonly string[], clients: readonly string[], min: "positive" | "zero"): void {
  for (const id of ids) {
    const m = results.metrics.find((x) => x.id === id);
    assert.ok(m, `the results have ${id}`);
    for (const c of clients) {
      const figures = m.samples[c] ?? [];
      assert.ok(figures.length >= 1 && figures.every((v) => Number.isFinite(v) && (min === "zero" ? v >= 0 : v > 0)), `${id}: ${c} has a figure (${JSON.stringify(figures)})`);
      assert.ok(m.summary[c] !== undefined, `${id}: ${c} is summarised`);
    }
  }
}

describe("benchmark, quick mode", () => {
  it("every client produces every figure and every byte round-trips", async (t) => {
    const py = python();
    // CI makes .venv (bash .ci/run), so there the Python clients are required; elsewhere they are left out with a note.
    if (!py && process.env.CI) assert.fail("no Python with boto3 and lakefs: .ci/run should have made .venv");
    const clients = py ? ALL_CLIENTS : ALL_CLIENTS.filter((c) => !PYTHON_CLIENTS.has(c));
    if (!py) t.diagnostic("no .venv/bin/python: boto3 and lakefs-python left out (python3 -m venv --system-site-packages .venv && .venv/bin/pip install -r requirements-peers.txt)");

    const { results, markdown, svg } = await runBench(["--quick", "--clients", clients.join(","), ...(py ? ["--python", py] : [])]);
    {
      assert.match(markdown, /^# lakefs-s3 benchmark/, "the Markdown report is written too");
      assert.match(svg, /^<svg [^>]*>[\s\S]*<g class="metric" data-metric="stream-get">[\s\S]*<\/svg>\n$/, "and the chart, with the stream rows");
      assert.deepEqual([...results.clients], clients);
      assert.deepEqual(results.failures, [], "no run failed");

      // A figure from every client for every workload (bundle sizes are for Node clients only; the
      // Lambda example's is "n/a" for every client when the project has none).
      const main = results.metrics.filter((m) => !m.secondary);
      assert.deepEqual(
        main.map((m) => m.id).sort(),
        ["bundle", "cold", "lambda-bundle", "large-get", "large-get-rss", "large-put", "large-put-rss", "list", "small-get", "small-put", ...NODE_ONLY_ROWS].sort(),
      );
      for (const id of NODE_ONLY_ROWS) {
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

      // Every round trip verified: small (sampled content), large, stream and random (SHA-256), list (count), cold (first GetObject).
      for (const workload of ["small", "large", "stream", "random", "list", "cold"]) {
        for (const c of clients) {
          const checks = results.verification.filter((v) => v.workload === workload && v.client === c);
          const expected = (workload === "stream" || workload === "random") && !NODE_CLIENTS.has(c) ? 0 : results.settings.reps;
          assert.equal(checks.length, expected, `${workload}: ${c} was verified once per repetition`);
          for (const v of checks) assert.ok(v.ok, `${workload}: ${c}: ${v.detail}`);
        }
      }
      for (const v of results.verification.filter((x) => x.workload === "large" || x.workload === "stream")) assert.match(v.detail, /SHA-256 [0-9a-f]{16}… of \d+ bytes matches/);
      for (const v of results.verification.filter((x) => x.workload === "random")) assert.match(v.detail, /SHA-256 [0-9a-f]{16}… of \d+ reads matches/);
      for (const v of results.verification.filter((x) => x.workload === "list")) assert.match(v.detail, /^listed (\d+) of \1$/);
      t.diagnostic(`${results.verification.length} round trips verified for ${clients.join(", ")} in ${results.durationSeconds.toFixed(1)} s`);
    }
  });

  it("on lakeFS over MinIO: every client's figures, the servers' CPU, and presigning clients past lakeFS", async (t) => {
    const py = python();
    if (!py && process.env.CI) assert.fail("no Python with boto3 and lakefs: .ci/run should have made .venv");
    const clients = ["lakefs-s3", "lakefs-s3-presigned", "lakectl", ...(py ? ["lakefs-python"] : [])];
    if (!py) t.diagnostic("no .venv/bin/python: lakefs-python left out");
    const { results } = await runBench(["--quick", "--blockstore", "minio", "--clients", clients.join(","), ...(py ? ["--python", py] : [])]);
    assert.equal(results.settings.blockstore, "minio");
    assert.deepEqual(results.failures, [], "no run failed");

    const main = results.metrics.filter((m) => !m.secondary).map((m) => m.id).sort();
    assert.deepEqual(main, ["large-get", "large-get-rss", "large-put", "large-put-rss", "small-get", "small-put"]);
    // Rates, memory, and CPU per op or per GiB of the client, lakeFS and MinIO.
    assertFigures(results, main, clients, "positive");
    const cpu = ["cpu-small-put", "cpu-small-get", "cpu-large-put", "cpu-large-get", "lakefs-cpu-small", "lakefs-cpu-large-put", "lakefs-cpu-large-get"];
    assertFigures(results, [...cpu, "minio-cpu-small", "minio-cpu-large-put", "minio-cpu-large-get"], clients, "zero");

    // Bytes round-tripped, and every timed run's data path was checked: three per client (small, large up, large down).
    for (const workload of ["small", "large"]) {
      for (const c of clients) {
        const checks = results.verification.filter((v) => v.workload === workload && v.client === c);
        assert.equal(checks.length, 1, `${workload}: ${c} was verified`);
        assert.ok(checks[0]!.ok, `${workload}: ${c}: ${checks[0]!.detail}`);
      }
    }
    for (const c of clients) {
      const checks = results.verification.filter((v) => v.workload === "data-path" && v.client === c);
      assert.equal(checks.length, 3, `${c}: a data-path check per timed run`);
      for (const v of checks) {
        assert.ok(v.ok, `${c}: ${v.detail}`);
        const [, lakefs, store] = /data requests lakeFS (\d+), store (\d+)$/.exec(v.detail)!.map(Number);
        assert.ok(store! > 0, `${c}: the store served the run (${v.detail})`);
        if (c === "lakefs-s3") assert.ok(lakefs! > 0, `the gateway client's bytes went through lakeFS (${v.detail})`);
        else assert.equal(lakefs, 0, `${c} sent no data request to lakeFS (${v.detail})`);
      }
    }
    t.diagnostic(`${results.verification.length} checks passed for ${clients.join(", ")} in ${results.durationSeconds.toFixed(1)} s`);
  });
});
