import type { ErrorTarget } from "../errors/error-from-response.js";
import type { LakeFSError, LakeFSErrorOptions } from "../errors/lakefs-error.js";
import {
  BranchNotFoundError,
  NotFoundError,
  RefNotFoundError,
  RepositoryNotFoundError,
  TagNotFoundError,
} from "../errors/not-found-errors.js";
import type { RestClient } from "./rest-client.js";

/**
 * A ref a request named, and what it is known to be.
 *
 * @internal
 */
export interface RefCandidate {
  readonly ref: string;
  readonly kind: NonNullable<ErrorTarget["refKind"]>;
}

/**
 * Whether `candidate` exists: a branch or tag by that name, or any ref that resolves. One request.
 *
 * @internal
 */
export async function refExists(rest: RestClient, repository: string, candidate: RefCandidate, signal: AbortSignal | undefined): Promise<boolean> {
  const operation = "resolveRef";
  try {
    if (candidate.kind === "branch") {
      await rest.request("get", "/repositories/{repository}/branches/{branch}", { path: { repository, branch: candidate.ref }, signal }, { operation });
    } else if (candidate.kind === "tag") {
      await rest.request("get", "/repositories/{repository}/tags/{tag}", { path: { repository, tag: candidate.ref }, signal }, { operation });
    } else {
      // Any ref, commit id or expression resolves through the log of one commit.
      await rest.request(
        "get",
        "/repositories/{repository}/refs/{ref}/commits",
        { path: { repository, ref: candidate.ref }, query: { amount: 1, limit: true }, signal },
        { operation },
      );
    }
    return true;
  } catch (err) {
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}

/**
 * lakeFS's 404 for a request that names several refs (diff, merge, revert,
 * cherry-pick, hard reset, object stat) does not reliably say which one is
 * missing. On that error path only, looks each candidate up in order and
 * returns the precise error for the first missing one (with the original as
 * `cause`). Returns `err` unchanged when it is not such a 404, when every
 * candidate exists, or when a look-up fails.
 *
 * @internal
 */
export async function pinpointMissingRef(
  rest: RestClient,
  repository: string,
  candidates: readonly RefCandidate[],
  err: unknown,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  if (!(err instanceof NotFoundError) || err instanceof RepositoryNotFoundError) return err;
  const original: LakeFSError = err;
  for (const candidate of candidates) {
    let found: boolean;
    try {
      found = await refExists(rest, repository, candidate, signal);
    } catch {
      return original;
    }
    if (found) continue;
    return missingRefError(repository, candidate, { status: 404, requestId: original.requestId, operation: original.operation, cause: original });
  }
  return original;
}

/**
 * The "not found" error of a missing ref, by what it was named as: a branch,
 * a tag, or any ref.
 *
 * @internal
 */
export function missingRefError(repository: string, candidate: RefCandidate, options: LakeFSErrorOptions): RefNotFoundError {
  if (candidate.kind === "branch") return new BranchNotFoundError(repository, candidate.ref, options);
  if (candidate.kind === "tag") return new TagNotFoundError(repository, candidate.ref, options);
  return new RefNotFoundError(repository, candidate.ref, options);
}
