import { NodeHttpHandler } from "@smithy/node-http-handler";
import { checkResponse } from "./check-response.js";

/**
 * The SDK's `NodeHttpHandler` plus {@link checkResponse}: answers that come
 * from a proxy or from a TLS port spoken to in plain HTTP become errors here,
 * before the S3 or REST path reads them as if lakeFS had sent them.
 *
 * @internal
 */
export class LakeFSHttpHandler extends NodeHttpHandler {
  override async handle(...args: Parameters<NodeHttpHandler["handle"]>): ReturnType<NodeHttpHandler["handle"]> {
    const result = await super.handle(...args);
    await checkResponse(args[0], result.response);
    return result;
  }
}
