import { ENV, type ConfigSource, type ResolvedLakeFSConfig } from "../../internal.js";
import type { OptionOrigins } from "../args.js";

/** Where each setting came from, in the words a user changes it with. */
export interface SettingSources {
  /** e.g. `env LAKECTL_SERVER_ENDPOINT_URL`, `--endpoint`, `server.endpoint_url in /home/me/.lakectl.yaml`. */
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** e.g. `env HTTPS_PROXY`, `--proxy`, `default` (no proxy). */
  readonly proxy: string;
}

type Field = "endpoint" | "accessKeyId" | "secretAccessKey" | "proxy";

const FLAGS: Record<Field, string> = {
  endpoint: "--endpoint",
  accessKeyId: "--access-key-id",
  secretAccessKey: "--secret-access-key",
  proxy: "--proxy",
};

const ENV_NAMES: Partial<Record<Field, string>> = { accessKeyId: ENV.accessKeyId, secretAccessKey: ENV.secretAccessKey };

const FILE_KEYS: Partial<Record<Field, string>> = {
  endpoint: "server.endpoint_url",
  accessKeyId: "credentials.access_key_id",
  secretAccessKey: "credentials.secret_access_key",
};

function describe(field: Field, source: ConfigSource, origins: OptionOrigins): string {
  switch (source.kind) {
    case "option":
      if (field === "accessKeyId" || field === "secretAccessKey") return origins[field] ?? FLAGS[field];
      return FLAGS[field];
    case "env":
      // The library names the credential pair together; each field has its own variable.
      return `env ${ENV_NAMES[field] ?? source.name}`;
    case "lakectl-file":
      return `${FILE_KEYS[field] ?? source.key} in ${source.path}`;
    case "aws-profile":
      return `AWS profile "${source.profile}" (${field === "secretAccessKey" ? "aws_secret_access_key" : "aws_access_key_id"})`;
    case "default":
      return "default";
  }
}

/** Describes where the endpoint, each credential and the proxy came from. */
export function settingSources(config: ResolvedLakeFSConfig, origins: OptionOrigins): SettingSources {
  return {
    endpoint: describe("endpoint", config.sources.endpoint, origins),
    accessKeyId: describe("accessKeyId", config.sources.credentials, origins),
    secretAccessKey: describe("secretAccessKey", config.sources.credentials, origins),
    proxy: describe("proxy", config.sources.proxy, origins),
  };
}
