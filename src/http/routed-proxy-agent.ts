import type { ClientRequest } from "node:http";
import { ProxyAgent, type ProxyAgentOptions } from "proxy-agent";
import { markProxyRoute } from "../errors/proxy-errors.js";
import { displayUrl, scrubProxySecrets } from "../errors/redact.js";
import { handshakePending, limitTlsHandshake } from "./limit-tls-handshake.js";
import { trackProxyRoute, type MutableProxyRoute } from "./proxy-routes.js";

/** The variable `proxy-from-env` takes the proxy from for this URL, for messages. */
function envSource(url: string): string {
  const scheme = url.slice(0, url.indexOf(":")).toLowerCase();
  const names = [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, "all_proxy", "ALL_PROXY"];
  const name = names.find((n) => process.env[n]);
  return name ? `env ${name}` : "the environment";
}

/** Follows one proxied request: how far it got, and what the proxy said. */
function watch(req: ClientRequest, route: MutableProxyRoute, connectionTimeout: number): void {
  trackProxyRoute(req, route);
  // https-proxy-agent emits the CONNECT answer; http-proxy-agent emits it (without a status) once connected.
  req.once("proxyConnect", (answer: { statusCode?: number; statusText?: string } | undefined) => {
    route.phase = "established";
    if (typeof answer?.statusCode === "number" && answer.statusCode !== 200) {
      route.status = answer.statusCode;
      route.statusText = answer.statusText;
    }
  });
  if (!route.tunnel) {
    // A forwarded request's connection ends at the proxy, and HTTP/1.0-style proxies such as
    // tinyproxy close it after each response without saying so: reusing it would fail with
    // ECONNRESET. Tunnels (https targets) stay pooled.
    req.shouldKeepAlive = false;
  }
  req.once("socket", (socket: unknown) => {
    if (handshakePending(socket)) {
      limitTlsHandshake(socket, connectionTimeout);
      // Forwarded: TLS with an https:// proxy, still part of reaching it. Tunnel: TLS with lakeFS.
      if (!route.tunnel) socket.once("secureConnect", () => (route.phase = "established"));
      route.phase = route.tunnel ? "established" : "connect";
    } else {
      // Connected, or a reused keep-alive socket that skips the proxy handshake.
      route.phase = "established";
    }
  });
  // Runs before the HTTP handler's listener sees the error.
  req.prependListener("error", (err: Error) => {
    // Some proxy-agent errors quote the proxy URL, password included; the SOCKS client keeps it in its options.
    scrubProxySecrets(err);
    markProxyRoute(err, route);
  });
}

/**
 * proxy-agent's `ProxyAgent` (an explicit proxy URL, or `HTTPS_PROXY`,
 * `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` from the environment, read per
 * request), which also remembers for each proxied request which proxy it
 * went to, where that setting came from, and how the proxy answered, so that
 * failures can be blamed on the proxy with a clear error.
 *
 * @internal
 */
export class RoutedProxyAgent extends ProxyAgent {
  /**
   * @param options - Agent options (TLS trust applies to the proxy and to lakeFS) and the agents for unproxied requests.
   * @param settings - `explicitProxy`: the `proxy` option, which every request then goes through;
   *   `connectionTimeout`: the limit for TLS handshakes the SDK's handler does not watch.
   */
  constructor(options: ProxyAgentOptions, settings: { readonly explicitProxy?: string | undefined; readonly connectionTimeout: number }) {
    const { explicitProxy, connectionTimeout } = settings;
    super(explicitProxy === undefined ? options : { ...options, getProxyForUrl: () => explicitProxy });
    const choose = this.getProxyForUrl;
    this.getProxyForUrl = async (url, req) => {
      const proxy = await choose(url, req);
      if (proxy) {
        const target = new URL(url);
        const tunnel = target.protocol === "https:";
        watch(
          req,
          {
            proxy: displayUrl(proxy),
            source: explicitProxy === undefined ? envSource(url) : "option proxy",
            target: `${target.hostname}:${target.port || (tunnel ? 443 : 80)}`,
            tunnel,
            phase: "connect",
          },
          connectionTimeout,
        );
      }
      return proxy;
    };
  }

  /** Closes the proxy connections and the direct agents' sockets (used for `NO_PROXY` hosts). */
  override destroy(): void {
    super.destroy();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
