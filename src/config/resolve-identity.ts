import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { ConfigurationError } from "../errors/input-errors.js";
import { ENV } from "./lakectl-env.js";
import { describeFileLookup, type SettingSources } from "./setting-sources.js";
import type { ConfigSource, LakeFSClientConfig } from "./types.js";

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
 * The key pairs given as options and in `LAKECTL_CREDENTIALS_*`, checked
 * before the lakectl file is read (a half-given pair throws).
 *
 * @internal
 */
export interface DirectCredentials {
  readonly option: AwsCredentialIdentity | undefined;
  readonly env: AwsCredentialIdentity | undefined;
}

/**
 * Reads the key pairs from the options and the environment.
 *
 * @internal
 */
export function directCredentials(input: LakeFSClientConfig, env: SettingSources["env"]): DirectCredentials {
  return {
    option: completePair(input, "option accessKeyId", "option secretAccessKey"),
    env: completePair({ accessKeyId: env[ENV.accessKeyId], secretAccessKey: env[ENV.secretAccessKey] }, `env ${ENV.accessKeyId}`, `env ${ENV.secretAccessKey}`),
  };
}

/**
 * The credentials (a key pair or a provider) and where they came from.
 *
 * @internal
 */
export interface ResolvedIdentity {
  readonly identity: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly source: ConfigSource;
}

function awsProfileProvider(profile: string): AwsCredentialIdentityProvider {
  return async () => {
    const { fromIni } = await import("@aws-sdk/credential-provider-ini");
    return fromIni({ profile })();
  };
}

function findIdentity(sources: SettingSources, direct: DirectCredentials, filePair: AwsCredentialIdentity | undefined): ResolvedIdentity | undefined {
  const { input, file } = sources;
  if (input.credentials) return { identity: input.credentials, source: { kind: "option", name: "credentials" } };
  if (direct.option) return { identity: direct.option, source: { kind: "option", name: "accessKeyId/secretAccessKey" } };
  if (direct.env) return { identity: direct.env, source: { kind: "env", name: `${ENV.accessKeyId}/${ENV.secretAccessKey}` } };
  if (filePair && file) return { identity: filePair, source: { kind: "lakectl-file", path: file.path, key: "credentials" } };
  if (input.awsProfile) return { identity: awsProfileProvider(input.awsProfile), source: { kind: "aws-profile", profile: input.awsProfile } };
  return undefined;
}

/**
 * The credentials from, in order: the `credentials` option, the
 * `accessKeyId`/`secretAccessKey` options, `LAKECTL_CREDENTIALS_*`, the
 * lakectl file, the `awsProfile` option. Throws a {@link ConfigurationError}
 * listing every source looked at when none has them.
 *
 * @internal
 */
export function resolveIdentity(sources: SettingSources, direct: DirectCredentials): ResolvedIdentity {
  const { file } = sources;
  // A half-given pair in a file that was read is an error even when another source wins.
  const filePair = file ? completePair(file, `credentials.access_key_id in ${file.path}`, `credentials.secret_access_key in ${file.path}`) : undefined;
  const found = findIdentity(sources, direct, filePair);
  if (found) return found;
  throw new ConfigurationError(
    `No lakeFS credentials configured. Looked at: options credentials/accessKeyId/secretAccessKey, ` +
      `env ${ENV.accessKeyId}/${ENV.secretAccessKey}, ${describeFileLookup(sources, "credentials")}, option awsProfile`,
    { hint: "Pass accessKeyId and secretAccessKey, or set the LAKECTL_CREDENTIALS_* variables" },
  );
}
