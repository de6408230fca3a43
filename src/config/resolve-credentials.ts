import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { ConfigurationError } from "../errors/input-errors.js";

/**
 * The identity with surrounding whitespace removed from the key id, secret
 * and session token. `.env` files and Kubernetes secrets often leave a
 * trailing space or newline, which lakeFS would reject as a different key
 * (or Node as a header with an invalid character); no real value has
 * surrounding whitespace, so every source is trimmed alike.
 *
 * @internal
 */
export function trimIdentity(identity: AwsCredentialIdentity): AwsCredentialIdentity {
  return {
    ...identity,
    accessKeyId: identity.accessKeyId?.trim(),
    secretAccessKey: identity.secretAccessKey?.trim(),
    ...(identity.sessionToken !== undefined ? { sessionToken: identity.sessionToken.trim() } : {}),
  };
}

/**
 * Wraps credentials in a provider that resolves once, refreshes when the
 * identity expires, trims surrounding whitespace from every value, and
 * records the secret values so errors can strip them.
 *
 * @internal
 */
export function memoizeCredentials(
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  secrets: string[],
  describe: string,
): AwsCredentialIdentityProvider {
  const provider: AwsCredentialIdentityProvider =
    typeof credentials === "function" ? credentials : async () => credentials;
  let cached: Promise<AwsCredentialIdentity> | undefined;
  const expiringSoon = (id: AwsCredentialIdentity) =>
    id.expiration !== undefined && id.expiration.getTime() - Date.now() < 60_000;

  return async (props) => {
    if (cached) {
      const current = await cached.catch(() => undefined);
      if (current && !expiringSoon(current)) return current;
    }
    cached = Promise.resolve()
      .then(() => provider(props))
      .then((raw) => {
        const identity = raw && trimIdentity(raw);
        if (!identity?.accessKeyId || !identity.secretAccessKey) {
          throw new ConfigurationError(`The credentials from ${describe} have no access key id or secret`);
        }
        secrets.push(identity.secretAccessKey);
        if (identity.sessionToken) secrets.push(identity.sessionToken);
        return identity;
      });
    cached.catch(() => {
      cached = undefined;
    });
    return cached;
  };
}
