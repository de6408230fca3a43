import type { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";
import { resolveConfig } from "../config/resolve-config-on-demand.js";
import type { LakeFSClientConfig } from "../config/types.js";
import { createHttpStack, memoizeConfig } from "../http/http-stack.js";
import { createGatewayS3Client } from "../gateway/create-gateway-s3-client.js";
import { loadRestClient } from "./load-rest-client.js";
import { restCredentialCheck } from "./rest-credential-check.js";
import { serverFactsReader } from "./server-facts.js";

/**
 * Creates an `S3Client` for lakeFS's S3 gateway from lakeFS settings
 * (explicit options, `LAKECTL_*` env, `~/.lakectl.yaml`). Existing S3 code can
 * use it as is: the bucket is the repository and the first key segment is the
 * branch or ref.
 *
 * @example
 * ```ts
 * const s3 = createS3Client({ endpoint: "http://localhost:8000" });
 * await s3.send(new PutObjectCommand({ Bucket: "my-repo", Key: "main/data/x.csv", Body: "a,b" }));
 * ```
 *
 * @param config - lakeFS client options; the configuration resolves on the first request.
 * @param overrides - Further `S3ClientConfig` fields, applied last.
 * @public
 */
export function createS3Client(config: LakeFSClientConfig = {}, overrides: Partial<S3ClientConfig> = {}): S3Client {
  const stack = createHttpStack(memoizeConfig(() => resolveConfig(config)));
  // What the gateway asks over REST (server facts, the credential check on a 403) loads the REST client on first use.
  const rest = loadRestClient(stack);
  return createGatewayS3Client(stack, { overrides, checkCredentials: restCredentialCheck(rest), serverFacts: serverFactsReader(rest) });
}
