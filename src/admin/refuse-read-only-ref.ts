import { ReadOnlyRefError } from "../errors/input-errors.js";
import { BranchNotFoundError } from "../errors/not-found-errors.js";
import { pinpointMissingRef, refExists } from "./pinpoint-missing-ref.js";
import type { RestClient } from "./rest-client.js";
import { getBranch } from "./branches.js";

/**
 * lakeFS answers "branch not found" to a write on a name that is a tag or a
 * commit id (a commit, merge, revert, reset or import on `v1` for tag `v1`).
 * On that error path only, resolves the name as a ref: when it resolves, the
 * ref exists but takes no writes, and the error becomes a `ReadOnlyRefError`
 * (with the original as `cause`). Returns `err` unchanged otherwise, and when
 * the look-up itself fails.
 *
 * @internal
 */
export async function refuseReadOnlyRef(
  rest: RestClient,
  repository: string,
  branch: string,
  err: unknown,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  if (!(err instanceof BranchNotFoundError) || err.ref !== branch) return err;
  const resolves = await refExists(rest, repository, { ref: branch, kind: "ref" }, signal).catch(() => false);
  return resolves ? new ReadOnlyRefError(repository, branch, { operation: err.operation, cause: err }) : err;
}

/**
 * The error to throw for a failed write to `branch` that names a second ref,
 * `ref` (merge, revert, cherry-pick, hard reset): the precise "not found" of
 * whichever of the two is missing, or `ReadOnlyRefError` when `branch` is a
 * tag or commit id.
 *
 * @internal
 */
export async function branchWriteError(
  rest: RestClient,
  target: { readonly repository: string; readonly branch: string; readonly ref: string; readonly signal: AbortSignal | undefined },
  err: unknown,
): Promise<unknown> {
  const { repository, branch, ref, signal } = target;
  const missing = await pinpointMissingRef(rest, repository, [{ ref: branch, kind: "branch" }, { ref, kind: "ref" }], err, signal);
  return refuseReadOnlyRef(rest, repository, branch, missing, signal);
}

/**
 * Throws unless `branch` is an existing branch of an existing repository, with
 * REST look-ups only: `RepositoryNotFoundError`, `BranchNotFoundError`, or
 * `ReadOnlyRefError` for a tag or commit id. One request when it is a branch.
 * The check the REST and presigned data paths run before a body is sent.
 *
 * @internal
 */
export async function assertWritableBranch(rest: RestClient, repository: string, branch: string, operation: string, signal: AbortSignal | undefined): Promise<void> {
  try {
    await getBranch(rest, { repository, branch, signal }, operation);
  } catch (err) {
    throw await refuseReadOnlyRef(rest, repository, branch, err, signal);
  }
}
