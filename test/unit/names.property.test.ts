import { inspect } from "node:util";
/**
 * Property-based tests (fast-check) of the name and path validators in
 * src/validation: for any input they either accept it or throw a
 * ValidationError (never another error), and they accept exactly what
 * lakeFS's rules allow.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { LakeFSError, ReadOnlyRefError, ValidationError } from "../../src/index.js";
import { validateBranchName, validateObjectPath, validateRef, validateRepositoryName, validateTagName } from "../../src/validation/names.js";
import { BRANCH_NAME, MAX_KEY_BYTES, REPOSITORY_NAME } from "../../src/validation/names.js";

/** Runs `fn`; returns undefined when it passes, the error when it throws. */
function outcome(fn: () => void): unknown {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err;
  }
}

const anyString = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.string({ unit: fc.constantFrom("a", "-", "_", ".", "/", "~", "^", "@", " ", "\u0000", "\uD800", "é") }));
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("validators (property)", () => {
  it("repository names: accepted exactly when they match ^[a-z0-9][a-z0-9-]{2,62}$; else ValidationError", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,62}$/)), (name) => {
        const err = outcome(() => validateRepositoryName(name));
        if (REPOSITORY_NAME.test(name)) assert.equal(err, undefined);
        else assert.ok(err instanceof ValidationError && err.code === "InvalidRepositoryName", String(err));
      }),
      { numRuns: 500 },
    );
  });

  it("branch names: accepted exactly when they match ^\\w[-\\w]*$; ~ ^ @ make a ReadOnlyRefError, anything else a ValidationError", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.stringMatching(/^\w[-\w]{0,40}$/)), (name) => {
        const err = outcome(() => validateBranchName(name, "repo"));
        if (BRANCH_NAME.test(name)) assert.equal(err, undefined);
        else if (/[~^@]/.test(name)) assert.ok(err instanceof ReadOnlyRefError, String(err));
        else assert.ok(err instanceof ValidationError && err.code === "InvalidBranchName", String(err));
      }),
      { numRuns: 500 },
    );
  });

  it("tag names: an accepted name has no whitespace, control character, '/', '..', '@{' or ^ : ? * [ \\ and does not end in '.' or '.lock'", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.stringMatching(/^v?[0-9]{1,3}(\.[0-9]{1,3}){0,2}(-[a-z0-9]{1,8})?$/)), (name) => {
        const err = outcome(() => validateTagName(name));
        if (err === undefined) {
          assert.ok(name.length > 0 && name !== "@");
          assert.ok(!/[\s\u0000-\u001f\u007f/^:?*[\\]|\.\.|@\{/.test(name), name);
          assert.ok(!name.endsWith(".") && !name.endsWith(".lock"));
        } else {
          assert.ok(err instanceof ValidationError && err.code === "InvalidTagName", String(err));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("object paths: accepted exactly when non-empty, valid UTF-16, free of control characters and '.'/'..' segments, and the path (the ref not counted) ≤ 1,024 UTF-8 bytes", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.string({ unit: "grapheme", maxLength: 600 })), (path) => {
        const err = outcome(() => validateObjectPath(path));
        const expectedOk =
          path.length > 0 &&
          !LONE_SURROGATE.test(path) &&
          !CONTROL.test(path) &&
          !path.split("/").some((s) => s === "." || s === "..") &&
          Buffer.byteLength(path, "utf8") <= MAX_KEY_BYTES;
        if (expectedOk) assert.equal(err, undefined, String(err));
        else assert.ok(err instanceof ValidationError, String(err));
      }),
      { numRuns: 1000 },
    );
  });

  it("the path length limit is exact in UTF-8 bytes: n bytes pass iff n ≤ 1,024", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1100 }), fc.constantFrom("a", "é", "€", "😀"), (n, unit) => {
        const path = unit.repeat(Math.ceil(n / Buffer.byteLength(unit)));
        const bytes = Buffer.byteLength(path);
        const err = outcome(() => validateObjectPath(path));
        if (bytes <= MAX_KEY_BYTES) assert.equal(err, undefined);
        else assert.ok(err instanceof ValidationError && err.code === "KeyTooLong");
      }),
    );
  });

  it("refs: anything non-empty without whitespace, '/' or '\\' (up to 256 characters) passes; never a non-ValidationError", () => {
    fc.assert(
      fc.property(anyString, (ref) => {
        const err = outcome(() => validateRef(ref));
        const expectedOk = ref.length > 0 && ref.length <= 256 && !/[\s/\\]/.test(ref);
        if (expectedOk) assert.equal(err, undefined);
        else assert.ok(err instanceof ValidationError && err.code === "InvalidRef");
      }),
      { numRuns: 500 },
    );
  });

  it("no validator throws anything but a LakeFSError, whatever it is given (non-strings included)", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const validate of [validateRepositoryName, validateBranchName, validateTagName, validateRef, validateObjectPath] as ((v: unknown) => void)[]) {
          const err = outcome(() => validate(value));
          // inspect, not String(): fast-check builds objects such as { toString: [] } that String() cannot convert.
          assert.ok(err === undefined || err instanceof LakeFSError, `${validate.name}(${inspect(value)}): ${inspect(err)}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
