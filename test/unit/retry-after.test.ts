import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { retryAfterMs } from "../../src/http/retry-after.js";

describe("retryAfterMs: the wait a 429 or 503 asks for", () => {
  const now = Date.parse("2026-12-04T05:00:00Z");

  it("reads delay-seconds and HTTP dates, for 429 and 503 only", () => {
    assert.equal(retryAfterMs(429, { "retry-after": "3" }, now), 3_000);
    assert.equal(retryAfterMs(503, { "retry-after": " 0 " }, now), 0);
    assert.equal(retryAfterMs(503, { "retry-after": "Fri, 04 Dec 2026 05:00:07 GMT" }, now), 7_000);
    assert.equal(retryAfterMs(500, { "retry-after": "3" }, now), undefined);
    assert.equal(retryAfterMs(200, { "retry-after": "3" }, now), undefined);
  });

  it("a date in the past is no wait; a missing or unreadable header is undefined", () => {
    assert.equal(retryAfterMs(503, { "retry-after": "Fri, 04 Dec 2026 04:59:00 GMT" }, now), 0);
    assert.equal(retryAfterMs(429, {}, now), undefined);
    assert.equal(retryAfterMs(429, { "retry-after": "soon" }, now), undefined);
    assert.equal(retryAfterMs(429, { "retry-after": "-1" }, now), undefined);
  });
});
