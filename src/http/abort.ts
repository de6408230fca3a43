import { AbortError } from "../errors/network-errors.js";

/** The toolkit's {@link AbortError} for an aborted signal, with its reason as cause. */
function abortError(signal: AbortSignal | undefined, operation: string | undefined): AbortError {
  return new AbortError(operation ? `${operation}: the operation was aborted` : undefined, { operation, cause: signal?.reason });
}

/**
 * Throws the toolkit's {@link AbortError} (with the signal's reason as cause)
 * if the signal is already aborted. Call it before starting work.
 *
 * @internal
 */
export function throwIfAborted(signal: AbortSignal | undefined, operation?: string): void {
  if (signal?.aborted) throw abortError(signal, operation);
}

/**
 * Waits `ms` milliseconds; an abort of `signal` ends the wait at once with
 * the toolkit's {@link AbortError}.
 *
 * @internal
 */
export function sleep(ms: number, signal?: AbortSignal, operation?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal, operation));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal, operation));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
