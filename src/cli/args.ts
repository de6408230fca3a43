import { statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ENV, validateInteger, type LakeFSClientConfig } from "../internal.js";
import type { Io } from "./io.js";
import { writeLine } from "./output.js";
import { UsageError } from "./usage-error.js";

type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** The connection flags every command takes, plus `--help`. */
export const CONNECTION_OPTIONS = {
  endpoint: { type: "string" },
  "access-key-id": { type: "string" },
  "secret-access-key": { type: "string" },
  "ca-cert": { type: "string", multiple: true },
  insecure: { type: "boolean" },
  proxy: { type: "string" },
  config: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpec;

/** The help paragraph for {@link CONNECTION_OPTIONS}, shared by every command's `--help`. */
export const CONNECTION_HELP = `Connection options (every command; flags win over LAKECTL_* variables, which win over the lakectl file):
  --endpoint URL            lakeFS server URL, e.g. https://lakefs.example.com (a trailing /api/v1 is fine)
                            [env ${ENV.endpoint}]
  --access-key-id ID        access key id [env ${ENV.accessKeyId}]
  --secret-access-key KEY   secret access key. Discouraged: it shows in the process list and shell history;
                            prefer env ${ENV.secretAccessKey}
  --ca-cert FILE            also trust this CA certificate (PEM) for TLS; repeatable
  --insecure                do not verify TLS certificates (test servers only)
  --proxy URL|none          send every request through this proxy, or "none" to ignore HTTPS_PROXY/HTTP_PROXY
                            [default: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY from the environment]
  --config FILE             lakectl config file [env ${ENV.configFile}, default ~/.lakectl.yaml]
  -h, --help                show this help`;

/** What {@link parseCommandArgs} returns: `parseArgs`' result for the connection flags plus `O`. */
export type ParsedCommandArgs<O extends OptionSpec> = ReturnType<
  typeof parseArgs<{ args: string[]; options: typeof CONNECTION_OPTIONS & O; allowPositionals: true; strict: true }>
>;

/** parseArgs' messages carry a long tutorial after the first sentence. */
function shortParseMessage(message: string): string {
  return message.replace(/\. To specify a positional argument.*$/s, "").replace(/\.$/, "");
}

/**
 * Parses a command's arguments with `node:util` `parseArgs` (strict: unknown
 * options are usage errors), the connection flags included.
 */
export function parseCommandArgs<O extends OptionSpec>(command: string, argv: readonly string[], options: O): ParsedCommandArgs<O> {
  try {
    return parseArgs({ args: [...argv], options: { ...CONNECTION_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(shortParseMessage((err as Error).message), command);
  }
}

/** Parses an integer flag within bounds. */
export function parseIntegerFlag(command: string, name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  // Only digits: Number() would also take " 1e3", "0x10" or "".
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  return validateInteger(`--${name}`, n, {
    min,
    max,
    error: () => new UsageError(`--${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(value)}`, command),
  });
}

/** The values of {@link CONNECTION_OPTIONS} after parsing. */
export interface ConnectionFlags {
  readonly endpoint?: string | undefined;
  readonly "access-key-id"?: string | undefined;
  readonly "secret-access-key"?: string | undefined;
  readonly "ca-cert"?: string[] | undefined;
  readonly insecure?: boolean | undefined;
  readonly proxy?: string | undefined;
  readonly config?: string | undefined;
}

/**
 * Where the CLI took the values it hands to the library as options, since the
 * library only knows them as "option …". For `doctor` and error messages.
 */
export interface OptionOrigins {
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
}

/** A client configuration built from the connection flags. */
export interface Connection {
  readonly config: LakeFSClientConfig;
  readonly origins: OptionOrigins;
  /** The `--config` file, absolute, when given. */
  readonly lakectlFile?: string;
}

/**
 * Maps the connection flags onto a `LakeFSClientConfig`. Flags left out are
 * left out of the config, so the library fills them from `LAKECTL_*`
 * variables and the lakectl file as usual. `--access-key-id` alone takes the
 * secret from `LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY` (and the other way
 * round), so that the secret need not be on the command line.
 */
export function connectionFromFlags(command: string, flags: ConnectionFlags, io: Io): Connection {
  const origins: { accessKeyId?: string; secretAccessKey?: string } = {};
  const consumed: string[] = [];
  let accessKeyId = flags["access-key-id"];
  let secretAccessKey = flags["secret-access-key"];
  if (secretAccessKey !== undefined) {
    writeLine(io.stderr, `warning: --secret-access-key shows the secret in the process list and shell history; prefer env ${ENV.secretAccessKey}`);
  }
  if (accessKeyId !== undefined) origins.accessKeyId = "--access-key-id";
  if (secretAccessKey !== undefined) origins.secretAccessKey = "--secret-access-key";
  if (accessKeyId !== undefined && secretAccessKey === undefined) {
    secretAccessKey = io.env[ENV.secretAccessKey];
    if (!secretAccessKey) throw new UsageError(`--access-key-id needs its secret: set env ${ENV.secretAccessKey} (or pass --secret-access-key)`, command);
    origins.secretAccessKey = `env ${ENV.secretAccessKey}`;
    consumed.push(ENV.secretAccessKey);
  } else if (secretAccessKey !== undefined && accessKeyId === undefined) {
    accessKeyId = io.env[ENV.accessKeyId];
    if (!accessKeyId) throw new UsageError(`--secret-access-key needs an access key id: pass --access-key-id (or set env ${ENV.accessKeyId})`, command);
    origins.accessKeyId = `env ${ENV.accessKeyId}`;
    consumed.push(ENV.accessKeyId);
  }
  if (flags.endpoint !== undefined && flags.endpoint.trim() === "") throw new UsageError("--endpoint must not be empty", command);

  let lakectlFile: string | undefined;
  if (flags.config !== undefined) {
    lakectlFile = resolve(io.cwd, flags.config);
    let isFile = false;
    try {
      isFile = statSync(lakectlFile).isFile();
    } catch {
      // reported below
    }
    if (!isFile) throw new UsageError(`--config ${flags.config}: no such file`, command);
  }
  const proxy = flags.proxy === undefined ? undefined : /^(none|off|false)$/i.test(flags.proxy) ? false : flags.proxy;
  const caCert = flags["ca-cert"]?.map((file) => resolve(io.cwd, file));

  const config: LakeFSClientConfig = {
    ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
    ...(accessKeyId !== undefined ? { accessKeyId } : {}),
    ...(secretAccessKey !== undefined ? { secretAccessKey } : {}),
    ...(caCert !== undefined && caCert.length > 0 ? { caCert } : {}),
    ...(flags.insecure ? { insecure: true } : {}),
    ...(proxy !== undefined ? { proxy } : {}),
    ...(lakectlFile !== undefined ? { lakectlConfigFile: lakectlFile } : {}),
    // A variable the CLI took into an option is not left for the library to find half a pair.
    env: consumed.length > 0 ? { ...io.env, ...Object.fromEntries(consumed.map((name) => [name, undefined])) } : io.env,
    logger: { warn: (message) => writeLine(io.stderr, `warning: ${message}`) },
  };
  return { config, origins, ...(lakectlFile !== undefined ? { lakectlFile } : {}) };
}
