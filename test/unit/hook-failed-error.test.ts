import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { errorFromResponse } from "../../src/errors/error-from-response.js";
import { HookFailedError, PreconditionFailedError } from "../../src/index.js";

// lakeFS 1.84's 412 message for a failing webhook, as pkg/graveler/errors.go (HookAbortError)
// and pkg/actions/service.go (runTasks, multierror) put it together.
const ABORTED =
  "pre-merge hook aborted, run id '4oh58epksdu9mhbpak40': 1 error occurred:\n\t* hook run id '0000_0000' failed on action 'gate' hook 'check-csv': action failed: webhook request failed (status code: 403)\n\n";

describe("HookFailedError from lakeFS's 412 answer", () => {
  it("names the event, action, hook, run and the hook's answer", () => {
    const err = errorFromResponse({ status: 412, message: ABORTED, operation: "merge", requestId: "r1" });
    assert.ok(err instanceof HookFailedError && err instanceof PreconditionFailedError);
    assert.deepEqual(
      { eventType: err.eventType, actionName: err.actionName, hookId: err.hookId, runId: err.runId, answer: err.answer, code: err.code, status: err.status },
      { eventType: "pre-merge", actionName: "gate", hookId: "check-csv", runId: "4oh58epksdu9mhbpak40", answer: "webhook request failed (status code: 403)", code: "HookFailed", status: 412 },
    );
    assert.equal(err.message.split(".")[0], "merge: pre-merge hook 'check-csv' of action 'gate' refused it: webhook request failed (status code: 403)");
  });

  it("other 412 answers stay PreconditionFailedError", () => {
    const err = errorFromResponse({ status: 412, message: "At least one of the pre-conditions you specified did not hold" });
    assert.ok(err instanceof PreconditionFailedError && !(err instanceof HookFailedError));
  });
});
