import type { S3Client } from "@aws-sdk/client-s3";
import { describeSource } from "../config/describe-source.js";
import type { RequestContext } from "../errors/from-network-error.js";
import type { AuthenticationError } from "../errors/access-errors.js";
import type { HttpStack } from "../http/http-stack.js";

/**
 * Asks the REST API whether it rejects the client's credentials: resolves the
 * `AuthenticationError` it answered, or `undefined` when it accepts them or
 * the check itself fails for another reason. Handed in by the layer above,
 * since the gateway never imports the REST client.
 *
 * @internal
 */
export type CredentialCheck = (signal?: AbortSignal) => Promise<AuthenticationError | undefined>;

interface GatewayClientContext {
  readonly stack: HttpStack;
  readonly checkCredentials?: CredentialCheck | undefined;
}

const contexts = new WeakMap<object, GatewayClientContext>();

/**
 * Remembers the configuration a gateway `S3Client` was built from, so that
 * its errors can name the endpoint (and where it was set) and strip the
 * client's secrets, like errors of the REST path.
 *
 * @internal
 */
export function registerGatewayClient(client: S3Client, context: GatewayClientContext): void {
  contexts.set(client, context);
}

function contextOf(client: S3Client): GatewayClientContext | undefined {
  for (let o: object | null = client; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const context = contexts.get(o);
    if (context) return context;
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
  const stack = contextOf(client)?.stack;
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
 * tells them apart. Resolves `undefined` for another client, a client built
 * without a check, or when the check itself fails for another reason.
 *
 * @internal
 */
export function restRejectsCredentials(client: S3Client, signal?: AbortSignal): Promise<AuthenticationError | undefined> {
  const check = contextOf(client)?.checkCredentials;
  return check ? check(signal) : Promise.resolve(undefined);
}
