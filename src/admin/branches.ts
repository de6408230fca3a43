import { ConflictError } from "../errors/conflict-errors.js";
import { validateBranchName, validateRef, validateRepositoryName } from "../validation/names.js";
import { camelize } from "./camelize.js";
import type { CreateBranchInput, DeleteBranchInput, GetBranchInput, ListBranchesInput } from "./options.js";
import { pageAmount } from "./page-query.js";
import { paginate } from "./paginate.js";
import type { RestClient } from "./rest-client.js";
import type { RefInfo } from "./types.js";

/** Implements {@link AdminClient.createBranch}. @internal */
export async function createBranch(rest: RestClient, input: CreateBranchInput): Promise<RefInfo> {
  const { repository, branch: name, source, existOk, signal } = input;
  validateRepositoryName(repository);
  validateBranchName(name);
  validateRef(source);
  try {
    // lakeFS answers 201 with the new branch's commit id as plain text.
    const commitId = await rest.request(
      "post",
      "/repositories/{repository}/branches",
      { path: { repository }, body: { name, source, force: false, hidden: false }, signal },
      // A 404 here is about the source ref: the branch itself does not exist yet.
      { operation: "createBranch", target: { repository, ref: source, refKind: "ref" }, idempotent: existOk === true },
    );
    if (typeof commitId === "string" && commitId.trim() !== "") return { id: name, commitId: commitId.trim() };
    return await getBranch(rest, { repository, branch: name, signal });
  } catch (err) {
    if (existOk && err instanceof ConflictError) return getBranch(rest, { repository, branch: name, signal });
    throw err;
  }
}

/** Implements {@link AdminClient.getBranch}. @internal */
export async function getBranch(rest: RestClient, input: GetBranchInput, operation = "getBranch"): Promise<RefInfo> {
  const { repository, branch, signal } = input;
  validateRepositoryName(repository);
  validateBranchName(branch, repository);
  const ref = await rest.request(
    "get",
    "/repositories/{repository}/branches/{branch}",
    { path: { repository, branch }, signal },
    { operation, target: { repository, ref: branch, refKind: "branch" } },
  );
  return camelize(ref);
}

/** Implements {@link AdminClient.listBranches}. @internal */
export function listBranches(rest: RestClient, input: ListBranchesInput): AsyncIterable<RefInfo> {
  const { repository, ...opts } = input;
  validateRepositoryName(repository);
  const amount = pageAmount(opts);
  return paginate(async (after) => {
    const page = await rest.request(
      "get",
      "/repositories/{repository}/branches",
      { path: { repository }, query: { prefix: opts.prefix, after, amount }, signal: opts.signal },
      { operation: "listBranches", target: { repository } },
    );
    return { results: page.results.map((r) => camelize(r)), pagination: page.pagination };
  }, opts);
}

/** Implements {@link AdminClient.deleteBranch}. @internal */
export async function deleteBranch(rest: RestClient, input: DeleteBranchInput): Promise<void> {
  const { repository, branch, force, signal } = input;
  validateRepositoryName(repository);
  validateBranchName(branch, repository);
  await rest.request(
    "delete",
    "/repositories/{repository}/branches/{branch}",
    { path: { repository, branch }, query: { force }, signal },
    { operation: "deleteBranch", target: { repository, ref: branch, refKind: "branch" } },
  );
}
