import type { DoctorContext } from "./context.js";
import { fail, pass, warn, type StepResult } from "./step.js";

/** SigV4: the S3 gateway rejects requests signed more than 15 minutes away from its clock. */
const SIGV4_LIMIT_S = 15 * 60;
const WARN_S = 60;

function amount(seconds: number): string {
  const s = Math.abs(seconds);
  return s >= 120 ? `${(s / 60).toFixed(1)} min` : `${Math.round(s)} s`;
}

/**
 * Compares this machine's clock with the server's `Date` header (one-second
 * resolution, taken halfway through the request). SigV4 signatures fail past
 * 15 minutes of skew (`RequestTimeTooSkewed`), presigned URLs expire early or
 * late before that.
 */
export async function checkClock(ctx: DoctorContext): Promise<StepResult> {
  const date = ctx.serverDate;
  if (!date || Number.isNaN(date.server.getTime())) {
    return warn("the server sent no usable Date header: clock skew not checked");
  }
  // The header drops milliseconds: up to a second of skew is resolution, not skew.
  const skew = (date.localMidpointMs - date.server.getTime()) / 1000;
  const direction = skew > 0 ? "ahead of" : "behind";
  const data = { skewSeconds: Math.round(skew), serverDate: date.server.toISOString() };
  if (Math.abs(skew) > SIGV4_LIMIT_S) {
    return fail(`this machine's clock is ${amount(skew)} ${direction} the server's: S3 requests fail (SigV4 allows 15 min)`, {
      fix: "Set this machine's clock right (enable NTP, e.g. timedatectl set-ntp true), or the server's",
      setting: "system clock",
      data,
    });
  }
  if (Math.abs(skew) > WARN_S) {
    return warn(`this machine's clock is ${amount(skew)} ${direction} the server's (SigV4 fails past 15 min)`, {
      fix: "Enable NTP on this machine (e.g. timedatectl set-ntp true)",
      data,
    });
  }
  return pass(`within ${Math.max(1, Math.round(Math.abs(skew)))} s of the server's clock (SigV4 allows 15 min)`, { data });
}
