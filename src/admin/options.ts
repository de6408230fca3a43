import type { ListOptions } from "./paginate.js";
import type { CallOptions } from "../http/call-options.js";
import type { ImportStatusInfo } from "./types.js";

/**
 * Input of {@link AdminClient.createRepository}.
 *
 * @public
 */
export interface CreateRepositoryInput extends CallOptions {
  /** Repository name: 3 to 63 characters of `a-z`, `0-9` and `-`, starting with a letter or digit. */
  readonly name: string;
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
 * Options of deletions.
 *
 * @public
 */
export interface DeleteOptions extends CallOptions {
  /** Delete even in a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Options of list calls that filter by name prefix.
 *
 * @public
 */
export interface PrefixListOptions extends ListOptions {
  /** Only items whose name starts with this. */
  readonly prefix?: string;
}

/**
 * Options of {@link AdminClient.createBranch} and {@link AdminClient.createTag}.
 *
 * @public
 */
export interface CreateRefOptions extends CallOptions {
  /** When the branch or tag already exists, return it (as it is, wherever it points) instead of throwing a `ConflictError`. Default `false`. */
  readonly existOk?: boolean;
}

/**
 * Options of {@link AdminClient.createTag}.
 *
 * @public
 */
export interface CreateTagOptions extends CreateRefOptions {
  /** Create the tag even in a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Input of {@link AdminClient.commit}.
 *
 * @public
 */
export interface CommitInput extends CallOptions {
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
 * Options of {@link AdminClient.log}.
 *
 * @public
 */
export interface LogOptions extends ListOptions {
  /** Only commits that changed one of these object paths. */
  readonly objects?: readonly string[];
  /** Only commits that changed something under one of these prefixes. */
  readonly prefixes?: readonly string[];
  /** At a merge commit, follow only the first parent. Default `false`. */
  readonly firstParent?: boolean;
  /** Stop at the first commit older than this. */
  readonly since?: Date;
  /** Stop at this ref (a commit id, branch or tag); whether it is included is the server's choice. */
  readonly stopAt?: string;
}

/**
 * Options of {@link AdminClient.diff}.
 *
 * @public
 */
export interface DiffOptions extends ListOptions {
  /** Only paths under this prefix. */
  readonly prefix?: string;
  /** Group paths by this delimiter (usually `/`) into common prefixes. */
  readonly delimiter?: string;
  /**
   * `"three_dot"` (the default on the server): what changed on the right since the merge
   * base, as a merge would see it, with `"conflict"` entries. `"two_dot"`: the plain
   * difference between the two commits.
   */
  readonly type?: "two_dot" | "three_dot";
}

/**
 * Options of {@link AdminClient.diffBranch}.
 *
 * @public
 */
export interface DiffBranchOptions extends ListOptions {
  /** Only paths under this prefix. */
  readonly prefix?: string;
  /** Group paths by this delimiter (usually `/`) into common prefixes. */
  readonly delimiter?: string;
}

/**
 * Options of {@link AdminClient.merge}.
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
 * Options of {@link AdminClient.revert}.
 *
 * @public
 */
export interface RevertOptions extends CallOptions {
  /** For a merge commit: the 1-based parent to revert relative to. Default `0` (not a merge commit). */
  readonly parentNumber?: number;
  /** Replaces the revert commit's message. */
  readonly message?: string;
  /** Replaces the revert commit's metadata. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Create the revert commit even when it changes nothing. Default `false`. */
  readonly allowEmpty?: boolean;
  /** Revert even in a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Options of {@link AdminClient.cherryPick}.
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
 * Options of {@link AdminClient.resetBranch}. Give at most one of `path` and
 * `prefix`; with neither, every uncommitted change on the branch is dropped.
 *
 * @public
 */
export interface ResetBranchOptions extends CallOptions {
  /** Drop the uncommitted change to this one object. */
  readonly path?: string;
  /** Drop the uncommitted changes under this prefix. */
  readonly prefix?: string;
  /** Reset even in a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Options of {@link AdminClient.hardReset}.
 *
 * @public
 */
export interface HardResetOptions extends CallOptions {
  /** Reset even in a read-only repository. Default `false`. */
  readonly force?: boolean;
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
 * Options of {@link AdminClient.startImport}.
 *
 * @public
 */
export interface ImportInput extends CallOptions {
  /** What to import: one or more prefixes and objects. */
  readonly sources: readonly ImportSource[];
  /** Message of the commit the import makes. Default: "Import from <first source>" (and how many more). */
  readonly message?: string;
  /** Metadata of that commit. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Import even into a read-only repository. Default `false`. */
  readonly force?: boolean;
}

/**
 * Options of {@link AdminClient.waitForImport}.
 *
 * @public
 */
export interface WaitForImportOptions extends CallOptions {
  /** Milliseconds between status requests. Default 1 000. */
  readonly pollIntervalMs?: number;
  /** Called with every status fetched while the import runs (`ingestedObjects` grows) and the import's id. */
  readonly onProgress?: (status: ImportStatusInfo, importId: string) => void;
}

/**
 * Options of {@link AdminClient.importData}: those of the start and of the wait.
 *
 * @public
 */
export interface ImportDataInput extends ImportInput, WaitForImportOptions {}
