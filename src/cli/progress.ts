import type { OutputStream } from "./io.js";
import { formatBytes } from "./output.js";

/** Reports a transfer of many files: bytes as they move, a line per finished file. */
export interface ProgressDisplay {
  /** Bytes moved since the last call. */
  add(bytes: number): void;
  /** A file is done: prints its line (unless lines are off). */
  fileDone(line: string): void;
  /** Prints a line that is not about a file (a warning), without breaking the bar. */
  note(line: string): void;
  /** Removes the bar. */
  finish(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Where the bar goes (stderr): drawn only when it is a terminal. */
  readonly bar: OutputStream;
  /** Where per-file lines go (stdout), or `undefined` for none (`--json`, `--quiet`). */
  readonly lines: OutputStream | undefined;
  /** Whether to draw the bar at all (`--quiet` turns it off). */
  readonly showBar: boolean;
  readonly totalBytes: number;
  readonly totalFiles: number;
  /** Milliseconds between redraws. Default 100. */
  readonly intervalMs?: number;
}

const CLEAR_LINE = "\r\x1b[K";

/**
 * A progress display for `cp`: on a terminal, one bar on stderr redrawn at
 * most every 100 ms (`[#####.....]  48%  11.5/24.0 MiB  1/3 files  6.2
 * MiB/s`) with per-file lines printed above it; elsewhere (a pipe, a log
 * file, CI) no bar, only the plain per-file lines.
 */
export function createProgress(options: ProgressOptions): ProgressDisplay {
  const tty = options.showBar && options.bar.isTTY === true;
  const started = Date.now();
  const interval = options.intervalMs ?? 100;
  let loaded = 0;
  let files = 0;
  let lastDraw = 0;
  let drawn = false;

  const render = (): string => {
    const width = Math.max(10, Math.min(30, (options.bar.columns ?? 80) - 60));
    const ratio = options.totalBytes > 0 ? Math.min(1, loaded / options.totalBytes) : files / Math.max(1, options.totalFiles);
    const filled = Math.round(ratio * width);
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0.2 ? `  ${formatBytes(loaded / seconds)}/s` : "";
    return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}%  ${formatBytes(loaded)}/${formatBytes(options.totalBytes)}  ${files}/${options.totalFiles} files${rate}`;
  };
  const draw = (force = false): void => {
    if (!tty) return;
    const now = Date.now();
    if (!force && now - lastDraw < interval) return;
    lastDraw = now;
    options.bar.write(`${CLEAR_LINE}${render()}`);
    drawn = true;
  };
  const clear = (): void => {
    if (tty && drawn) options.bar.write(CLEAR_LINE);
    drawn = false;
  };

  return {
    add(bytes) {
      loaded += bytes;
      draw();
    },
    fileDone(line) {
      files++;
      if (options.lines) {
        clear();
        options.lines.write(`${line}\n`);
      }
      draw(true);
    },
    note(line) {
      clear();
      options.bar.write(`${line}\n`);
      draw(true);
    },
    finish() {
      clear();
    },
  };
}
