import { ValidationError } from "../errors/input-errors.js";
import { validateBranchName, validateCommitMessage, validateId, validateRepositoryName } from "../validation/names.js";
import { validateCommitMetadata } from "../validation/metadata.js";
import { camelize } from "./camelize.js";
import type { CommitInput } from "./options.js";
import type { RestClient } from "./rest-client.js";
import type { CallOptions } from "../http/call-options.js";
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
export async function commit(rest: RestClient, repository: string, branch: string, input: CommitInput): Promise<CommitInfo> {
  validateRepositoryName(repository);
  validateBranchName(branch, repository);
  validateCommitMessage(input.message);
  if (input.metadata !== undefined) validateCommitMetadata(input.metadata, "commit metadata");
  const date = input.date === undefined ? undefined : epochSeconds(input.date);
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
}

/** Implements {@link AdminClient.getCommit}. @internal */
export async function getCommit(rest: RestClient, repository: string, commitId: string, opts: CallOptions = {}): Promise<CommitInfo> {
  validateRepositoryName(repository);
  validateId(commitId, "commit id");
  const found = await rest.request(
    "get",
    "/repositories/{repository}/commits/{commitId}",
    { path: { repository, commitId }, signal: opts.signal },
    { operation: "getCommit", target: { repository, ref: commitId, refKind: "ref" } },
  );
  return camelize(found);
}
