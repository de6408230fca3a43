/**
 * The benchmark's SVG chart (bench/chart.ts): its structure, from a small
 * hand-made result set. Pure function, no lakeFS.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { escapeXml, ratioX, renderChart } from "../../bench/chart.js";
import { summarize, type BenchResults, type Metric } from "../../bench/report.js";

function metric(id: string, better: "higher" | "lower", samples: Record<string, number[]>, secondary = false): BenchResults["metrics"][number] {
  const m: Metric = { id, title: `${id} <&> "row"`, unit: "x", better, samples, ...(secondary ? { secondary } : {}) };
  return { ...m, ...summarize(m) };
}

const results: BenchResults = {
  version: 1,
  timestamp: "2026-12-04T05:00:00Z",
  argv: [],
  settings: {},
  machine: {},
  clients: ["lakefs-s3", "aws-sdk", "lakectl"],
  metrics: [
    metric("small-put", "higher", { "lakefs-s3": [100], "aws-sdk": [50], lakectl: [400] }),
    metric("large-get-rss", "lower", { "lakefs-s3": [100], "aws-sdk": [200], lakectl: [] }),
    metric("only-us", "higher", { "lakefs-s3": [1], "aws-sdk": [], lakectl: [] }),
    metric("cpu-small-put", "lower", { "lakefs-s3": [1], "aws-sdk": [2], lakectl: [3] }, true),
  ],
  floor: {},
  verification: [],
  failures: [],
  extra: {},
  notes: [],
  durationSeconds: 1,
};

/** The tags of an SVG document, in order, without attributes. */
function tags(svg: string): string[] {
  return [...svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)].map((m) => `${m[1]}${m[2]}${m[3]}`);
}

describe("renderChart", () => {
  const svg = renderChart(results);

  it("is one well-nested svg element with a title", () => {
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
    const stack: string[] = [];
    for (const t of tags(svg)) {
      if (t.endsWith("/")) continue;
      if (t.startsWith("/")) assert.equal(stack.pop(), t.slice(1), `closing ${t}`);
      else stack.push(t);
    }
    assert.deepEqual(stack, []);
    assert.match(svg, /<title>[^<]*2026-12-04T05:00:00Z[^<]*<\/title>/);
  });

  it("has one group per main workload with a ratio, none for CPU rows or rows without peers", () => {
    const groups = [...svg.matchAll(/<g class="metric" data-metric="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(groups, ["small-put", "large-get-rss"]);
  });

  it("draws one bar per client with a figure, carrying its ratio, and a legend entry per peer", () => {
    const bars = [...svg.matchAll(/<rect class="bar" data-client="([^"]+)" data-ratio="([^"]+)" x="([^"]+)" y="[^"]+" width="([^"]+)"/g)].map((m) => ({
      client: m[1],
      ratio: Number(m[2]),
      x: Number(m[3]),
      width: Number(m[4]),
    }));
    assert.deepEqual(
      bars.map((b) => [b.client, b.ratio]),
      [["aws-sdk", 0.5], ["lakectl", 4], ["aws-sdk", 2]],
    );
    // On the log scale ×1/2 and ×2 are as long as each other, on either side of ×1.
    const one = ratioX(1);
    const half = bars[0]!;
    const double = bars[2]!;
    assert.ok(Math.abs(half.x + half.width - one) < 0.2 && Math.abs(double.x - one) < 0.2);
    assert.ok(Math.abs(half.width - double.width) < 0.2);
    assert.ok(bars[1]!.width > double.width);
    assert.match(svg, /<g class="legend">[\s\S]*>aws-sdk<[\s\S]*>lakectl<[\s\S]*<\/g>/);
    assert.equal(svg.match(/<text class="value"[^>]*>×4\.00<\/text>/)?.length, 1);
  });

  it("escapes titles", () => {
    assert.ok(svg.includes(escapeXml('small-put <&> "row" ↑')));
    assert.ok(!svg.includes('<&> "row"'));
  });
});
