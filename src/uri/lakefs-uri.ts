import { ValidationError } from "../errors/input-errors.js";
import { validateObjectPath, validateRef, validateRepositoryName } from "../validation/names.js";

/**
 * The parts of a `lakefs://repository/ref/path` or `s3://repository/ref/path` URI.
 *
 * @public
 */
export interface LakeFSUri {
  /** The repository (the S3 bucket). */
  readonly repository: string;
  /** The ref: branch, tag, commit id or expression. Absent in `lakefs://repository`. */
  readonly ref?: string;
  /** The object path or prefix within the ref; `""` for the ref's root. Absent without a ref. */
  readonly path?: string;
}

const SCHEMES = ["lakefs:", "s3:"] as const;

/**
 * Parses `lakefs://repository[/ref[/path]]` or the gateway form
 * `s3://repository[/ref[/path]]`. The path is kept as written (not
 * percent-decoded), since object paths may contain `%`. Throws a
 * {@link ValidationError} that says which part is wrong.
 *
 * @example
 * ```ts
 * parseLakeFSUri("lakefs://my-repo/main/data/file.csv");
 * // { repository: "my-repo", ref: "main", path: "data/file.csv" }
 * ```
 * @public
 */
export function parseLakeFSUri(uri: string): LakeFSUri {
  if (typeof uri !== "string") throw new ValidationError("A lakeFS URI must be a string", { code: "InvalidUri" });
  const match = /^([a-z][a-z0-9+.-]*:)\/\/([^/]*)(?:\/([^/]*)(?:\/(.*))?)?$/is.exec(uri);
  if (!match) {
    throw new ValidationError(`Invalid lakeFS URI ${JSON.stringify(uri)}: expected lakefs://repository/ref/path`, { code: "InvalidUri" });
  }
  const [, scheme = "", repository = "", ref, path] = match;
  if (!SCHEMES.includes(scheme.toLowerCase() as (typeof SCHEMES)[number])) {
    throw new ValidationError(`Invalid lakeFS URI ${JSON.stringify(uri)}: the scheme must be lakefs:// or s3://, not ${scheme}//`, {
      code: "InvalidUri",
    });
  }
  validateRepositoryName(repository);
  if (ref === undefined || (ref === "" && path === undefined)) return { repository };
  validateRef(ref);
  if (path === undefined || path === "") return { repository, ref, path: "" };
  validateObjectPath(path.endsWith("/") ? `${path}x` : path);
  return { repository, ref, path };
}

/**
 * Formats the parts as `lakefs://repository/ref/path` (or with `scheme: "s3"`,
 * the gateway's `s3://repository/ref/path`). Validates every part.
 *
 * @public
 */
export function formatLakeFSUri(parts: LakeFSUri, options: { scheme?: "lakefs" | "s3" } = {}): string {
  const scheme = options.scheme ?? "lakefs";
  validateRepositoryName(parts.repository);
  if (parts.ref === undefined) {
    if (parts.path) throw new ValidationError("A lakeFS URI with a path needs a ref", { code: "InvalidUri" });
    return `${scheme}://${parts.repository}`;
  }
  validateRef(parts.ref);
  const path = parts.path ?? "";
  if (path) validateObjectPath(path.endsWith("/") ? `${path}x` : path);
  return `${scheme}://${parts.repository}/${parts.ref}/${path}`;
}
