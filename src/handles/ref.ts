import type { CommitInfo, DiffEntry } from "../admin/types.js";
import type { DiffOptions, LogOptions } from "../admin/options.js";
import type { CallOptions } from "../http/call-options.js";
import { NotFoundError, RefNotFoundError, RepositoryNotFoundError } from "../errors/not-found-errors.js";
import { validateRef } from "../validation/names.js";
import { listObjects, type ListObjectsInput, type ListObjectsOptions, type ObjectEntry, type PrefixEntry } from "../gateway/objects/list-objects.js";
import type { HandleContext } from "./context.js";
import { ObjectHandle } from "./object-handle.js";
import { assertRefExists, refineNotFound, type RefKind } from "./refine-not-found.js";

/**
 * A read-only ref of a repository: a branch, a tag, a commit id or an
 * expression such as `main~1`. Reads objects, lists them, shows the log and
 * diffs. Creating a handle sends nothing.
 *
 * @public
 */
export class Ref {
  /** @internal */
  protected readonly ctx: HandleContext;
  /** @internal */
  protected readonly kind: RefKind;
  /** The repository. */
  readonly repository: string;
  /** The ref as given: branch or tag name, commit id or expression. */
  readonly id: string;

  /** @internal */
  constructor(ctx: HandleContext, repository: string, id: string, kind: RefKind = "ref") {
    validateRef(id);
    this.ctx = ctx;
    this.repository = repository;
    this.id = id;
    this.kind = kind;
  }

  /** `lakefs://repository/ref/`. */
  get uri(): string {
    return `lakefs://${this.repository}/${this.id}/`;
  }

  /**
   * The commit the ref points at (a branch's head). One request; lakeFS
   * resolves the name as it resolves any ref. Only when that answers "not
   * found" are the repository and the ref looked up, to throw the precise
   * `RepositoryNotFoundError`, `BranchNotFoundError`, `TagNotFoundError` or
   * `RefNotFoundError`.
   */
  async getCommit(options: CallOptions = {}): Promise<CommitInfo> {
    try {
      return await this.ctx.admin.getCommit({ repository: this.repository, ref: this.id, signal: options.signal });
    } catch (err) {
      throw await this.#preciseNotFound(err, options.signal);
    }
  }

  /** On the error path of a read by name: which of repository and ref is missing. */
  async #preciseNotFound(err: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    if (!(err instanceof NotFoundError) || err instanceof RepositoryNotFoundError) return err;
    try {
      await assertRefExists(this.ctx, this.repository, this.id, this.kind, signal);
      return err;
    } catch (precise) {
      return precise instanceof NotFoundError ? precise : refineNotFound(err, this.kind);
    }
  }

  /** Whether the ref exists. A missing repository throws RepositoryNotFoundError. */
  async exists(options: CallOptions = {}): Promise<boolean> {
    try {
      await assertRefExists(this.ctx, this.repository, this.id, this.kind, options.signal);
      return true;
    } catch (err) {
      if (err instanceof RefNotFoundError) return false;
      throw err;
    }
  }

  /** A handle for the object at `path` on this ref (read-only). */
  object(path: string): ObjectHandle {
    return new ObjectHandle(this.ctx, { repository: this.repository, ref: this.id, path }, this.kind);
  }

  /** Objects (and, with a delimiter, common prefixes) on this ref, fetched page by page through the gateway. */
  async *objects(options: Omit<ListObjectsInput, "repository" | "ref"> & ListObjectsOptions = {}): AsyncGenerator<ObjectEntry | PrefixEntry, void, undefined> {
    const { signal, limit, ...rest } = options;
    try {
      yield* listObjects(this.ctx.s3, { repository: this.repository, ref: this.id, ...rest }, { signal, limit });
    } catch (err) {
      throw refineNotFound(err, this.kind);
    }
  }

  /** The commit log from this ref back, newest first, fetched page by page. */
  log(options: LogOptions = {}): AsyncIterable<CommitInfo> {
    return this.ctx.admin.log({ ...options, repository: this.repository, ref: this.id });
  }

  /** Differences between this ref (left) and another ref (right). */
  diff(other: string | Ref, options: DiffOptions = {}): AsyncIterable<DiffEntry> {
    return this.ctx.admin.diff({ ...options, repository: this.repository, leftRef: this.id, rightRef: refId(other) });
  }
}

/**
 * The name a handle method sends for a ref given as a name or a handle.
 *
 * @internal
 */
export function refId(ref: string | Ref): string {
  return ref instanceof Ref ? ref.id : ref;
}
