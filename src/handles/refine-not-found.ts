import { RefNotFoundError } from "../errors/not-found-errors.js";
import { BranchNotFoundError, TagNotFoundError } from "../errors/not-found-errors.js";
import type { HandleContext } from "./context.js";
import { missingRefError, refExists } from "../admin/pinpoint-missing-ref.js";

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
  await ctx.admin.getRepositoryProperties({ repository, signal });
  const candidate = { ref, kind };
  if (!(await refExists(ctx.rest, repository, candidate, signal))) throw missingRefError(repository, candidate, { status: 404, operation: "resolveRef" });
}

/**
 * The gateway functions already tell a missing repository, ref and object
 * apart; a handle also knows whether its ref is a branch or a tag, so a plain
 * RefNotFoundError becomes the more precise subclass. Sends nothing.
 *
 * @internal
 */
export function refineNotFound(err: unknown, kind: RefKind): unknown {
  if (!(err instanceof RefNotFoundError) || err.constructor !== RefNotFoundError || kind === "ref") return err;
  const options = { status: err.status, requestId: err.requestId, operation: err.operation, cause: err.cause };
  return kind === "tag" ? new TagNotFoundError(err.repository, err.ref, options) : new BranchNotFoundError(err.repository, err.ref, options);
}
