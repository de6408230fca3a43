import { HttpRequest } from "@smithy/protocol-http";
import { fromNetworkError, ProxyError, TlsError, readBodyText } from "../../internal.js";
import type { DoctorContext } from "./context.js";
import { splitHint } from "./split-hint.js";
import { fail, pass, type StepResult } from "./step.js";

interface Answer {
  readonly status: number;
  readonly date: string | undefined;
  readonly ms: number;
  readonly localMidpointMs: number;
}

/** Sends `GET <url>` through the library's HTTP stack: its agents, TLS trust, proxy and timeouts. */
async function get(ctx: DoctorContext, url: URL): Promise<Answer> {
  const request = new HttpRequest({
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    method: "GET",
    path: url.pathname,
    headers: { host: url.host, accept: "application/json" },
  });
  const started = Date.now();
  const { response } = await ctx.lakefs!.httpStack.handler.handle(request, { abortSignal: ctx.io.signal });
  const ended = Date.now();
  await readBodyText(response.body, 1024 * 1024).catch(() => "");
  return { status: response.statusCode, date: response.headers.date ?? response.headers.Date, ms: ended - started, localMidpointMs: (started + ended) / 2 };
}

/**
 * Checks that lakeFS's REST API answers at the configured base URL: an
 * unauthenticated `GET /api/v1/healthcheck` sent through the library's HTTP
 * stack (agents, TLS trust, proxy, timeouts), so that what passes here works
 * for the library too. A 404 means something other than lakeFS answers at
 * the endpoint. Keeps the `Date` header for the clock check.
 */
export async function checkApi(ctx: DoctorContext): Promise<StepResult> {
  const config = ctx.config!;
  const endpointSetting = ctx.sources!.endpoint;
  const health = new URL(`${config.apiUrl}/healthcheck`);
  let answer: Answer;
  try {
    answer = await get(ctx, health);
  } catch (err) {
    const mapped =
      fromNetworkError(err, { operation: "GET /api/v1/healthcheck", endpoint: config.serverUrl, endpointSource: endpointSetting, secrets: config.secrets }) ?? err;
    const { cause, hint } = splitHint(mapped);
    const setting = mapped instanceof ProxyError ? (ctx.route?.proxySource ?? "--proxy") : mapped instanceof TlsError && /caCert/.test(hint ?? "") ? "--ca-cert" : endpointSetting;
    return fail(cause, { ...(hint ? { fix: hint.replace(/the caCert option/g, "--ca-cert (option caCert)") } : {}), setting });
  }
  if (answer.date) ctx.serverDate = { server: new Date(answer.date), localMidpointMs: answer.localMidpointMs };
  const path = health.pathname;
  if (answer.status >= 200 && answer.status < 300) {
    return pass(`GET ${path} answered ${answer.status} in ${answer.ms} ms`, { data: { url: health.href, status: answer.status, ms: answer.ms } });
  }
  if (answer.status === 404) {
    return fail(`no lakeFS API at ${config.apiUrl}: GET ${path} answered 404`, {
      fix: `Check the endpoint (set by ${endpointSetting}): it must be the lakeFS server's base URL, such as https://lakefs.example.com`,
      setting: endpointSetting,
      data: { url: health.href, status: 404 },
    });
  }
  return fail(`GET ${path} answered HTTP ${answer.status}: this does not look like lakeFS's API`, {
    fix: `Check the endpoint (set by ${endpointSetting}) and whatever is in front of lakeFS (load balancer, gateway)`,
    setting: endpointSetting,
    data: { url: health.href, status: answer.status },
  });
}
