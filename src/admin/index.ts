/**
 * The admin module: a typed client for lakeFS's REST API (`/api/v1`).
 *
 * @packageDocumentation
 */
export { AdminClient } from "./admin-client.js";
export type { Camelize, CamelCase } from "./camelize.js";
export type {
  RepositoryInfo,
  RefInfo,
  BranchInfo,
  TagInfo,
  CommitInfo,
  DiffEntry,
  DiffObjectStats,
  DiffType,
  BranchProtectionRule,
  ServerVersion,
  StorageConfigInfo,
  UserInfo,
  MergeResult,
  ImportStatusInfo,
} from "./types.js";
export type {
  CreateRepositoryInput,
  DeleteOptions,
  PrefixListOptions,
  CreateRefOptions,
  CreateTagOptions,
  CommitInput,
  LogOptions,
  DiffOptions,
  DiffBranchOptions,
  MergeOptions,
  RevertOptions,
  CherryPickOptions,
  ResetBranchOptions,
  HardResetOptions,
  ImportSource,
  ImportInput,
  WaitForImportOptions,
  ImportDataInput,
} from "./options.js";
export { MAX_CONFLICT_PATHS } from "./merge.js";
export { type ListOptions } from "./paginate.js";
export { collect } from "../http/paginate.js";
