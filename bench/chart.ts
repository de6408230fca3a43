/**
 * The benchmark's chart: an SVG of every client's ratio to lakefs-s3 per
 * workload (the main table's "vs lakefs-s3" column), written next to the
 * Markdown table. Dependency-free: the SVG is built as text.
 *
 * Reading it: one row per workload (its title above its bars), one bar per client, on a log scale centred
 * on ×1 (lakefs-s3 itself). A bar to the right means a larger figure than
 * lakefs-s3's, to the left a smaller one; each row's label says whether larger
 * is better (↑, rates) or worse (↓, times, memory, sizes), and the bar is drawn
 * solid where that client beats lakefs-s3 and pale where it does not.
 */
import { REFERENCE_CLIENT, type BenchResults } from "./report.js";

/** Ratios beyond ×1/8 … ×8 are drawn at the edge (the label keeps the real figure). */
const MAX_LOG2 = 3;
const WIDTH = 900;
/** Each row's title goes on its own line above its bars, so long titles need no column. */
const LABEL_HEIGHT = 16;
const PLOT_LEFT = 60;
const PLOT_WIDTH = WIDTH - PLOT_LEFT - 60;
const BAR_HEIGHT = 12;
const BAR_GAP = 3;
const ROW_GAP = 14;
const TOP = 64;
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

/** `&`, `<`, `>`, `"` escaped for SVG text and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The x coordinate of a ratio on the log scale (×1 in the middle of the plot). */
export function ratioX(ratio: number): number {
  const l = Math.max(-MAX_LOG2, Math.min(MAX_LOG2, Math.log2(ratio)));
  return PLOT_LEFT + ((l + MAX_LOG2) / (2 * MAX_LOG2)) * PLOT_WIDTH;
}

const round = (n: number): string => String(Math.round(n * 10) / 10);

interface ChartRow {
  readonly id: string;
  readonly label: string;
  readonly better: "higher" | "lower";
  readonly bars: readonly { client: string; ratio: number }[];
}

/** The rows to draw: main (non-CPU) metrics with at least one ratio to a client other than lakefs-s3. */
function chartRows(results: BenchResults): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const m of results.metrics) {
    if (m.secondary) continue;
    const bars = results.clients
      .filter((c) => c !== REFERENCE_CLIENT)
      .flatMap((client) => {
        const ratio = m.summary[client]?.ratio;
        return ratio !== undefined && Number.isFinite(ratio) && ratio > 0 ? [{ client, ratio }] : [];
      });
    if (bars.length > 0) rows.push({ id: m.id, label: `${m.title} ${m.better === "higher" ? "↑" : "↓"}`, better: m.better, bars });
  }
  return rows;
}

function axis(height: number): string[] {
  const out: string[] = ['<g class="axis">'];
  for (let l = -MAX_LOG2; l <= MAX_LOG2; l++) {
    const x = round(ratioX(2 ** l));
    const text = l < 0 ? `×1/${2 ** -l}` : `×${2 ** l}`;
    out.push(`<line x1="${x}" y1="${TOP - 6}" x2="${x}" y2="${height - 24}" stroke="${l === 0 ? "#000" : "#ddd"}"/>`);
    out.push(`<text x="${x}" y="${height - 10}" text-anchor="middle">${escapeXml(text)}</text>`);
  }
  out.push("</g>");
  return out;
}

function legend(clients: readonly string[], color: (c: string) => string): string[] {
  const out: string[] = ['<g class="legend">'];
  clients.forEach((c, i) => {
    const x = PLOT_LEFT + i * 120;
    out.push(`<rect x="${x}" y="30" width="12" height="12" fill="${color(c)}"/>`);
    out.push(`<text x="${x + 16}" y="40">${escapeXml(c)}</text>`);
  });
  out.push("</g>");
  return out;
}

function rowSvg(row: ChartRow, y: number, color: (c: string) => string): string[] {
  const out: string[] = [`<g class="metric" data-metric="${escapeXml(row.id)}">`];
  out.push(`<text class="label" x="10" y="${y + LABEL_HEIGHT - 5}" font-weight="bold" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(row.label)}</text>`);
  row.bars.forEach((bar, i) => {
    const by = y + LABEL_HEIGHT + i * (BAR_HEIGHT + BAR_GAP);
    const x0 = ratioX(1);
    const x1 = ratioX(bar.ratio);
    const beatsUs = row.better === "higher" ? bar.ratio > 1 : bar.ratio < 1;
    out.push(
      `<rect class="bar" data-client="${escapeXml(bar.client)}" data-ratio="${bar.ratio.toFixed(3)}" x="${round(Math.min(x0, x1))}" y="${by}" width="${round(Math.max(1, Math.abs(x1 - x0)))}" height="${BAR_HEIGHT}" fill="${color(bar.client)}" fill-opacity="${beatsUs ? 1 : 0.45}"/>`,
    );
    const tx = bar.ratio >= 1 ? Math.max(x0, x1) + 4 : Math.min(x0, x1) - 4;
    out.push(`<text class="value" x="${round(tx)}" y="${by + BAR_HEIGHT - 2}" text-anchor="${bar.ratio >= 1 ? "start" : "end"}">×${bar.ratio.toFixed(2)}</text>`);
  });
  out.push("</g>");
  return out;
}

/**
 * The SVG chart of a run's ratios to lakefs-s3: one row per workload of the
 * main table, one bar per other client, a log scale centred on ×1.
 */
export function renderChart(results: BenchResults): string {
  const rows = chartRows(results);
  const others = results.clients.filter((c) => c !== REFERENCE_CLIENT);
  const color = (c: string): string => PALETTE[Math.max(0, others.indexOf(c)) % PALETTE.length]!;
  const heights = rows.map((r) => LABEL_HEIGHT + r.bars.length * (BAR_HEIGHT + BAR_GAP) + ROW_GAP);
  const height = TOP + heights.reduce((a, b) => a + b, 0) + 30;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(`lakefs-s3 benchmark ${results.timestamp}: each client's median ÷ lakefs-s3's`)}</title>`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="10" y="18" font-size="13" font-weight="bold">${escapeXml(`Ratio to ${REFERENCE_CLIENT} (median ÷ median, log scale) — ${results.timestamp}`)}</text>`,
    ...legend(others, color),
    ...axis(height),
  ];
  let y = TOP;
  rows.forEach((row, i) => {
    out.push(...rowSvg(row, y, color));
    y += heights[i]!;
  });
  out.push("</svg>", "");
  return out.join("\n");
}
