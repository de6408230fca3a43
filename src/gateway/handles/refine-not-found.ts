import { NotFoundError, ObjectNotFoundError } from "../../errors/not-found-errors.js";
import type { HandleContext } from "./context.js";

/** How a handle names its ref, so that the right "not found" class can be chosen. */
export type RefKind = "branch" | "tag" | "ref";

/**
 * Throws RepositoryNotFoundError, BranchNotFoundError, TagNotFoundError or
 * RefNotFoundError when the repository or the ref is missing; returns when
 * both exist.
 *
 * @internal
 */
export async function assertRefExists(
  ctx: HandleContext,
  repository: string,
  ref: string,
  kind: RefKind,
  signal?: AbortSignal,
): Promise<void> {
  await ctx.admin.getRepository(repository, { signal });
  if (kind === "branch") await ctx.admin.getBranch(repository, ref, { signal });
  else if (kind === "tag") await ctx.admin.getTag(repository, ref, { signal });
  else await ctx.admin.getCommit(repository, ref, { signal });
}

/**
 * The gateway answers `NoSuchKey` for a missing object, a missing branch and a
 * missing ref alike. On that error path only, ask the REST API which of the
 * three is missing and return the precise error; any other error, or a check
 * that itself fails for another reason, leaves the original error.
 *
 * @internal
 */
export async function refineNotFound(
  ctx: HandleContext,
  err: unknown,
  repository: string,
  ref: string,
  kind: RefKind,
  signal?: AbortSignal,
): Promise<unknown> {
  const ambiguous = err instanceof ObjectNotFoundError || (err instanceof NotFoundError && err.constructor === NotFoundError);
  if (!ambiguous) return err;
  try {
    await assertRefExists(ctx, repository, ref, kind, signal);
  } catch (precise) {
    if (precise instanceof NotFoundError) return precise;
  }
  return err;
}
