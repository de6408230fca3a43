export { Repository, type CreateRepositoryOptions } from "./repository.js";
export { Ref, type ListObjectsOptions } from "./ref.js";
export {
  Branch,
  type TransactOptions,
  type DeleteObjectsResult,
  type PathSource,
} from "./branch.js";
export { Tag } from "./tag.js";
export {
  ObjectHandle,
  WritableObjectHandle,
  type ObjectStat,
  type UploadOptions,
  type ReadOptions,
  type DownloadOptions,
  type PresignOptions,
} from "./object-handle.js";
export type { HandleContext } from "./context.js";
