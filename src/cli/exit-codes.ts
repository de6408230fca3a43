/**
 * The CLI's exit codes:
 *
 * - `0`: success;
 * - `1`: failure: a check, a request or a transfer failed;
 * - `2`: usage error: an unknown command or option, a missing or bad argument
 *   (nothing was sent to lakeFS).
 *
 * An interrupted command (Ctrl-C) exits with `130`, as shells expect.
 *
 * @internal
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  interrupted: 130,
} as const;

/** The exit-status paragraph every help text ends with. @internal */
export const EXIT_STATUS_HELP = "Exit status: 0 success, 1 failure, 2 usage error (nothing was sent), 130 interrupted.";
