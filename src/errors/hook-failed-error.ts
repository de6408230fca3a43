import { PreconditionFailedError } from "./input-errors.js";
import type { LakeFSErrorOptions } from "./lakefs-error.js";

/**
 * A lakeFS hook (an action in `_lakefs_actions/`) refused the operation: a
 * `pre-commit`, `pre-merge` or other `pre-*` hook failed, so nothing was
 * committed, merged or created. lakeFS answers 412 with
 * `"<event> hook aborted, run id '<run>': … failed on action '<action>' hook '<hook>': <answer>"`;
 * the fields below are read from that answer. The hook's full output is in
 * lakeFS's action run log (`lakectl actions runs describe <repo> <runId>`).
 *
 * @public
 */
export class HookFailedError extends PreconditionFailedError {
  override readonly name: string = "HookFailedError";
  /** The event whose hook failed, such as `pre-commit`. */
  readonly eventType: string;
  /** The action run id, for lakeFS's action run log. */
  readonly runId: string | undefined;
  /** The name of the action whose hook failed. */
  readonly actionName: string | undefined;
  /** The id of the hook that failed. */
  readonly hookId: string | undefined;
  /** What the hook answered, such as `webhook request failed (status code: 403)`. */
  readonly answer: string;

  constructor(
    fields: { eventType: string; runId?: string; actionName?: string; hookId?: string; answer: string },
    message: string,
    options: LakeFSErrorOptions = {},
  ) {
    super(message, {
      code: "HookFailed",
      hint: "Read the hook's answer in lakeFS's action run log, fix the cause (or the hook), then retry",
      ...options,
    });
    this.eventType = fields.eventType;
    this.runId = fields.runId;
    this.actionName = fields.actionName;
    this.hookId = fields.hookId;
    this.answer = fields.answer;
  }
}

const ABORTED = /([a-z-]+) hook aborted, run id '([^']*)'/;
const FAILED_HOOK = /failed on action '([^']*)' hook '([^']*)': (?:action failed: )?([^\n]*)/;

/**
 * The {@link HookFailedError} for a lakeFS "hook aborted" answer, or
 * `undefined` when the message is not one.
 *
 * @internal
 */
export function hookFailedError(serverMessage: string, operation: string | undefined, options: LakeFSErrorOptions): HookFailedError | undefined {
  const aborted = ABORTED.exec(serverMessage);
  if (!aborted) return undefined;
  const failed = FAILED_HOOK.exec(serverMessage);
  const eventType = aborted[1] ?? "hook";
  const answer = (failed?.[3] ?? serverMessage.slice(aborted.index + aborted[0].length).replace(/^[:\s]+/, "")).trim();
  const who = failed ? `hook '${failed[2]}' of action '${failed[1]}'` : "a hook";
  const message = `${operation ? `${operation}: ` : ""}${eventType} ${who} refused it: ${answer || "no answer"}`;
  return new HookFailedError(
    { eventType, runId: aborted[2], ...(failed ? { actionName: failed[1], hookId: failed[2] } : {}), answer },
    message,
    options,
  );
}
