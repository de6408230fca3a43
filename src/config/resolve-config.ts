import { homedir } from "node:os";
import { join } from "node:path";
import { readFile } from "node:fs/promises";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { ConfigurationError } from "../errors/input-errors.js";
import { validateInteger } from "../validation/integer.js";
import { describeSource } from "./describe-source.js";
import { normalizeEndpoint } from "./normalize-endpoint.js";
import { readLakectlFile, type LakectlFileSettings } from "./read-lakectl-file.js";
import { memoizeCredentials } from "./resolve-credentials.js";
import { withRedactedView } from "./redacted-view.js";
import type { ChecksumMode, ConfigSource, LakeFSClientConfig, Logger, ResolvedLakeFSConfig } from "./types.js";

/** Environment variables lakectl reads, and so does the toolkit. */
export const ENV = {
  endpoint: "LAKECTL_SERVER_ENDPOINT_URL",
  accessKeyId: "LAKECTL_CREDENTIALS_ACCESS_KEY_ID",
  secretAccessKey: "LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY",
  configFile: "LAKECTL_CONFIG_FILE",
} as const;

const DEFAULTS = {
  region: "us-east-1",
  connectionTimeout: 5_000,
  requestTimeout: 0,
  socketTimeout: 60_000,
  maxSockets: 64,
  maxAttempts: 3,
} as const;

const defaultLogger: Logger = {
  warn: (message) => process.emitWarning(message, { type: "LakeFSWarning" }),
};

function positiveInteger(value: number | undefined, name: string, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  return validateInteger(name, value, { min: allowZero ? 0 : 1, error: (message) => new ConfigurationError(message) });
}

async function readPem(entry: string): Promise<string> {
  if (entry.includes("-----BEGIN")) return entry;
  try {
    const text = await readFile(entry, "utf8");
    if (!text.includes("-----BEGIN CERTIFICATE-----")) {
      throw new ConfigurationError(`caCert file ${entry} holds no PEM certificate`);
    }
    return text;
  } catch (err) {
    if (err instanceof ConfigurationError) throw err;
    throw new ConfigurationError(`Cannot read caCert file ${entry}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: "Give PEM text or the path of a readable PEM file",
    });
  }
}

function checksumMode(value: string | undefined): ChecksumMode {
  if (value === undefined) return "when_required";
  if (value === "when_required" || value === "when_supported") return value;
  throw new ConfigurationError(`Option checksums must be "when_required" or "when_supported", got "${value}"`);
}

interface CredentialPair {
  readonly accessKeyId?: string | undefined;
  readonly secretAccessKey?: string | undefined;
}

/** Returns the pair if complete, undefined if empty, and throws if half-given. */
function completePair(pair: CredentialPair, idName: string, secretName: string): AwsCredentialIdentity | undefined {
  const { accessKeyId, secretAccessKey } = pair;
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId) throw new ConfigurationError(`${secretName} is set but ${idName} is not: give both or neither`);
  if (!secretAccessKey) throw new ConfigurationError(`${idName} is set but ${secretName} is not: give both or neither`);
  return { accessKeyId, secretAccessKey };
}

/**
 * Resolves a client configuration from explicit options, `LAKECTL_*`
 * environment variables and the lakectl file, in that order of precedence.
 * The lakectl file is read only when options and environment leave something
 * open. Throws a {@link ConfigurationError} that lists the sources it looked
 * at when the endpoint or the credentials are missing.
 *
 * @public
 */
export async function resolveConfig(input: LakeFSClientConfig = {}): Promise<ResolvedLakeFSConfig> {
  const env = input.env ?? process.env;
  const secrets: string[] = [];
  const filePath =
    input.lakectlConfigFile === false
      ? undefined
      : (input.lakectlConfigFile ?? env[ENV.configFile] ?? join(env.HOME ?? homedir(), ".lakectl.yaml"));

  const envPair = { accessKeyId: env[ENV.accessKeyId], secretAccessKey: env[ENV.secretAccessKey] };
  const optionPair = completePair(input, "option accessKeyId", "option secretAccessKey");
  const envCredentials = completePair(envPair, `env ${ENV.accessKeyId}`, `env ${ENV.secretAccessKey}`);
  const needFile = !(input.endpoint ?? env[ENV.endpoint]) || !(input.credentials ?? optionPair ?? envCredentials);
  let file: LakectlFileSettings | undefined;
  if (needFile && filePath) file = await readLakectlFile(filePath);

  // Endpoint
  let endpoint: string | undefined;
  let endpointSource: ConfigSource = { kind: "default" };
  if (input.endpoint) {
    endpoint = input.endpoint;
    endpointSource = { kind: "option", name: "endpoint" };
  } else if (env[ENV.endpoint]) {
    endpoint = env[ENV.endpoint];
    endpointSource = { kind: "env", name: ENV.endpoint };
  } else if (file?.endpointUrl) {
    endpoint = file.endpointUrl;
    endpointSource = { kind: "lakectl-file", path: file.path, key: "server.endpoint_url" };
  }
  if (!endpoint) {
    throw new ConfigurationError(
      `No lakeFS endpoint configured. Looked at: option endpoint, env ${ENV.endpoint}, ` +
        (filePath ? `server.endpoint_url in ${filePath}${file ? "" : " (no such file)"}` : "lakectl file (disabled)"),
      { hint: "Pass { endpoint: 'http://localhost:8000' } or set LAKECTL_SERVER_ENDPOINT_URL" },
    );
  }
  const { serverUrl, apiUrl } = normalizeEndpoint(endpoint, describeSource(endpointSource));

  // Credentials
  let identity: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
  let credentialsSource: ConfigSource = { kind: "default" };
  const filePair = file
    ? completePair(file, `credentials.access_key_id in ${file.path}`, `credentials.secret_access_key in ${file.path}`)
    : undefined;
  if (input.credentials) {
    identity = input.credentials;
    credentialsSource = { kind: "option", name: "credentials" };
  } else if (optionPair) {
    identity = optionPair;
    credentialsSource = { kind: "option", name: "accessKeyId/secretAccessKey" };
  } else if (envCredentials) {
    identity = envCredentials;
    credentialsSource = { kind: "env", name: `${ENV.accessKeyId}/${ENV.secretAccessKey}` };
  } else if (filePair && file) {
    identity = filePair;
    credentialsSource = { kind: "lakectl-file", path: file.path, key: "credentials" };
  } else if (input.awsProfile) {
    const profile = input.awsProfile;
    identity = async () => {
      const { fromIni } = await import("@aws-sdk/credential-providers");
      return fromIni({ profile })();
    };
    credentialsSource = { kind: "aws-profile", profile };
  }
  if (!identity) {
    throw new ConfigurationError(
      `No lakeFS credentials configured. Looked at: options credentials/accessKeyId/secretAccessKey, ` +
        `env ${ENV.accessKeyId}/${ENV.secretAccessKey}, ` +
        (filePath ? `credentials in ${filePath}${file ? "" : " (no such file)"}` : "lakectl file (disabled)") +
        ", option awsProfile",
      { hint: "Pass accessKeyId and secretAccessKey, or set the LAKECTL_CREDENTIALS_* variables" },
    );
  }
  if (typeof identity !== "function" && identity.secretAccessKey) secrets.push(identity.secretAccessKey);

  // Network
  const caCerts = await Promise.all(
    (typeof input.caCert === "string" ? [input.caCert] : (input.caCert ?? [])).map(readPem),
  );
  // Proxy variables are read from process.env, as proxy-agent does.
  const proxyEnvName = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"].find((n) => process.env[n]);
  const proxySource: ConfigSource =
    input.proxy !== undefined ? { kind: "option", name: "proxy" } : proxyEnvName ? { kind: "env", name: proxyEnvName } : { kind: "default" };
  if (typeof input.proxy === "string") {
    try {
      const password = new URL(input.proxy).password;
      if (password) secrets.push(decodeURIComponent(password));
    } catch {
      throw new ConfigurationError("Option proxy is not a URL", { hint: "Give a URL such as http://proxy.example.com:3128" });
    }
  }

  const logger = input.logger ?? defaultLogger;
  // util.inspect / JSON.stringify of the result show no secret (see redacted-view.ts).
  return withRedactedView({
    serverUrl,
    apiUrl,
    credentials: memoizeCredentials(identity, secrets, describeSource(credentialsSource)),
    region: input.region ?? DEFAULTS.region,
    caCerts,
    insecure: input.insecure === true,
    proxy: input.proxy,
    connectionTimeout: positiveInteger(input.connectionTimeout, "connectionTimeout", DEFAULTS.connectionTimeout),
    requestTimeout: positiveInteger(input.requestTimeout, "requestTimeout", DEFAULTS.requestTimeout, true),
    socketTimeout: positiveInteger(input.socketTimeout, "socketTimeout", DEFAULTS.socketTimeout, true),
    maxSockets: positiveInteger(input.maxSockets, "maxSockets", DEFAULTS.maxSockets),
    maxAttempts: positiveInteger(input.maxAttempts, "maxAttempts", DEFAULTS.maxAttempts),
    checksums: checksumMode(input.checksums),
    env,
    logger,
    sources: {
      endpoint: endpointSource,
      credentials: credentialsSource,
      region: input.region ? { kind: "option", name: "region" } : { kind: "default" },
      proxy: proxySource,
    },
    secrets,
  });
}
