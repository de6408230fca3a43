import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AbortError, LakeFSError, NetworkError, ServerError, ValidationError } from "../../src/index.js";
import { neverSent, shouldRetry, withRetries } from "../../src/http/retry.js";

// Zero backoff: these tests check which errors are retried and how often, not timing.
const fast = { baseDelayMs: 0, maxDelayMs: 0 } as const;
const unreachable = () => new NetworkError("cannot reach lakeFS", { code: "EndpointUnreachable" });
const reset = () => new NetworkError("connection dropped", { code: "ConnectionReset" });

/** Runs withRetries over a list of outcomes (an Error is thrown, anything else returned); returns what it gave and the attempts made. */
async function run(outcomes: unknown[], policy: { maxAttempts: number; idempotent: boolean }): Promise<{ result: unknown; attempts: number[] }> {
  const attempts: number[] = [];
  const result = await withRetries(async (n) => {
    attempts.push(n);
    const next = outcomes[n - 1];
    if (next instanceof Error) throw next;
    return next;
  }, { ...fast, ...policy }).catch((err: unknown) => err);
  return { result, attempts };
}

describe("neverSent", () => {
  it("is true for failures before the request left (unreachable endpoint, proxy failures)", () => {
    for (const code of ["EndpointUnreachable", "ProxyUnreachable", "ProxyAuthenticationRequired", "ProxyConnectFailed", "ProxyTlsError"]) {
      assert.equal(neverSent(new LakeFSError("x", { code })), true, code);
    }
  });

  it("is false for failures after the request may have arrived, and for non-LakeFS errors", () => {
    assert.equal(neverSent(reset()), false);
    assert.equal(neverSent(new ServerError("boom")), false);
    const plain = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "EndpointUnreachable" });
    assert.equal(neverSent(plain), false);
  });
});

describe("shouldRetry", () => {
  it("retries a retryable error of an idempotent request", () => {
    assert.equal(shouldRetry(new ServerError("503"), { maxAttempts: 3, idempotent: true }), true);
    assert.equal(shouldRetry(reset(), { maxAttempts: 3, idempotent: true }), true);
  });

  it("does not resend a non-idempotent request that may have arrived", () => {
    assert.equal(shouldRetry(new ServerError("503"), { maxAttempts: 3, idempotent: false }), false);
    assert.equal(shouldRetry(reset(), { maxAttempts: 3, idempotent: false }), false);
  });

  it("resends even a non-idempotent request that never left", () => {
    assert.equal(shouldRetry(unreachable(), { maxAttempts: 3, idempotent: false }), true);
  });

  it("never retries an abort, a non-retryable error, or something that is not a LakeFSError", () => {
    const policy = { maxAttempts: 3, idempotent: true };
    assert.equal(shouldRetry(new AbortError("aborted", { retryable: true }), policy), false);
    assert.equal(shouldRetry(new ValidationError("bad input"), policy), false);
    assert.equal(shouldRetry(new LakeFSError("proxy refused", { code: "ProxyAuthenticationRequired", retryable: false }), policy), false);
    assert.equal(shouldRetry(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), policy), false);
  });
});

describe("withRetries", () => {
  it("returns the first success, numbering attempts from 1", async () => {
    const { result, attempts } = await run([new ServerError("503"), reset(), "ok"], { maxAttempts: 5, idempotent: true });
    assert.equal(result, "ok");
    assert.deepEqual(attempts, [1, 2, 3]);
  });

  it("stops at maxAttempts and throws the last error as is", async () => {
    const last = new ServerError("third");
    const { result, attempts } = await run([new ServerError("first"), new ServerError("second"), last, "never"], { maxAttempts: 3, idempotent: true });
    assert.equal(result, last);
    assert.deepEqual(attempts, [1, 2, 3]);
  });

  it("throws a non-retryable error at once", async () => {
    const bad = new ValidationError("bad input");
    const { result, attempts } = await run([bad, "never"], { maxAttempts: 5, idempotent: true });
    assert.equal(result, bad);
    assert.deepEqual(attempts, [1]);
  });

  it("with maxAttempts 1 makes one attempt", async () => {
    const { attempts } = await run([new ServerError("503"), "never"], { maxAttempts: 1, idempotent: true });
    assert.deepEqual(attempts, [1]);
  });

  it("retries a non-idempotent call only while the request never left", async () => {
    const { result, attempts } = await run([unreachable(), unreachable(), reset(), "never"], { maxAttempts: 5, idempotent: false });
    assert.ok(result instanceof NetworkError && result.code === "ConnectionReset");
    assert.deepEqual(attempts, [1, 2, 3]);
  });

  it("stops waiting when the signal aborts during the backoff", async () => {
    const controller = new AbortController();
    const attempts: number[] = [];
    const err = await withRetries(
      async (n) => {
        attempts.push(n);
        controller.abort();
        throw new ServerError("503");
      },
      { maxAttempts: 5, idempotent: true, signal: controller.signal, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    ).catch((e: unknown) => e);
    assert.ok(err instanceof AbortError, String(err));
    assert.deepEqual(attempts, [1]);
  });
});
