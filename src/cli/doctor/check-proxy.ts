import { displayUrl } from "../../internal.js";
import type { DoctorContext, Route } from "./context.js";
import { pass, type StepResult } from "./step.js";

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"];

function defaultPort(protocol: string): number {
  return protocol === "https:" ? 443 : protocol === "http:" ? 80 : 1080;
}

/** The variable a proxy URL was taken from, for the target's scheme (as proxy-from-env picks it). */
function variableFor(target: URL, proxy: string, env: Readonly<Record<string, string | undefined>>): string {
  const scheme = target.protocol.replace(":", "");
  const names = [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, "all_proxy", "ALL_PROXY"];
  return `env ${names.find((n) => env[n] === proxy) ?? names.find((n) => env[n]) ?? "HTTPS_PROXY"}`;
}

/**
 * Asks proxy-agent (the library's proxy support) which proxy, if any, the
 * environment gives for this URL: `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`,
 * minus `NO_PROXY`.
 */
async function proxyFromEnvironment(url: string): Promise<string> {
  const { ProxyAgent } = await import("proxy-agent");
  const agent = new ProxyAgent();
  try {
    return await agent.getProxyForUrl(url, undefined as never);
  } finally {
    agent.destroy();
  }
}

function routeThrough(proxy: string, source: string): Route {
  const url = new URL(proxy);
  return {
    proxy: url,
    proxySource: source,
    connectHost: url.hostname.replace(/^\[|\]$/g, ""),
    connectPort: url.port ? Number(url.port) : defaultPort(url.protocol),
  };
}

/**
 * Works out how requests reach lakeFS, the way the library's agents do: the
 * `--proxy` flag for every request; otherwise the proxy variables of the
 * environment, unless `NO_PROXY` covers the endpoint's host. The DNS and TCP
 * steps then check the proxy, since it is what this machine connects to.
 */
export async function checkProxy(ctx: DoctorContext): Promise<StepResult> {
  const config = ctx.config!;
  const target = new URL(config.serverUrl);
  const direct: Route = {
    connectHost: target.hostname.replace(/^\[|\]$/g, ""),
    connectPort: target.port ? Number(target.port) : defaultPort(target.protocol),
  };
  const env = process.env;
  if (config.proxy === false) {
    ctx.route = direct;
    return pass("not used: --proxy none ignores the proxy variables");
  }
  if (typeof config.proxy === "string") {
    ctx.route = routeThrough(config.proxy, "--proxy");
    return pass(`every request goes through ${displayUrl(config.proxy)} (from --proxy); DNS and TCP below check the proxy`, {
      data: { proxy: displayUrl(config.proxy), source: "--proxy" },
    });
  }
  const proxy = await proxyFromEnvironment(config.serverUrl);
  if (proxy) {
    const source = variableFor(target, proxy, env);
    ctx.route = routeThrough(proxy, source);
    return pass(`requests go through ${displayUrl(proxy)} (from ${source}); DNS and TCP below check the proxy`, {
      details: [`the proxy connects to ${target.host}${env.NO_PROXY ?? env.no_proxy ? `; NO_PROXY=${env.NO_PROXY ?? env.no_proxy} does not cover it` : ""}`],
      data: { proxy: displayUrl(proxy), source },
    });
  }
  ctx.route = direct;
  const set = PROXY_VARIABLES.filter((n) => env[n]);
  if (set.length > 0) {
    const noProxyName = ["NO_PROXY", "no_proxy"].find((n) => env[n]);
    if (noProxyName) {
      return pass(`not used for ${target.hostname}: ${noProxyName}=${env[noProxyName]} covers it (${set.join(", ")} set)`, {
        data: { proxy: null, bypassedBy: noProxyName },
      });
    }
    return pass(`not used: ${set.join(", ")} ${set.length === 1 ? "does" : "do"} not apply to ${target.protocol}// URLs`, { data: { proxy: null } });
  }
  return pass("none: no --proxy flag and no HTTPS_PROXY, HTTP_PROXY or ALL_PROXY variable", { data: { proxy: null } });
}
