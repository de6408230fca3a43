import type { S3Client } from "@aws-sdk/client-s3";
import { RestClient } from "./admin/rest-client.js";
import { resolveConfig } from "./config/resolve-config.js";
import type { LakeFSClientConfig, ResolvedLakeFSConfig } from "./config/types.js";
import { createGatewayS3Client } from "./gateway/create-gateway-s3-client.js";
import { createHttpStack, memoizeConfig, type HttpStack } from "./http/http-stack.js";

/**
 * The entry point: one lakeFS client with one configuration and one HTTP
 * stack, shared by the S3 gateway client (`s3`) and the REST client (`rest`).
 * Creating it sends nothing; the configuration resolves on the first call.
 *
 * @example
 * ```ts
 * const lakefs = new LakeFS();            // LAKECTL_* env or ~/.lakectl.yaml
 * const lakefs2 = new LakeFS({ endpoint: "https://lakefs.example.com", accessKeyId, secretAccessKey });
 * ```
 *
 * @public
 */
export class LakeFS {
  readonly #stack: HttpStack;
  #s3: S3Client | undefined;
  #rest: RestClient | undefined;

  /**
   * @param config - Explicit settings; anything left out comes from `LAKECTL_*`
   *   environment variables, then `~/.lakectl.yaml`, then defaults.
   */
  constructor(config: LakeFSClientConfig = {}) {
    this.#stack = createHttpStack(memoizeConfig(() => resolveConfig(config)));
  }

  /** The resolved configuration (endpoint, sources of each setting, timeouts). Secrets stay inside the credential provider. */
  config(): Promise<ResolvedLakeFSConfig> {
    return this.#stack.config();
  }

  /** An `S3Client` configured for the gateway, for existing S3 code. Shares sockets with {@link LakeFS.rest}. */
  get s3(): S3Client {
    this.#s3 ??= createGatewayS3Client(this.#stack);
    return this.#s3;
  }

  /** The typed REST client for `/api/v1`, for calls the high-level API does not wrap. */
  get rest(): RestClient {
    this.#rest ??= new RestClient(this.#stack);
    return this.#rest;
  }

  /** @internal The shared HTTP stack. */
  get httpStack(): HttpStack {
    return this.#stack;
  }

  /** Closes idle sockets. The client should not be used afterwards. */
  destroy(): void {
    this.#s3?.destroy();
    this.#stack.destroy();
  }
}
