import { MergeConflictError } from "../errors/conflict-errors.js";
import { ValidationError } from "../errors/input-errors.js";
import { validateBranchName, validateRef, validateRepositoryName } from "../validation/names.js";
import { validateCommitMetadata } from "../validation/metadata.js";
import { camelize } from "./camelize.js";
import type { MergeInput } from "./options.js";
import { diff } from "./refs.js";
import type { RestClient } from "./rest-client.js";
import { branchWriteError } from "./refuse-read-only-ref.js";
import type { MergeResult } from "./types.js";

/**
 * At most this many conflicting paths (1,000) are listed on a {@link MergeConflictError}.
 *
 * @public
 */
export const MAX_CONFLICT_PATHS = 1000;

/**
 * The paths a merge of `sourceRef` into `destinationBranch` conflicts on, at
 * most {@link MAX_CONFLICT_PATHS}. lakeFS's three-dot diff (merge base →
 * source, compared with the destination) marks exactly the paths changed
 * differently on both sides as `"conflict"`, the same test the merge applies.
 *
 * @internal
 */
export async function conflictingPaths(
  rest: RestClient,
  repository: string,
  sourceRef: string,
  destinationBranch: string,
  signal: AbortSignal | undefined,
): Promise<string[]> {
  const paths: string[] = [];
  for await (const entry of diff(rest, { repository, leftRef: destinationBranch, rightRef: sourceRef, type: "three_dot", signal })) {
    if (entry.type !== "conflict") continue;
    paths.push(entry.path);
    if (paths.length >= MAX_CONFLICT_PATHS) break;
  }
  return paths;
}

/** Implements {@link AdminClient.merge}. @internal */
export async function merge(rest: RestClient, input: MergeInput): Promise<MergeResult> {
  const { repository, source: sourceRef, destination: destinationBranch, ...opts } = input;
  validateRepositoryName(repository);
  validateRef(sourceRef);
  validateBranchName(destinationBranch, repository);
  if (opts.metadata !== undefined) validateCommitMetadata(opts.metadata, "merge metadata");
  if (opts.strategy !== undefined && opts.strategy !== "dest-wins" && opts.strategy !== "source-wins") {
    throw new ValidationError(`Invalid merge strategy ${JSON.stringify(opts.strategy)}: use "dest-wins" or "source-wins"`, {
      code: "InvalidMergeStrategy",
    });
  }
  const { signal } = opts;
  try {
    const result = await rest.request(
      "post",
      "/repositories/{repository}/refs/{sourceRef}/merge/{destinationBranch}",
      {
        path: { repository, sourceRef, destinationBranch },
        body: {
          ...(opts.message !== undefined ? { message: opts.message } : {}),
          ...(opts.metadata !== undefined ? { metadata: { ...opts.metadata } } : {}),
          ...(opts.strategy !== undefined ? { strategy: opts.strategy } : {}),
          force: opts.force ?? false,
          allow_empty: opts.allowEmpty ?? false,
          squash_merge: opts.squash ?? false,
        },
        signal,
      },
      { operation: "merge", target: { repository, ref: destinationBranch, refKind: "branch" } },
    );
    return camelize(result);
  } catch (err) {
    if (err instanceof MergeConflictError) {
      let paths: string[];
      try {
        paths = await conflictingPaths(rest, repository, sourceRef, destinationBranch, signal);
      } catch {
        throw err;
      }
      throw new MergeConflictError(`merge: merging "${sourceRef}" into "${destinationBranch}" of repository "${repository}" found conflicts`, paths, {
        status: err.status,
        requestId: err.requestId,
        operation: err.operation,
        cause: err,
      });
    }
    throw await branchWriteError(rest, { repository, branch: destinationBranch, ref: sourceRef, signal }, err);
  }
}
