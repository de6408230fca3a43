import type { FinalizeRequestMiddleware, MetadataBearer } from "@smithy/types";
import { OutcomeUnknownError } from "../../errors/network-errors.js";

/** Whether an attempt's failure came with an answer from the server (so it did not act on the request, or said so). */
function answered(err: unknown): boolean {
  const e = err as { $metadata?: { httpStatusCode?: number }; $response?: unknown };
  return e?.$metadata?.httpStatusCode !== undefined || e?.$response !== undefined;
}

/** Failures raised before a byte of the request went out: resending is safe. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function neverSent(err: unknown): boolean {
  return NEVER_SENT.has((err as { code?: string })?.code ?? "");
}

/**
 * A conditional write (`If-None-Match: *`) must never be sent a second time
 * after an attempt whose answer was lost: the first may have written the
 * object, and the second would then report 412 for the caller's own write.
 * This middleware sits inside the SDK's retry loop (finalizeRequest, low
 * priority) and lets a retry through only when the failed attempt was
 * answered (a 503 `SlowDown` wrote nothing) or never left the machine; else
 * it ends the call with `OutcomeUnknownError`.
 *
 * @internal
 */
export function conditionalOnceMiddleware(operation: string): FinalizeRequestMiddleware<object, MetadataBearer> {
  return (next) => {
    let unknownOutcome: unknown;
    return async (args) => {
      if (unknownOutcome !== undefined) {
        throw new OutcomeUnknownError(`${operation}: the conditional write's answer was lost; it may or may not have written the object, so it is not sent again`, {
          operation,
          hint: "Stat the object to see whether this call's write landed before writing again",
          cause: unknownOutcome,
        });
      }
      try {
        return await next(args);
      } catch (err) {
        if (!answered(err) && !neverSent(err)) unknownOutcome = err;
        throw err;
      }
    };
  };
}

/** Adds {@link conditionalOnceMiddleware} to one command. */
export function sendConditionalOnce<C extends { middlewareStack: { add(m: unknown, o: unknown): void } }>(command: C, operation: string): C {
  command.middlewareStack.add(conditionalOnceMiddleware(operation), { step: "finalizeRequest", priority: "low", name: "lakefsS3ConditionalOnce" });
  return command;
}
