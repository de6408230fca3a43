import { ReadOnlyRefError, ValidationError } from "../errors/input-errors.js";

/** lakeFS's repository name rule. */
export const REPOSITORY_NAME = /^[a-z0-9][a-z0-9-]{2,62}$/;
/** lakeFS's branch (and tag) name rule. */
export const BRANCH_NAME = /^\w[-\w]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * lakeFS's limit on an object path in UTF-8 bytes. It applies to the path
 * after the ref (the gateway key's `<path>` in `<ref>/<path>`), so the ref's
 * length never counts.
 */
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
 * Throws a {@link ValidationError} unless `name` is a valid tag name, by
 * lakeFS's rule (git's check-ref-format, less strict about `~`): not empty,
 * not `@`, no `/`, `..`, `@{`, whitespace, control characters or any of
 * `^ : ? * [ \`, and not ending in `.` or `.lock`. So `v1.0.0` is valid.
 *
 * @public
 */
export function validateTagName(name: string): void {
  const bad =
    typeof name !== "string" ||
    name.length === 0 ||
    name === "@" ||
    name.endsWith(".") ||
    name.endsWith(".lock") ||
    /\.\.|\/|@\{|[\^:?*[\\]/.test(name) ||
    // eslint-disable-next-line no-control-regex
    /[\s\u0000-\u001f\u007f]/.test(name);
  if (bad) {
    throw new ValidationError(
      `Invalid tag name ${JSON.stringify(name)}: it must not be empty or "@", hold no whitespace, control characters, "/", "..", "@{" or any of ^ : ? * [ \\, and not end in "." or ".lock"`,
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
 * Throws a {@link ValidationError} unless `path` is a valid object path: not
 * empty, valid UTF-16, no control characters, no `.`/`..` segment, and within
 * 1,024 UTF-8 bytes (lakeFS's limit on the path after the ref; the ref's
 * length does not count).
 *
 * @public
 */
export function validateObjectPath(path: string): void {
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
  // The limit is on the path alone: counting the ref refused paths that lakeFS stores and lists.
  const bytes = Buffer.byteLength(path, "utf8");
  if (bytes > MAX_KEY_BYTES) {
    throw new ValidationError(`Object path too long: the path after the ref is ${bytes} UTF-8 bytes, the limit is ${MAX_KEY_BYTES}`, {
      code: "KeyTooLong",
    });
  }
}

/**
 * Throws a {@link ValidationError} unless `message` is a usable commit
 * message: a string with at least one character that is not whitespace.
 * (lakeFS itself accepts an empty message; the toolkit does not.)
 *
 * @public
 */
export function validateCommitMessage(message: string): void {
  if (typeof message !== "string" || message.trim().length === 0) {
    throw new ValidationError("Invalid commit message: it must not be empty or only whitespace", { code: "InvalidCommitMessage" });
  }
}

/**
 * Throws a {@link ValidationError} unless `value` is a non-empty string
 * without whitespace, such as a commit id.
 *
 * @param what - What the value is, for the message (e.g. `"commit id"`).
 * @public
 */
export function validateId(value: string, what: string): void {
  if (typeof value !== "string" || value.length === 0 || /\s/.test(value)) {
    throw new ValidationError(`Invalid ${what} ${JSON.stringify(value)}: it must be a non-empty string without whitespace`, {
      code: "InvalidId",
    });
  }
}

/**
 * Throws a {@link ValidationError} unless `namespace` looks like a storage
 * namespace URI: a scheme, `://`, then at least one character, e.g.
 * `s3://bucket/path` or `local://name`.
 *
 * @public
 */
export function validateStorageNamespace(namespace: string): void {
  if (typeof namespace !== "string" || !/^[a-z][a-z0-9+.-]*:\/\/\S/i.test(namespace) || /\s/.test(namespace)) {
    throw new ValidationError(
      `Invalid storage namespace ${JSON.stringify(namespace)}: give a URI with a scheme and no whitespace, such as s3://bucket/path or local://name`,
      { code: "InvalidStorageNamespace" },
    );
  }
}

/**
 * Throws a {@link ValidationError} unless `pattern` is a usable branch
 * protection pattern: a non-empty fnmatch pattern (`*` and `?` wildcards)
 * without whitespace.
 *
 * @public
 */
export function validateBranchPattern(pattern: string): void {
  if (typeof pattern !== "string" || pattern.length === 0 || /\s/.test(pattern)) {
    throw new ValidationError(
      `Invalid branch protection pattern ${JSON.stringify(pattern)}: it must be a non-empty fnmatch pattern (* and ? wildcards) without whitespace`,
      { code: "InvalidBranchPattern" },
    );
  }
}
