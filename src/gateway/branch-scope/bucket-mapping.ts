import { ValidationError } from "../../errors/input-errors.js";
import { validateBranchName, validateRepositoryName } from "../../validation/names.js";

/**
 * A lakeFS branch that stands in for an S3 bucket.
 *
 * @public
 */
export interface BranchTarget {
  /** The repository (the gateway bucket). */
  readonly repository: string;
  /** The branch that keys are written to and read from. */
  readonly branch: string;
}

/**
 * Which branch each S3 bucket name of existing code maps to: one target for
 * every bucket, or a table from bucket name to target.
 *
 * @public
 */
export type BucketMapping = BranchTarget | Readonly<Record<string, BranchTarget>>;

/** Maps a bucket name of the user's code to its target. @internal */
export type BucketResolver = (bucket: string) => BranchTarget;

function isTarget(value: unknown): value is BranchTarget {
  const v = value as Partial<BranchTarget> | null;
  return typeof v?.repository === "string" && typeof v.branch === "string";
}

/**
 * Validates a mapping and turns it into a resolver. Every repository and
 * branch name is checked once, here, rather than on each request.
 *
 * @internal
 */
export function bucketResolver(mapping: BucketMapping): BucketResolver {
  if (isTarget(mapping)) {
    validateRepositoryName(mapping.repository);
    validateBranchName(mapping.branch, mapping.repository);
    const target = { repository: mapping.repository, branch: mapping.branch };
    return () => target;
  }
  const table = new Map<string, BranchTarget>();
  for (const [bucket, target] of Object.entries(mapping)) {
    if (!isTarget(target)) throw new ValidationError(`Bucket mapping for "${bucket}" must be { repository, branch }`, { code: "InvalidBucketMapping" });
    validateRepositoryName(target.repository);
    validateBranchName(target.branch, target.repository);
    table.set(bucket, { repository: target.repository, branch: target.branch });
  }
  if (table.size === 0) throw new ValidationError("The bucket mapping is empty", { code: "InvalidBucketMapping" });
  return (bucket) => {
    const target = table.get(bucket);
    if (!target) {
      throw new ValidationError(
        `Bucket "${bucket}" is not mapped to a lakeFS branch (mapped: ${[...table.keys()].join(", ")})`,
        { code: "UnmappedBucket", hint: "Add it to the bucket mapping of the branch-scoped client" },
      );
    }
    return target;
  };
}

/** Encodes each path segment of a key for a CopySource header, keeping the slashes. */
export function encodeKeyPath(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

/**
 * Rewrites a CopySource (`bucket/key`, optionally URL-encoded, optionally
 * with `?versionId=`) from the user's bucket namespace to the gateway's
 * `repository/branch/key`, percent-encoded per segment (a raw `+` would be
 * read as a space).
 *
 * @internal
 */
export function mapCopySource(copySource: string, resolve: BucketResolver): string {
  const [rawPath = "", query] = copySource.split("?", 2);
  const path = rawPath.replace(/^\//, "");
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  const slash = decoded.indexOf("/");
  if (slash <= 0) throw new ValidationError(`CopySource "${copySource}" must be "bucket/key"`, { code: "InvalidCopySource" });
  const target = resolve(decoded.slice(0, slash));
  const key = decoded.slice(slash + 1);
  return `${target.repository}/${encodeKeyPath(`${target.branch}/${key}`)}${query ? `?${query}` : ""}`;
}
