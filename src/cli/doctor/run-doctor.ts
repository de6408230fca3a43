import { checkApi } from "./check-api.js";
import { checkClock } from "./check-clock.js";
import { checkConfiguration } from "./check-configuration.js";
import { checkDns } from "./check-dns.js";
import { checkProxy } from "./check-proxy.js";
import { checkRestCredentials } from "./check-rest-credentials.js";
import { checkS3Gateway } from "./check-s3-gateway.js";
import { checkTcp } from "./check-tcp.js";
import { checkTls } from "./check-tls.js";
import { checkVersion } from "./check-version.js";
import type { DoctorContext } from "./context.js";
import { fail, skip, type StepId, type StepReport, type StepResult } from "./step.js";

interface StepDefinition {
  readonly id: StepId;
  readonly title: string;
  /** Steps that must not have failed (or been blocked) for this one to run. */
  readonly needs: readonly StepId[];
  readonly run: (ctx: DoctorContext) => Promise<StepResult>;
}

/** The checks, in order, each with the steps it depends on. */
export const STEPS: readonly StepDefinition[] = [
  { id: "configuration", title: "configuration", needs: [], run: checkConfiguration },
  { id: "proxy", title: "proxy", needs: ["configuration"], run: checkProxy },
  { id: "dns", title: "DNS", needs: ["proxy"], run: checkDns },
  { id: "tcp", title: "TCP", needs: ["dns"], run: checkTcp },
  { id: "tls", title: "TLS", needs: ["tcp"], run: checkTls },
  { id: "api", title: "lakeFS API", needs: ["tcp", "tls"], run: checkApi },
  { id: "clock", title: "clock", needs: ["api"], run: checkClock },
  { id: "rest-credentials", title: "credentials (REST)", needs: ["api"], run: checkRestCredentials },
  { id: "s3-gateway", title: "S3 gateway", needs: ["api"], run: checkS3Gateway },
  { id: "version", title: "server version", needs: ["rest-credentials"], run: checkVersion },
];

/**
 * Runs every check in order. A step whose dependency failed (or was itself
 * skipped for that reason) is skipped with `blockedBy` naming the step that
 * failed first; a step skipped because it does not apply (TLS on `http://`)
 * blocks nothing. `onStep` sees each report as soon as it is ready.
 */
export async function runDoctor(ctx: DoctorContext, onStep: (report: StepReport) => void = () => {}): Promise<StepReport[]> {
  const reports = new Map<StepId, StepReport>();
  try {
    for (const step of STEPS) {
      const started = Date.now();
      const blocker = step.needs.map((id) => reports.get(id)).find((r) => r !== undefined && (r.status === "fail" || r.blockedBy !== undefined));
      let result: StepResult;
      let blockedBy: StepId | undefined;
      if (blocker) {
        blockedBy = blocker.blockedBy ?? blocker.id;
        result = skip(`skipped: needs ${reports.get(blockedBy)?.title ?? blockedBy}, which failed`);
      } else if (ctx.io.signal.aborted) {
        result = skip("skipped: interrupted");
      } else {
        try {
          result = await step.run(ctx);
        } catch (err) {
          result = fail(`unexpected error: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
        }
      }
      const report: StepReport = { id: step.id, title: step.title, ...result, ...(blockedBy ? { blockedBy } : {}), durationMs: Date.now() - started };
      reports.set(step.id, report);
      onStep(report);
    }
  } finally {
    ctx.lakefs?.destroy();
  }
  return [...reports.values()];
}
