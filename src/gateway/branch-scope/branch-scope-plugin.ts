import type { AbsoluteLocation, InitializeHandlerOptions, InitializeMiddleware, MetadataBearer, Pluggable } from "@smithy/types";
import { bucketResolver, type BranchTarget, type BucketMapping } from "./bucket-mapping.js";
import { rewriteInput, rewriteOutput } from "./rewrite.js";

/** Where the middleware sits: first, before the SDK reads Bucket or Key. */
export const branchScopeMiddlewareOptions: InitializeHandlerOptions & AbsoluteLocation & { name: string; override: boolean } = {
  step: "initialize",
  priority: "high",
  name: "lakefsBranchScopeMiddleware",
  tags: ["LAKEFS", "BRANCH_SCOPE"],
  override: true,
};

/**
 * Middleware that makes plain S3 code work on a lakeFS branch: it maps each
 * bucket to its repository and prefixes keys with the branch on the way in,
 * and strips the prefix on the way out.
 *
 * @internal
 */
export function branchScopeMiddleware(mapping: BucketMapping): InitializeMiddleware<object, MetadataBearer> {
  const resolve = bucketResolver(mapping);
  return (next, context) => async (args) => {
    if (context.commandName === "ListBucketsCommand" && resolve.owned) return listOwnBuckets(await next(args), resolve.owned());
    const rewritten = rewriteInput(args.input as Record<string, unknown>, resolve, context.commandName ?? "");
    if (!rewritten) return next(args);
    const result = await next({ ...args, input: rewritten.input });
    return { ...result, output: rewriteOutput(result.output as unknown as Record<string, unknown>, rewritten.state) as unknown as MetadataBearer };
  };
}

/**
 * A scoped client's ListBuckets: only its own bucket names (the target
 * repository's creation date), instead of every repository.
 */
function listOwnBuckets<R extends { output: MetadataBearer }>(result: R, owned: ReadonlyMap<string, BranchTarget> | undefined): R {
  const output = result.output as MetadataBearer & { Buckets?: { Name?: string; CreationDate?: Date }[] };
  const repositories = new Map((output.Buckets ?? []).map((b) => [b.Name, b] as const));
  const Buckets = [...(owned ?? [])].filter(([, t]) => repositories.has(t.repository)).map(([name, t]) => ({ ...repositories.get(t.repository), Name: name }));
  return { ...result, output: { ...output, Buckets } };
}

/**
 * A plugin for `client.middlewareStack.use(...)` that scopes an `S3Client` to
 * lakeFS branches. Prefer `LakeFS.s3ForBranch`, which applies it to a
 * fresh client.
 *
 * @public
 */
export function getBranchScopePlugin(mapping: BucketMapping): Pluggable<object, MetadataBearer> {
  const middleware = branchScopeMiddleware(mapping);
  return {
    applyToStack(stack) {
      stack.add(middleware, branchScopeMiddlewareOptions);
    },
  };
}
