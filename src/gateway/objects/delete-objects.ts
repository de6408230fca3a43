import { DeleteObjectsCommand, type S3Client } from "@aws-sdk/client-s3";
import { abortError, throwIfAborted } from "../../http/abort.js";
import { LakeFSError } from "../../errors/lakefs-error.js";
import { validateObjectPath } from "../../validation/names.js";
import { assertBranch } from "./assert-branch.js";
import type { DeleteObjectOptions } from "./delete-object.js";
import { toObjectError } from "./object-error.js";
import type { RefLocation } from "./object-location.js";
import { validateBranchLocation } from "./validate-location.js";

/** S3's limit of keys per DeleteObjects request. */
const BATCH_SIZE = 1000;

/**
 * One path that {@link deleteObjects} could not delete.
 *
 * @public
 */
export interface DeleteObjectsError {
  /** The path within the ref. */
  readonly path: string;
  /** The gateway's code (`ErrWriteToProtectedBranch`, …) or the toolkit's validation code (`InvalidObjectPath`, `KeyTooLong`). */
  readonly code: string;
  /** What went wrong. */
  readonly message: string;
}

/**
 * What {@link deleteObjects} did.
 *
 * @public
 */
export interface DeleteObjectsResult {
  /** Paths the gateway reported deleted (including paths that held no object, as in S3), in request order. */
  readonly deleted: string[];
  /** Paths that were refused, by the toolkit (invalid path: never sent) or by the gateway. */
  readonly errors: DeleteObjectsError[];
}

async function* batches(paths: Iterable<string> | AsyncIterable<string>, errors: DeleteObjectsError[]): AsyncGenerator<string[]> {
  let batch: string[] = [];
  for await (const path of paths) {
    try {
      validateObjectPath(path);
    } catch (err) {
      const e = err as LakeFSError;
      errors.push({ path: String(path), code: e.code, message: e.message });
      continue;
    }
    batch.push(path);
    if (batch.length === BATCH_SIZE) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Deletes many objects from a branch with `DeleteObjects`, 1,000 keys per
 * request. Paths are pulled from the (async) iterable batch by batch, so a
 * listing can be streamed into it without being held whole. Per-path failures
 * (a protected branch, an invalid path) are reported, not thrown; the branch
 * is checked once before the first batch (see
 * {@link DeleteObjectOptions.verifyBranch}), because the gateway reports
 * paths on a tag or a missing branch as deleted while deleting nothing.
 *
 * @example
 * ```ts
 * const paths = (async function* () {
 *   for await (const e of listObjects(s3, { repository: "repo", ref: "main", prefix: "tmp/" })) if (e.type === "object") yield e.path;
 * })();
 * const { deleted, errors } = await deleteObjects(s3, { repository: "repo", ref: "main" }, paths);
 * ```
 *
 * @throws For a whole request that fails (`RepositoryNotFoundError`,
 *   `BranchNotFoundError`, `ReadOnlyRefError`, `AbortError`, …). Batches sent
 *   before that stay deleted.
 * @public
 */
export async function deleteObjects(
  s3: S3Client,
  location: RefLocation,
  paths: Iterable<string> | AsyncIterable<string>,
  options: DeleteObjectOptions = {},
): Promise<DeleteObjectsResult> {
  const operation = "DeleteObjects";
  validateBranchLocation(location);
  const signal = options.signal;
  throwIfAborted(signal, operation);
  const deleted: string[] = [];
  const errors: DeleteObjectsError[] = [];
  const prefix = `${location.ref}/`;
  const strip = (key: string | undefined): string => (key?.startsWith(prefix) ? key.slice(prefix.length) : (key ?? ""));
  let checked = options.verifyBranch === false;
  for await (const batch of batches(paths, errors)) {
    if (signal?.aborted) throw abortError(signal, operation);
    if (!checked) {
      await assertBranch(s3, location, operation, signal);
      checked = true;
    }
    try {
      const out = await s3.send(
        new DeleteObjectsCommand({
          Bucket: location.repository,
          Delete: { Objects: batch.map((path) => ({ Key: `${prefix}${path}` })), Quiet: false },
        }),
        { abortSignal: signal },
      );
      for (const d of out.Deleted ?? []) deleted.push(strip(d.Key));
      for (const e of out.Errors ?? []) errors.push({ path: strip(e.Key), code: e.Code ?? "Error", message: e.Message ?? "" });
    } catch (err) {
      throw await toObjectError(err, { s3, operation, location, access: "write", signal });
    }
  }
  return { deleted, errors };
}
