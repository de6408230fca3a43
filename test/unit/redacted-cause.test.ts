import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { format, inspect } from "node:util";
import { redactedCause, scrubProxySecrets } from "../../src/errors/redact.js";
import { ConflictError } from "../../src/errors/conflict-errors.js";

const PASSWORD = "Sup3r-Secret-Proxy-Pass";

/** An error shaped like the `socks` client's: its options hold the password as a hidden property. */
function socksLikeError(): Error {
  const proxy = { host: "127.0.0.1", port: 1080, type: 5, userId: "user" };
  Object.defineProperty(proxy, "password", { value: PASSWORD, enumerable: false });
  const err = new Error(`connect to socks5://user:${PASSWORD}@127.0.0.1:1080 failed`);
  Object.assign(err, { code: "ECONNREFUSED", errno: -111, syscall: "connect", options: { proxy, destination: { host: "lakefs", port: 8000 } } });
  err.cause = new Error(`inner socks5://user:${PASSWORD}@127.0.0.1:1080`);
  return err;
}

const printed = (value: unknown) => [inspect(value, { depth: 10, showHidden: true }), format("%o", value)].join("\n");

describe("redactedCause and scrubProxySecrets", () => {
  it("a redacted cause keeps name, message, code, errno, syscall and the chain, and no password in any printout", () => {
    const copy = redactedCause(socksLikeError()) as Error & { code?: string; errno?: number; syscall?: string; options?: unknown };
    assert.ok(copy instanceof Error);
    assert.deepEqual([copy.code, copy.errno, copy.syscall, copy.options], ["ECONNREFUSED", -111, "connect", undefined]);
    assert.match(copy.message, /socks5:\/\/user:\*\*\*@127\.0\.0\.1:1080 failed/);
    assert.match((copy.cause as Error).message, /^inner socks5:\/\/user:\*\*\*@/);
    assert.ok(!printed(copy).includes(PASSWORD));
  });

  it("toolkit errors are kept as they are; values that are not errors are dropped", () => {
    const conflict = new ConflictError("x");
    assert.equal(redactedCause(conflict), conflict);
    assert.equal(redactedCause("a string"), undefined);
  });

  it("scrubProxySecrets cleans the error in place: message, stack and options lose the password", () => {
    const err = socksLikeError();
    assert.ok(printed(err).includes(PASSWORD), "the test's error holds the password to begin with");
    scrubProxySecrets(err);
    assert.ok(!printed({ message: err.message, stack: err.stack, options: (err as { options?: unknown }).options }).includes(PASSWORD));
    assert.equal((err as { code?: string }).code, "ECONNREFUSED");
  });
});
