import type { S3Client } from "@aws-sdk/client-s3";
import { AuthenticationError, PermissionDeniedError, ProtectedBranchError } from "../../errors/access-errors.js";
import { ReadOnlyRefError } from "../../errors/input-errors.js";
import type { LakeFSError, LakeFSErrorOptions } from "../../errors/lakefs-error.js";
import { AbortError } from "../../errors/network-errors.js";
import { abortError } from "../../http/abort.js";
import { BranchNotFoundError, NotFoundError, ObjectNotFoundError, RefNotFoundError, RepositoryNotFoundError } from "../../errors/not-found-errors.js";
import { fromS3Error } from "../from-s3-error.js";
import { detachSdkError } from "../detach-response-plugin.js";
import { gatewayRequestContext, restRejectsCredentials } from "../gateway-context.js";
import { errorTarget, type RefLocation } from "./object-location.js";
import { probeRef } from "./probe-ref.js";

/**
 * How a failed call used its location: reads name a missing object, writes a
 * missing or read-only branch, listings a missing ref.
 *
 * @internal
 */
export type LocationAccess = "read" | "write" | "list";

/**
 * What {@link toObjectError} needs to name the cause.
 *
 * @internal
 */
export interface ObjectErrorContext {
  readonly s3: S3Client;
  /** The S3 operation or toolkit function that failed. */
  readonly operation: string;
  /** The location the error is about. */
  readonly location: RefLocation & { readonly path?: string };
  readonly access: LocationAccess;
  /** The caller's signal: when it is aborted, the result is an {@link AbortError}. */
  readonly signal?: AbortSignal;
}

/** Whether the SDK error came from an answer with an S3 error body (a code); a HEAD's answer has none. */
function hasBody(err: unknown): boolean {
  return typeof (err as { Code?: unknown } | undefined)?.Code === "string";
}

/**
 * Maps an error from the gateway to a {@link LakeFSError} with `fromS3Error`,
 * then names what the gateway leaves ambiguous:
 * - a caller abort always gives {@link AbortError};
 * - "protected branch" answers (403 `ErrWriteToProtectedBranch`, or 400
 *   `InvalidRequest` on CopyObject) give {@link ProtectedBranchError};
 * - any other 403 (`AccessDenied`, or a HEAD's bodiless 403) is checked over
 *   REST: credentials that lakeFS rejects give {@link AuthenticationError};
 * - 404 (and 400 on listings) are checked with {@link probeRef}: a missing
 *   repository, a missing ref or branch, a write to a tag or commit
 *   ({@link ReadOnlyRefError}), or a missing object.
 *
 * @internal
 */
export async function toObjectError(raw: unknown, ctx: ObjectErrorContext): Promise<LakeFSError> {
  const err = detachSdkError(raw);
  const { operation, location, access, signal } = ctx;
  if (signal?.aborted) return abortError(signal, operation, err);
  const context = await gatewayRequestContext(ctx.s3);
  const mapped = fromS3Error(err, { ...context, operation, target: errorTarget(location, access === "write" ? "branch" : undefined) });
  if (mapped instanceof AbortError) return mapped;
  const options: LakeFSErrorOptions = { status: mapped.status, requestId: mapped.requestId, operation, cause: err };
  // The gateway's 403 is also its answer to bad credentials (a HEAD's has no body, so no code): REST tells which.
  if (mapped instanceof PermissionDeniedError && !(mapped instanceof ProtectedBranchError)) {
    const rejected = await restRejectsCredentials(ctx.s3, signal);
    if (signal?.aborted) return abortError(signal, operation, err);
    if (rejected) {
      const answered = mapped.code === "AccessDenied" ? "AccessDenied" : `${mapped.status} without a body`;
      return new AuthenticationError(`${operation}: lakeFS rejected the credentials (the S3 gateway answered ${answered}, the REST API ${rejected.status})`, {
        ...options,
        status: mapped.status,
        code: "AccessDenied",
      });
    }
    return mapped;
  }
  // A HEAD's 400 has no body, so not the MissingFields code of credentials lakeFS could not read: REST tells.
  if (mapped.status === 400 && access !== "list" && mapped.code !== "MissingFields" && !hasBody(err)) {
    const rejected = await restRejectsCredentials(ctx.s3, signal);
    if (signal?.aborted) return abortError(signal, operation, err);
    if (rejected) {
      return new AuthenticationError(`${operation}: lakeFS could not read the credentials (the S3 gateway answered 400 without a body, the REST API ${rejected.status})`, {
        ...options,
        code: "MissingFields",
        hint: "Check the access key id for spaces or other stray characters (lakeFS reads SigV4 key ids of 3 to 20 characters), and the secret (option, LAKECTL_CREDENTIALS_* or ~/.lakectl.yaml)",
      });
    }
  }
  if (!(mapped instanceof ProtectedBranchError) && mapped.status > 0 && mapped.status < 500 && /protected branch/i.test(mapped.message)) {
    return new ProtectedBranchError(location.repository, location.ref, options);
  }
  const ambiguous = mapped.status === 404 || (access === "list" && mapped.status === 400);
  if (!ambiguous) return mapped;
  const probe = await probeRef(ctx.s3, location.repository, location.ref, { branch: access === "write", signal });
  if (signal?.aborted) return abortError(signal, operation, err);
  switch (probe) {
    case undefined:
      return mapped;
    case "no-repository":
      return new RepositoryNotFoundError(location.repository, options);
    case "no-ref":
      return access === "write"
        ? new BranchNotFoundError(location.repository, location.ref, options)
        : new RefNotFoundError(location.repository, location.ref, options);
    case "ref":
      if (access === "write") return new ReadOnlyRefError(location.repository, location.ref, options);
      break;
    case "branch":
      break;
  }
  // The repository and the ref exist.
  if (mapped.status === 404 && location.path !== undefined) {
    return mapped instanceof ObjectNotFoundError ? mapped : new ObjectNotFoundError(location.repository, location.ref, location.path, options);
  }
  if (mapped instanceof RepositoryNotFoundError || mapped instanceof RefNotFoundError) {
    return new NotFoundError(`${operation}: not found (${mapped.code})`, { ...options, code: mapped.code });
  }
  return mapped;
}
