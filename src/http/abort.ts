import { setMaxListeners } from "node:events";
import { AbortError } from "../errors/network-errors.js";

/**
 * The toolkit's {@link AbortError} for an aborted signal: its cause is the
 * signal's reason, or `fallbackCause` (the error the abort surfaced as) when
 * the signal has none.
 *
 * @internal
 */
export function abortError(signal: AbortSignal | undefined, operation?: string, fallbackCause?: unknown): AbortError {
  return new AbortError(operation ? `${operation}: the operation was aborted` : undefined, {
    operation,
    cause: signal?.reason ?? fallbackCause,
  });
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
 * Calls `listener` once when `signal` aborts (at once when it already has),
 * with a `{ once: true }` listener, and returns the function that removes it:
 * call that when the work is over, so nothing stays attached to a
 * long-lived signal. Never assigns `signal.onabort`.
 *
 * @internal
 */
export function onAbort(signal: AbortSignal | undefined, listener: () => void): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    listener();
    return () => undefined;
  }
  signal.addEventListener("abort", listener, { once: true });
  return () => signal.removeEventListener("abort", listener);
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
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
    const stop = onAbort(signal, () => {
      clearTimeout(timer);
      reject(abortError(signal, operation));
    });
  });
}

/**
 * An internal abort controller that follows an outer signal, so a call can
 * also cancel its own in-flight requests when one of them fails.
 *
 * @internal
 */
export interface LinkedAbort {
  /** Aborted when the outer signal aborts or {@link LinkedAbort.abort} is called. */
  readonly signal: AbortSignal;
  /** Aborts the internal signal only. */
  abort(reason?: unknown): void;
  /**
   * Records `err` as the call's first failure (a later one does not replace
   * it) and aborts the internal signal: the parts still in flight then fail
   * with abort errors, and the first failure stays the cause.
   */
  fail(err: unknown): void;
  /** The first error given to {@link LinkedAbort.fail}, `undefined` before one. */
  readonly firstFailure: unknown;
  /** Detaches from the outer signal. Call it when the work is over. */
  dispose(): void;
}

/**
 * Links a new controller to `outer` with a `{ once: true }` listener that
 * {@link LinkedAbort.dispose} removes, so nothing stays attached to a
 * long-lived signal.
 *
 * @internal
 */
export function linkAbort(outer: AbortSignal | undefined): LinkedAbort {
  const controller = new AbortController();
  // One operation hangs a listener per request in flight (parallel parts, retries) on this signal:
  // many listeners are expected here, not a leak, so Node's warning at 11 would be noise.
  setMaxListeners(1000, controller.signal);
  const dispose = onAbort(outer, () => controller.abort(outer?.reason));
  const abort = (reason?: unknown): void => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  let firstFailure: unknown;
  return {
    signal: controller.signal,
    abort,
    fail: (err) => {
      firstFailure ??= err;
      abort(err);
    },
    get firstFailure() {
      return firstFailure;
    },
    dispose,
  };
}
