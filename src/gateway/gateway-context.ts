import type { S3Client } from "@aws-sdk/client-s3";
import { describeSource } from "../config/describe-source.js";
import type { RequestContext } from "../errors/from-network-error.js";
import { RestClient } from "../admin/rest-client.js";
import { AuthenticationError } from "../errors/access-errors.js";
import type { HttpStack } from "../http/http-stack.js";

const stacks = new WeakMap<object, HttpStack>();

/**
 * Remembers the configuration a gateway `S3Client` was built from, so that
 * its errors can name the endpoint (and where it was set) and strip the
 * client's secrets, like errors of the REST path.
 *
 * @internal
 */
export function registerGatewayClient(client: S3Client, stack: HttpStack): void {
  stacks.set(client, stack);
}

function stackOf(client: S3Client): HttpStack | undefined {
  for (let o: object | null = client; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const stack = stacks.get(o);
    if (stack) return stack;
  }
  return undefined;
}

/**
 * The request context (endpoint, its source, secrets) of a gateway client,
 * or of a view made with `Object.create(client)`; `{}` for another client or
 * when the configuration cannot be resolved.
 *
 * @internal
 */
export async function gatewayRequestContext(client: S3Client): Promise<RequestContext> {
  const stack = stackOf(client);
  if (!stack) return {};
  try {
    const resolved = await stack.config();
    return { endpoint: resolved.serverUrl, endpointSource: describeSource(resolved.sources.endpoint), secrets: resolved.secrets };
  } catch {
    return {};
  }
}

/**
 * Whether the REST API rejects the gateway client's credentials (401 on
 * `GET /user`): lakeFS's gateway answers a plain `AccessDenied` both for an
 * unknown access key and for a request the user may not make, and only REST
 * tells them apart. Resolves `undefined` for another client, or when the
 * check itself fails for another reason.
 *
 * @internal
 */
export async function restRejectsCredentials(client: S3Client, signal?: AbortSignal): Promise<AuthenticationError | undefined> {
  const stack = stackOf(client);
  if (!stack) return undefined;
  try {
    await new RestClient(stack).request("get", "/user", { signal }, { operation: "getCurrentUser" });
    return undefined;
  } catch (err) {
    return err instanceof AuthenticationError ? err : undefined;
  }
}
