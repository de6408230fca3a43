import { validateInteger } from "../validation/integer.js";
import { validateBranchName, validateRef, validateRepositoryName } from "../validation/names.js";
import { validateCommitMetadata } from "../validation/metadata.js";
import { camelize } from "./camelize.js";
import type { CherryPickInput, RevertInput } from "./options.js";
import type { RestClient } from "./rest-client.js";
import { branchWriteError } from "./refuse-read-only-ref.js";
import type { CommitInfo } from "./types.js";

function validateParentNumber(parentNumber: number | undefined): void {
  if (parentNumber === undefined) return;
  validateInteger("parentNumber", parentNumber, { code: "InvalidParentNumber", note: "1-based; 0 for a commit that is not a merge" });
}

/** Implements {@link AdminClient.revert}. @internal */
export async function revert(rest: RestClient, input: RevertInput): Promise<void> {
  const { repository, branch, ref, ...opts } = input;
  validateRepositoryName(repository);
  validateBranchName(branch, repository);
  validateRef(ref);
  validateParentNumber(opts.parentNumber);
  if (opts.metadata !== undefined) validateCommitMetadata(opts.metadata, "revert metadata");
  const overrides = {
    ...(opts.message !== undefined ? { message: opts.message } : {}),
    ...(opts.metadata !== undefined ? { metadata: { ...opts.metadata } } : {}),
  };
  try {
    await rest.request(
      "post",
      "/repositories/{repository}/branches/{branch}/revert",
      {
        path: { repository, branch },
        body: {
          ref,
          parent_number: opts.parentNumber ?? 0,
          ...(Object.keys(overrides).length > 0 ? { commit_overrides: overrides } : {}),
          force: opts.force ?? false,
          allow_empty: opts.allowEmpty ?? false,
        },
        signal: opts.signal,
      },
      { operation: "revert", target: { repository, ref: branch, refKind: "branch" } },
    );
  } catch (err) {
    throw await branchWriteError(rest, { repository, branch, ref, signal: opts.signal }, err);
  }
}

/** Implements {@link AdminClient.cherryPick}. @internal */
export async function cherryPick(rest: RestClient, input: CherryPickInput): Promise<CommitInfo> {
  const { repository, branch, ref, ...opts } = input;
  validateRepositoryName(repository);
  validateBranchName(branch, repository);
  validateRef(ref);
  validateParentNumber(opts.parentNumber);
  try {
    const created = await rest.request(
      "post",
      "/repositories/{repository}/branches/{branch}/cherry-pick",
      {
        path: { repository, branch },
        body: { ref, ...(opts.parentNumber !== undefined ? { parent_number: opts.parentNumber } : {}), force: opts.force ?? false },
        signal: opts.signal,
      },
      { operation: "cherryPick", target: { repository, ref: branch, refKind: "branch" } },
    );
    return camelize(created);
  } catch (err) {
    throw await branchWriteError(rest, { repository, branch, ref, signal: opts.signal }, err);
  }
}
