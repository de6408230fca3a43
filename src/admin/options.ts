import type { ListOptions } from "./paginate.js";
import type { CallOptions } from "../http/call-options.js";
import type { BranchProtectionRule, ImportStatusInfo } from "./types.js";

/**
 * The repository a call acts on.
 *
 * @public
 */
export interface RepositoryInput extends CallOptions {
  /** Repository name: 3 to 63 characters of `a-z`, `0-9` and `-`, starting with a letter or digit. */
  readonly repository: string;
}

/**
 * The branch a call acts on.
 *
 * @public
 */
export interface BranchInput extends RepositoryInput {
  /** Branch name (not a tag, commit id or expression). */
  readonly branch: string;
}

/**
 * The tag a call acts on.
 *
 * @public
 */
export interface TagInput extends RepositoryInput {
  /** Tag name. */
  readonly tag: string;
}

/**
 * The ref a call reads.
 *
 * @public
 */
export interface RefInput extends RepositoryInput {
  /** A branch, tag, commit id or expression such as `main~1`. */
  readonly ref: string;
}

/**
 * Options of {@link admin!AdminClient.createRepository} besides the name (also those of `Repository.create`).
 *
 * @public
 */
export interface CreateRepositoryOptions extends CallOptions {
  /** Where the data lives, e.g. `s3://bucket/path` or `local://name`. A namespace can serve one repository only. */
  readonly storageNamespace: string;
  /** Name of the first branch. Default `"main"` (the server's default). */
  readonly defaultBranch?: string;
  /** Add lakeFS's sample data. Default `false`. */
  readonly includeSamples?: boolean;
  /** Create the repository read-only. Default `false`. */
  readonly readOnly?: boolean;
  /** When the repository already exists, return it instead of throwing a `ConflictError`. Default `false`. */
  readonly existOk?: boolean;
}

/**
 * Input of {@link admin!AdminClient.createRepository}.
 *
 * @public
 */
export interface CreateRepositoryInput extends RepositoryInput, CreateRepositoryOptions {}

/**
 * Input of {@link admin!AdminClient.getRepositoryProperties}.
 *
 * @public
 */
export type GetRepositoryPropertiesInput = RepositoryInput;

/**
 * Input of {@link admin!AdminClient.getRepositoryMetadata}.
 *
 * @public
 */
export type GetRepositoryMetadataInput = RepositoryInput;

/**
 * Input of {@link admin!AdminClient.setRepositoryMetadata}.
 *
 * @public
 */
export interface SetRepositoryMetadataInput extends RepositoryInput {
  /** Keys to add or update (string keys and values, stored as given); keys not given are kept. */
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * Options of deletions.
 *
 * @public
 */
export interface DeleteOptions extends CallOptions {
  /** Delete even in a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Input of {@link admin!AdminClient.deleteRepository}.
 *
 * @public
 */
export interface DeleteRepositoryInput extends RepositoryInput, DeleteOptions {}

/**
 * Options of list calls that filter by name prefix.
 *
 * @public
 */
export interface PrefixListOptions extends ListOptions {
  /** Only items whose name starts with this. Default: every item. */
  readonly prefix?: string;
}

/**
 * Input of {@link admin!AdminClient.listRepositories}.
 *
 * @public
 */
export type ListRepositoriesInput = PrefixListOptions;

/**
 * Input of {@link admin!AdminClient.listBranches}.
 *
 * @public
 */
export interface ListBranchesInput extends RepositoryInput, PrefixListOptions {}

/**
 * Input of {@link admin!AdminClient.listTags}.
 *
 * @public
 */
export interface ListTagsInput extends RepositoryInput, PrefixListOptions {}

/**
 * Options of {@link admin!AdminClient.createBranch} besides the names (also those of `Branch.create`).
 *
 * @public
 */
export interface CreateRefOptions extends CallOptions {
  /** When the branch or tag already exists, return it (as it is, wherever it points) instead of throwing a `ConflictError`. Default `false`. */
  readonly existOk?: boolean;
}

/**
 * Input of {@link admin!AdminClient.createBranch}.
 *
 * @public
 */
export interface CreateBranchInput extends BranchInput, CreateRefOptions {
  /** What the new branch starts from: a branch, tag, commit id or expression. */
  readonly source: string;
}

/**
 * Input of {@link admin!AdminClient.getBranch}.
 *
 * @public
 */
export type GetBranchInput = BranchInput;

/**
 * Input of {@link admin!AdminClient.deleteBranch}.
 *
 * @public
 */
export interface DeleteBranchInput extends BranchInput, DeleteOptions {}

/**
 * Input of {@link admin!AdminClient.getBranchProtectionRules}.
 *
 * @public
 */
export type GetBranchProtectionRulesInput = RepositoryInput;

/**
 * Input of {@link admin!AdminClient.setBranchProtectionRules}.
 *
 * @public
 */
export interface SetBranchProtectionRulesInput extends RepositoryInput {
  /** The complete new list of rules; rules not in it are removed. */
  readonly rules: readonly BranchProtectionRule[];
}

/**
 * Options of {@link admin!AdminClient.createTag} besides the names (also those of `Tag.create`).
 *
 * @public
 */
export interface CreateTagOptions extends CreateRefOptions {
  /** Create the tag even in a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Input of {@link admin!AdminClient.createTag}.
 *
 * @public
 */
export interface CreateTagInput extends TagInput, CreateTagOptions {
  /**
   * What the tag names: a branch, tag, commit id or expression, resolved once, when the tag is
   * made. The same word as {@link CreateBranchInput.source}: the ref a new branch or tag is made from.
   */
  readonly source: string;
}

/**
 * Input of {@link admin!AdminClient.getTag}.
 *
 * @public
 */
export type GetTagInput = TagInput;

/**
 * Input of {@link admin!AdminClient.deleteTag}.
 *
 * @public
 */
export interface DeleteTagInput extends TagInput, DeleteOptions {}

/**
 * Options of {@link admin!AdminClient.commit} besides the names (also those of `Branch.commit`).
 *
 * @public
 */
export interface CommitOptions extends CallOptions {
  /** The commit message; must not be empty or only whitespace. */
  readonly message: string;
  /** Commit metadata: string keys and values, stored as given. Default none. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Commit even when nothing changed. Default `false` (the server answers "no changes"). */
  readonly allowEmpty?: boolean;
  /** Overrides the commit date: a `Date`, or a number of Unix epoch seconds. Default: now, on the server. */
  readonly date?: Date | number;
  /** Commit even in a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Input of {@link admin!AdminClient.commit}.
 *
 * @public
 */
export interface CommitInput extends BranchInput, CommitOptions {}

/**
 * Input of {@link admin!AdminClient.getCommit}.
 *
 * @public
 */
export type GetCommitInput = RefInput;

/**
 * Options of {@link admin!AdminClient.log} besides the names (also those of `Ref.log`).
 *
 * @public
 */
export interface LogOptions extends ListOptions {
  /** Only commits that changed one of these object paths. Default: every commit. */
  readonly objects?: readonly string[];
  /** Only commits that changed something under one of these prefixes. Default: every commit. */
  readonly prefixes?: readonly string[];
  /** At a merge commit, follow only the first parent. Default `false`. */
  readonly firstParent?: boolean;
  /** Stop at the first commit older than this. Default: no date limit. */
  readonly since?: Date;
  /** Stop at this ref (a commit id, branch or tag); whether it is included is the server's choice. Default: the first commit. */
  readonly stopAt?: string;
}

/**
 * Input of {@link admin!AdminClient.log}.
 *
 * @public
 */
export interface LogInput extends RefInput, LogOptions {}

/**
 * Options of {@link admin!AdminClient.diff} besides the refs (also those of `Ref.diff`).
 *
 * @public
 */
export interface DiffOptions extends ListOptions {
  /** Only paths under this prefix. Default: every path. */
  readonly prefix?: string;
  /** Group paths by this delimiter (usually `/`) into common prefixes. Default: no grouping. */
  readonly delimiter?: string;
  /**
   * `"three_dot"` (the default on the server): what changed on the right since the merge
   * base, as a merge would see it, with `"conflict"` entries. `"two_dot"`: the plain
   * difference between the two commits.
   */
  readonly type?: "two_dot" | "three_dot";
}

/**
 * Input of {@link admin!AdminClient.diff}.
 *
 * @public
 */
export interface DiffInput extends RepositoryInput, DiffOptions {
  /** The left (base) side: a branch, tag, commit id or expression. */
  readonly leftRef: string;
  /** The right side: a branch, tag, commit id or expression. */
  readonly rightRef: string;
}

/**
 * Options of {@link admin!AdminClient.uncommitted} besides the names (also those of `Branch.uncommitted`).
 *
 * @public
 */
export interface UncommittedOptions extends ListOptions {
  /** Only paths under this prefix. Default: every path. */
  readonly prefix?: string;
  /** Group paths by this delimiter (usually `/`) into common prefixes. Default: no grouping. */
  readonly delimiter?: string;
}

/**
 * Input of {@link admin!AdminClient.uncommitted}.
 *
 * @public
 */
export interface UncommittedInput extends BranchInput, UncommittedOptions {}

/**
 * Options of {@link admin!AdminClient.merge} besides the refs (also those of `Branch.mergeInto`).
 *
 * @public
 */
export interface MergeOptions extends CallOptions {
  /** The merge commit's message. Default: the server's ("Merge 'src' into 'dest'"). */
  readonly message?: string;
  /** The merge commit's metadata. Default none. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** On conflicts, keep the destination's (`"dest-wins"`) or the source's (`"source-wins"`) version. Default: fail with `MergeConflictError`. */
  readonly strategy?: "dest-wins" | "source-wins";
  /** Make the merge commit's only parent the destination's head ("squash merge"). Default `false`. */
  readonly squash?: boolean;
  /** Merge even into a read-only repository. Default `false`. */
  readonly force?: boolean;
  /** Merge even when nothing would change. Default `false`. */
  readonly allowEmpty?: boolean;
}

/**
 * Input of {@link admin!AdminClient.merge}.
 *
 * @public
 */
export interface MergeInput extends RepositoryInput, MergeOptions {
  /** What to merge: a branch, tag, commit id or expression. */
  readonly source: string;
  /** The branch to merge into. */
  readonly destination: string;
}

/**
 * Options of {@link admin!AdminClient.revert} besides the names (also those of `Branch.revert`).
 *
 * @public
 */
export interface RevertOptions extends CallOptions {
  /** For a merge commit: the 1-based parent to revert relative to. Default `0` (not a merge commit). */
  readonly parentNumber?: number;
  /** Replaces the revert commit's message. Default: the server's ("Revert <commit>"). */
  readonly message?: string;
  /** Replaces the revert commit's metadata. Default: the server's. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Create the revert commit even when it changes nothing. Default `false`. */
  readonly allowEmpty?: boolean;
  /** Revert even in a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Input of {@link admin!AdminClient.revert}.
 *
 * @public
 */
export interface RevertInput extends BranchInput, RevertOptions {
  /** The commit to undo: a commit id, branch, tag or expression. */
  readonly ref: string;
}

/**
 * Options of {@link admin!AdminClient.cherryPick} besides the names (also those of `Branch.cherryPick`).
 *
 * @public
 */
export interface CherryPickOptions extends CallOptions {
  /** For a merge commit: the 1-based parent to diff against. Default: the server's (parent 1). */
  readonly parentNumber?: number;
  /** Cherry-pick even in a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Input of {@link admin!AdminClient.cherryPick}.
 *
 * @public
 */
export interface CherryPickInput extends BranchInput, CherryPickOptions {
  /** The commit to replay: a commit id, branch, tag or expression. */
  readonly ref: string;
}

/**
 * Options of {@link admin!AdminClient.resetChanges} besides the names (also those of
 * `Branch.resetChanges`). Give at most one of `path` and `prefix`; with
 * neither, every uncommitted change on the branch is dropped.
 *
 * @public
 */
export interface ResetChangesOptions extends CallOptions {
  /** Drop the uncommitted change to this one object. Default: not limited to one object. */
  readonly path?: string;
  /** Drop the uncommitted changes under this prefix. Default: not limited to a prefix. */
  readonly prefix?: string;
  /** Reset even in a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Input of {@link admin!AdminClient.resetChanges}.
 *
 * @public
 */
export interface ResetChangesInput extends BranchInput, ResetChangesOptions {}

/**
 * Options of {@link admin!AdminClient.hardReset} besides the names (also those of `Branch.hardReset`).
 *
 * @public
 */
export interface HardResetOptions extends CallOptions {
  /** Reset even in a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Input of {@link admin!AdminClient.hardReset}.
 *
 * @public
 */
export interface HardResetInput extends BranchInput, HardResetOptions {
  /** Where the branch is to point: a commit id, branch, tag or expression. */
  readonly ref: string;
}

/**
 * Input of {@link admin!AdminClient.statObject}.
 *
 * @public
 */
export interface StatObjectInput extends RefInput {
  /** The object's path on the ref. */
  readonly path: string;
}

/**
 * One location to import from an object store, without copying its data:
 * every object under a `prefix` (placed under `destination`, a path prefix on
 * the branch, `""` for its root), or one `object` (placed at `destination`,
 * its path on the branch). Sources are URIs on the repository's kind of
 * object store: `s3://bucket/path/`, `gs://…`, `https://account.blob.core.windows.net/…`,
 * or `local:///absolute/path/` on a local blockstore.
 *
 * @public
 */
export type ImportSource =
  | {
      /** Every object under this URI (usually ending in `/`). */
      readonly prefix: string;
      /** The path prefix on the branch: ends in `/`, or `""` for the branch root. */
      readonly destination: string;
    }
  | {
      /** The URI of one object. */
      readonly object: string;
      /** Its path on the branch. */
      readonly destination: string;
    };

/**
 * Options of {@link admin!AdminClient.startImport} besides the names and sources (also those of `Branch.startImport`).
 *
 * @public
 */
export interface ImportOptions extends CallOptions {
  /** Message of the commit the import makes. Default: "Import from <first source>" (and how many more). */
  readonly message?: string;
  /** Metadata of that commit. Default none. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Import even into a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Input of {@link admin!AdminClient.startImport}.
 *
 * @public
 */
export interface StartImportInput extends BranchInput, ImportOptions {
  /** What to import: one or more prefixes and objects. */
  readonly sources: readonly ImportSource[];
}

/**
 * The import a call acts on.
 *
 * @public
 */
export interface ImportJobInput extends BranchInput {
  /** The import's id, as {@link admin!AdminClient.startImport} returned it. */
  readonly importId: string;
}

/**
 * Input of {@link admin!AdminClient.importStatus}.
 *
 * @public
 */
export type ImportStatusInput = ImportJobInput;

/**
 * Input of {@link admin!AdminClient.cancelImport}.
 *
 * @public
 */
export type CancelImportInput = ImportJobInput;

/**
 * Options of {@link admin!AdminClient.waitForImport} besides the import (also those of `ImportJob.wait`).
 *
 * @public
 */
export interface WaitForImportOptions extends CallOptions {
  /** Milliseconds between status requests. Default 1 000. */
  readonly pollIntervalMs?: number;
  /** Called with every status fetched while the import runs (`ingestedObjects` grows) and the import's id. Default none. */
  readonly onProgress?: (status: ImportStatusInfo, importId: string) => void;
}

/**
 * Input of {@link admin!AdminClient.waitForImport}.
 *
 * @public
 */
export interface WaitForImportInput extends ImportJobInput, WaitForImportOptions {}

/**
 * Input of {@link admin!AdminClient.importData}: that of the start and the options of the wait.
 *
 * @public
 */
export interface ImportDataInput extends StartImportInput, WaitForImportOptions {}
