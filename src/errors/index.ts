export { LakeFSError, type ErrorFault, type LakeFSErrorOptions } from "./lakefs-error.js";
export {
  NotFoundError,
  RepositoryNotFoundError,
  RefNotFoundError,
  BranchNotFoundError,
  TagNotFoundError,
  ObjectNotFoundError,
} from "./not-found-errors.js";
export { AuthenticationError, PermissionDeniedError, ProtectedBranchError } from "./access-errors.js";
export {
  ValidationError,
  ReadOnlyRefError,
  ConfigurationError,
  NotSupportedError,
  PreconditionFailedError,
} from "./input-errors.js";
export { ConflictError, MergeConflictError } from "./conflict-errors.js";
export { ImportFailedError } from "./import-errors.js";
export { HookFailedError } from "./hook-failed-error.js";
export {
  ServerError,
  NetworkError,
  TlsError,
  TimeoutError,
  AbortError,
  OutcomeUnknownError,
  type TlsErrorCode,
} from "./network-errors.js";
export { ProxyError, type ProxyErrorCode } from "./proxy-errors.js";
