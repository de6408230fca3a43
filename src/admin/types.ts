import type { components } from "./generated/openapi.js";
import type { Camelize } from "./camelize.js";

type Schemas = components["schemas"];

/**
 * A repository. `creationDate` is a `Date`; `storageNamespace`
 * is the URI its data lives under (e.g. `s3://bucket/path`).
 *
 * @public
 */
export type RepositoryProperties = Camelize<Schemas["Repository"]>;

/**
 * A named ref: a branch or a tag (`id` is its name) and the commit it points at.
 *
 * @public
 */
export type RefInfo = Camelize<Schemas["Ref"]>;

/**
 * A commit. `creationDate` is a `Date`; `parents` holds commit
 * ids (two for a merge commit); `metadata` keys are the user's, as given.
 *
 * @public
 */
export type CommitInfo = Camelize<Schemas["Commit"]>;

/**
 * Stats of the right-hand side of a diff entry. `mtime` is a `Date`;
 * `metadata` keys are the user's, as given.
 *
 * @public
 */
export type DiffObjectStats = Camelize<Schemas["DiffObjectStat"]>;

/**
 * One entry of a diff. `type` is `"conflict"` in a three-dot diff for a path
 * changed differently on both sides; `sizeBytes` is the entry's size in bytes.
 *
 * @public
 */
export type DiffEntry = Omit<Camelize<Schemas["Diff"]>, "right"> & {
  /** Stats of the right side, when the server sent them. */
  right?: DiffObjectStats;
};

/**
 * A branch protection rule: branches whose name matches `pattern` (fnmatch,
 * `*` and `?` wildcards) take no direct writes or commits, only merges.
 *
 * @public
 */
export type BranchProtectionRule = Camelize<Schemas["BranchProtectionRule"]>;

/**
 * The server's version, e.g. `{ version: "1.84.0" }`.
 *
 * @public
 */
export type ServerVersion = Camelize<Schemas["VersionConfig"]>;

/**
 * The server's storage (blockstore) configuration: its type (`local`, `s3`,
 * `gs`, `azure`, …), the namespace pattern it accepts and its features.
 *
 * @public
 */
export type StorageConfigInfo = Camelize<Schemas["StorageConfig"]>;

/**
 * A lakeFS user. `creationDate` is a `Date`.
 *
 * @public
 */
export type UserInfo = Camelize<Schemas["User"]>;

/**
 * The outcome of a merge: `reference` is the commit id the destination
 * branch now points at.
 *
 * @public
 */
export type MergeResult = Camelize<Schemas["MergeResult"]>;

/**
 * The kinds of entry a diff reports.
 *
 * @public
 */
export type DiffType = Schemas["Diff"]["type"];

/**
 * The state of an import: whether it `completed`, how many objects it has
 * `ingestedObjects` so far, `updateTime` (a `Date`), and once done the
 * `commit` it made; `error` when it failed.
 *
 * @public
 */
export type ImportStatusInfo = Omit<Camelize<Schemas["ImportStatus"]>, "commit"> & {
  /** The commit the import made, once it completed. */
  commit?: CommitInfo;
};
