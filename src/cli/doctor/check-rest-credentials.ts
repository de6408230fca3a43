import { AuthenticationError, PermissionDeniedError } from "../../internal.js";
import type { DoctorContext } from "./context.js";
import { maskKeyId } from "./mask.js";
import { splitHint } from "./split-hint.js";
import { fail, pass, warn, type StepResult } from "./step.js";

/** Authenticates over REST (Basic auth) with `getCurrentUser`. */
export async function checkRestCredentials(ctx: DoctorContext): Promise<StepResult> {
  const sources = ctx.sources!;
  const key = maskKeyId(ctx.accessKeyId ?? "");
  try {
    const user = await ctx.lakefs!.admin.getCurrentUser({ signal: ctx.io.signal });
    return pass(`GET /api/v1/user: authenticated as "${user.id}" with access key ${key}`, { data: { user: user.id } });
  } catch (err) {
    const { cause, hint } = splitHint(err);
    if (err instanceof AuthenticationError) {
      const setting = sources.accessKeyId === sources.secretAccessKey ? sources.secretAccessKey : `${sources.accessKeyId} / ${sources.secretAccessKey}`;
      // The message ends with "(<code>: <server's words>)".
      const said = /\([^():]+: (.*)\)$/.exec(cause)?.[1];
      return fail(`lakeFS rejected access key ${key} or its secret (HTTP ${err.status}${said ? `: ${said}` : ""})`, {
        fix: `Check the access key id (set by ${sources.accessKeyId}) and the secret access key (set by ${sources.secretAccessKey})`,
        setting,
      });
    }
    if (err instanceof PermissionDeniedError) {
      return warn(`the credentials work but may not read their own user (${cause})`, { fix: "Nothing to do unless other calls fail too" });
    }
    return fail(cause, hint ? { fix: hint } : {});
  }
}
