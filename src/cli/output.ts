import { LakeFSError } from "../internal.js";
import type { OutputStream } from "./io.js";

/** Writes one line. */
export function writeLine(stream: OutputStream, line = ""): void {
  stream.write(`${line}\n`);
}

/** Writes a value as pretty-printed JSON followed by a newline (the `--json` output of every command). */
export function writeJson(stream: OutputStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A byte count for people: `512 B`, `1.5 KiB`, `24.0 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** A duration for people: `850 ms`, `2.4 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * An error as one line: the class name and the message (which, for a
 * `LakeFSError`, already ends with the hint and never holds secrets).
 */
export function describeError(err: unknown): string {
  // A plain Error is the CLI's own message; library errors keep their class name, which says what failed.
  if (err instanceof Error) return err.name === "Error" ? err.message : `${err.name}: ${err.message}`;
  return String(err);
}

/** An error as a JSON object for `--json` output. */
export function errorJson(err: unknown): { name: string; code?: string; status?: number; message: string; hint?: string } {
  if (err instanceof LakeFSError) {
    return {
      name: err.name,
      code: err.code,
      status: err.status,
      message: err.message,
      ...(err.hint !== undefined ? { hint: err.hint } : {}),
    };
  }
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: "Error", message: String(err) };
}
