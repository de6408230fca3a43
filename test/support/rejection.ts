/**
 * Test support: the error a call failed with, and a test failure when it
 * succeeded instead.
 */
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { LakeFSError } from "../../src/index.js";

/** Awaits `call` (a function or a promise) and returns what it rejected with; fails the test if it resolved. */
export async function rejection(call: (() => unknown) | Promise<unknown>): Promise<unknown> {
  try {
    await (typeof call === "function" ? call() : call);
  } catch (err) {
    return err;
  }
  return assert.fail("expected the call to fail, but it succeeded");
}

/** Like {@link rejection}, and the error must be a {@link LakeFSError}. */
export async function lakeFSRejection(call: (() => unknown) | Promise<unknown>): Promise<LakeFSError> {
  const err = await rejection(call);
  assert.ok(err instanceof LakeFSError, `expected a LakeFSError, got ${inspect(err)}`);
  return err;
}
