import type { BuildMiddleware, MetadataBearer, Pluggable, UserAgent } from "@smithy/types";

/** What the fixed user agent is made of: the SDK's default sections and the caller's own. */
interface UserAgentConfig {
  defaultUserAgentProvider(): Promise<UserAgent>;
  readonly customUserAgent?: UserAgent;
}

/** `name/version` sections joined by spaces, as the SDK writes them (without its escaping of unusual characters). */
function formatUserAgent(sections: UserAgent): string {
  return sections.map(([name, version]) => (version ? `${name}/${version}` : name)).join(" ");
}

/**
 * Middleware that sets `User-Agent` and `x-amz-user-agent` to one value
 * computed on the first request: the SDK's own sections (SDK, runtime, OS)
 * and any `customUserAgent`. The SDK's middleware rebuilds the string on
 * every request, with the features that request used, for AWS's telemetry;
 * lakeFS only logs the header.
 *
 * @internal
 */
export function fixedUserAgentMiddleware(config: UserAgentConfig): BuildMiddleware<object, MetadataBearer> {
  let value: Promise<string> | undefined;
  return (next) => async (args) => {
    value ??= config.defaultUserAgentProvider().then((sections) => formatUserAgent([...sections, ...(config.customUserAgent ?? [])]));
    const headers = (args.request as { headers?: Record<string, string> }).headers;
    if (headers) {
      const agent = await value;
      headers["user-agent"] = agent;
      headers["x-amz-user-agent"] = agent;
    }
    return next(args);
  };
}

/**
 * A plugin that drops, from a gateway client's stack, SDK middleware whose
 * work lakeFS never uses, and which every request pays for: AWS Lambda
 * trace propagation (`recursionDetectionMiddleware`: lakeFS ignores the
 * trace headers), S3 region redirects unless `followRegionRedirects` is set
 * (lakeFS never answers with another region), S3 Express session auth
 * (lakeFS has no `CreateSession`), the SDK's response logging unless a
 * `logger` was given, and the per-request user agent (replaced by
 * {@link fixedUserAgentMiddleware}). The SDK resolves a client's whole stack
 * again for every request, so each entry left out saves its sorting too.
 *
 * @internal
 */
export function getLeanStackPlugin(
  config: UserAgentConfig & { readonly followRegionRedirects?: boolean },
  options: { readonly keepLogger: boolean },
): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.remove("recursionDetectionMiddleware");
      stack.remove("s3ExpressMiddleware");
      if (!options.keepLogger) stack.remove("loggerMiddleware");
      if (!config.followRegionRedirects) {
        stack.remove("regionRedirectMiddleware");
        stack.remove("regionRedirectEndpointMiddleware");
      }
      stack.remove("getUserAgentMiddleware");
      stack.add(fixedUserAgentMiddleware(config), { step: "build", priority: "low", name: "lakefsUserAgentMiddleware", tags: ["LAKEFS"], override: true });
    },
  };
}
