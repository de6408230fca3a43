import { inspect } from "node:util";
import { displayUrl } from "../errors/redact.js";
import type { ResolvedLakeFSConfig } from "./types.js";

/** Environment variable names whose values are never shown. */
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|AUTH|PRIVATE|_KEY$|^KEY/i;

function safeEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    out[name] = SECRET_NAME.test(name) ? "***" : /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? displayUrl(value) : value;
  }
  return out;
}

/**
 * What a resolved configuration shows to `util.inspect`, `console.log` and
 * `JSON.stringify`: every setting, with secret values replaced by `***` (the
 * collected secrets, a proxy password, environment variables that look like
 * secrets) and the credential provider as a function name only.
 *
 * @internal
 */
export function redactedConfig(config: ResolvedLakeFSConfig): Record<string, unknown> {
  return {
    serverUrl: config.serverUrl,
    apiUrl: config.apiUrl,
    credentials: "[credential provider]",
    region: config.region,
    caCerts: config.caCerts.map((pem) => `[PEM, ${pem.length} characters]`),
    insecure: config.insecure,
    proxy: typeof config.proxy === "string" ? displayUrl(config.proxy) : config.proxy,
    connectionTimeout: config.connectionTimeout,
    requestTimeout: config.requestTimeout,
    socketTimeout: config.socketTimeout,
    maxSockets: config.maxSockets,
    maxAttempts: config.maxAttempts,
    checksums: config.checksums,
    env: safeEnv(config.env),
    sources: config.sources,
    secrets: config.secrets.map(() => "***"),
  };
}

/**
 * Gives a resolved configuration a redacted view for `util.inspect` and
 * `JSON.stringify` (non-enumerable `[util.inspect.custom]` and `toJSON`), and
 * makes its `secrets` list non-enumerable so that copying or iterating the
 * object does not carry the values along. The fields themselves are unchanged.
 *
 * @internal
 */
export function withRedactedView<T extends ResolvedLakeFSConfig>(config: T): T {
  Object.defineProperty(config, "secrets", { value: config.secrets, enumerable: false, writable: false, configurable: false });
  Object.defineProperty(config, inspect.custom, {
    value: (_depth: number, options: Parameters<typeof inspect>[1], show: typeof inspect) =>
      `ResolvedLakeFSConfig ${show(redactedConfig(config), { ...options, depth: options?.depth == null ? null : Math.max(0, options.depth - 1) })}`,
    enumerable: false,
  });
  Object.defineProperty(config, "toJSON", { value: () => redactedConfig(config), enumerable: false });
  return config;
}
