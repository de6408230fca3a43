import { getObjectBody, uploadObjectBytes } from "../admin/object-data.js";
import { pinpointMissingRef } from "../admin/pinpoint-missing-ref.js";
import { assertWritableBranch } from "../admin/refuse-read-only-ref.js";
import { statObject as restStatObject } from "../admin/objects.js";
import type { DataPath } from "../config/data-path.js";
import { PreconditionFailedError, ValidationError } from "../errors/input-errors.js";
import { NotFoundError, ObjectNotFoundError, RepositoryNotFoundError } from "../errors/not-found-errors.js";
import { collectBody } from "../http/collect-body.js";
import { normalizeEtag } from "../gateway/objects/etag.js";
import type { ObjectLocation } from "../gateway/objects/object-location.js";
import { retryBrokenBody } from "../http/retry-broken-body.js";
import { rangeHeader, type ReadObjectOptions } from "../gateway/objects/send-get-object.js";
import type { UploadBody } from "../transfer/upload-body.js";
import type { UploadTarget } from "../model/transfer-adapter.js";
import type { UploadObjectOptions } from "../transfer/options.js";
import { validateReadLocation } from "../gateway/objects/validate-location.js";
import { throwIfAborted } from "../http/abort.js";
import type { CallOptions } from "../http/call-options.js";
import type { ObjectStat } from "../model/object-stat.js";
import type { HandleContext } from "./context.js";
import { wantedDataPath } from "./data-path.js";
import type { RefKind } from "./refine-not-found.js";

/**
 * In-memory bodies up to this size go over REST under `dataPath: "auto"`
 * (docs/11-benchmarks.md measures both paths by size). Larger ones keep
 * the gateway (or presigned) path, which checks the ref before sending.
 *
 * @internal
 */
export const REST_UPLOAD_MAX_BYTES = 1024 * 1024;

/** Bodies above this size are sent only after the branch was found (the gateway path's `verifyBranch` limit). */
const CHECK_BRANCH_ABOVE_BYTES = 64 * 1024;

/**
 * Whether a call under `requested` (else the client's setting) takes the REST object endpoints: `"auto"` only.
 *
 * @internal
 */
export function restWanted(ctx: HandleContext, requested: DataPath | undefined): boolean {
  return wantedDataPath(ctx, requested) === "auto";
}

/**
 * The body as bytes when it may go over REST: in memory (string, bytes, Blob)
 * and at most {@link REST_UPLOAD_MAX_BYTES}, with no user metadata (lakeFS's
 * REST upload stores metadata keys in lower case, so the gateway could not
 * report them as `x-amz-meta-*`). `undefined` otherwise.
 *
 * @internal
 */
export async function restUploadBytes(body: UploadBody, options: UploadObjectOptions): Promise<Uint8Array | undefined> {
  if (options.metadata !== undefined && Object.keys(options.metadata).length > 0) return undefined;
  if (typeof body === "string") return Buffer.byteLength(body, "utf8") <= REST_UPLOAD_MAX_BYTES ? Buffer.from(body, "utf8") : undefined;
  if (body instanceof Uint8Array) return body.byteLength <= REST_UPLOAD_MAX_BYTES ? body : undefined;
  if (typeof Blob !== "undefined" && body instanceof Blob && body.size <= REST_UPLOAD_MAX_BYTES) return new Uint8Array(await body.arrayBuffer());
  return undefined;
}

/**
 * The REST path's upload target, for in-memory bodies up to
 * {@link REST_UPLOAD_MAX_BYTES}: one raw-body upload. A body over 64 KiB is
 * sent only to a branch known to exist (one GET), as on the gateway path.
 * lakeFS answers a tag, a commit or a missing branch with the same 404: on
 * that error path only, the ref is probed to name the cause
 * (`ReadOnlyRefError`, `BranchNotFoundError`, `RepositoryNotFoundError`).
 *
 * @internal
 */
export function restUploadTarget(ctx: HandleContext, location: ObjectLocation, options: UploadObjectOptions): UploadTarget {
  const operation = "uploadObject";
  const { repository, ref: branch } = location;
  const writableBranch = (signal: AbortSignal): Promise<void> => assertWritableBranch(ctx.rest, repository, branch, operation, signal);
  return {
    operation,
    maxWhole: REST_UPLOAD_MAX_BYTES,
    multipart: false,
    async beforeBody(size, signal) {
      if (options.verifyBranch !== false && (size === undefined || size > CHECK_BRANCH_ABOVE_BYTES)) await writableBranch(signal);
    },
    async putWhole(body, _size, signal) {
      const bytes = await body();
      if (!(bytes instanceof Uint8Array)) throw new ValidationError(`${operation}: the REST path takes bodies in memory`, { code: "InvalidBody" });
      try {
        return { etag: (await uploadObjectBytes(ctx.rest, location, bytes, { ...options, signal })).etag };
      } catch (err) {
        // lakeFS answers a tag, a commit id and a missing branch with the same 404: name which one.
        if (err instanceof NotFoundError && !(err instanceof RepositoryNotFoundError)) await writableBranch(signal);
        throw err;
      }
    },
  };
}

/** A 404 of a REST read that names the missing repository, ref or object. */
async function readNotFound(ctx: HandleContext, location: ObjectLocation, kind: RefKind, err: unknown, signal: AbortSignal | undefined): Promise<unknown> {
  const refined = await pinpointMissingRef(ctx.rest, location.repository, [{ ref: location.ref, kind }], err, signal);
  if (refined !== err || !(err instanceof NotFoundError) || err instanceof ObjectNotFoundError || err instanceof RepositoryNotFoundError) return refined;
  return new ObjectNotFoundError(location.repository, location.ref, location.path, { status: 404, requestId: err.requestId, operation: err.operation, cause: err });
}

/**
 * Reads an object (or a range) into memory with one REST GET; a body that
 * breaks off is read again as on the gateway path, and `ifMatch` is compared
 * with the answer's ETag.
 *
 * @internal
 */
export async function restReadBytes(ctx: HandleContext, location: ObjectLocation, kind: RefKind, options: ReadObjectOptions): Promise<Uint8Array> {
  const operation = "GetObject";
  validateReadLocation(location);
  const range = options.range ? rangeHeader(options.range) : undefined;
  throwIfAborted(options.signal, operation);
  const read = async (): Promise<Uint8Array> => {
    const answer = await getObjectBody(ctx.rest, location, { range, signal: options.signal }).catch(async (err: unknown) => {
      throw await readNotFound(ctx, location, kind, err, options.signal);
    });
    if (options.ifMatch !== undefined && answer.etag !== normalizeEtag(options.ifMatch)) {
      answer.body.destroy();
      throw new PreconditionFailedError(
        `${operation}: ${location.path} on ${location.repository}/${location.ref} has ETag ${answer.etag ?? "(none)"}, not ${normalizeEtag(options.ifMatch)}`,
        { operation },
      );
    }
    return collectBody(answer.body, answer.contentLength, operation, options.signal);
  };
  // The client's maxAttempts, without making the gateway S3 client for it.
  return retryBrokenBody((await ctx.stack.config()).maxAttempts, read, options.signal);
}

/**
 * The object's stats with one REST stat (user metadata included).
 *
 * @internal
 */
export function restStat(ctx: HandleContext, location: ObjectLocation, options: CallOptions): Promise<ObjectStat> {
  validateReadLocation(location);
  return restStatObject(ctx.rest, { ...location, signal: options.signal });
}

/**
 * Whether the object exists, with one REST stat: `false` only when the
 * repository and the ref exist and the path does not.
 *
 * @internal
 */
export async function restExists(ctx: HandleContext, location: ObjectLocation, options: CallOptions): Promise<boolean> {
  try {
    await restStat(ctx, location, options);
    return true;
  } catch (err) {
    if (err instanceof ObjectNotFoundError) return false;
    throw err;
  }
}

/**
 * The text encoding of a read, checked (default UTF-8).
 *
 * @internal
 */
export function textEncoding(encoding: BufferEncoding | undefined): BufferEncoding {
  const chosen = encoding ?? "utf8";
  if (!Buffer.isEncoding(chosen)) throw new ValidationError(`Unknown encoding ${JSON.stringify(chosen)}`, { code: "InvalidOption" });
  return chosen;
}
