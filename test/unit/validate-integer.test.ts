import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ConfigurationError, ValidationError } from "../../src/index.js";
import { validateInteger } from "../../src/validation/integer.js";

describe("validateInteger", () => {
  it("returns a safe integer within the bounds, and throws a ValidationError naming the option and bounds otherwise", () => {
    const value = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double(), fc.constantFrom(Number.NaN, Infinity, 2 ** 53, -0.5));
    fc.assert(
      fc.property(value, fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 10 }), (n, min, span) => {
        const max = min + span;
        const valid = Number.isSafeInteger(n) && n >= min && n <= max;
        try {
          assert.equal(validateInteger("pageSize", n, { min, max }), n);
          assert.ok(valid, `${n} was accepted in [${min}, ${max}]`);
        } catch (err) {
          assert.ok(!valid, `${n} in [${min}, ${max}]: ${String(err)}`);
          assert.ok(err instanceof ValidationError && err.code === "InvalidOption", String(err));
          assert.equal(err.message, `Invalid pageSize ${String(n)}: it must be an integer from ${min} to ${max}`);
        }
      }),
    );
  });

  it("states open bounds in words, and uses the rule's code, note and error", () => {
    assert.throws(() => validateInteger("limit", -1), { message: "Invalid limit -1: it must be a non-negative integer", code: "InvalidOption" });
    assert.throws(() => validateInteger("maxSockets", 0, { min: 1 }), { message: "Invalid maxSockets 0: it must be a positive integer" });
    assert.throws(() => validateInteger("partSize", 3, { min: 5 }), { message: "Invalid partSize 3: it must be an integer of at least 5" });
    assert.throws(() => validateInteger("parentNumber", 1.5, { code: "InvalidParentNumber", note: "1-based" }), {
      message: "Invalid parentNumber 1.5: it must be a non-negative integer (1-based)",
      code: "InvalidParentNumber",
    });
    assert.throws(() => validateInteger("socketTimeout", -1, { error: (message) => new ConfigurationError(message) }), (err: unknown) => {
      return err instanceof ConfigurationError && err.message === "Invalid socketTimeout -1: it must be a non-negative integer";
    });
  });
});
