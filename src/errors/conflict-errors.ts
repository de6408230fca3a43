import { LakeFSError, type LakeFSErrorOptions } from "./lakefs-error.js";

/**
 * The request conflicts with the current state: the repository, branch or tag
 * already exists, or a concurrent change won.
 *
 * @public
 */
export class ConflictError extends LakeFSError {
  override readonly name: string = "ConflictError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, { status: 409, code: "Conflict", ...options });
  }
}

/**
 * A merge found paths changed on both sides. Nothing was merged.
 *
 * @public
 */
export class MergeConflictError extends ConflictError {
  override readonly name: string = "MergeConflictError";
  /** The conflicting paths, when the server listed them. */
  readonly paths: readonly string[];
  constructor(message: string, paths: readonly string[], options: LakeFSErrorOptions = {}) {
    super(paths.length > 0 ? `${message} (conflicting paths: ${paths.slice(0, 20).join(", ")}${paths.length > 20 ? ", …" : ""})` : message, {
      code: "MergeConflict",
      hint: "Resolve the conflict on the source branch, or merge with strategy 'dest-wins' or 'source-wins'",
      ...options,
    });
    this.paths = paths;
  }
}
