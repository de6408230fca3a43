import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { ResolvedLakeFSConfig } from "../config/types.js";
import { createAgents, type Agents } from "./create-agents.js";
import { DirectGet } from "./direct/direct-get.js";
import { LakeFSHttpHandler } from "./lakefs-http-handler.js";

/**
 * Resolves the client's configuration once; every later call returns the
 * same promise.
 *
 * @internal
 */
export type ConfigProvider = () => Promise<ResolvedLakeFSConfig>;

/**
 * One HTTP stack per client: a single `NodeHttpHandler` with the client's
 * agents, shared by the S3 client and the REST client so that both use the
 * same sockets, TLS trust, proxy and timeouts.
 *
 * @internal
 */
export interface HttpStack {
  /** The client's configuration. */
  readonly config: ConfigProvider;
  /** The handler; pass it as `requestHandler` to SDK clients. */
  readonly handler: NodeHttpHandler;
  /** Resolves the agents (created on first use). */
  agents(): Promise<Agents>;
  /** Closes idle sockets. */
  destroy(): void;
}

/**
 * Memoizes a configuration promise factory, forgetting a failure so that a
 * fixed environment is picked up by the next call.
 *
 * @internal
 */
export function memoizeConfig(resolve: () => Promise<ResolvedLakeFSConfig>): ConfigProvider {
  let pending: Promise<ResolvedLakeFSConfig> | undefined;
  return () => {
    if (!pending) {
      pending = resolve();
      pending.catch(() => {
        pending = undefined;
      });
    }
    return pending;
  };
}

/**
 * Creates the HTTP stack. Agents are created on the first request, from the
 * resolved configuration.
 *
 * @internal
 */
export function createHttpStack(config: ConfigProvider): HttpStack {
  let agents: Promise<Agents> | undefined;
  const getAgents = () => {
    agents ??= config().then((resolved) => {
      if (resolved.insecure) {
        resolved.logger.warn(
          `TLS certificate verification is disabled for the lakeFS client of ${resolved.serverUrl} (insecure: true). Do not use this in production.`,
        );
      }
      return createAgents(resolved);
    });
    agents.catch(() => {
      agents = undefined;
    });
    return agents;
  };
  const handler = new LakeFSHttpHandler(async () => {
    const resolved = await config();
    const { httpAgent, httpsAgent, proxied, tls } = await getAgents();
    const options = {
      httpAgent,
      httpsAgent,
      connectionTimeout: resolved.connectionTimeout,
      requestTimeout: resolved.requestTimeout,
      throwOnRequestTimeout: true,
      socketTimeout: resolved.socketTimeout,
      // The SDK's socket-pool warning is noise for a pool sized on purpose.
      socketAcquisitionWarningTimeout: 60_000,
    };
    // Object bodies skip Node's HTTP client where no proxy can apply (a proxy's tunnels and
    // answers stay the agents' business): see DirectGet.
    const direct = proxied
      ? undefined
      : new DirectGet({
          connectionTimeout: resolved.connectionTimeout,
          requestTimeout: resolved.requestTimeout,
          socketTimeout: resolved.socketTimeout,
          maxSockets: resolved.maxSockets,
          tls,
        });
    return { options, direct };
  });
  return {
    config,
    handler,
    agents: getAgents,
    destroy() {
      handler.destroy();
      void agents?.then((a) => {
        a.httpAgent.destroy();
        a.httpsAgent.destroy();
      });
    },
  };
}
