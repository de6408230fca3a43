/**
 * `lakefs-s3/admin`: {@link AdminClient}, version control over lakeFS's REST
 * API by name: one method per lakeFS operation, each taking one named input
 * object (`{ repository, branch, … , signal }`) in the same words as the
 * handles of the main entry, and returning the same result types.
 *
 * @example
 * ```ts
 * import { LakeFS } from "lakefs-s3";
 * const admin = new LakeFS().admin;
 * await admin.createBranch({ repository: "my-repo", branch: "feature", source: "main" });
 * await admin.merge({ repository: "my-repo", source: "feature", destination: "main" });
 * ```
 *
 * @packageDocumentation
 */
export { AdminClient } from "./admin/admin-client.js";
export { MAX_CONFLICT_PATHS } from "./admin/merge.js";
export type {
  RepositoryInput,
  BranchInput,
  TagInput,
  RefInput,
  CreateRepositoryInput,
  GetRepositoryPropertiesInput,
  GetRepositoryMetadataInput,
  SetRepositoryMetadataInput,
  DeleteRepositoryInput,
  ListRepositoriesInput,
  ListBranchesInput,
  ListTagsInput,
  CreateBranchInput,
  GetBranchInput,
  DeleteBranchInput,
  GetBranchProtectionRulesInput,
  SetBranchProtectionRulesInput,
  CreateTagInput,
  GetTagInput,
  DeleteTagInput,
  CommitInput,
  GetCommitInput,
  LogInput,
  DiffInput,
  UncommittedInput,
  MergeInput,
  RevertInput,
  CherryPickInput,
  ResetChangesInput,
  HardResetInput,
  StatObjectInput,
  StartImportInput,
  ImportJobInput,
  ImportStatusInput,
  CancelImportInput,
  WaitForImportInput,
  ImportDataInput,
} from "./admin/options.js";
export type { StagingLocation, GetPhysicalAddressInput, LinkPhysicalAddressInput, StatObjectPresignedInput, PresignedObjectStat } from "./admin/staging.js";
export type {
  PresignMultipartTarget,
  PresignMultipartUpload,
  UploadedPart,
  CreatePresignMultipartUploadInput,
  PresignMultipartUploadRef,
  PresignPartUrlInput,
  CompletePresignMultipartUploadInput,
} from "./admin/presign-multipart.js";
