import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { ENV, displayUrl } from "../../internal.js";
import type { DoctorContext } from "./context.js";
import { maskKeyId } from "./mask.js";

/** One line of the settings table: a name, its value (secrets masked) and where it came from. */
export interface SettingRow {
  readonly name: string;
  readonly value: string;
  readonly source?: string;
}

/** The subject CN (or whole subject) of a PEM certificate, for messages. */
export function certificateName(pem: string): string {
  try {
    const subject = new X509Certificate(pem).subject;
    return /^CN=(.*)$/m.exec(subject)?.[1] ?? subject.replace(/\n/g, ", ");
  } catch {
    return "unparsable certificate";
  }
}

function lakectlFileRow(ctx: DoctorContext): SettingRow {
  const env = ctx.io.env;
  const path = ctx.connection.lakectlFile ?? env[ENV.configFile] ?? join(env.HOME ?? homedir(), ".lakectl.yaml");
  const source = ctx.connection.lakectlFile ? "--config" : env[ENV.configFile] ? `env ${ENV.configFile}` : "default";
  const sources = ctx.config?.sources;
  const used = sources && [sources.endpoint, sources.credentials].some((s) => s.kind === "lakectl-file");
  const state = used ? "read" : existsSync(path) ? "not needed: flags and environment gave everything" : "not found";
  return { name: "lakectl file", value: `${path} (${state})`, source };
}

/**
 * The resolved settings as doctor prints them: values with their sources,
 * the access key id masked to its last four characters, the secret never
 * shown, proxy passwords replaced by `***`.
 */
export function describeSettings(ctx: DoctorContext): SettingRow[] {
  const { config, sources } = ctx;
  if (!config || !sources) return [lakectlFileRow(ctx)];
  const caNames = config.caCerts.map(certificateName);
  const extra = process.env.NODE_EXTRA_CA_CERTS ? ` + NODE_EXTRA_CA_CERTS (${process.env.NODE_EXTRA_CA_CERTS})` : "";
  const proxyValue =
    config.proxy === false
      ? "none (proxy variables ignored)"
      : typeof config.proxy === "string"
        ? displayUrl(config.proxy)
        : sources.proxy === "default"
          ? "none"
          : "from the environment (see the proxy check)";
  return [
    { name: "endpoint", value: config.serverUrl, source: sources.endpoint },
    { name: "REST API", value: config.apiUrl },
    { name: "S3 gateway", value: `${config.serverUrl} (path-style: bucket = repository, key = <ref>/<path>)` },
    { name: "access key id", value: ctx.accessKeyId ? maskKeyId(ctx.accessKeyId) : "(not resolved)", source: sources.accessKeyId },
    { name: "secret access key", value: "set (never shown)", source: sources.secretAccessKey },
    { name: "region", value: config.region, source: config.sources.region.kind === "option" ? "option" : "default" },
    {
      name: "TLS trust",
      value:
        caNames.length > 0
          ? `Node's default roots${extra} + ${caNames.length} from --ca-cert (${caNames.join("; ")})`
          : `Node's default roots${extra}`,
      ...(caNames.length > 0 ? { source: "--ca-cert" } : {}),
    },
    { name: "TLS verification", value: config.insecure ? "OFF (--insecure)" : "on", ...(config.insecure ? { source: "--insecure" } : {}) },
    { name: "proxy", value: proxyValue, source: sources.proxy },
    lakectlFileRow(ctx),
    {
      name: "timeouts",
      value: `connect ${config.connectionTimeout} ms, idle socket ${config.socketTimeout} ms (doctor: one attempt per request, 15 s each)`,
    },
  ];
}
