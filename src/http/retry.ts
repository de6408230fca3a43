import { LakeFSError } from "../errors/lakefs-error.js";
import { AbortError } from "../errors/network-errors.js";
import { sleep } from "./abort.js";

/**
 * How a request may be retried.
 *
 * @internal
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Whether the request may be sent twice (GET, PUT, DELETE; not commit or merge). */
  readonly idempotent: boolean;
  /** Whether a request that is not idempotent may be sent again after a 429 or 503 answer, which acted on nothing. */
  readonly resendRefused?: boolean;
  readonly signal?: AbortSignal | undefined;
  /** First backoff step in milliseconds. Default 100. */
  readonly baseDelayMs?: number;
  /** Largest backoff in milliseconds. Default 5 000. */
  readonly maxDelayMs?: number;
  /**
   * The wait the last failed attempt's answer asked for (`Retry-After`), in
   * milliseconds, or `undefined`. It replaces the backoff when it is at most
   * `maxRetryAfterMs`; a longer wait ends the retries at once.
   */
  readonly retryAfterMs?: () => number | undefined;
  /** Longest `Retry-After` wait honoured, in milliseconds. Default 20 000. */
  readonly maxRetryAfterMs?: number;
}

/** Failures that happen before a byte of the request reaches lakeFS. */
const NEVER_SENT_CODES = new Set([
  "EndpointUnreachable",
  "ProxyUnreachable",
  "ProxyAuthenticationRequired",
  "ProxyConnectFailed",
  "ProxyTlsError",
]);

/** The request never reached the server, so even a non-idempotent call is safe to send again. */
export function neverSent(err: unknown): boolean {
  return err instanceof LakeFSError && NEVER_SENT_CODES.has(err.code);
}

/**
 * Whether an error is worth another attempt under the policy.
 *
 * @internal
 */
export function shouldRetry(err: unknown, policy: RetryPolicy): boolean {
  if (!(err instanceof LakeFSError) || err instanceof AbortError) return false;
  if (neverSent(err)) return err.retryable;
  if (policy.resendRefused && (err.status === 429 || err.status === 503)) return err.retryable;
  return err.retryable && policy.idempotent;
}

/**
 * Runs `attempt` until it succeeds, the error is not retryable, or the
 * attempts are used up, with exponential backoff and full jitter between
 * attempts, or the server's `Retry-After` when it gave one. The last error
 * is thrown as is.
 *
 * @internal
 */
export async function withRetries<T>(attempt: (attemptNumber: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  const base = policy.baseDelayMs ?? 100;
  const cap = policy.maxDelayMs ?? 5_000;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (n >= policy.maxAttempts || !shouldRetry(err, policy)) throw err;
      const asked = policy.retryAfterMs?.();
      // A server that asks for a longer wait than the budget allows is not retried against its will.
      if (asked !== undefined && asked > (policy.maxRetryAfterMs ?? 20_000)) throw err;
      await sleep(asked ?? Math.random() * Math.min(cap, base * 2 ** (n - 1)), policy.signal);
    }
  }
}
