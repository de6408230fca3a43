import type { InitializeMiddleware, MetadataBearer, Pluggable } from "@smithy/types";
import { NotSupportedError } from "../errors/input-errors.js";

/**
 * S3 operations that lakeFS's gateway does not implement, and what to do
 * instead.
 *
 * @public
 */
export const UNSUPPORTED_S3_OPERATIONS: Readonly<Record<string, string>> = {
  CreateBucket: "Create a repository instead: lakefs.repository(name).create({ storageNamespace })",
  DeleteBucket: "Delete the repository instead: lakefs.repository(name).delete()",
  PutBucketPolicy: "Use lakeFS policies and groups (RBAC) instead of bucket policies",
  DeleteBucketPolicy: "Use lakeFS policies and groups (RBAC) instead of bucket policies",
  PutBucketAcl: "Use lakeFS policies and groups (RBAC) instead of ACLs",
  PutObjectAcl: "Use lakeFS policies and groups (RBAC) instead of ACLs",
  PutBucketVersioning: "lakeFS versions the whole repository: commit the branch and read old versions through commit ids or tags",
  PutObjectTagging: "Store key/value data as object metadata at upload time, or as commit metadata",
  DeleteObjectTagging: "Store key/value data as object metadata at upload time, or as commit metadata",
  PutObjectLockConfiguration: "Protect branches with branch protection rules (repository.setProtectionRules) instead of object lock",
  PutObjectRetention: "Protect branches with branch protection rules instead of object retention",
  PutObjectLegalHold: "Protect branches with branch protection rules instead of legal holds",
  SelectObjectContent: "Read the object and filter it on the client, or query it with a lakeFS-aware engine",
  PutBucketLifecycleConfiguration: "Configure garbage collection rules for the repository in lakeFS instead",
  PutBucketReplication: "Replicate with lakeFS import/export or your object store's own replication",
  RestoreObject: "lakeFS has no archive tiers to restore from through the gateway",
  GetObjectAttributes: "Use HeadObject (size, ETag, last modified, metadata) instead: the gateway answers this as a GetObject",
};

/**
 * Middleware that fails unsupported S3 commands before sending them, with a
 * {@link NotSupportedError} that names the operation and the alternative.
 *
 * @internal
 */
export function unsupportedOperationsMiddleware(): InitializeMiddleware<object, MetadataBearer> {
  // Not an async function: the supported commands pass straight on, without an extra await.
  return (next, context) => (args) => {
    const operation = (context.commandName ?? "").replace(/Command$/, "");
    const instead = UNSUPPORTED_S3_OPERATIONS[operation];
    if (instead) {
      return Promise.reject(new NotSupportedError(`${operation} is not supported by the lakeFS S3 gateway`, { operation, hint: instead, status: 0 }));
    }
    return next(args);
  };
}

/**
 * A plugin for `client.middlewareStack.use(...)` that fails the commands
 * listed in {@link UNSUPPORTED_S3_OPERATIONS} before sending them, with a
 * {@link NotSupportedError} naming the alternative. The gateway clients made
 * by this toolkit carry it already.
 *
 * @public
 */
export function getUnsupportedOperationsPlugin(): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.add(unsupportedOperationsMiddleware(), {
        step: "initialize",
        priority: "high",
        name: "lakefsUnsupportedOperationsMiddleware",
        tags: ["LAKEFS"],
        override: true,
      });
    },
  };
}
