import type { CommitInfo, DiffEntry } from "../admin/types.js";
import type { DiffOptions, LogOptions } from "../admin/options.js";
import type { CallOptions } from "../http/call-options.js";
import { RefNotFoundError } from "../errors/not-found-errors.js";
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

  /** The commit the ref points at. */
  async getCommit(options: CallOptions = {}): Promise<CommitInfo> {
    await assertRefExists(this.ctx, this.repository, this.id, this.kind, options.signal);
    return this.ctx.admin.getCommit(this.repository, this.id, options);
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
    return this.ctx.admin.log(this.repository, this.id, options);
  }

  /** Differences between this ref (left) and another ref (right). */
  diff(other: string | Ref, options: DiffOptions = {}): AsyncIterable<DiffEntry> {
    return this.ctx.admin.diff(this.repository, this.id, typeof other === "string" ? other : other.id, options);
  }
}
