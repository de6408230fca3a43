import { LakeFSError, type LakeFSErrorOptions } from "./lakefs-error.js";

/**
 * Something the request named does not exist. The subclasses say what.
 *
 * @public
 */
export class NotFoundError extends LakeFSError {
  override readonly name: string = "NotFoundError";
  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(message, { status: 404, code: "NotFound", ...options });
  }
}

/**
 * The repository does not exist (or the credentials may not see it).
 *
 * @public
 */
export class RepositoryNotFoundError extends NotFoundError {
  override readonly name: string = "RepositoryNotFoundError";
  /** The repository that was asked for. */
  readonly repository: string;
  constructor(repository: string, options: LakeFSErrorOptions = {}) {
    super(`Repository "${repository}" does not exist`, { code: "RepositoryNotFound", ...options });
    this.repository = repository;
  }
}

/**
 * The ref (branch, tag, commit id or expression) does not exist in an existing repository.
 *
 * @public
 */
export class RefNotFoundError extends NotFoundError {
  override readonly name: string = "RefNotFoundError";
  /** The repository that holds the ref. */
  readonly repository: string;
  /** The ref that was asked for. */
  readonly ref: string;
  constructor(repository: string, ref: string, options: LakeFSErrorOptions & { kind?: string } = {}) {
    super(`${options.kind ?? "Ref"} "${ref}" does not exist in repository "${repository}"`, {
      code: "RefNotFound",
      ...options,
    });
    this.repository = repository;
    this.ref = ref;
  }
}

/**
 * The branch does not exist in an existing repository.
 *
 * @public
 */
export class BranchNotFoundError extends RefNotFoundError {
  override readonly name: string = "BranchNotFoundError";
  constructor(repository: string, branch: string, options: LakeFSErrorOptions = {}) {
    super(repository, branch, { code: "BranchNotFound", kind: "Branch", ...options });
  }
}

/**
 * The tag does not exist in an existing repository.
 *
 * @public
 */
export class TagNotFoundError extends RefNotFoundError {
  override readonly name: string = "TagNotFoundError";
  constructor(repository: string, tag: string, options: LakeFSErrorOptions = {}) {
    super(repository, tag, { code: "TagNotFound", kind: "Tag", ...options });
  }
}

/**
 * The object does not exist at that path on an existing ref.
 *
 * @public
 */
export class ObjectNotFoundError extends NotFoundError {
  override readonly name: string = "ObjectNotFoundError";
  /** The repository of the object. */
  readonly repository: string;
  /** The ref the object was read from. */
  readonly ref: string;
  /** The object's path within the ref. */
  readonly path: string;
  constructor(repository: string, ref: string, path: string, options: LakeFSErrorOptions = {}) {
    super(`Object "${path}" does not exist on ref "${ref}" of repository "${repository}"`, {
      code: "ObjectNotFound",
      ...options,
    });
    this.repository = repository;
    this.ref = ref;
    this.path = path;
  }
}
