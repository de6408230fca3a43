let loaded: Promise<typeof import("./gateway-calls.js")> | undefined;

/**
 * The gateway and presigned calls of the handles, imported on first use and
 * then shared (see `gateway-calls.ts`).
 *
 * @internal
 */
export function gatewayCalls(): Promise<typeof import("./gateway-calls.js")> {
  loaded ??= import("./gateway-calls.js");
  return loaded;
}
