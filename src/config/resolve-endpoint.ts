import { ConfigurationError } from "../errors/input-errors.js";
import { describeSource } from "./describe-source.js";
import { ENV } from "./lakectl-env.js";
import { normalizeEndpoint } from "./normalize-endpoint.js";
import { describeFileLookup, type SettingSources } from "./setting-sources.js";
import type { ConfigSource } from "./types.js";

/**
 * The lakeFS server's URLs and where the endpoint came from.
 *
 * @internal
 */
export interface ResolvedEndpoint {
  readonly serverUrl: string;
  readonly apiUrl: string;
  readonly source: ConfigSource;
}

function findEndpoint({ input, env, file }: SettingSources): { endpoint: string; source: ConfigSource } | undefined {
  if (input.endpoint) return { endpoint: input.endpoint, source: { kind: "option", name: "endpoint" } };
  const fromEnv = env[ENV.endpoint];
  if (fromEnv) return { endpoint: fromEnv, source: { kind: "env", name: ENV.endpoint } };
  if (file?.endpointUrl) return { endpoint: file.endpointUrl, source: { kind: "lakectl-file", path: file.path, key: "server.endpoint_url" } };
  return undefined;
}

/**
 * The endpoint from the option, `LAKECTL_SERVER_ENDPOINT_URL` or the lakectl
 * file, normalised to the server and API URLs. Throws a
 * {@link ConfigurationError} listing every source looked at when none has one.
 *
 * @internal
 */
export function resolveEndpoint(sources: SettingSources): ResolvedEndpoint {
  const found = findEndpoint(sources);
  if (!found) {
    throw new ConfigurationError(
      `No lakeFS endpoint configured. Looked at: option endpoint, env ${ENV.endpoint}, ${describeFileLookup(sources, "server.endpoint_url")}`,
      { hint: "Pass { endpoint: 'http://localhost:8000' } or set LAKECTL_SERVER_ENDPOINT_URL" },
    );
  }
  const { serverUrl, apiUrl } = normalizeEndpoint(found.endpoint, describeSource(found.source));
  return { serverUrl, apiUrl, source: found.source };
}
