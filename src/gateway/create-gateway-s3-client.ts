import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import type { HttpStack } from "../http/http-stack.js";
import { getDetachResponsePlugin } from "./detach-response-plugin.js";
import { registerGatewayClient } from "./gateway-context.js";
import { getUnsupportedOperationsPlugin } from "./unsupported-operations.js";

/**
 * Builds an `S3Client` for lakeFS's S3 gateway on the client's HTTP stack:
 * path-style addressing (the repository is the bucket), the configured
 * signing region, checksums that the server accepts, keep-alive sockets, and
 * the SDK's standard retries (which include 503 SlowDown), and a clear
 * NotSupportedError for S3 operations the gateway lacks.
 *
 * @param stack - The HTTP stack shared with the REST client.
 * @param overrides - Any other `S3ClientConfig` fields, applied last.
 * @internal
 */
export function createGatewayS3Client(stack: HttpStack, overrides: Partial<S3ClientConfig> = {}): S3Client {
  const { config } = stack;
  const checksum = async (): Promise<"WHEN_SUPPORTED" | "WHEN_REQUIRED"> =>
    (await config()).checksums === "when_supported" ? "WHEN_SUPPORTED" : "WHEN_REQUIRED";
  const client = new S3Client({
    endpoint: async () => {
      const url = new URL((await config()).serverUrl);
      return {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
      };
    },
    region: async () => (await config()).region,
    credentials: async (props) => (await config()).credentials(props),
    forcePathStyle: true,
    requestHandler: stack.handler,
    requestChecksumCalculation: checksum,
    responseChecksumValidation: checksum,
    maxAttempts: async () => (await config()).maxAttempts,
    ...overrides,
  });
  client.middlewareStack.use(getUnsupportedOperationsPlugin());
  // Errors must not keep the raw HTTP response (signed headers, session token, the shared agent) reachable.
  client.middlewareStack.use(getDetachResponsePlugin());
  registerGatewayClient(client, stack);
  return client;
}
