import * as branchProtection from "./branch-protection.js";
import * as branches from "./branches.js";
import * as commits from "./commits.js";
import * as imports from "./imports.js";
import * as mergeOps from "./merge.js";
import * as objects from "./objects.js";
import type {
  CherryPickInput,
  CommitInput,
  CreateBranchInput,
  CreateRepositoryInput,
  CreateTagInput,
  DeleteBranchInput,
  DeleteRepositoryInput,
  DeleteTagInput,
  DiffInput,
  GetBranchInput,
  GetCommitInput,
  GetRepositoryMetadataInput,
  GetRepositoryPropertiesInput,
  GetBranchProtectionRulesInput,
  GetTagInput,
  HardResetInput,
  ImportDataInput,
  ImportStatusInput,
  ListBranchesInput,
  ListTagsInput,
  CancelImportInput,
  ListRepositoriesInput,
  LogInput,
  MergeInput,
  ResetChangesInput,
  RevertInput,
  SetBranchProtectionRulesInput,
  SetRepositoryMetadataInput,
  StartImportInput,
  StatObjectInput,
  UncommittedInput,
  WaitForImportInput,
} from "./options.js";
import * as refs from "./refs.js";
import * as repositories from "./repositories.js";
import * as reset from "./reset.js";
import type { RestClient } from "./rest-client.js";
import type { CallOptions } from "../http/call-options.js";
import type { ObjectStat } from "../model/object-stat.js";
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
  RefInfo,
  RepositoryProperties,
  ServerVersion,
  StorageConfigInfo,
  UserInfo,
} from "./types.js";

/**
 * Typed access to lakeFS's REST API (`/api/v1`): repositories, branches,
 * commits, diffs, merges, tags and server information.
 *
 * Every method takes one named input object: the names it acts on
 * (`repository`, `branch`, `tag`, `ref`, `path`, `source`, `destination`),
 * its options, and an optional `signal`. The method names are the handles'
 * words (`getRepositoryProperties` for `repo.properties()`, `uncommitted` for
 * `branch.uncommitted()`, `resetChanges` for `branch.resetChanges()`); the
 * guide's chapter 4 has the table.
 *
 * Every method checks its names (repository, branch, tag, ref, object path,
 * commit message) before sending anything and throws a `ValidationError`
 * stating the rule. Failures are {@link index!LakeFSError} subclasses: a missing
 * repository, branch, tag, ref or object each has its own `…NotFoundError`;
 * writes to a protected branch throw `ProtectedBranchError`; merge conflicts
 * throw `MergeConflictError` with the conflicting paths. Commit, merge, revert
 * and cherry-pick are never sent twice: a connection lost after sending throws
 * `OutcomeUnknownError`. Lists are async iterables that fetch pages lazily,
 * one request per page, their paging options in the same input object.
 *
 * @example
 * ```ts
 * const admin = new AdminClient(new LakeFS().rest);
 * await admin.createBranch({ repository: "my-repo", branch: "feature", source: "main", existOk: true });
 * for await (const change of admin.uncommitted({ repository: "my-repo", branch: "feature" })) console.log(change.type, change.path);
 * await admin.commit({ repository: "my-repo", branch: "feature", message: "Add data" });
 * await admin.merge({ repository: "my-repo", source: "feature", destination: "main" });
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
  createRepository(input: CreateRepositoryInput): Promise<RepositoryProperties> {
    return repositories.createRepository(this.#rest, input);
  }

  /** Gets a repository's properties. Throws `RepositoryNotFoundError` when it does not exist. */
  getRepositoryProperties(input: GetRepositoryPropertiesInput): Promise<RepositoryProperties> {
    return repositories.getRepositoryProperties(this.#rest, input);
  }

  /** Lists the repositories the credentials can see, by name. Pages are fetched lazily (`pageSize` per request, 1,000 by default). */
  listRepositories(input: ListRepositoriesInput = {}): AsyncIterable<RepositoryProperties> {
    return repositories.listRepositories(this.#rest, input);
  }

  /** Deletes a repository (its metadata; the data under its storage namespace stays). `force` deletes a read-only one. */
  deleteRepository(input: DeleteRepositoryInput): Promise<void> {
    return repositories.deleteRepository(this.#rest, input);
  }

  /** Gets the repository's metadata map (keys as stored). */
  getRepositoryMetadata(input: GetRepositoryMetadataInput): Promise<Record<string, string>> {
    return repositories.getRepositoryMetadata(this.#rest, input);
  }

  /** Adds or updates these metadata keys; keys not given are kept. */
  setRepositoryMetadata(input: SetRepositoryMetadataInput): Promise<void> {
    return repositories.setRepositoryMetadata(this.#rest, input);
  }

  // Branches

  /**
   * Creates `branch` from `source` (a branch, tag, commit id or expression).
   * Throws `ConflictError` when it exists, unless `existOk` (then the existing branch is
   * returned wherever it points), and `RefNotFoundError` when `source` does not resolve.
   */
  createBranch(input: CreateBranchInput): Promise<RefInfo> {
    return branches.createBranch(this.#rest, input);
  }

  /** Gets a branch and its head commit id. Throws `BranchNotFoundError` when it does not exist. */
  getBranch(input: GetBranchInput): Promise<RefInfo> {
    return branches.getBranch(this.#rest, input);
  }

  /** Lists branches by name, with their head commit ids. Pages are fetched lazily (`pageSize` per request, 1,000 by default). */
  listBranches(input: ListBranchesInput): AsyncIterable<RefInfo> {
    return branches.listBranches(this.#rest, input);
  }

  /** Deletes a branch. The default branch cannot be deleted (`PermissionDeniedError`). */
  deleteBranch(input: DeleteBranchInput): Promise<void> {
    return branches.deleteBranch(this.#rest, input);
  }

  /** Gets the repository's branch protection rules. */
  getBranchProtectionRules(input: GetBranchProtectionRulesInput): Promise<BranchProtectionRule[]> {
    return branchProtection.getBranchProtectionRules(this.#rest, input);
  }

  /**
   * Replaces the repository's branch protection rules. Matching branches then refuse direct
   * writes and commits (`ProtectedBranchError`) but take merges. The server caches rules for
   * a few seconds (3 s plus up to 3 s of jitter in lakeFS 1.84), so a change can take that long
   * to apply to a repository whose rules were read recently.
   */
  setBranchProtectionRules(input: SetBranchProtectionRulesInput): Promise<void> {
    return branchProtection.setBranchProtectionRules(this.#rest, input);
  }

  // Commits and history

  /**
   * Commits the branch's uncommitted changes. Throws `ValidationError` when there are none
   * (unless `allowEmpty`), and `OutcomeUnknownError`, never a second commit, when the
   * connection drops after sending.
   */
  commit(input: CommitInput): Promise<CommitInfo> {
    return commits.commit(this.#rest, input);
  }

  /**
   * Gets the commit `ref` points at: a commit id, or a branch, tag or expression, which lakeFS
   * resolves. One request. Throws `RefNotFoundError` when it does not resolve.
   */
  getCommit(input: GetCommitInput): Promise<CommitInfo> {
    return commits.getCommit(this.#rest, input);
  }

  /** Iterates over the commit log of `ref`, newest first. Pages are fetched lazily. */
  log(input: LogInput): AsyncIterable<CommitInfo> {
    return refs.log(this.#rest, input);
  }

  /**
   * Iterates over the differences between two refs, by path. Pages are fetched lazily.
   * The server's default is a three-dot diff (changes on `rightRef` since the merge base).
   */
  diff(input: DiffInput): AsyncIterable<DiffEntry> {
    return refs.diff(this.#rest, input);
  }

  /** Iterates over the branch's uncommitted changes, by path. Pages are fetched lazily. */
  uncommitted(input: UncommittedInput): AsyncIterable<DiffEntry> {
    return refs.uncommitted(this.#rest, input);
  }

  /**
   * Merges `source` (a branch, tag, commit id or expression) into branch `destination`; the
   * result's `reference` is the destination's new head commit id. On conflicts throws
   * `MergeConflictError` whose `paths` lists up to 1,000 conflicting paths (found with a
   * three-dot diff after the refusal); nothing is merged. Never sent twice.
   */
  merge(input: MergeInput): Promise<MergeResult> {
    return mergeOps.merge(this.#rest, input);
  }

  /** Adds a commit on `branch` that undoes commit `ref`. For a merge commit give `parentNumber` (1-based). Never sent twice. */
  revert(input: RevertInput): Promise<void> {
    return revertOps.revert(this.#rest, input);
  }

  /** Replays the changes of commit `ref` on `branch` as a new commit and returns it. Never sent twice. */
  cherryPick(input: CherryPickInput): Promise<CommitInfo> {
    return revertOps.cherryPick(this.#rest, input);
  }

  /**
   * Drops uncommitted changes on `branch`: all of them (no `path`/`prefix`), those under
   * `prefix`, or the one at `path`. Committed data is untouched.
   */
  resetChanges(input: ResetChangesInput): Promise<void> {
    return reset.resetChanges(this.#rest, input);
  }

  /** Points `branch` at `ref` (like `git reset --hard`). The branch must have no uncommitted changes. */
  hardReset(input: HardResetInput): Promise<void> {
    return reset.hardReset(this.#rest, input);
  }

  // Imports

  /**
   * Starts importing objects from the object store into `branch` without copying their data,
   * and returns the import's id; the import then runs on the server and ends in one commit.
   * Sources are checked before sending. Never sent twice (a lost answer throws `OutcomeUnknownError`).
   */
  startImport(input: StartImportInput): Promise<string> {
    return imports.startImport(this.#rest, input);
  }

  /** The state of import `importId` on `branch`: progress, and once done its commit or error. */
  importStatus(input: ImportStatusInput): Promise<ImportStatusInfo> {
    return imports.importStatus(this.#rest, input);
  }

  /**
   * Asks lakeFS to stop import `importId` on `branch`. lakeFS 1.84 looks for the request about once a
   * second: an import that finishes sooner is still committed, though its status reads `Canceled`.
   */
  cancelImport(input: CancelImportInput): Promise<void> {
    return imports.cancelImport(this.#rest, input);
  }

  /**
   * Polls import `importId` until it completes and returns its final status (with `commit`). A failed
   * import throws `ImportFailedError` with the server's reason. Aborting stops the waiting only.
   */
  waitForImport(input: WaitForImportInput): Promise<ImportStatusInfo> {
    return imports.waitForImport(this.#rest, input);
  }

  /**
   * Starts an import and waits for it: {@link AdminClient.startImport} then
   * {@link AdminClient.waitForImport}. If the wait ends early (abort, an error, a throwing
   * `onProgress`), the import is cancelled on the server.
   */
  importData(input: ImportDataInput): Promise<ImportStatusInfo> {
    return imports.importData(this.#rest, input);
  }

  // Tags

  /**
   * Creates `tag` at `source`, as {@link AdminClient.createBranch} creates a branch from
   * `source`. Throws `ConflictError` when it exists, unless `existOk` (then the existing tag is
   * returned wherever it points), and `RefNotFoundError` when `source` does not resolve.
   */
  createTag(input: CreateTagInput): Promise<RefInfo>;
  /**
   * Creates `tag` at `ref`.
   *
   * @deprecated `ref` is now `source`, the word {@link AdminClient.createBranch} uses for the
   * ref a new branch or tag is made from: `createTag({ repository, tag, source })`.
   */
  createTag(input: Omit<CreateTagInput, "source"> & { readonly ref: string }): Promise<RefInfo>;
  createTag(input: CreateTagInput | (Omit<CreateTagInput, "source"> & { readonly ref: string })): Promise<RefInfo> {
    if ("source" in input) return tags.createTag(this.#rest, input);
    const { ref, ...rest } = input;
    return tags.createTag(this.#rest, { ...rest, source: ref });
  }

  /** Gets a tag and its commit id. Throws `TagNotFoundError` when it does not exist. */
  getTag(input: GetTagInput): Promise<RefInfo> {
    return tags.getTag(this.#rest, input);
  }

  /** Lists tags by name, with their commit ids. Pages are fetched lazily (`pageSize` per request, 1,000 by default). */
  listTags(input: ListTagsInput): AsyncIterable<RefInfo> {
    return tags.listTags(this.#rest, input);
  }

  /** Deletes a tag. */
  deleteTag(input: DeleteTagInput): Promise<void> {
    return tags.deleteTag(this.#rest, input);
  }

  // Objects

  /**
   * Gets an object's stats on `ref`: the same {@link ObjectStat} as the S3 path's `statObject`
   * (size in bytes, ETag, `lastModified` as a `Date`, content type, user metadata), plus the
   * physical address. Throws `ObjectNotFoundError`, or `RefNotFoundError` when `ref`
   * itself does not resolve.
   */
  statObject(input: StatObjectInput): Promise<ObjectStat> {
    return objects.statObject(this.#rest, input);
  }

  /**
   * Like {@link AdminClient.statObject}, with `physicalAddress` a presigned GET URL on the
   * object store (on servers whose storage config has `preSignSupport`). The URL carries
   * credentials: never log it.
   */
  statObjectPresigned(input: staging.StatObjectPresignedInput): Promise<staging.PresignedObjectStat> {
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
  completePresignMultipartUpload(input: pmpu.CompletePresignMultipartUploadInput): Promise<ObjectStat> {
    return pmpu.completePresignMultipartUpload(this.#rest, input);
  }

  /** Aborts a presigned multipart upload at the store: its parts are deleted, nothing is linked. */
  abortPresignMultipartUpload(input: pmpu.PresignMultipartUploadRef): Promise<void> {
    return pmpu.abortPresignMultipartUpload(this.#rest, input);
  }

  /** Links bytes written to a physical address to a path on the branch, with content type and user metadata. */
  linkPhysicalAddress(input: staging.LinkPhysicalAddressInput): Promise<ObjectStat> {
    return staging.linkPhysicalAddress(this.#rest, input);
  }

  // Server

  /** Resolves when the server answers its health check (`/api/v1/healthcheck`). */
  healthCheck(input: CallOptions = {}): Promise<void> {
    return server.healthCheck(this.#rest, input);
  }

  /** Gets the server's version. */
  getVersion(input: CallOptions = {}): Promise<ServerVersion> {
    return server.getVersion(this.#rest, input);
  }

  /** Gets the server's storage (blockstore) configuration; with several blockstores, the first. */
  getStorageConfig(input: CallOptions = {}): Promise<StorageConfigInfo> {
    return server.getStorageConfig(this.#rest, input);
  }

  /** Gets the user the credentials belong to. */
  getCurrentUser(input: CallOptions = {}): Promise<UserInfo> {
    return server.getCurrentUser(this.#rest, input);
  }
}
