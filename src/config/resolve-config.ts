import { homedir } from "node:os";
import { join } from "node:path";
import { ConfigurationError } from "../errors/input-errors.js";
import { describeSource } from "./describe-source.js";
import { ENV } from "./lakectl-env.js";
import { readLakectlFile } from "./read-lakectl-file.js";
import { memoizeCredentials } from "./resolve-credentials.js";
import { resolveEndpoint } from "./resolve-endpoint.js";
import { directCredentials, resolveIdentity } from "./resolve-identity.js";
import { resolveNetwork } from "./resolve-network.js";
import { withRedactedView } from "./redacted-view.js";
import type { SettingSources } from "./setting-sources.js";
import type { ChecksumMode, LakeFSClientConfig, Logger, ResolvedLakeFSConfig } from "./types.js";

export { ENV } from "./lakectl-env.js";

const DEFAULT_REGION = "us-east-1";

const defaultLogger: Logger = {
  warn: (message) => process.emitWarning(message, { type: "LakeFSWarning" }),
};

function checksumMode(value: string | undefined): ChecksumMode {
  if (value === undefined) return "when_required";
  if (value === "when_required" || value === "when_supported") return value;
  throw new ConfigurationError(`Option checksums must be "when_required" or "when_supported", got "${value}"`);
}

/** The lakectl file's path: the option, else `LAKECTL_CONFIG_FILE`, else `~/.lakectl.yaml`; `undefined` when disabled. */
function lakectlFilePath(input: LakeFSClientConfig, env: SettingSources["env"]): string | undefined {
  if (input.lakectlConfigFile === false) return undefined;
  return input.lakectlConfigFile ?? env[ENV.configFile] ?? join(env.HOME ?? homedir(), ".lakectl.yaml");
}

/**
 * Implements {@link resolveConfig} (the public one, in `resolve-config-on-demand.ts`, loads
 * this module on its first call); `LakeFS` calls it directly.
 *
 * @internal
 */
export async function resolveConfig(input: LakeFSClientConfig = {}): Promise<ResolvedLakeFSConfig> {
  const env = input.env ?? process.env;
  const filePath = lakectlFilePath(input, env);
  const direct = directCredentials(input, env);
  const needFile = !(input.endpoint ?? env[ENV.endpoint]) || !(input.credentials ?? direct.option ?? direct.env);
  const file = needFile && filePath ? await readLakectlFile(filePath) : undefined;
  const sources: SettingSources = { input, env, filePath, file };

  const endpoint = resolveEndpoint(sources);
  const { identity, source: credentialsSource } = resolveIdentity(sources, direct);
  const secrets: string[] = [];
  if (typeof identity !== "function" && identity.secretAccessKey) secrets.push(identity.secretAccessKey);
  const { proxySource, ...network } = await resolveNetwork(input, secrets);

  // util.inspect / JSON.stringify of the result show no secret (see redacted-view.ts).
  return withRedactedView({
    serverUrl: endpoint.serverUrl,
    apiUrl: endpoint.apiUrl,
    credentials: memoizeCredentials(identity, secrets, describeSource(credentialsSource)),
    region: input.region ?? DEFAULT_REGION,
    ...network,
    checksums: checksumMode(input.checksums),
    env,
    logger: input.logger ?? defaultLogger,
    sources: {
      endpoint: endpoint.source,
      credentials: credentialsSource,
      region: input.region ? { kind: "option", name: "region" } : { kind: "default" },
      proxy: proxySource,
    },
    secrets,
  });
}
