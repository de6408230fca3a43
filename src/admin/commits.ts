import { ValidationError } from "../errors/input-errors.js";
import { validateBranchName, validateCommitMessage, validateRef, validateRepositoryName } from "../validation/names.js";
import { validateCommitMetadata } from "../validation/metadata.js";
import { camelize } from "./camelize.js";
import type { CommitInput, GetCommitInput } from "./options.js";
import type { RestClient } from "./rest-client.js";
import { refuseReadOnlyRef } from "./refuse-read-only-ref.js";
import type { CommitInfo } from "./types.js";

function epochSeconds(date: Date | number): number {
  const seconds = date instanceof Date ? Math.floor(date.getTime() / 1000) : date;
  if (!Number.isSafeInteger(seconds)) {
    throw new ValidationError(`Invalid commit date ${String(date)}: give a valid Date or a whole number of Unix epoch seconds`, {
      code: "InvalidCommitDate",
    });
  }
  return seconds;
}

/** Implements {@link AdminClient.commit}. @internal */
export async function commit(rest: RestClient, input: CommitInput): Promise<CommitInfo> {
  const { repository, branch } = input;
  validateRepositoryName(repository);
  validateBranchName(branch, repository);
  validateCommitMessage(input.message);
  if (input.metadata !== undefined) validateCommitMetadata(input.metadata, "commit metadata");
  const date = input.date === undefined ? undefined : epochSeconds(input.date);
  try {
    const created = await rest.request(
      "post",
      "/repositories/{repository}/branches/{branch}/commits",
      {
        path: { repository, branch },
        body: {
          message: input.message,
          ...(input.metadata !== undefined ? { metadata: { ...input.metadata } } : {}),
          ...(date !== undefined ? { date } : {}),
          allow_empty: input.allowEmpty ?? false,
          force: input.force ?? false,
        },
        signal: input.signal,
      },
      // Not idempotent: a lost response raises OutcomeUnknownError instead of committing twice.
      { operation: "commit", target: { repository, ref: branch, refKind: "branch" } },
    );
    return camelize(created);
  } catch (err) {
    throw await refuseReadOnlyRef(rest, repository, branch, err, input.signal);
  }
}

/** Implements {@link AdminClient.getCommit}. @internal */
export async function getCommit(rest: RestClient, input: GetCommitInput): Promise<CommitInfo> {
  const { repository, ref, signal } = input;
  validateRepositoryName(repository);
  validateRef(ref);
  const found = await rest.request(
    "get",
    "/repositories/{repository}/commits/{commitId}",
    { path: { repository, commitId: ref }, signal },
    { operation: "getCommit", target: { repository, ref, refKind: "ref" } },
  );
  return camelize(found);
}
