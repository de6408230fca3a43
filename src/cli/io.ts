/** A writable terminal-ish stream: `process.stdout`, `process.stderr` or a test double. */
export interface OutputStream {
  write(chunk: string): boolean;
  /** Set by Node on streams attached to a terminal. */
  readonly isTTY?: boolean;
  /** Terminal width in columns, when a terminal. */
  readonly columns?: number;
}

/**
 * What a command runs with: its output streams, the environment it reads
 * settings from, the working directory, and a signal that aborts on Ctrl-C.
 *
 * @internal
 */
export interface Io {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted when the user interrupts the command (SIGINT, SIGTERM). */
  readonly signal: AbortSignal;
}
