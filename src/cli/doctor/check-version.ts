import { NEWEST_TESTED_LAKEFS, serverVersionVerdict } from "../../internal.js";
import type { DoctorContext } from "./context.js";
import { splitHint } from "./split-hint.js";
import { fail, pass, warn, type StepResult } from "./step.js";

/**
 * Reads the server's version (`GET /api/v1/config`), judges it by the toolkit's version policy
 * (`serverVersionVerdict`), and tells whether lakeFS recommends an upgrade.
 */
export async function checkVersion(ctx: DoctorContext): Promise<StepResult> {
  try {
    const version = await ctx.lakefs!.admin.getVersion({ signal: ctx.io.signal });
    const v = version.version ?? "unknown";
    const data = { version: v, latestVersion: version.latestVersion ?? null };
    const verdict = serverVersionVerdict(v);
    if (!verdict.supported) return fail(verdict.message ?? `lakeFS ${v} is not supported`, { fix: `Run lakeFS ${NEWEST_TESTED_LAKEFS}`, data });
    if (verdict.message) return warn(verdict.message, { fix: `Run lakeFS ${NEWEST_TESTED_LAKEFS}`, data });
    if (version.upgradeRecommended && version.latestVersion) {
      return warn(`lakeFS ${v}; ${version.latestVersion} is available`, { fix: version.upgradeUrl ? `See ${version.upgradeUrl}` : "Consider upgrading lakeFS", data });
    }
    return pass(`lakeFS ${v}`, { data });
  } catch (err) {
    const { cause, hint } = splitHint(err);
    return fail(cause, hint ? { fix: hint } : {});
  }
}
