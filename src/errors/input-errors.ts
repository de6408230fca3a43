import { LakeFSError, type LakeFSErrorOptions } from "./lakefs-error.js";

/**
 * The input breaks a rule that the server or the toolkit enforces (a name
 * pattern, a key length, a malformed URI). When the toolkit detects it, no
 * request is sent.
 *
 * @public
 */
export class ValidationError extends LakeFSError {
  override readonly name: string = "ValidationError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, { code: "ValidationError", ...options });
  }
}

/**
 * A write was aimed at a ref that cannot be written: a tag, a commit id or
 * an expression such as `main~1`. Only branches take writes.
 *
 * @public
 */
export class ReadOnlyRefError extends ValidationError {
  override readonly name: string = "ReadOnlyRefError";
  /** The repository of the ref. */
  readonly repository: string;
  /** The read-only ref. */
  readonly ref: string;
  constructor(repository: string, ref: string, options: LakeFSErrorOptions = {}) {
    super(`Ref "${ref}" of repository "${repository}" is read-only: only branches accept writes`, {
      code: "ReadOnlyRef",
      hint: "Create a branch from this ref and write to the branch",
      ...options,
    });
    this.repository = repository;
    this.ref = ref;
  }
}

/**
 * The configuration is missing a value or holds one that cannot work. The
 * message names every source that was looked at.
 *
 * @public
 */
export class ConfigurationError extends LakeFSError {
  override readonly name: string = "ConfigurationError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, { code: "ConfigurationError", ...options });
  }
}

/**
 * The S3 operation has no equivalent in lakeFS's gateway. The hint says what
 * to use instead.
 *
 * @public
 */
export class NotSupportedError extends LakeFSError {
  override readonly name: string = "NotSupportedError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, { code: "NotSupported", status: 501, fault: "client", ...options });
  }
}

/**
 * A conditional request's condition did not hold (for example `If-None-Match: *`
 * on a key that exists).
 *
 * @public
 */
export class PreconditionFailedError extends LakeFSError {
  override readonly name: string = "PreconditionFailedError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, { status: 412, code: "PreconditionFailed", ...options });
  }
}
