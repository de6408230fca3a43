/**
 * The benchmark's results: their JSON shape, the summary of each metric
 * (median, spread, ratio to lakefs-s3, best client), and the Markdown and
 * terminal tables made from them.
 */

/** The client every ratio is taken against. */
export const REFERENCE_CLIENT = "lakefs-s3";

/** One figure the benchmark reports, for every client that has it. */
export interface Metric {
  /** `small-put`, `large-get-rss`, … */
  readonly id: string;
  /** Row title, with the workload's sizes. */
  readonly title: string;
  /** `ops/s`, `MiB/s`, `ms`, `MiB`, `KiB`. */
  readonly unit: string;
  /** Whether a larger figure is better (rates) or a smaller one (times, memory, sizes). */
  readonly better: "higher" | "lower";
  /** Raw figures per client, one per repetition, in run order. */
  readonly samples: Record<string, number[]>;
  /** What a client did instead of a figure (e.g. "n/a: not a Node client"). */
  readonly notApplicable?: Record<string, string>;
  /** A reference figure that no client can beat, such as the disk rate. */
  readonly floor?: { readonly label: string; readonly value: number };
  /** Shown in the compact CPU table rather than the main one. */
  readonly secondary?: boolean;
}

/** Median and spread of one client's figures. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
  /** median ÷ lakefs-s3's median. */
  readonly ratio?: number;
}

/** One check that bytes round-tripped. */
export interface Verification {
  readonly workload: string;
  readonly client: string;
  readonly rep: number;
  readonly ok: boolean;
  readonly detail: string;
}

/** One run that failed (the metric then lacks that figure). */
export interface Failure {
  readonly workload: string;
  readonly client: string;
  readonly rep: number;
  readonly error: string;
}

/** Everything a run writes to `bench/results/<timestamp>.json`. */
export interface BenchResults {
  readonly version: 1;
  readonly timestamp: string;
  /** The command line, as given. */
  readonly argv: readonly string[];
  /** The resolved settings (sizes in bytes). */
  readonly settings: Record<string, unknown>;
  readonly machine: Record<string, unknown>;
  readonly clients: readonly string[];
  readonly metrics: readonly (Metric & { readonly summary: Record<string, Summary>; readonly best?: { client: string; median: number } })[];
  readonly floor: Record<string, number | string>;
  readonly verification: readonly Verification[];
  readonly failures: readonly Failure[];
  /** Extra figures kept for analysis (CPU seconds of client and server per run, …). */
  readonly extra: Record<string, unknown>;
  readonly notes: readonly string[];
  readonly durationSeconds: number;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median, spread and ratio per client, and the best client. */
export function summarize(metric: Metric): { summary: Record<string, Summary>; best?: { client: string; median: number } } {
  const summary: Record<string, Summary> = {};
  for (const [client, values] of Object.entries(metric.samples)) {
    if (values.length === 0) continue;
    summary[client] = { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
  }
  const ref = summary[REFERENCE_CLIENT]?.median;
  for (const [client, s] of Object.entries(summary)) {
    if (ref !== undefined && ref > 0) summary[client] = { ...s, ratio: s.median / ref };
  }
  let best: { client: string; median: number } | undefined;
  for (const [client, s] of Object.entries(summary)) {
    if (!best || (metric.better === "higher" ? s.median > best.median : s.median < best.median)) best = { client, median: s.median };
  }
  return best ? { summary, best } : { summary };
}

/** A figure with about three significant digits. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString("en-US");
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

const arrow = (m: Metric): string => (m.better === "higher" ? "↑" : "↓");

interface Row {
  readonly cells: string[];
}

function rows(results: BenchResults): { header: string[]; body: Row[] } {
  const header = ["workload", "client", "median", "spread (min–max)", "n", `vs ${REFERENCE_CLIENT}`];
  const body: Row[] = [];
  for (const m of results.metrics) {
    if (m.secondary) continue;
    const title = `${m.title} [${m.unit} ${arrow(m)}]`;
    let first = true;
    for (const client of results.clients) {
      const s = m.summary[client];
      const na = m.notApplicable?.[client];
      if (!s && !na && !(client in m.samples)) continue;
      const cells = s
        ? [
            first ? title : "",
            client,
            fmt(s.median),
            s.n > 1 ? `${fmt(s.min)}–${fmt(s.max)}` : "—",
            String(s.n),
            s.ratio !== undefined ? `×${s.ratio.toFixed(2)}` : "—",
          ]
        : [first ? title : "", client, na ?? "failed", "", "", ""];
      body.push({ cells });
      first = false;
    }
    if (m.best) body.push({ cells: ["", "best", `${fmt(m.best.median)} (${m.best.client})`, "", "", ""] });
    if (m.floor) body.push({ cells: ["", "floor", `${fmt(m.floor.value)} (${m.floor.label})`, "", "", ""] });
  }
  return { header, body };
}

const floorText = (results: BenchResults): string =>
  Object.entries(results.floor)
    .map(([k, v]) => `${k} ${typeof v === "number" ? fmt(v) : v}`)
    .join("; ");

const escapeCell = (s: string): string => s.replace(/\|/g, "\\|");

/** The secondary (CPU) metrics as one compact table: a row per metric, a column per client (median, ×ratio). */
function compactRows(results: BenchResults): { header: string[]; body: string[][] } | undefined {
  const metrics = results.metrics.filter((m) => m.secondary);
  if (metrics.length === 0) return undefined;
  const header = ["CPU time (median; ×ratio to lakefs-s3)", ...results.clients];
  const body = metrics.map((m) => [
    `${m.title} [${m.unit} ↓]`,
    ...results.clients.map((c) => {
      const s = m.summary[c];
      return s ? `${fmt(s.median)}${s.ratio !== undefined && c !== REFERENCE_CLIENT ? ` ×${s.ratio.toFixed(2)}` : ""}` : "—";
    }),
  ]);
  return { header, body };
}

/** The Markdown report: settings, the table, verification, notes. */
export function renderMarkdown(results: BenchResults): string {
  const { header, body } = rows(results);
  const lines: string[] = [];
  lines.push(`# lakefs-s3 benchmark — ${results.timestamp}`, "");
  lines.push(`Command: \`${["npm run bench --", ...results.argv].join(" ")}\``, "");
  lines.push(`Machine: ${Object.entries(results.machine).map(([k, v]) => `${k} ${String(v)}`).join("; ")}`, "");
  lines.push(`Settings: ${Object.entries(results.settings).map(([k, v]) => `${k}=${String(v)}`).join(", ")}`, "");
  lines.push(`| ${header.join(" | ")} |`, `| ${header.map((_, i) => (i >= 2 ? "---:" : "---")).join(" | ")} |`);
  for (const r of body) lines.push(`| ${r.cells.map(escapeCell).join(" | ")} |`);
  lines.push("");
  const compact = compactRows(results);
  if (compact) {
    lines.push(`| ${compact.header.join(" | ")} |`, `| ${compact.header.map((_, i) => (i >= 1 ? "---:" : "---")).join(" | ")} |`);
    for (const r of compact.body) lines.push(`| ${r.map(escapeCell).join(" | ")} |`);
    lines.push("");
  }
  if (Object.keys(results.floor).length > 0) {
    lines.push(`Floor (dd on the blockstore directory, ${results.settings.largeSize} bytes): ${floorText(results)}.`, "");
  }
  const bad = results.verification.filter((v) => !v.ok);
  lines.push(`Round trips verified: ${results.verification.length - bad.length}/${results.verification.length} ok${bad.length ? "" : "."}`);
  for (const v of bad) lines.push(`- FAILED ${v.workload} / ${v.client} / rep ${v.rep}: ${v.detail}`);
  if (results.failures.length > 0) {
    lines.push("", "Failed runs:");
    for (const f of results.failures) lines.push(`- ${f.workload} / ${f.client} / rep ${f.rep}: ${f.error.split("\n")[0]}`);
  }
  if (results.notes.length > 0) {
    lines.push("", "Notes:");
    for (const n of results.notes) lines.push(`- ${n}`);
  }
  lines.push("", `Total time: ${fmt(results.durationSeconds)} s.`, "");
  return lines.join("\n");
}

/** The same figures for a terminal: a heading per metric, then one padded line per client. */
export function renderTerminal(results: BenchResults): string {
  const { header, body } = rows(results);
  const cols = header.slice(1);
  const all = [cols, ...body.map((r) => r.cells.slice(1))];
  const widths = cols.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? "")].length)));
  const line = (cells: readonly string[]): string =>
    `  ${cells.map((c, i) => (i >= 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd()}`;
  const out = [line(cols)];
  for (const r of body) {
    if (r.cells[0]) out.push("", r.cells[0]);
    out.push(line(r.cells.slice(1)));
  }
  const compact = compactRows(results);
  if (compact) {
    const w = compact.header.map((_, i) => Math.max(...[compact.header, ...compact.body].map((r) => [...(r[i] ?? "")].length)));
    const row = (cells: readonly string[]): string => cells.map((c, i) => (i >= 1 ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join("  ").trimEnd();
    out.push("", row(compact.header));
    for (const r of compact.body) out.push(row(r));
  }
  const bad = results.verification.filter((v) => !v.ok);
  if (Object.keys(results.floor).length > 0) out.push("", `floor (dd on the blockstore directory): ${floorText(results)}`);
  out.push(`round trips verified: ${results.verification.length - bad.length}/${results.verification.length}; failed runs: ${results.failures.length}`);
  return out.join("\n");
}
