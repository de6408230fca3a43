import type { Io } from "./io.js";

/**
 * One CLI command: its name, a one-line summary for the top-level help, its
 * full `--help` text, and what it does. `run` resolves to the exit code (see
 * `EXIT`); it throws `UsageError` for command-line mistakes.
 *
 * @internal
 */
export interface Command {
  readonly name: string;
  /** Argument synopsis after the name, e.g. `SRC DST`. */
  readonly synopsis: string;
  readonly summary: string;
  readonly help: string;
  run(argv: readonly string[], io: Io): Promise<number>;
}
