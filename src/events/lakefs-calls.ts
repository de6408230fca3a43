// Every call this module makes to lakeFS, in one place (so that API changes
// of the admin layer touch only this file).
import { paginate } from "../admin/paginate.js";
import type { RestClient } from "../admin/rest-client.js";
import type { components } from "../admin/generated/openapi.js";
import type { Branch } from "../handles/branch.js";
import type { CallOptions } from "../http/call-options.js";

/** One changed object of a commit, with its checksum when it still exists. @internal */
export type CommitChange = components["schemas"]["Diff"];

/** The commit's id, first parent, creation time (Unix seconds) and generation (depth in the history). @internal */
export interface CommitFacts {
  readonly id: string;
  readonly generation: number;
  readonly firstParent: string | undefined;
  readonly creationDate: number;
}

/** The commit a hook is about. @internal */
export async function getCommitFacts(rest: RestClient, repository: string, commitId: string, opts: CallOptions): Promise<CommitFacts> {
  const commit = await rest.request(
    "get",
    "/repositories/{repository}/commits/{commitId}",
    { path: { repository, commitId }, signal: opts.signal },
    { operation: "getCommit", target: { repository, ref: commitId, refKind: "ref" } },
  );
  return { id: commit.id, generation: commit.generation ?? 0, firstParent: commit.parents[0], creationDate: commit.creation_date };
}

/**
 * The two-dot diff `left..right` in pages of up to `amount` entries, each with
 * the right side's checksum, read lazily through the one REST paginator.
 *
 * @internal
 */
export async function* diffPages(
  rest: RestClient,
  input: { repository: string; left: string; right: string; amount: number },
  opts: CallOptions,
): AsyncGenerator<CommitChange[]> {
  const { repository, left, right, amount } = input;
  const changes = paginate<CommitChange>(
    (after) =>
      rest.request(
        "get",
        "/repositories/{repository}/refs/{leftRef}/diff/{rightRef}",
        { path: { repository, leftRef: left, rightRef: right }, query: { after, amount, type: "two_dot", include_right_stats: true }, signal: opts.signal },
        { operation: "diff", target: { repository, ref: right, refKind: "ref" } },
      ),
    { signal: opts.signal },
  );
  let page: CommitChange[] = [];
  for await (const change of changes) {
    page.push(change);
    if (page.length >= amount) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** Writes one file to a branch and commits it. @internal */
export async function commitFile(branch: Branch, input: { path: string; body: string; message: string }, opts: CallOptions): Promise<string> {
  await branch.object(input.path).upload(input.body, { contentType: "application/yaml", signal: opts.signal });
  const commit = await branch.commit({ message: input.message, signal: opts.signal });
  return commit.id;
}

/** Deletes one file from a branch and commits that. @internal */
export async function deleteFileAndCommit(branch: Branch, input: { path: string; message: string }, opts: CallOptions): Promise<string> {
  await branch.object(input.path).delete({ signal: opts.signal });
  const commit = await branch.commit({ message: input.message, signal: opts.signal });
  return commit.id;
}

