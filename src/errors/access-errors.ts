import { LakeFSError, type LakeFSErrorOptions } from "./lakefs-error.js";

/**
 * The server did not accept the credentials (wrong access key id or secret,
 * or a signature that does not match, for example because of clock skew).
 *
 * @public
 */
export class AuthenticationError extends LakeFSError {
  override readonly name: string = "AuthenticationError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, {
      status: 401,
      code: "Unauthorized",
      hint: "Check the access key id and secret (option, LAKECTL_CREDENTIALS_* or ~/.lakectl.yaml) and the machine's clock",
      ...options,
    });
  }
}

/**
 * The credentials are valid but may not do this.
 *
 * @public
 */
export class PermissionDeniedError extends LakeFSError {
  override readonly name: string = "PermissionDeniedError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, { status: 403, code: "Forbidden", ...options });
  }
}

/**
 * A write was sent to a branch that has a protection rule.
 *
 * @public
 */
export class ProtectedBranchError extends PermissionDeniedError {
  override readonly name: string = "ProtectedBranchError";
  /** The repository of the branch. */
  readonly repository: string;
  /** The protected branch. */
  readonly branch: string;
  constructor(repository: string, branch: string, options: LakeFSErrorOptions = {}) {
    super(`Branch "${branch}" of repository "${repository}" is protected and cannot be written directly`, {
      code: "ProtectedBranch",
      hint: "Write to another branch and merge it, or change the branch protection rules",
      ...options,
    });
    this.repository = repository;
    this.branch = branch;
  }
}
