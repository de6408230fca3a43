import type { ClientRequest, IncomingMessage } from "node:http";
import type { ProxyRoute } from "../errors/proxy-errors.js";

/** A route the proxy agent updates while the request makes its way through the proxy. */
export type MutableProxyRoute = { -readonly [K in keyof ProxyRoute]: ProxyRoute[K] };

const responseRoutes = new WeakMap<IncomingMessage, MutableProxyRoute>();

/**
 * Remembers the proxy route of a request for its response. Kept apart from
 * the proxy agent so that reading it does not load `proxy-agent`.
 *
 * @internal
 */
export function trackProxyRoute(req: ClientRequest, route: MutableProxyRoute): void {
  // Prepended, so the route is known before the HTTP handler sees the response.
  req.prependOnceListener("response", (res: IncomingMessage) => responseRoutes.set(res, route));
}

/**
 * The proxy route of a response to a request sent through the proxy agent,
 * or `undefined` if it went directly.
 *
 * @internal
 */
export function proxyRouteOfResponse(res: unknown): ProxyRoute | undefined {
  return typeof res === "object" && res !== null ? responseRoutes.get(res as IncomingMessage) : undefined;
}
