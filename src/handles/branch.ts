import { randomBytes } from "node:crypto";
import type { CommitInfo, DiffEntry, ImportStatusInfo, RefInfo } from "../admin/types.js";
import type {
  CherryPickOptions,
  CommitInput,
  CreateRefOptions,
  DeleteOptions,
  DiffBranchOptions,
  HardResetOptions,
  ImportInput,
  ImportSource,
  MergeOptions,
  ResetBranchOptions,
  RevertOptions,
  WaitForImportOptions,
} from "../admin/options.js";
import type { CallOptions } from "../http/call-options.js";
import { ConflictError } from "../errors/conflict-errors.js";
import { ReadOnlyRefError } from "../errors/input-errors.js";
import { BranchNotFoundError } from "../errors/not-found-errors.js";
import { validateBranchName } from "../validation/names.js";
import { deleteObjects, type DeleteObjectsResult } from "../gateway/objects/index.js";
import type { HandleContext } from "./context.js";
import { ImportJob } from "./import-job.js";
import { WritableObjectHandle } from "./object-handle.js";
import { Ref } from "./ref.js";
import { refineNotFound } from "./refine-not-found.js";

/**
 * Options of {@link Branch.transact}.
 *
 * @public
 */
export interface TransactOptions extends CallOptions {
  /** Message of the commit made on the ephemeral branch. Default "Transaction on <branch>". */
  readonly commitMessage?: string;
  /** Metadata of that commit. */
  readonly commitMetadata?: Record<string, string>;
  /** Delete the ephemeral branch when the callback or the merge fails. Default `true`. */
  readonly deleteBranchOnError?: boolean;
}

/**
 * Options of {@link Branch.importData} and {@link Branch.startImport}: those of
 * the admin call, the sources aside.
 *
 * @public
 */
export type ImportOptions = Omit<ImportInput, "sources">;

/**
 * A branch: a ref that takes writes. Objects are written through the S3
 * gateway; commits, merges, reverts and resets go over REST. Creating a
 * handle sends nothing.
 *
 * @public
 */
export class Branch extends Ref {
  /** @internal */
  constructor(ctx: HandleContext, repository: string, id: string) {
    validateBranchName(id, repository);
    super(ctx, repository, id, "branch");
  }

  /**
   * Creates the branch from `sourceReference` (a branch, tag, commit id or
   * expression). With `existOk`, an existing branch is kept as it is.
   */
  async create(options: CreateRefOptions & { sourceReference: string | Ref }): Promise<Branch> {
    const source = typeof options.sourceReference === "string" ? options.sourceReference : options.sourceReference.id;
    await this.ctx.admin.createBranch(this.repository, this.id, source, options);
    return this;
  }

  /** The branch's head commit id. */
  info(options: CallOptions = {}): Promise<RefInfo> {
    return this.ctx.admin.getBranch(this.repository, this.id, options);
  }

  /** The head commit. */
  override async getCommit(options: CallOptions = {}): Promise<CommitInfo> {
    const { commitId } = await this.info(options);
    return this.ctx.admin.getCommit(this.repository, commitId, options);
  }

  /** A read-only handle on the branch's current head commit, which later writes do not move. */
  async head(options: CallOptions = {}): Promise<Ref> {
    const { commitId } = await this.info(options);
    return new Ref(this.ctx, this.repository, commitId, "ref");
  }

  /** Deletes the branch. A repository's default branch cannot be deleted. */
  async delete(options: DeleteOptions = {}): Promise<void> {
    await this.ctx.admin.deleteBranch(this.repository, this.id, options);
  }

  /** A handle for the object at `path` on this branch, with writes. */
  override object(path: string): WritableObjectHandle {
    return new WritableObjectHandle(this.ctx, { repository: this.repository, ref: this.id, path });
  }

  /**
   * Deletes many objects through the gateway, 1 000 per request, streaming
   * the paths from any iterable. Per-path failures are reported, not thrown.
   */
  async deleteObjects(
    paths: PathSource,
    options: CallOptions = {},
  ): Promise<DeleteObjectsResult> {
    try {
      return await deleteObjects(this.ctx.s3, { repository: this.repository, ref: this.id }, toPaths(paths), options);
    } catch (err) {
      throw refineNotFound(err, "branch");
    }
  }

  /** Commits the branch's uncommitted changes. */
  commit(options: CommitInput): Promise<CommitInfo> {
    return this.#write(() => this.ctx.admin.commit(this.repository, this.id, options), options.signal);
  }

  /**
   * Runs a REST write on this branch. lakeFS answers "branch not found" when
   * the name is a tag or a commit id (`repo.branch("v1")` for tag `v1`); on
   * that error path only, the name is resolved as a ref, and if it resolves
   * the error is a ReadOnlyRefError: the ref exists but takes no writes.
   */
  async #write<T>(call: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof BranchNotFoundError) || err.ref !== this.id) throw err;
      const resolves = await this.ctx.admin.getCommit(this.repository, this.id, { signal }).then(
        () => true,
        () => false,
      );
      if (resolves) throw new ReadOnlyRefError(this.repository, this.id, { operation: err.operation, cause: err });
      throw err;
    }
  }

  /** Uncommitted changes on the branch. */
  uncommitted(options: DiffBranchOptions = {}): AsyncIterable<DiffEntry> {
    return this.ctx.admin.diffBranch(this.repository, this.id, options);
  }

  /**
   * Merges this branch into `destination`. Returns the merge commit id.
   * A conflict throws MergeConflictError listing the paths.
   */
  async mergeInto(destination: string | Branch, options: MergeOptions = {}): Promise<string> {
    const target = typeof destination === "string" ? destination : destination.id;
    const { reference } = await this.ctx.admin.merge(this.repository, this.id, target, options);
    return reference;
  }

  /** Creates a commit on this branch that undoes the commit at `ref`. */
  async revert(ref: string | Ref, options: RevertOptions = {}): Promise<void> {
    await this.#write(() => this.ctx.admin.revert(this.repository, this.id, typeof ref === "string" ? ref : ref.id, options), options.signal);
  }

  /** Applies the commit at `ref` onto this branch. */
  cherryPick(ref: string | Ref, options: CherryPickOptions = {}): Promise<CommitInfo> {
    return this.#write(() => this.ctx.admin.cherryPick(this.repository, this.id, typeof ref === "string" ? ref : ref.id, options), options.signal);
  }

  /** Discards uncommitted changes: all of them, those under `prefix`, or the one at `path`. */
  async resetChanges(options: ResetBranchOptions = {}): Promise<void> {
    await this.#write(() => this.ctx.admin.resetBranch(this.repository, this.id, options), options.signal);
  }

  /** Points the branch at `ref`, dropping later commits from it. Uncommitted changes must be empty. */
  async hardReset(ref: string | Ref, options: HardResetOptions = {}): Promise<void> {
    await this.#write(() => this.ctx.admin.hardReset(this.repository, this.id, typeof ref === "string" ? ref : ref.id, options), options.signal);
  }

  /**
   * Imports objects from the object store into this branch without copying
   * their data, and waits for the commit that the import makes. Sources are
   * prefixes or single objects, each with its destination on the branch.
   * A failed import throws `ImportFailedError` and commits nothing; if the
   * call ends early (abort, a throwing `onProgress`), the import is cancelled
   * (see {@link ImportJob.cancel} for what lakeFS makes of that).
   *
   * @example
   * ```ts
   * const { commit, ingestedObjects } = await branch.importData(
   *   [{ prefix: "s3://legacy-bucket/collections/", destination: "collections/" }],
   *   { message: "Import the legacy collections", onProgress: (s) => console.log(s.ingestedObjects) },
   * );
   * ```
   */
  importData(sources: readonly ImportSource[], options: ImportOptions & WaitForImportOptions = {}): Promise<ImportStatusInfo> {
    return this.#write(() => this.ctx.admin.importData(this.repository, this.id, { ...options, sources }), options.signal);
  }

  /** Starts an import like {@link Branch.importData} without waiting: the job reports status, waits or cancels. */
  async startImport(sources: readonly ImportSource[], options: ImportOptions = {}): Promise<ImportJob> {
    const id = await this.#write(() => this.ctx.admin.startImport(this.repository, this.id, { ...options, sources }), options.signal);
    return new ImportJob(this.ctx.admin, this.repository, this.id, id);
  }

  /**
   * Runs `work` on an ephemeral branch made from this one, then commits it and
   * merges it back, so that readers of this branch see all of the changes or
   * none. On success the ephemeral branch is deleted; on any error it is
   * deleted too (unless `deleteBranchOnError: false`) and this branch is left
   * untouched. The branch must have no uncommitted changes (lakeFS cannot
   * merge into a dirty branch); otherwise a ConflictError is thrown before
   * `work` runs.
   */
  async transact<T>(work: (tx: Branch) => Promise<T>, options: TransactOptions = {}): Promise<T> {
    const { signal } = options;
    // lakeFS refuses to merge into a dirty branch: fail before the work is done, not after.
    for await (const change of this.uncommitted({ limit: 1, signal })) {
      throw new ConflictError(`Branch "${this.id}" has uncommitted changes (e.g. ${change.path}), so a transaction could not be merged into it`, {
        code: "DirtyBranch",
        operation: "transact",
        hint: "Commit or reset the branch's uncommitted changes first",
      });
    }
    const name = `tx-${this.id}`.slice(0, 40) + `-${randomBytes(4).toString("hex")}`;
    const tx = await new Branch(this.ctx, this.repository, name).create({ sourceReference: this.id, signal });
    let merged = false;
    try {
      const result = await work(tx);
      await tx.commit({
        message: options.commitMessage ?? `Transaction on ${this.id}`,
        metadata: options.commitMetadata,
        allowEmpty: true,
        signal,
      });
      await tx.mergeInto(this, { message: `Merge transaction ${name} into ${this.id}`, allowEmpty: true, signal });
      merged = true;
      return result;
    } finally {
      if (merged || options.deleteBranchOnError !== false) {
        // Cleanup must not be cancelled by the caller's signal, nor hide the original error.
        await tx.delete().catch(() => undefined);
      }
    }
  }
}

/**
 * Paths or listing entries to delete; prefix entries of a delimited listing are skipped.
 *
 * @public
 */
export type PathSource =
  | Iterable<
      | string
      | {
          /** The object's path within the branch. */
          readonly path: string;
          /** `"prefix"` entries are skipped; anything else is deleted. */
          readonly type?: string;
        }
    >
  | AsyncIterable<
      | string
      | {
          /** The object's path within the branch. */
          readonly path: string;
          /** `"prefix"` entries are skipped; anything else is deleted. */
          readonly type?: string;
        }
    >;

async function* toPaths(items: PathSource): AsyncGenerator<string, void, undefined> {
  for await (const item of items) {
    if (typeof item === "string") yield item;
    else if (item.type !== "prefix") yield item.path;
  }
}
