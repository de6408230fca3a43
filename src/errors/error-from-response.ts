import { AuthenticationError, PermissionDeniedError, ProtectedBranchError } from "./access-errors.js";
import { ConflictError, MergeConflictError } from "./conflict-errors.js";
import { hookFailedError } from "./hook-failed-error.js";
import { NotSupportedError, PreconditionFailedError, ValidationError } from "./input-errors.js";
import { LakeFSError, type LakeFSErrorOptions } from "./lakefs-error.js";
import { ServerError } from "./network-errors.js";
import {
  BranchNotFoundError,
  NotFoundError,
  ObjectNotFoundError,
  RefNotFoundError,
  RepositoryNotFoundError,
  TagNotFoundError,
} from "./not-found-errors.js";
import { redact } from "./redact.js";

/**
 * What a request was about, so that a 404 or 403 can name the missing or
 * protected thing.
 *
 * @internal
 */
export interface ErrorTarget {
  readonly repository?: string;
  readonly ref?: string;
  /** What the ref is known to be, when the caller knows. */
  readonly refKind?: "branch" | "tag" | "ref";
  readonly path?: string;
}

/**
 * An HTTP error response, from the REST API or the S3 gateway.
 *
 * @internal
 */
export interface ErrorResponse {
  readonly status: number;
  /** S3 error code (`NoSuchKey`) or none for REST. */
  readonly code?: string;
  /** The server's message. */
  readonly message?: string;
  readonly requestId?: string;
  readonly operation?: string;
  readonly target?: ErrorTarget;
  readonly secrets?: readonly (string | undefined)[];
  readonly cause?: unknown;
  /** The wait a 429 or 503 asked for with `Retry-After`, in milliseconds. */
  readonly retryAfterMs?: number | undefined;
}

const AUTH_CODES = new Set(["InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied401", "ExpiredToken", "InvalidToken", "RequestTimeTooSkewed"]);

// The S3 gateway's 400 when no signature format it knows matches the Authorization header
// (lakeFS 1.86 reads a SigV4 access key id of 3 to 20 characters only, so a key id with a space
// added, or the secret pasted in its place, no longer parses). REST answers the same key 401.
const UNREADABLE_CREDENTIALS = "MissingFields";
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

// What lakeFS 1.84 answers when a ref cannot be resolved: "commit not found"
// (getCommit), "ref: not found" (log), "get commit by ref X: not found" (diff,
// merge source), "get commit from ref X: not found" (revert, cherry-pick),
// "source reference 'X': not found" (createBranch).
const REF_NOT_FOUND =
  /commit not found|ref(erence)? not found|ref: not found|could not resolve|get commit (by|from) (ref|branch)|source reference/;

// lakeFS answers 500 "predicate failed" when a concurrent update of the same
// branch (another commit, a merge, a reset) won the race: a conflict, not a fault.
const CONCURRENT_UPDATE = /predicate failed/i;

function concurrentUpdate(res: ErrorResponse, options: LakeFSErrorOptions, described: string): ConflictError {
  const what = res.operation === "commit" ? "the commit" : "the request";
  return new ConflictError(`${described} (a concurrent change to the branch won; ${what} was not applied)`, {
    ...options,
    code: "ConcurrentUpdate",
    // A lost race, not a broken server: like any conflict, the caller decides what to do.
    fault: "client",
    hint:
      res.operation === "commit"
        ? "Retry the commit: nothing was lost, the uncommitted changes are still on the branch (or in the commit that won)"
        : "Read the branch's current state, then retry",
  });
}

function refNotFound(repository: string, ref: string, refKind: ErrorTarget["refKind"], options: LakeFSErrorOptions): LakeFSError {
  if (refKind === "branch") return new BranchNotFoundError(repository, ref, options);
  if (refKind === "tag") return new TagNotFoundError(repository, ref, options);
  return new RefNotFoundError(repository, ref, options);
}

function notFound(res: ErrorResponse, options: LakeFSErrorOptions, serverMessage: string): LakeFSError {
  const { repository, ref, refKind, path } = res.target ?? {};
  const msg = serverMessage.toLowerCase();
  if (repository && (res.code === "NoSuchBucket" || /repository not found|no such repository/.test(msg))) {
    return new RepositoryNotFoundError(repository, options);
  }
  if (repository && ref) {
    if (/branch not found/.test(msg)) return new BranchNotFoundError(repository, ref, options);
    if (/tag not found/.test(msg)) return new TagNotFoundError(repository, ref, options);
    if (REF_NOT_FOUND.test(msg)) return refNotFound(repository, ref, refKind, options);
    // REST stat answers a bare "not found" for a missing object and for a missing ref alike.
    if (path !== undefined) return new ObjectNotFoundError(repository, ref, path, options);
    // Anything else about a ref-only request (commit to a missing branch answers
    // "prepare-commit hook aborted …: not found") is the ref.
    if (/not found/.test(msg)) return refNotFound(repository, ref, refKind, options);
  }
  return new NotFoundError(`Not found: ${serverMessage || "the server answered 404"}`, options);
}

/**
 * Turns an HTTP error response into the matching {@link LakeFSError} subclass.
 * Used by both the REST client and the S3 gateway error mapping.
 *
 * @internal
 */
export function errorFromResponse(res: ErrorResponse): LakeFSError {
  const serverMessage = redact((res.message ?? "").trim(), res.secrets);
  const op = res.operation ? `${res.operation}: ` : "";
  const options: LakeFSErrorOptions = {
    status: res.status,
    ...(res.code ? { code: res.code } : {}),
    requestId: res.requestId,
    operation: res.operation,
    cause: res.cause,
  };
  const described = `${op}${serverMessage || `lakeFS answered HTTP ${res.status}`}`;
  const { repository, ref } = res.target ?? {};

  if (res.status === 401 || (res.code && AUTH_CODES.has(res.code))) {
    return new AuthenticationError(`${op}lakeFS rejected the credentials (${res.code ?? res.status}${serverMessage ? `: ${serverMessage}` : ""})`, {
      ...options,
      code: res.code ?? "Unauthorized",
    });
  }
  if (res.status === 400 && res.code === UNREADABLE_CREDENTIALS) {
    return new AuthenticationError(`${op}lakeFS could not read the credentials in the request (400 ${res.code}${serverMessage ? `: ${serverMessage}` : ""})`, {
      ...options,
      hint: "Check the access key id for spaces or other stray characters (lakeFS reads SigV4 key ids of 3 to 20 characters), and the secret (option, LAKECTL_CREDENTIALS_* or ~/.lakectl.yaml)",
    });
  }
  if (res.status === 403) {
    if (res.code === "ErrWriteToProtectedBranch" || /protected branch/i.test(serverMessage)) {
      return new ProtectedBranchError(repository ?? "?", ref ?? "?", { ...options, code: "ProtectedBranch" });
    }
    return new PermissionDeniedError(`${op}permission denied${serverMessage ? `: ${serverMessage}` : ""}`, options);
  }
  if (res.status === 404) return notFound(res, options, serverMessage);
  // lakeFS answers 410 "repository in deletion" while a deleted repository is being cleaned up.
  if (res.status === 410 && repository && /repository in deletion/i.test(serverMessage)) {
    return new RepositoryNotFoundError(repository, options);
  }
  if (res.status === 409) {
    const isMerge = /merge/i.test(`${res.operation ?? ""} ${serverMessage}`);
    // A merge conflict answers 409 with a MergeResult body ({"reference":""}) and no message.
    if (isMerge && (serverMessage === "" || /conflict/i.test(serverMessage))) {
      return new MergeConflictError(`${op}merge conflict${serverMessage ? `: ${serverMessage}` : ""}`, [], options);
    }
    return new ConflictError(described, options);
  }
  if (res.status === 412) return hookFailedError(serverMessage, res.operation, options) ?? new PreconditionFailedError(described, options);
  if (res.status === 405 || res.status === 501) return new NotSupportedError(described, options);
  if (res.status === 400 || res.status === 422) return new ValidationError(described, { ...options, status: res.status });
  if (res.status === 500 && CONCURRENT_UPDATE.test(serverMessage)) return concurrentUpdate(res, options, described);
  if (res.status >= 500 || res.status === 429) {
    return new ServerError(described, {
      ...options,
      retryable: RETRYABLE_STATUS.has(res.status) || res.code === "SlowDown",
      ...(res.retryAfterMs !== undefined ? { hint: `lakeFS asked to retry after ${Math.ceil(res.retryAfterMs / 1000)} s (Retry-After)` } : {}),
    });
  }
  return new LakeFSError(described, options);
}
