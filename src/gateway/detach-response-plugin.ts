import type { InitializeHandler, InitializeHandlerArguments, MetadataBearer, Pluggable } from "@smithy/types";

/**
 * A copy of an SDK error without its hidden `$response`: same prototype (so
 * `instanceof NoSuchKey` still holds), same fields (`name`, `message`,
 * `Code`, `$metadata`, `$fault`, …). The raw response holds the live HTTP
 * request, whose headers carry the SigV4 signature and any session token,
 * and through its socket the shared agent (proxy URLs with passwords, other
 * requests' `Authorization` headers): an error must not keep it reachable
 * from `util.inspect` or a logger.
 *
 * @internal
 */
export function detachSdkError(err: unknown): unknown {
  if (typeof err !== "object" || err === null || !Object.prototype.hasOwnProperty.call(err, "$response")) return err;
  const descriptors = Object.getOwnPropertyDescriptors(err) as Record<string, PropertyDescriptor>;
  delete descriptors.$response;
  return Object.create(Object.getPrototypeOf(err) as object | null, descriptors) as unknown;
}

/**
 * A plugin that rethrows every error of the client through
 * {@link detachSdkError}, outermost in the stack so that the SDK's own
 * middleware (retries, redirects) still sees the raw response.
 *
 * @internal
 */
export function getDetachResponsePlugin(): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.add(
        (next: InitializeHandler<object, MetadataBearer>) => (args: InitializeHandlerArguments<object>) =>
          next(args).catch((err: unknown) => {
            throw detachSdkError(err);
          }),
        { step: "initialize", priority: "high", name: "lakefsDetachResponseMiddleware", override: true },
      );
    },
  };
}
