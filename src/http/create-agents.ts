import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions } from "node:https";
import { rootCertificates } from "node:tls";
import type { ResolvedLakeFSConfig } from "../config/types.js";

/** The pair of agents every request of one client goes through. */
export interface Agents {
  readonly httpAgent: HttpAgent;
  readonly httpsAgent: HttpsAgent;
}

const PROXY_ENV = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"];

/**
 * Builds keep-alive agents with the configured TLS trust and, when a proxy
 * applies (the `proxy` option, or proxy variables in the environment), a
 * `proxy-agent` that honours `NO_PROXY`. `proxy-agent` is loaded only then.
 *
 * @internal
 */
export async function createAgents(config: ResolvedLakeFSConfig): Promise<Agents> {
  const tlsOptions: HttpsAgentOptions = {
    keepAlive: true,
    maxSockets: config.maxSockets,
    // Custom CAs add to Node's roots rather than replace them.
    ...(config.caCerts.length > 0 ? { ca: [...rootCertificates, ...config.caCerts] } : {}),
    // Scoped to this client's agents; NODE_TLS_REJECT_UNAUTHORIZED stays untouched.
    rejectUnauthorized: !config.insecure,
  };
  const plain: Agents = {
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: config.maxSockets }),
    httpsAgent: new HttpsAgent(tlsOptions),
  };

  const explicitProxy = config.proxy;
  const envProxy = explicitProxy === undefined && PROXY_ENV.some((name) => process.env[name]);
  if (explicitProxy === false || (explicitProxy === undefined && !envProxy)) return plain;

  const { ProxyAgent } = await import("proxy-agent");
  const agent = new ProxyAgent({
    ...tlsOptions,
    httpAgent: plain.httpAgent,
    httpsAgent: plain.httpsAgent,
    ...(typeof explicitProxy === "string" ? { getProxyForUrl: () => explicitProxy } : {}),
  });
  // One ProxyAgent serves both schemes; it picks the proxy (or none) per URL.
  return { httpAgent: agent as unknown as HttpAgent, httpsAgent: agent as unknown as HttpsAgent };
}
