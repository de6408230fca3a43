import type { SettingRow } from "./describe-settings.js";
import type { StepReport, StepStatus } from "./step.js";

const MARK: Record<StepStatus, string> = { pass: "PASS", warn: "WARN", fail: "FAIL", skip: "SKIP" };
const TITLE_WIDTH = 20;
const INDENT = " ".repeat(6 + TITLE_WIDTH);

/** The settings table: `  name   value  (source)`. */
export function renderSettings(rows: readonly SettingRow[]): string[] {
  const width = Math.max(...rows.map((r) => r.name.length)) + 2;
  return rows.map((r) => `  ${r.name.padEnd(width)}${r.value}${r.source ? `  (${r.source})` : ""}`);
}

/**
 * One step as text: `PASS  DNS                 127.0.0.1 is an IP address`,
 * then its details, and for failures and warnings a `fix:` line naming the
 * setting to change.
 */
export function renderStep(report: StepReport, verbose: boolean): string[] {
  const lines = [`${MARK[report.status]}  ${report.title.padEnd(TITLE_WIDTH)}${report.summary}`];
  const showDetails = verbose || report.status === "fail" || report.status === "warn";
  if (showDetails) for (const d of report.details ?? []) lines.push(`${INDENT}${d}`);
  if (report.fix && report.status !== "pass") lines.push(`${INDENT}fix: ${report.fix}`);
  return lines;
}

/** The closing line: counts, and what the exit status will be. */
export function renderSummary(reports: readonly StepReport[]): string {
  const count = (s: StepStatus) => reports.filter((r) => r.status === s).length;
  const failed = count("fail");
  const parts = [`${count("pass")} passed`, `${count("warn")} warnings`, `${failed} failed`, `${count("skip")} skipped`];
  return failed > 0
    ? `Doctor found ${failed === 1 ? "a problem" : `${failed} problems`}: ${parts.join(", ")}. Fix the first FAIL above, then run doctor again.`
    : `All checks passed: ${parts.join(", ")}.`;
}
