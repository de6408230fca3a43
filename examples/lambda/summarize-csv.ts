/**
 * The transformation both Lambda examples apply: a CSV file becomes a small
 * JSON summary (header columns and data row count). Pure, no dependencies.
 */

/** What a CSV summary holds. */
export interface CsvSummary {
  /** `lakefs://repository/ref/path` of the source. */
  readonly source: string;
  /** The header row's column names. */
  readonly columns: string[];
  /** Data rows, the header excluded; blank lines are not counted. */
  readonly rows: number;
  /** Source size in bytes (UTF-8). */
  readonly bytes: number;
}

/** Summarizes CSV text. Quoted fields with commas or line breaks are not handled: this is an example. */
export function summarizeCsv(text: string, source: string): CsvSummary {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const [header = "", ...data] = lines;
  return {
    source,
    columns: header === "" ? [] : header.split(",").map((c) => c.trim()),
    rows: data.length,
    bytes: Buffer.byteLength(text),
  };
}
