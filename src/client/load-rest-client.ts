import type { RestClient } from "../admin/rest-client.js";
import type { HttpStack } from "../http/http-stack.js";

/**
 * A REST client on `stack`, made on first use: what the gateway client asks
 * over REST (server facts, the credential check on a 403) is loaded only when
 * asked, so a program that uses nothing but the gateway (`createS3Client()`)
 * does not load the REST client when it starts.
 *
 * @internal
 */
export function loadRestClient(stack: HttpStack): () => Promise<RestClient> {
  let rest: Promise<RestClient> | undefined;
  return () => {
    rest ??= import("../admin/rest-client.js").then(({ RestClient }) => new RestClient(stack));
    return rest;
  };
}
