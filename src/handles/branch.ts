import { randomBytes } from "node:crypto";
import type { CommitInfo, DiffEntry, ImportStatusInfo, MergeResult } from "../admin/types.js";
import type {
  CherryPickOptions,
  CommitOptions,
  CreateRefOptions,
  DeleteOptions,
  HardResetOptions,
  ImportOptions,
  ImportSource,
  MergeOptions,
  ResetChangesOptions,
  RevertOptions,
  UncommittedOptions,
  WaitForImportOptions,
} from "../admin/options.js";
import type { CallOptions } from "../http/call-options.js";
import { ConflictError, MergeConflictError } from "../errors/conflict-errors.js";
import { validateBranchName } from "../validation/names.js";
import { deleteObjects, type DeleteObjectsResult } from "../gateway/objects/delete-objects.js";
import type { HandleContext } from "./context.js";
import { ImportJob } from "./import-job.js";
import { WritableObjectHandle } from "./object-handle.js";
import { Ref, refId } from "./ref.js";
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
 * A branch: a ref that takes writes. Objects are written through the S3
 * gateway; commits, merges, reverts and resets go over REST. Creating a
 * handle sends nothing.
 *
 * @public
 */
export class Branch extends Ref {
  /**
   * The head commit id the branch had when {@link Repository.branches} listed
   * it; `undefined` for a handle not made by a listing. Read once, never
   * refreshed: any commit or merge since then moves the branch, and this
   * value goes stale. {@link Ref.getCommit} asks the server for the current head.
   */
  readonly listedCommitId: string | undefined;

  /** @internal */
  constructor(ctx: HandleContext, repository: string, id: string, listedCommitId?: string) {
    validateBranchName(id, repository);
    super(ctx, repository, id, "branch");
    this.listedCommitId = listedCommitId;
  }

  /**
   * Creates the branch from `source` (a branch, tag, commit id or expression),
   * as {@link Tag.create} creates a tag. With `existOk`, an existing branch is
   * kept as it is.
   */
  create(source: string | Ref, options?: CreateRefOptions): Promise<Branch>;
  /**
   * Creates the branch from `sourceReference`.
   *
   * @deprecated Give the source first, as every handle method that acts on a
   * ref does: `branch.create("main", { existOk })` ({@link Branch.create}).
   */
  create(options: CreateRefOptions & { readonly sourceReference: string | Ref }): Promise<Branch>;
  async create(
    sourceOrOptions: string | Ref | (CreateRefOptions & { readonly sourceReference: string | Ref }),
    options: CreateRefOptions = {},
  ): Promise<Branch> {
    const [source, rest] =
      typeof sourceOrOptions === "string" || sourceOrOptions instanceof Ref
        ? [sourceOrOptions, options]
        : (({ sourceReference, ...others }) => [sourceReference, others] as const)(sourceOrOptions);
    await this.ctx.admin.createBranch({ ...rest, repository: this.repository, branch: this.id, source: refId(source) });
    return this;
  }

  /** A read-only handle on the branch's current head commit, which later writes do not move. One request. */
  async head(options: CallOptions = {}): Promise<Ref> {
    const { id } = await this.getCommit(options);
    return new Ref(this.ctx, this.repository, id, "ref");
  }

  /** Deletes the branch. A repository's default branch cannot be deleted. */
  async delete(options: DeleteOptions = {}): Promise<void> {
    await this.ctx.admin.deleteBranch({ ...options, repository: this.repository, branch: this.id });
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

  /**
   * Commits the branch's uncommitted changes. On a tag or commit id
   * (`repo.branch("v1")` for tag `v1`) it throws `ReadOnlyRefError`, as every
   * write of this handle and of `AdminClient` does.
   */
  commit(options: CommitOptions): Promise<CommitInfo> {
    return this.ctx.admin.commit({ ...options, repository: this.repository, branch: this.id });
  }

  /** Uncommitted changes on the branch. */
  uncommitted(options: UncommittedOptions = {}): AsyncIterable<DiffEntry> {
    return this.ctx.admin.uncommitted({ ...options, repository: this.repository, branch: this.id });
  }

  /**
   * Merges this branch into `destination`. The result's `reference` is the
   * destination's new head commit id. A conflict throws MergeConflictError
   * listing the paths.
   */
  mergeInto(destination: string | Branch, options: MergeOptions = {}): Promise<MergeResult> {
    return this.ctx.admin.merge({ ...options, repository: this.repository, source: this.id, destination: refId(destination) });
  }

  /** Creates a commit on this branch that undoes the commit at `ref`. */
  async revert(ref: string | Ref, options: RevertOptions = {}): Promise<void> {
    await this.ctx.admin.revert({ ...options, repository: this.repository, branch: this.id, ref: refId(ref) });
  }

  /** Applies the commit at `ref` onto this branch. */
  cherryPick(ref: string | Ref, options: CherryPickOptions = {}): Promise<CommitInfo> {
    return this.ctx.admin.cherryPick({ ...options, repository: this.repository, branch: this.id, ref: refId(ref) });
  }

  /** Discards uncommitted changes: all of them, those under `prefix`, or the one at `path`. */
  async resetChanges(options: ResetChangesOptions = {}): Promise<void> {
    await this.ctx.admin.resetChanges({ ...options, repository: this.repository, branch: this.id });
  }

  /** Points the branch at `ref`, dropping later commits from it. Uncommitted changes must be empty. */
  async hardReset(ref: string | Ref, options: HardResetOptions = {}): Promise<void> {
    await this.ctx.admin.hardReset({ ...options, repository: this.repository, branch: this.id, ref: refId(ref) });
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
    return this.ctx.admin.importData({ ...options, repository: this.repository, branch: this.id, sources });
  }

  /** Starts an import like {@link Branch.importData} without waiting: the job reports status, waits or cancels. */
  async startImport(sources: readonly ImportSource[], options: ImportOptions = {}): Promise<ImportJob> {
    const id = await this.ctx.admin.startImport({ ...options, repository: this.repository, branch: this.id, sources });
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
    const tx = await new Branch(this.ctx, this.repository, name).create(this.id, { signal });
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
    } catch (err) {
      throw err instanceof MergeConflictError ? transactionConflict(err, this.id, name, options.deleteBranchOnError === false) : err;
    } finally {
      if (merged || options.deleteBranchOnError !== false) {
        // Cleanup must not be cancelled by the caller's signal, nor hide the original error.
        await tx.delete().catch(() => undefined);
      }
    }
  }
}

/**
 * A transaction's merge conflict, with a hint about what is actually left:
 * the server's hint (resolve on the source branch) would point at the
 * ephemeral branch, which is deleted unless the caller kept it.
 */
function transactionConflict(err: MergeConflictError, branch: string, txBranch: string, kept: boolean): MergeConflictError {
  const hint = kept
    ? `The transaction's changes are committed on branch "${txBranch}" (kept: deleteBranchOnError is false) and "${branch}" is unchanged: resolve the conflict there and merge it, or merge it with strategy 'source-wins' or 'dest-wins', then delete it`
    : `Nothing was merged: "${branch}" is unchanged and the transaction's branch "${txBranch}" was deleted with its changes; run the transaction again on the current state of "${branch}" (or pass deleteBranchOnError: false to keep the changes for resolving)`;
  return new MergeConflictError(`transact: merging "${txBranch}" into "${branch}" found a conflict`, err.paths, {
    status: err.status,
    requestId: err.requestId,
    operation: "transact",
    cause: err,
    hint,
  });
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
