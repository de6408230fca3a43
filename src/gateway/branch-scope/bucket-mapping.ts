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
 * One branch for a branch-scoped client, and which bucket names of the code
 * stand for it. Strict by default: the client binds to `bucket` (or to the
 * first bucket name it sees) and refuses any other name, so code that writes
 * to two buckets cannot overwrite one with the other on one branch.
 *
 * @public
 */
export interface ScopedBranchTarget extends BranchTarget {
  /** The bucket name(s) the code uses for this branch. Default: the first name the client sees. */
  readonly bucket?: string | readonly string[];
  /**
   * Map every bucket name to this branch, for code whose bucket names are not known in advance
   * (ListBuckets then lists every repository). Default `false`: the client is bound to one name
   * (`bucket`, or the first one it sees), so that code writing to two buckets cannot overwrite
   * one with the other on one branch.
   */
  readonly anyBucket?: boolean;
}

/**
 * Which branch each S3 bucket name of existing code maps to: one target (for
 * the bucket name(s) it binds to), or a table from bucket name to target.
 *
 * @public
 */
export type BucketMapping = ScopedBranchTarget | Readonly<Record<string, BranchTarget>>;

/**
 * Maps a bucket name of the user's code to its target; `owned()` gives the
 * bucket names the client answers for so far (`undefined`: every name).
 *
 * @internal
 */
export type BucketResolver = ((bucket: string) => BranchTarget) & { readonly owned?: () => ReadonlyMap<string, BranchTarget> | undefined };

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
  if (isTarget(mapping)) return singleTargetResolver(mapping);
  const table = new Map<string, BranchTarget>();
  for (const [bucket, target] of Object.entries(mapping)) {
    if (!isTarget(target)) throw new ValidationError(`Bucket mapping for "${bucket}" must be { repository, branch }`, { code: "InvalidBucketMapping" });
    validateRepositoryName(target.repository);
    validateBranchName(target.branch, target.repository);
    table.set(bucket, { repository: target.repository, branch: target.branch });
  }
  if (table.size === 0) throw new ValidationError("The bucket mapping is empty", { code: "InvalidBucketMapping" });
  const resolve = (bucket: string): BranchTarget => {
    const target = table.get(bucket);
    if (!target) {
      throw new ValidationError(
        `Bucket "${bucket}" is not mapped to a lakeFS branch (mapped: ${[...table.keys()].join(", ")})`,
        { code: "UnmappedBucket", hint: "Add it to the bucket mapping of the branch-scoped client" },
      );
    }
    return target;
  };
  return Object.assign(resolve, { owned: () => table });
}

/** One target: bound to the given bucket names, or to the first one seen; every name with `anyBucket`. */
function singleTargetResolver(mapping: ScopedBranchTarget): BucketResolver {
  validateRepositoryName(mapping.repository);
  validateBranchName(mapping.branch, mapping.repository);
  const target = { repository: mapping.repository, branch: mapping.branch };
  if (mapping.anyBucket === true) return () => target;
  const given = mapping.bucket === undefined ? [] : typeof mapping.bucket === "string" ? [mapping.bucket] : [...mapping.bucket];
  if (given.some((b) => typeof b !== "string" || b.length === 0)) {
    throw new ValidationError("A branch-scoped client's bucket names must be non-empty strings", { code: "InvalidBucketMapping" });
  }
  const bound = new Map(given.map((b) => [b, target] as const));
  const resolve = (bucket: string): BranchTarget => {
    if (bound.size === 0) bound.set(bucket, target);
    if (!bound.has(bucket)) {
      const names = [...bound.keys()].map((b) => `"${b}"`).join(", ");
      throw new ValidationError(
        `Bucket "${bucket}" is not the bucket of this branch-scoped client: it is bound to ${names} (${target.repository}/${target.branch}), and a second name would write to the same branch`,
        {
          code: "BucketNotBound",
          hint: "Use one scoped client per bucket, s3ForBuckets({ ... }) to map several names to their own branches, or anyBucket: true to map every name to this branch",
        },
      );
    }
    return target;
  };
  // Before a name is bound, the repository's own name stands for the bucket.
  return Object.assign(resolve, { owned: () => (bound.size > 0 ? bound : new Map([[target.repository, target]])) });
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
