import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions } from "node:https";
import type { ResolvedLakeFSConfig } from "../config/types.js";
import { ConfigurationError } from "../errors/input-errors.js";
import { displayUrl } from "../errors/redact.js";
import { BoundedHttpsAgent } from "./bounded-https-agent.js";
import { guardLateSocketErrors } from "./guard-late-socket-errors.js";
import { IDLE_CONNECTION_MS, limitIdleConnections } from "./idle-connections.js";
import type { TlsTrust } from "./direct/connection.js";
import { trustedCas } from "./trusted-cas.js";

/** The pair of agents every request of one client goes through. */
export interface Agents {
  readonly httpAgent: HttpAgent;
  readonly httpsAgent: HttpsAgent;
  /** Whether a proxy may apply to some URL (then every request goes through the agents). */
  readonly proxied: boolean;
  /** The TLS trust of both agents. */
  readonly tls: TlsTrust;
}

const PROXY_ENV = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"];
const PROXY_SCHEMES = /^(https?|socks[45]?a?h?|pac\+(data|file|ftp|https?)):$/;

function checkProxyUrl(proxy: string): void {
  let protocol: string;
  try {
    protocol = new URL(proxy).protocol;
  } catch {
    throw new ConfigurationError("Option proxy is not a URL", { hint: "Give a URL such as http://proxy.example.com:3128" });
  }
  if (!PROXY_SCHEMES.test(protocol)) {
    throw new ConfigurationError(`Option proxy (${displayUrl(proxy)}) must be an http://, https:// or socks:// URL, not ${protocol}`);
  }
}

/** An agent's kept-alive connections: late errors ignored, none handed out past its idle limit. */
function pooled<A extends HttpAgent>(agent: A): A {
  return limitIdleConnections(guardLateSocketErrors(agent));
}

/**
 * Builds keep-alive agents with the configured TLS trust and, when a proxy
 * applies (the `proxy` option, or proxy variables in the environment at the
 * time of the first request), a {@link RoutedProxyAgent} that honours
 * `NO_PROXY`. `proxy-agent` is loaded only then.
 *
 * Idle connections are closed after {@link IDLE_CONNECTION_MS}, or before
 * the keep-alive timeout a server announces.
 *
 * `connectionTimeout` also bounds TLS handshakes, direct and through a proxy.
 * TLS settings stay on these agents: `caCert` adds to Node's roots (and to
 * `NODE_EXTRA_CA_CERTS`) for this client, `insecure` turns verification off
 * for this client only, and `NODE_TLS_REJECT_UNAUTHORIZED` is never touched.
 * Both apply to an `https://` proxy as well as to lakeFS.
 *
 * @internal
 */
export async function createAgents(config: ResolvedLakeFSConfig): Promise<Agents> {
  const ca = await trustedCas(config);
  const tlsOptions: HttpsAgentOptions = {
    keepAlive: true,
    timeout: IDLE_CONNECTION_MS,
    maxSockets: config.maxSockets,
    ...(ca ? { ca } : {}),
    rejectUnauthorized: !config.insecure,
  };
  const tls: TlsTrust = { ...(ca ? { ca } : {}), rejectUnauthorized: !config.insecure };
  const plain: Agents = {
    httpAgent: pooled(new HttpAgent({ keepAlive: true, timeout: IDLE_CONNECTION_MS, maxSockets: config.maxSockets })),
    httpsAgent: pooled(new BoundedHttpsAgent(tlsOptions, config.connectionTimeout)),
    proxied: false,
    tls,
  };

  const explicitProxy = config.proxy;
  const envProxy = explicitProxy === undefined && PROXY_ENV.some((name) => process.env[name]);
  if (explicitProxy === false || (explicitProxy === undefined && !envProxy)) return plain;
  if (typeof explicitProxy === "string") checkProxyUrl(explicitProxy);

  const { RoutedProxyAgent } = await import("./routed-proxy-agent.js");
  const agent = pooled(new RoutedProxyAgent(
    { ...tlsOptions, httpAgent: plain.httpAgent, httpsAgent: plain.httpsAgent },
    { explicitProxy: typeof explicitProxy === "string" ? explicitProxy : undefined, connectionTimeout: config.connectionTimeout },
  ));
  // One ProxyAgent serves both schemes; it picks the proxy (or none) per URL.
  return { httpAgent: agent as unknown as HttpAgent, httpsAgent: agent as unknown as HttpsAgent, proxied: true, tls };
}
