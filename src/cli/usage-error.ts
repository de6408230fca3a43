/**
 * A mistake in the command line: an unknown command or option, a missing or
 * malformed argument. The CLI prints it with a pointer to `--help` and exits
 * with status 2. Nothing was sent to lakeFS.
 *
 * @internal
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** The command whose `--help` to point at, if any. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}
