import { readFile } from "node:fs/promises";
import { ConfigurationError } from "../errors/input-errors.js";
import { validateInteger } from "../validation/integer.js";
import type { ConfigSource, LakeFSClientConfig, ResolvedLakeFSConfig } from "./types.js";

const DEFAULTS = {
  connectionTimeout: 5_000,
  requestTimeout: 0,
  socketTimeout: 60_000,
  maxSockets: 64,
  maxAttempts: 3,
} as const;

/**
 * The network settings of a resolved configuration: TLS trust, proxy,
 * timeouts (milliseconds), sockets and attempts.
 *
 * @internal
 */
export type ResolvedNetwork = Pick<
  ResolvedLakeFSConfig,
  "caCerts" | "insecure" | "proxy" | "connectionTimeout" | "requestTimeout" | "socketTimeout" | "maxSockets" | "maxAttempts"
> & {
  /** Where the proxy setting came from. */
  readonly proxySource: ConfigSource;
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

/** The proxy's source; a proxy URL's password is added to `secrets`. */
function resolveProxy(input: LakeFSClientConfig, secrets: string[]): ConfigSource {
  if (typeof input.proxy === "string") {
    try {
      const password = new URL(input.proxy).password;
      if (password) secrets.push(decodeURIComponent(password));
    } catch {
      throw new ConfigurationError("Option proxy is not a URL", { hint: "Give a URL such as http://proxy.example.com:3128" });
    }
  }
  // Proxy variables are read from process.env, as proxy-agent does.
  const proxyEnvName = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"].find((n) => process.env[n]);
  if (input.proxy !== undefined) return { kind: "option", name: "proxy" };
  return proxyEnvName ? { kind: "env", name: proxyEnvName } : { kind: "default" };
}

/**
 * Reads the `caCert` files, checks the proxy URL (its password joins
 * `secrets`) and the integer options, and fills the defaults.
 *
 * @internal
 */
export async function resolveNetwork(input: LakeFSClientConfig, secrets: string[]): Promise<ResolvedNetwork> {
  const caCerts = await Promise.all((typeof input.caCert === "string" ? [input.caCert] : (input.caCert ?? [])).map(readPem));
  const proxySource = resolveProxy(input, secrets);
  return {
    caCerts,
    insecure: input.insecure === true,
    proxy: input.proxy,
    proxySource,
    connectionTimeout: positiveInteger(input.connectionTimeout, "connectionTimeout", DEFAULTS.connectionTimeout),
    requestTimeout: positiveInteger(input.requestTimeout, "requestTimeout", DEFAULTS.requestTimeout, true),
    socketTimeout: positiveInteger(input.socketTimeout, "socketTimeout", DEFAULTS.socketTimeout, true),
    maxSockets: positiveInteger(input.maxSockets, "maxSockets", DEFAULTS.maxSockets),
    maxAttempts: positiveInteger(input.maxAttempts, "maxAttempts", DEFAULTS.maxAttempts),
  };
}
