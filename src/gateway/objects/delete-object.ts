import { DeleteObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { throwIfAborted } from "../../http/abort.js";
import { assertBranch } from "./assert-branch.js";
import { toObjectError } from "./object-error.js";
import { objectKey, type ObjectLocation } from "./object-location.js";
import type { CallOptions } from "../../http/call-options.js";
import { validateWriteLocation } from "./validate-location.js";

/**
 * Options of `deleteObject` and `deleteObjects`.
 *
 * @public
 */
export interface DeleteObjectOptions extends CallOptions {
  /**
   * Check that `ref` is an existing branch. Default `true`. The gateway
   * answers 204 to a delete on a tag, a commit or a missing branch while
   * deleting nothing; the check (one listing, sent alongside the delete)
   * turns that into `ReadOnlyRefError` or `BranchNotFoundError`. Pass `false`
   * to save the request when the branch is known to exist.
   */
  readonly verifyBranch?: boolean;
}

/**
 * Deletes an object from a branch (an uncommitted change until the next
 * commit). Deleting a path that holds no object succeeds, as in S3.
 *
 * @throws `ValidationError`/`ReadOnlyRefError` for a bad location (nothing
 *   sent), `ReadOnlyRefError` for a tag or commit, `BranchNotFoundError`,
 *   `RepositoryNotFoundError`, `ProtectedBranchError`, `AbortError`.
 * @public
 */
export async function deleteObject(s3: S3Client, location: ObjectLocation, options: DeleteObjectOptions = {}): Promise<void> {
  const operation = "DeleteObject";
  validateWriteLocation(location);
  throwIfAborted(options.signal, operation);
  const signal = options.signal;
  // Deleting on a non-branch deletes nothing, so both can run at once.
  const [deleted, checked] = await Promise.allSettled([
    s3.send(new DeleteObjectCommand({ Bucket: location.repository, Key: objectKey(location) }), { abortSignal: signal }),
    options.verifyBranch === false ? undefined : assertBranch(s3, location, operation, signal),
  ]);
  if (checked.status === "rejected") throw checked.reason;
  if (deleted.status === "rejected") throw await toObjectError(deleted.reason, { s3, operation, location, access: "write", signal });
}
