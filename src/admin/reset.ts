import { ValidationError } from "../errors/input-errors.js";
import { validateBranchName, validateObjectPath, validateRef, validateRepositoryName } from "../validation/names.js";
import type { HardResetInput, ResetChangesInput } from "./options.js";
import type { RestClient } from "./rest-client.js";
import { branchWriteError, refuseReadOnlyRef } from "./refuse-read-only-ref.js";

/** Implements {@link AdminClient.resetChanges}. @internal */
export async function resetChanges(rest: RestClient, input: ResetChangesInput): Promise<void> {
  const { repository, branch, ...opts } = input;
  validateRepositoryName(repository);
  validateBranchName(branch, repository);
  if (opts.path !== undefined && opts.prefix !== undefined) {
    throw new ValidationError("resetChanges: give either path (one object) or prefix (everything under it), not both", { code: "InvalidResetScope" });
  }
  if (opts.path !== undefined) validateObjectPath(opts.path);
  if (opts.prefix !== undefined && (typeof opts.prefix !== "string" || opts.prefix.length === 0)) {
    throw new ValidationError("resetChanges: prefix must not be empty (leave it out to reset every uncommitted change)", { code: "InvalidResetScope" });
  }
  const scope =
    opts.path !== undefined
      ? ({ type: "object", path: opts.path } as const)
      : opts.prefix !== undefined
        ? ({ type: "common_prefix", path: opts.prefix } as const)
        : ({ type: "reset" } as const);
  try {
    await rest.request(
      "put",
      "/repositories/{repository}/branches/{branch}",
      { path: { repository, branch }, body: { ...scope, force: opts.force ?? false }, signal: opts.signal },
      {
        operation: "resetChanges",
        target: { repository, ref: branch, refKind: "branch", ...(opts.path !== undefined ? { path: opts.path } : {}) },
      },
    );
  } catch (err) {
    throw await refuseReadOnlyRef(rest, repository, branch, err, opts.signal);
  }
}

/** Implements {@link AdminClient.hardReset}. @internal */
export async function hardReset(rest: RestClient, input: HardResetInput): Promise<void> {
  const { repository, branch, ref, ...opts } = input;
  validateRepositoryName(repository);
  validateBranchName(branch, repository);
  validateRef(ref);
  try {
    await rest.request(
      "put",
      "/repositories/{repository}/branches/{branch}/hard_reset",
      { path: { repository, branch }, query: { ref, force: opts.force }, signal: opts.signal },
      { operation: "hardReset", target: { repository, ref: branch, refKind: "branch" } },
    );
  } catch (err) {
    throw await branchWriteError(rest, { repository, branch, ref, signal: opts.signal }, err);
  }
}
