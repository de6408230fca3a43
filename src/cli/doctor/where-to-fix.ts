import type { DoctorContext } from "./context.js";

/**
 * The setting that decides where the first connection goes: the proxy's URL
 * when one is used, the endpoint otherwise. For fix lines.
 */
export function connectSetting(ctx: DoctorContext): { what: string; setting: string } {
  const route = ctx.route;
  if (route?.proxy) return { what: "the proxy URL", setting: route.proxySource ?? "the proxy setting" };
  return { what: "the endpoint", setting: ctx.sources?.endpoint ?? "--endpoint" };
}
