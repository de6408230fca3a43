import type { LakeFSErrorOptions } from "./lakefs-error.js";
import { NetworkError } from "./network-errors.js";

/**
 * Why a request failed at the proxy, before it reached lakeFS.
 *
 * - `ProxyUnreachable`: nothing accepted the connection at the proxy's
 *   address, or the proxy closed it without answering.
 * - `ProxyAuthenticationRequired`: the proxy answered 407: it needs
 *   credentials in the proxy URL, or rejected the ones given.
 * - `ProxyConnectFailed`: the proxy answered the tunnel request (`CONNECT`)
 *   with another error status, e.g. 403 for a port it does not allow, or 502
 *   when it cannot reach lakeFS itself.
 * - `ProxyTlsError`: the TLS handshake with an `https://` proxy failed.
 *
 * @public
 */
export type ProxyErrorCode = "ProxyUnreachable" | "ProxyAuthenticationRequired" | "ProxyConnectFailed" | "ProxyTlsError";

/**
 * The HTTP proxy the request went through failed it: see
 * {@link ProxyErrorCode} for the causes. `proxy` names the proxy without its
 * password, and the message names the setting it came from (option `proxy`
 * or `HTTPS_PROXY`/`HTTP_PROXY`). Proxy credentials never appear in it.
 *
 * @public
 */
export class ProxyError extends NetworkError {
  override readonly name: string = "ProxyError";
  /** The proxy URL, password replaced by `***`. */
  readonly proxy: string;
  constructor(message: string, options: LakeFSErrorOptions & { readonly code: ProxyErrorCode; readonly proxy: string }) {
    const { proxy, ...rest } = options;
    super(message, rest);
    this.proxy = proxy;
  }
}

/**
 * Which proxy a request was sent to and how far it got, as the HTTP layer saw
 * it. Attached to the errors of proxied requests.
 *
 * @internal
 */
export interface ProxyRoute {
  /** Proxy URL with the password replaced by `***`. */
  readonly proxy: string;
  /** Where the proxy setting came from, e.g. `option proxy` or `env HTTPS_PROXY`. */
  readonly source: string;
  /** The `host:port` of lakeFS that the proxy was asked to reach. */
  readonly target: string;
  /** `true` for a `CONNECT` tunnel (https targets), `false` for a forwarded plain HTTP request. */
  readonly tunnel: boolean;
  /** `connect` until the proxy accepted the connection (and the tunnel), then `established`. */
  readonly phase: "connect" | "established";
  /** Set when the proxy answered with an error status instead of forwarding the request. */
  readonly status?: number;
  readonly statusText?: string;
}

const routes = new WeakMap<object, ProxyRoute>();

/**
 * Records that `err` happened on a proxied request. The error object is left
 * as it is (the SDK and `fromNetworkError` still see its code); the route is
 * kept aside, out of sight of loggers.
 *
 * @internal
 */
export function markProxyRoute(err: object, route: ProxyRoute): void {
  if (!routes.has(err)) routes.set(err, { ...route });
}

/**
 * The proxy route recorded for an error, if any.
 *
 * @internal
 */
export function proxyRouteOf(err: unknown): ProxyRoute | undefined {
  return typeof err === "object" && err !== null ? routes.get(err) : undefined;
}
