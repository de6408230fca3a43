import { RestClient } from "../admin/rest-client.js";
import { AuthenticationError } from "../errors/access-errors.js";
import type { CredentialCheck } from "../gateway/gateway-context.js";
import type { HttpStack } from "../http/http-stack.js";

/**
 * The gateway's way to tell an unknown access key from a missing permission:
 * `GET /user` over REST, on the same HTTP stack, answers 401 only for the former.
 *
 * @internal
 */
export function restCredentialCheck(stack: HttpStack): CredentialCheck {
  let rest: RestClient | undefined;
  return async (signal) => {
    rest ??= new RestClient(stack);
    try {
      await rest.request("get", "/user", { signal }, { operation: "getCurrentUser" });
      return undefined;
    } catch (err) {
      return err instanceof AuthenticationError ? err : undefined;
    }
  };
}
