import * as branchProtection from "./branch-protection.js";
import * as branches from "./branches.js";
import * as commits from "./commits.js";
import * as imports from "./imports.js";
import * as mergeOps from "./merge.js";
import * as objects from "./objects.js";
import type {
  CherryPickOptions,
  CommitInput,
  CreateRefOptions,
  CreateRepositoryInput,
  CreateTagOptions,
  DeleteOptions,
  DiffBranchOptions,
  DiffOptions,
  HardResetOptions,
  ImportDataInput,
  ImportInput,
  LogOptions,
  MergeOptions,
  PrefixListOptions,
  ResetBranchOptions,
  RevertOptions,
  WaitForImportOptions,
} from "./options.js";
import * as refs from "./refs.js";
import * as repositories from "./repositories.js";
import * as reset from "./reset.js";
import type { RestClient } from "./rest-client.js";
import type { CallOptions } from "../http/call-options.js";
import * as revertOps from "./revert.js";
import * as server from "./server.js";
import * as pmpu from "./presign-multipart.js";
import * as staging from "./staging.js";
import * as tags from "./tags.js";
import type {
  BranchProtectionRule,
  CommitInfo,
  DiffEntry,
  ImportStatusInfo,
  MergeResult,
  ObjectStats,
  RefInfo,
  RepositoryInfo,
  ServerVersion,
  StorageConfigInfo,
  UserInfo,
} from "./types.js";

/**
 * Typed access to lakeFS's REST API (`/api/v1`): repositories, branches,
 * commits, diffs, merges, tags and server information.
 *
 * Every method checks its names (repository, branch, tag, ref, object path,
 * commit message) before sending anything and throws a `ValidationError`
 * stating the rule. Failures are {@link LakeFSError} subclasses: a missing
 * repository, branch, tag, ref or object each has its own `…NotFoundError`;
 * writes to a protected branch throw `ProtectedBranchError`; merge conflicts
 * throw `MergeConflictError` with the conflicting paths. Commit, merge, revert
 * and cherry-pick are never sent twice: a connection lost after sending throws
 * `OutcomeUnknownError`. Every method takes an optional `signal`; lists are
 * async iterables that fetch pages lazily, one request per page.
 *
 * @example
 * ```ts
 * const admin = new AdminClient(new LakeFS().rest);
 * await admin.createBranch("my-repo", "feature", "main", { existOk: true });
 * for await (const change of admin.diffBranch("my-repo", "feature")) console.log(change.type, change.path);
 * await admin.commit("my-repo", "feature", { message: "Add data" });
 * await admin.merge("my-repo", "feature", "main");
 * ```
 *
 * @public
 */
export class AdminClient {
  readonly #rest: RestClient;

  /** @param rest - The REST client to send requests with, usually `lakefs.rest`. */
  constructor(rest: RestClient) {
    this.#rest = rest;
  }

  // Repositories

  /**
   * Creates a repository. With `existOk`, an existing repository of that name is returned
   * instead of a `ConflictError` (its settings are not compared with `input`).
   * A storage namespace already used by another repository answers `ValidationError` (400).
   */
  createRepository(input: CreateRepositoryInput): Promise<RepositoryInfo> {
    return repositories.createRepository(this.#rest, input);
  }

  /** Gets a repository. Throws `RepositoryNotFoundError` when it does not exist. */
  getRepository(name: string, opts?: CallOptions): Promise<RepositoryInfo> {
    return repositories.getRepository(this.#rest, name, opts);
  }

  /** Lists the repositories the credentials can see, by name. Pages are fetched lazily (`pageSize` per request, 1,000 by default). */
  listRepositories(opts?: PrefixListOptions): AsyncIterable<RepositoryInfo> {
    return repositories.listRepositories(this.#rest, opts);
  }

  /** Deletes a repository (its metadata; the data under its storage namespace stays). `force` deletes a read-only one. */
  deleteRepository(name: string, opts?: DeleteOptions): Promise<void> {
    return repositories.deleteRepository(this.#rest, name, opts);
  }

  /** Gets the repository's metadata map (keys as stored). */
  getRepositoryMetadata(name: string, opts?: CallOptions): Promise<Record<string, string>> {
    return repositories.getRepositoryMetadata(this.#rest, name, opts);
  }

  /** Adds or updates these metadata keys; keys not given are kept. */
  setRepositoryMetadata(name: string, metadata: Readonly<Record<string, string>>, opts?: CallOptions): Promise<void> {
    return repositories.setRepositoryMetadata(this.#rest, name, metadata, opts);
  }

  // Branches

  /**
   * Creates branch `name` from `source` (a branch, tag, commit id or expression).
   * Throws `ConflictError` when it exists, unless `existOk` (then the existing branch is
   * returned wherever it points), and `RefNotFoundError` when `source` does not resolve.
   */
  createBranch(repository: string, name: string, source: string, opts?: CreateRefOptions): Promise<RefInfo> {
    return branches.createBranch(this.#rest, repository, name, source, opts);
  }

  /** Gets a branch and its head commit. Throws `BranchNotFoundError` when it does not exist. */
  getBranch(repository: string, name: string, opts?: CallOptions): Promise<RefInfo> {
    return branches.getBranch(this.#rest, repository, name, opts);
  }

  /** Lists branches by name. Pages are fetched lazily (`pageSize` per request, 1,000 by default). */
  listBranches(repository: string, opts?: PrefixListOptions): AsyncIterable<RefInfo> {
    return branches.listBranches(this.#rest, repository, opts);
  }

  /** Deletes a branch. The default branch cannot be deleted (`PermissionDeniedError`). */
  deleteBranch(repository: string, name: string, opts?: DeleteOptions): Promise<void> {
    return branches.deleteBranch(this.#rest, repository, name, opts);
  }

  /** Gets the repository's branch protection rules. */
  getBranchProtectionRules(repository: string, opts?: CallOptions): Promise<BranchProtectionRule[]> {
    return branchProtection.getBranchProtectionRules(this.#rest, repository, opts);
  }

  /**
   * Replaces the repository's branch protection rules. Matching branches then refuse direct
   * writes and commits (`ProtectedBranchError`) but take merges. The server caches rules for
   * a few seconds (3 s plus up to 3 s of jitter in lakeFS 1.84), so a change can take that long
   * to apply to a repository whose rules were read recently.
   */
  setBranchProtectionRules(repository: string, rules: readonly BranchProtectionRule[], opts?: CallOptions): Promise<void> {
    return branchProtection.setBranchProtectionRules(this.#rest, repository, rules, opts);
  }

  // Commits and history

  /**
   * Commits the branch's uncommitted changes. Throws `ValidationError` when there are none
   * (unless `allowEmpty`), and `OutcomeUnknownError`, never a second commit, when the
   * connection drops after sending.
   */
  commit(repository: string, branch: string, input: CommitInput): Promise<CommitInfo> {
    return commits.commit(this.#rest, repository, branch, input);
  }

  /** Gets a commit by id (lakeFS also resolves a branch or tag name here). Throws `RefNotFoundError` when it does not exist. */
  getCommit(repository: string, commitId: string, opts?: CallOptions): Promise<CommitInfo> {
    return commits.getCommit(this.#rest, repository, commitId, opts);
  }

  /** Iterates over the commit log of `ref`, newest first. Pages are fetched lazily. */
  log(repository: string, ref: string, opts?: LogOptions): AsyncIterable<CommitInfo> {
    return refs.log(this.#rest, repository, ref, opts);
  }

  /**
   * Iterates over the differences between two refs, by path. Pages are fetched lazily.
   * The server's default is a three-dot diff (changes on `rightRef` since the merge base).
   */
  diff(repository: string, leftRef: string, rightRef: string, opts?: DiffOptions): AsyncIterable<DiffEntry> {
    return refs.diff(this.#rest, repository, leftRef, rightRef, opts);
  }

  /** Iterates over the branch's uncommitted changes, by path. Pages are fetched lazily. */
  diffBranch(repository: string, branch: string, opts?: DiffBranchOptions): AsyncIterable<DiffEntry> {
    return refs.diffBranch(this.#rest, repository, branch, opts);
  }

  /**
   * Merges `sourceRef` into `destinationBranch` and returns the new head commit id. On
   * conflicts throws `MergeConflictError` whose `paths` lists up to 1,000 conflicting paths
   * (found with a three-dot diff after the refusal); nothing is merged. Never sent twice.
   */
  merge(repository: string, sourceRef: string, destinationBranch: string, opts?: MergeOptions): Promise<MergeResult> {
    return mergeOps.merge(this.#rest, repository, sourceRef, destinationBranch, opts);
  }

  /** Adds a commit on `branch` that undoes commit `ref`. For a merge commit give `parentNumber` (1-based). Never sent twice. */
  revert(repository: string, branch: string, ref: string, opts?: RevertOptions): Promise<void> {
    return revertOps.revert(this.#rest, repository, branch, ref, opts);
  }

  /** Replays the changes of commit `ref` on `branch` as a new commit and returns it. Never sent twice. */
  cherryPick(repository: string, branch: string, ref: string, opts?: CherryPickOptions): Promise<CommitInfo> {
    return revertOps.cherryPick(this.#rest, repository, branch, ref, opts);
  }

  /**
   * Drops uncommitted changes on `branch`: all of them (no `path`/`prefix`), those under
   * `prefix`, or the one at `path`. Committed data is untouched.
   */
  resetBranch(repository: string, branch: string, opts?: ResetBranchOptions): Promise<void> {
    return reset.resetBranch(this.#rest, repository, branch, opts);
  }

  /** Points `branch` at `ref` (like `git reset --hard`). The branch must have no uncommitted changes. */
  hardReset(repository: string, branch: string, ref: string, opts?: HardResetOptions): Promise<void> {
    return reset.hardReset(this.#rest, repository, branch, ref, opts);
  }

  // Imports

  /**
   * Starts importing objects from the object store into `branch` without copying their data,
   * and returns the import's id; the import then runs on the server and ends in one commit.
   * Sources are checked before sending. Never sent twice (a lost answer throws `OutcomeUnknownError`).
   */
  startImport(repository: string, branch: string, input: ImportInput): Promise<string> {
    return imports.startImport(this.#rest, repository, branch, input);
  }

  /** The state of import `id` on `branch`: progress, and once done its commit or error. */
  importStatus(repository: string, branch: string, id: string, opts?: CallOptions): Promise<ImportStatusInfo> {
    return imports.importStatus(this.#rest, repository, branch, id, opts);
  }

  /**
   * Asks lakeFS to stop import `id` on `branch`. lakeFS 1.84 looks for the request about once a
   * second: an import that finishes sooner is still committed, though its status reads `Canceled`.
   */
  cancelImport(repository: string, branch: string, id: string, opts?: CallOptions): Promise<void> {
    return imports.cancelImport(this.#rest, repository, branch, id, opts);
  }

  /**
   * Polls import `id` until it completes and returns its final status (with `commit`). A failed
   * import throws `ImportFailedError` with the server's reason. Aborting stops the waiting only.
   */
  waitForImport(repository: string, branch: string, id: string, opts?: WaitForImportOptions): Promise<ImportStatusInfo> {
    return imports.waitForImport(this.#rest, repository, branch, id, opts);
  }

  /**
   * Starts an import and waits for it: {@link AdminClient.startImport} then
   * {@link AdminClient.waitForImport}. If the wait ends early (abort, an error, a throwing
   * `onProgress`), the import is cancelled on the server.
   */
  importData(repository: string, branch: string, input: ImportDataInput): Promise<ImportStatusInfo> {
    return imports.importData(this.#rest, repository, branch, input);
  }

  // Tags

  /**
   * Creates tag `id` at `ref`. Throws `ConflictError` when it exists, unless `existOk` (then the
   * existing tag is returned wherever it points), and `RefNotFoundError` when `ref` does not resolve.
   */
  createTag(repository: string, id: string, ref: string, opts?: CreateTagOptions): Promise<RefInfo> {
    return tags.createTag(this.#rest, repository, id, ref, opts);
  }

  /** Gets a tag and its commit. Throws `TagNotFoundError` when it does not exist. */
  getTag(repository: string, id: string, opts?: CallOptions): Promise<RefInfo> {
    return tags.getTag(this.#rest, repository, id, opts);
  }

  /** Lists tags by name. Pages are fetched lazily (`pageSize` per request, 1,000 by default). */
  listTags(repository: string, opts?: PrefixListOptions): AsyncIterable<RefInfo> {
    return tags.listTags(this.#rest, repository, opts);
  }

  /** Deletes a tag. */
  deleteTag(repository: string, id: string, opts?: DeleteOptions): Promise<void> {
    return tags.deleteTag(this.#rest, repository, id, opts);
  }

  // Objects

  /**
   * Gets an object's stats (size in bytes, checksum, mtime in Unix epoch seconds, content type,
   * user metadata) on `ref`. Throws `ObjectNotFoundError`, or `RefNotFoundError` when `ref`
   * itself does not resolve.
   */
  statObject(repository: string, ref: string, path: string, opts?: CallOptions): Promise<ObjectStats> {
    return objects.statObject(this.#rest, repository, ref, path, opts);
  }

  /**
   * Like {@link AdminClient.statObject}, with `physicalAddress` a presigned GET URL on the
   * object store (on servers whose storage config has `preSignSupport`). The URL carries
   * credentials: never log it.
   */
  statObjectPresigned(input: staging.StatObjectPresignedInput): Promise<ObjectStats> {
    return staging.statObjectPresigned(this.#rest, input);
  }

  /**
   * Gets a physical address on the object store to write an object's bytes to, and with
   * `presign` a presigned PUT URL for them. Nothing is visible at the path until
   * {@link AdminClient.linkPhysicalAddress}.
   */
  getPhysicalAddress(input: staging.GetPhysicalAddressInput): Promise<staging.StagingLocation> {
    return staging.getPhysicalAddress(this.#rest, input);
  }

  /**
   * Starts a multipart upload on the object store for a path on the branch, with `parts`
   * presigned part URLs (servers whose storage config has `preSignMultipartUpload`).
   */
  createPresignMultipartUpload(input: pmpu.CreatePresignMultipartUploadInput): Promise<pmpu.PresignMultipartUpload> {
    return pmpu.createPresignMultipartUpload(this.#rest, input);
  }

  /** A fresh presigned URL for one part of a presigned multipart upload (for a URL about to expire). */
  presignPartUrl(input: pmpu.PresignPartUrlInput): Promise<string> {
    return pmpu.presignPartUrl(this.#rest, input);
  }

  /** Completes a presigned multipart upload and links the object to its path. */
  completePresignMultipartUpload(input: pmpu.CompletePresignMultipartUploadInput): Promise<ObjectStats> {
    return pmpu.completePresignMultipartUpload(this.#rest, input);
  }

  /** Aborts a presigned multipart upload at the store: its parts are deleted, nothing is linked. */
  abortPresignMultipartUpload(input: pmpu.PresignMultipartUploadRef): Promise<void> {
    return pmpu.abortPresignMultipartUpload(this.#rest, input);
  }

  /** Links bytes written to a physical address to a path on the branch, with content type and user metadata. */
  linkPhysicalAddress(input: staging.LinkPhysicalAddressInput): Promise<ObjectStats> {
    return staging.linkPhysicalAddress(this.#rest, input);
  }

  // Server

  /** Resolves when the server answers its health check (`/api/v1/healthcheck`). */
  healthCheck(opts?: CallOptions): Promise<void> {
    return server.healthCheck(this.#rest, opts);
  }

  /** Gets the server's version. */
  getVersion(opts?: CallOptions): Promise<ServerVersion> {
    return server.getVersion(this.#rest, opts);
  }

  /** Gets the server's storage (blockstore) configuration; with several blockstores, the first. */
  getStorageConfig(opts?: CallOptions): Promise<StorageConfigInfo> {
    return server.getStorageConfig(this.#rest, opts);
  }

  /** Gets the user the credentials belong to. */
  getCurrentUser(opts?: CallOptions): Promise<UserInfo> {
    return server.getCurrentUser(this.#rest, opts);
  }
}
