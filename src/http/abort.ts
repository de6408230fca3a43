import { AbortError } from "../errors/network-errors.js";

/**
 * Throws the toolkit's {@link AbortError} (with the signal's reason as cause)
 * if the signal is already aborted. Call it before starting work.
 *
 * @internal
 */
export function throwIfAborted(signal: AbortSignal | undefined, operation?: string): void {
  if (signal?.aborted) {
    throw new AbortError(operation ? `${operation}: the operation was aborted` : undefined, { operation, cause: signal.reason });
  }
}
