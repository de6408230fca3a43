import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import type { ServerFactsReader } from "../config/server-facts.js";
import type { ResolvedLakeFSConfig } from "../config/types.js";
import type { ConfigProvider, HttpStack } from "../http/http-stack.js";
import { getDetachResponsePlugin } from "./detach-response-plugin.js";
import { registerGatewayClient, type CredentialCheck } from "./gateway-context.js";
import { getKeyLengthPlugin } from "./key-length-middleware.js";
import { getReadOnlyRefPlugin } from "./read-only-ref-middleware.js";
import { getBlockstoreOperationsPlugin, getUnsupportedOperationsPlugin } from "./unsupported-operations.js";
import { getUnsignedPayloadPlugin } from "./unsigned-payload-plugin.js";
import { getLeanStackPlugin } from "./lean-stack-plugin.js";

/** @internal */
export interface GatewayS3ClientOptions {
  readonly overrides?: Partial<S3ClientConfig>;
  readonly checkCredentials?: CredentialCheck;
  /** The client's server facts (read once): which operations its blockstore serves. */
  readonly serverFacts?: ServerFactsReader;
}

/**
 * Builds an `S3Client` for lakeFS's S3 gateway on the client's HTTP stack:
 * path-style addressing (the repository is the bucket), the configured
 * signing region, checksums that the server accepts, keep-alive sockets, and
 * the SDK's standard retries (which include 503 SlowDown), object data sent
 * with an unsigned payload (no SHA-256 of every byte on either side), none
 * of the SDK's per-request work that lakeFS never uses (Lambda trace
 * headers, region redirects, S3 Express sessions, response logging without a
 * logger, a user agent rebuilt per request), a clear
 * NotSupportedError for S3 operations the gateway lacks, a
 * ValidationError for writes whose key lakeFS cannot store, and a truthful
 * message on the `NoSuchBucket` lakeFS answers to writes on a read-only ref.
 *
 * @param stack - The HTTP stack shared with the REST client.
 * @param options - `overrides`: any other `S3ClientConfig` fields, applied last;
 *   `checkCredentials`: how to tell an unknown key from a missing permission
 *   when the gateway answers `AccessDenied` (the REST API knows, the gateway does not);
 *   `serverFacts`: the client's cached server facts, to refuse operations its blockstore does not serve.
 * @internal
 */
export function createGatewayS3Client(stack: HttpStack, options: GatewayS3ClientOptions = {}): S3Client {
  const { overrides = {}, checkCredentials, serverFacts } = options;
  const { config } = stack;
  const checksum = fromConfig(config, (c): "WHEN_SUPPORTED" | "WHEN_REQUIRED" =>
    c.checksums === "when_supported" ? "WHEN_SUPPORTED" : "WHEN_REQUIRED",
  );
  const credentials = fromConfig(config, (c) => c.credentials);
  const client = new S3Client({
    endpoint: fromConfig(config, (c) => {
      const url = new URL(c.serverUrl);
      return { protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: url.pathname };
    }),
    region: fromConfig(config, (c) => c.region),
    credentials: (props) => credentials().then((provide) => provide(props)),
    forcePathStyle: true,
    requestHandler: stack.handler,
    requestChecksumCalculation: checksum,
    responseChecksumValidation: checksum,
    maxAttempts: fromConfig(config, (c) => c.maxAttempts),
    ...overrides,
  });
  // Per-request SDK work lakeFS never uses: Lambda trace headers, region redirects, a user agent rebuilt every time.
  client.middlewareStack.use(getLeanStackPlugin(client.config, { keepLogger: overrides.logger !== undefined }));
  client.middlewareStack.use(getUnsupportedOperationsPlugin());
  if (serverFacts) client.middlewareStack.use(getBlockstoreOperationsPlugin(serverFacts));
  client.middlewareStack.use(getKeyLengthPlugin());
  client.middlewareStack.use(getUnsignedPayloadPlugin());
  // Probes go through an unscoped sibling: branch scoping (added later by s3ForBuckets) would rewrite them.
  let prober: S3Client | undefined;
  client.middlewareStack.use(getReadOnlyRefPlugin(() => (prober ??= createGatewayS3Client(stack, options))));
  // Errors must not keep the raw HTTP response (signed headers, session token, the shared agent) reachable.
  client.middlewareStack.use(getDetachResponsePlugin());
  registerGatewayClient(client, { stack, checkCredentials });
  return client;
}

/**
 * An SDK config provider for one setting. The SDK calls its providers on
 * every request (several per request for the region), so the derived value is
 * computed once per resolved configuration and handed out as the same settled
 * promise; a failed resolution is retried on the next call.
 */
function fromConfig<T>(config: ConfigProvider, pick: (resolved: ResolvedLakeFSConfig) => T): () => Promise<T> {
  let source: Promise<ResolvedLakeFSConfig> | undefined;
  let derived: Promise<T> | undefined;
  return () => {
    const current = config();
    if (current !== source || !derived) {
      source = current;
      derived = current.then(pick);
    }
    return derived;
  };
}
