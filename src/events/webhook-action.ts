import { ValidationError } from "../errors/input-errors.js";
import type { Branch } from "../handles/branch.js";
import type { CallOptions } from "../http/call-options.js";
import { DEFAULT_SECRET_HEADER } from "./check-shared-secret.js";
import { commitFile, deleteFileAndCommit } from "./lakefs-calls.js";
import { HOOK_EVENT_TYPES, type HookEventType } from "./hook-event.js";

/**
 * Where the webhook's shared secret comes from: a literal `value` (stored in
 * the action file, so readable by anyone who can read the branch), or better
 * the lakeFS server's environment variable `fromEnv` (lakeFS substitutes
 * `{{ ENV.<name> }}`; by default only variables starting with `LAKEFSACTION_`).
 *
 * @public
 */
export type WebhookSecretSource =
  | {
      /** The secret itself, written into the action file. */
      readonly value: string;
    }
  | {
      /** The name of the lakeFS server's environment variable holding the secret. */
      readonly fromEnv: string;
    };

/**
 * A webhook action: lakeFS posts each chosen event on the chosen branches to `url`.
 *
 * @public
 */
export interface WebhookActionInput {
  /** Action name, also the file name `_lakefs_actions/<name>.yaml`: letters, digits, `_`, `-`, `.`. */
  readonly name: string;
  /** The hook id lakeFS sends as `hook_id`. Default `"s3-events"`. */
  readonly hookId?: string;
  /** The webhook URL, `http:` or `https:`. */
  readonly url: string;
  /** Events to call it on, such as `["post-commit", "post-merge"]`. */
  readonly events: readonly HookEventType[];
  /** Branch name patterns (`*`, `?`); default every branch. Not allowed with tag events. */
  readonly branches?: readonly string[];
  /** lakeFS's request timeout, in milliseconds. Default lakeFS's (1 minute). */
  readonly timeoutMs?: number;
  /** Query parameters added to the URL by lakeFS. */
  readonly queryParams?: Readonly<Record<string, string | readonly string[]>>;
  /** The shared secret lakeFS sends in {@link WebhookActionInput.secretHeader}. Default none. */
  readonly secret?: WebhookSecretSource;
  /** The header carrying the secret. Default {@link DEFAULT_SECRET_HEADER}. */
  readonly secretHeader?: string;
  /** A description, shown in lakeFS's UI. */
  readonly description?: string;
}

/** The folder lakeFS reads actions from. @public */
export const ACTIONS_FOLDER = "_lakefs_actions/";

const ACTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{1,99}$/;
const HOOK_ID = /^[_a-zA-Z][-_a-zA-Z0-9]{1,255}$/;
const HEADER = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function invalid(message: string): never {
  throw new ValidationError(message, { operation: "webhookActionYaml" });
}

function checkInput(input: WebhookActionInput): void {
  if (!ACTION_NAME.test(input.name)) invalid(`Action name "${input.name}" must be 2-100 letters, digits, "_", "-" or "." (it names the file)`);
  if (input.hookId !== undefined && !HOOK_ID.test(input.hookId)) invalid(`Hook id "${input.hookId}" must match ${HOOK_ID.source}`);
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    invalid(`Webhook URL "${input.url}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") invalid(`Webhook URL must be http(s), not ${url.protocol}`);
  if (input.events.length === 0) invalid("Choose at least one event");
  for (const e of input.events) if (!(HOOK_EVENT_TYPES as readonly string[]).includes(e)) invalid(`Unknown event "${e}"; lakeFS knows ${HOOK_EVENT_TYPES.join(", ")}`);
  if (input.branches?.length && input.events.some((e) => e.endsWith("-tag"))) invalid("Tag events take no branches (lakeFS refuses the action)");
  for (const b of input.branches ?? []) if (!/^[\w*?[\]!-][\w*?[\]!.-]*$/.test(b)) invalid(`Branch pattern "${b}" is not a branch name or pattern`);
  if (input.timeoutMs !== undefined && !(Number.isSafeInteger(input.timeoutMs) && input.timeoutMs > 0)) invalid("timeoutMs must be a positive integer");
  if (input.secretHeader !== undefined && !HEADER.test(input.secretHeader)) invalid(`"${input.secretHeader}" is not an HTTP header name`);
  const secret = input.secret;
  if (secret && "fromEnv" in secret && !ENV_NAME.test(secret.fromEnv)) invalid(`"${secret.fromEnv}" is not an environment variable name`);
  if (secret && "value" in secret && (secret.value === "" || /[\r\n]/.test(secret.value))) invalid("The secret must be non-empty and on one line");
}

// JSON strings are YAML double-quoted scalars: safe for any value.
const q = (s: string): string => JSON.stringify(s);

/**
 * The text of `_lakefs_actions/<name>.yaml` for a webhook action, validated
 * first. Writes nothing.
 *
 * @throws `ValidationError` on an unknown event, a URL that is not http(s), or another invalid field.
 *
 * @public
 */
export function webhookActionYaml(input: WebhookActionInput): string {
  checkInput(input);
  const lines = [`name: ${q(input.name)}`];
  if (input.description) lines.push(`description: ${q(input.description)}`);
  lines.push("on:");
  for (const event of new Set(input.events)) {
    if (input.branches?.length) lines.push(`  ${event}:`, "    branches:", ...input.branches.map((b) => `      - ${q(b)}`));
    else lines.push(`  ${event}: {}`);
  }
  lines.push("hooks:", `  - id: ${q(input.hookId ?? "s3-events")}`, "    type: webhook", "    properties:", `      url: ${q(input.url)}`);
  if (input.timeoutMs !== undefined) lines.push(`      timeout: ${q(`${input.timeoutMs}ms`)}`);
  const params = Object.entries(input.queryParams ?? {});
  if (params.length) {
    lines.push("      query_params:");
    for (const [k, v] of params) lines.push(`        ${q(k)}: ${typeof v === "string" ? q(v) : `[${v.map(q).join(", ")}]`}`);
  }
  if (input.secret) {
    const value = "fromEnv" in input.secret ? `{{ ENV.${input.secret.fromEnv} }}` : input.secret.value;
    lines.push("      headers:", `        ${q(input.secretHeader ?? DEFAULT_SECRET_HEADER)}: ${q(value)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The path of an action's file on the branch. @public */
export function actionPath(name: string): string {
  return `${ACTIONS_FOLDER}${name}.yaml`;
}

/**
 * Writes `_lakefs_actions/<name>.yaml` for a webhook action to `branch` and
 * commits it, so lakeFS runs it from the next event on. Validates before
 * writing anything. Returns the commit id.
 *
 * @throws `ValidationError` on invalid input (nothing is written).
 *
 * @public
 */
export function installWebhookAction(branch: Branch, input: WebhookActionInput, options: CallOptions = {}): Promise<string> {
  const body = webhookActionYaml(input);
  return commitFile(branch, { path: actionPath(input.name), body, message: `Install lakeFS action ${input.name}` }, options);
}

/**
 * Removes `_lakefs_actions/<name>.yaml` from `branch` and commits that.
 * Returns the commit id. When the branch has no such file, the commit has
 * no changes and lakeFS's "no changes" `ValidationError` is thrown.
 *
 * @public
 */
export function removeWebhookAction(branch: Branch, input: { readonly name: string }, options: CallOptions = {}): Promise<string> {
  if (!ACTION_NAME.test(input.name)) invalid(`Action name "${input.name}" is not one this module writes`);
  return deleteFileAndCommit(branch, { path: actionPath(input.name), message: `Remove lakeFS action ${input.name}` }, options);
}
