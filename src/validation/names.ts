import { ReadOnlyRefError, ValidationError } from "../errors/input-errors.js";

/** lakeFS's repository name rule. */
export const REPOSITORY_NAME = /^[a-z0-9][a-z0-9-]{2,62}$/;
/** lakeFS's branch (and tag) name rule. */
export const BRANCH_NAME = /^\w[-\w]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** S3's key length limit in UTF-8 bytes; the gateway key is `<ref>/<path>`. */
export const MAX_KEY_BYTES = 1024;

/**
 * Throws a {@link ValidationError} unless `name` is a valid repository name.
 *
 * @public
 */
export function validateRepositoryName(name: string): void {
  if (typeof name !== "string" || !REPOSITORY_NAME.test(name)) {
    throw new ValidationError(
      `Invalid repository name ${JSON.stringify(name)}: it must be 3 to 63 characters of lower-case letters, digits and '-', starting with a letter or digit`,
      { code: "InvalidRepositoryName" },
    );
  }
}

/**
 * Throws a {@link ValidationError} unless `name` is a valid branch name.
 *
 * @public
 */
export function validateBranchName(name: string, repository?: string): void {
  if (typeof name !== "string" || !BRANCH_NAME.test(name)) {
    // A ref expression or commit-ish in a branch slot is a read-only ref, not a typo.
    if (repository && typeof name === "string" && /[~^@]/.test(name)) throw new ReadOnlyRefError(repository, name);
    throw new ValidationError(
      `Invalid branch name ${JSON.stringify(name)}: it must start with a letter, digit or '_' and hold only letters, digits, '_' and '-'`,
      { code: "InvalidBranchName" },
    );
  }
}

/**
 * Throws a {@link ValidationError} unless `name` is a valid tag name.
 *
 * @public
 */
export function validateTagName(name: string): void {
  if (typeof name !== "string" || !BRANCH_NAME.test(name)) {
    throw new ValidationError(
      `Invalid tag name ${JSON.stringify(name)}: it must start with a letter, digit or '_' and hold only letters, digits, '_' and '-'`,
      { code: "InvalidTagName" },
    );
  }
}

/**
 * Throws a {@link ValidationError} unless `ref` is a plausible ref (branch,
 * tag, commit id or expression such as `main~1`): non-empty, no whitespace,
 * no `/`.
 *
 * @public
 */
export function validateRef(ref: string): void {
  if (typeof ref !== "string" || ref.length === 0 || /[\s/\\]/.test(ref) || ref.length > 256) {
    throw new ValidationError(`Invalid ref ${JSON.stringify(ref)}: give a branch, tag, commit id or expression such as main~1`, {
      code: "InvalidRef",
    });
  }
}

/**
 * Throws a {@link ValidationError} unless `path` is a valid object path on
 * `ref`: not empty, valid UTF-16, no control characters, no `.`/`..` segment,
 * and `<ref>/<path>` within 1,024 UTF-8 bytes (lakeFS accepts longer keys and
 * then fails on them later).
 *
 * @public
 */
export function validateObjectPath(path: string, ref = ""): void {
  if (typeof path !== "string" || path.length === 0) {
    throw new ValidationError("Invalid object path: it must not be empty", { code: "InvalidObjectPath" });
  }
  if (LONE_SURROGATE.test(path)) {
    throw new ValidationError(`Invalid object path ${JSON.stringify(path)}: it holds an unpaired UTF-16 surrogate`, {
      code: "InvalidObjectPath",
    });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) {
    throw new ValidationError(`Invalid object path ${JSON.stringify(path)}: it holds a control character`, { code: "InvalidObjectPath" });
  }
  if (path.split("/").some((segment) => segment === "." || segment === "..")) {
    throw new ValidationError(`Invalid object path ${JSON.stringify(path)}: '.' and '..' segments are not allowed`, {
      code: "InvalidObjectPath",
    });
  }
  const bytes = Buffer.byteLength(ref ? `${ref}/${path}` : path, "utf8");
  if (bytes > MAX_KEY_BYTES) {
    throw new ValidationError(
      `Object path too long: ${ref ? `"<ref>/<path>"` : "the path"} is ${bytes} UTF-8 bytes, the limit is ${MAX_KEY_BYTES}`,
      { code: "KeyTooLong" },
    );
  }
}
