export { Repository } from "./repository.js";
export { Ref } from "./ref.js";
export {
  Branch,
  type TransactOptions,
  type PathSource,
} from "./branch.js";
export { ImportJob } from "./import-job.js";
export { Tag } from "./tag.js";
export { ObjectHandle, WritableObjectHandle } from "./object-handle.js";
export type { HandleContext } from "./context.js";
