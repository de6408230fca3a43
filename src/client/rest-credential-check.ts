import { AuthenticationError } from "../errors/access-errors.js";
import type { CredentialCheck } from "../gateway/gateway-context.js";
import type { RestClient } from "../admin/rest-client.js";

/**
 * The gateway's way to tell an unknown access key from a missing permission:
 * `GET /user` over REST, on the same HTTP stack, answers 401 only for the former.
 * `rest` is asked for the REST client on the first check (an error path), so
 * `createS3Client()` can load it only then ({@link loadRestClient}).
 *
 * @internal
 */
export function restCredentialCheck(rest: () => Promise<RestClient>): CredentialCheck {
  return async (signal) => {
    try {
      await (await rest()).request("get", "/user", { signal }, { operation: "getCurrentUser" });
      return undefined;
    } catch (err) {
      return err instanceof AuthenticationError ? err : undefined;
    }
  };
}
