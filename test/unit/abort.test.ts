import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { AbortError } from "../../src/index.js";
import { abortError, linkAbort, onAbort, sleep, throwIfAborted } from "../../src/http/abort.js";

describe("abort helpers", () => {
  it("abortError carries the signal's reason as cause, else the fallback, and names the operation", () => {
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    controller.abort(reason);
    const err = abortError(controller.signal, "uploadObject", new Error("socket closed"));
    assert.ok(err instanceof AbortError);
    assert.equal(err.cause, reason);
    assert.equal(err.operation, "uploadObject");
    assert.equal(err.message, "uploadObject: the operation was aborted");
    const fallback = new Error("socket closed");
    assert.equal(abortError(undefined, "x", fallback).cause, fallback);
  });

  it("throwIfAborted throws only for an aborted signal", () => {
    throwIfAborted(undefined);
    throwIfAborted(new AbortController().signal);
    assert.throws(() => throwIfAborted(AbortSignal.abort("why"), "op"), (err: unknown) => err instanceof AbortError && err.cause === "why");
  });

  it("onAbort calls the listener once, at once for an aborted signal, and its disposer leaves no listener behind", () => {
    const controller = new AbortController();
    let calls = 0;
    const stop = onAbort(controller.signal, () => calls++);
    assert.equal(getEventListeners(controller.signal, "abort").length, 1);
    stop();
    assert.equal(getEventListeners(controller.signal, "abort").length, 0);
    onAbort(controller.signal, () => calls++);
    controller.abort();
    controller.abort();
    assert.equal(calls, 1);
    onAbort(controller.signal, () => calls++);
    assert.equal(calls, 2, "an already-aborted signal calls the listener at once");
  });

  it("sleep resolves after the delay and removes its listener; an abort ends it with AbortError", async () => {
    const controller = new AbortController();
    await sleep(1, controller.signal);
    assert.equal(getEventListeners(controller.signal, "abort").length, 0);
    const waiting = sleep(60_000, controller.signal, "retry");
    const reason = new Error("stop");
    controller.abort(reason);
    await assert.rejects(waiting, (err: unknown) => err instanceof AbortError && err.cause === reason && err.operation === "retry");
    await assert.rejects(sleep(1, controller.signal), AbortError);
  });

  it("linkAbort follows the outer signal, aborts alone on demand, and detaches on dispose", () => {
    const outer = new AbortController();
    const a = linkAbort(outer.signal);
    a.abort("own failure");
    assert.equal(a.signal.reason, "own failure");
    assert.equal(outer.signal.aborted, false);
    a.dispose();
    const b = linkAbort(outer.signal);
    outer.abort("ctrl-c");
    assert.equal(b.signal.reason, "ctrl-c");
    b.dispose();
    assert.equal(getEventListeners(outer.signal, "abort").length, 0);
    assert.equal(linkAbort(AbortSignal.abort("early")).signal.reason, "early");
  });
});
