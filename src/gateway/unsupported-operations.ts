import type { InitializeMiddleware, MetadataBearer, Pluggable } from "@smithy/types";
import type { ServerFacts, ServerFactsReader } from "../config/server-facts.js";
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

/**
 * When an S3 operation cannot be served, and what to do instead.
 *
 * @public
 */
export interface BlockstoreLimit {
  /** Blockstore types (`GET /api/v1/config` `blockstore_type`) on which lakeFS cannot serve the operation. */
  readonly unsupportedOn: readonly string[];
  /** What to do instead, in one sentence (the error's hint). */
  readonly instead: string;
}

/**
 * S3 operations that lakeFS's gateway serves on some blockstores only: the
 * blockstore types known not to serve them, and what to do instead. Decided
 * per server from its storage configuration; on other blockstores the
 * request is sent.
 *
 * @public
 */
export const BLOCKSTORE_DEPENDENT_S3_OPERATIONS: Readonly<Record<string, BlockstoreLimit>> = {
  ListParts: {
    unsupportedOn: ["local"],
    instead: "Keep the ETag that each UploadPart returned and complete the upload with them (object.upload() does), or abort the upload and start again",
  },
  ListMultipartUploads: {
    unsupportedOn: ["local"],
    instead: "Keep the upload id that CreateMultipartUpload returned, to complete or abort the upload; lakeFS cannot list uploads on this blockstore",
  },
};

/** Why `operation` cannot be served by a server with these facts, or `undefined`. */
function refusal(operation: string, facts: ServerFacts): NotSupportedError | undefined {
  const rule = BLOCKSTORE_DEPENDENT_S3_OPERATIONS[operation];
  const types = facts.storages.map((s) => s.blockstoreType);
  if (!rule || types.length === 0 || !types.every((t) => rule.unsupportedOn.includes(t))) return undefined;
  return new NotSupportedError(
    `${operation} is not supported by this lakeFS server: its blockstore is ${[...new Set(types)].map((t) => `"${t}"`).join(", ")} (from GET /api/v1/config)`,
    { operation, hint: rule.instead, status: 0 },
  );
}

/**
 * Middleware that refuses, before sending, the operations of
 * {@link BLOCKSTORE_DEPENDENT_S3_OPERATIONS} on a server whose blockstore does
 * not serve them (a local blockstore answers ListParts with a 500 that the
 * SDK even retries). The server's storage configuration is read once per
 * client through `readFacts`; when that read fails, the request is sent.
 *
 * @internal
 */
export function blockstoreOperationsMiddleware(readFacts: ServerFactsReader): InitializeMiddleware<object, MetadataBearer> {
  return (next, context) => (args) => {
    const operation = (context.commandName ?? "").replace(/Command$/, "");
    if (!BLOCKSTORE_DEPENDENT_S3_OPERATIONS[operation]) return next(args);
    return readFacts().then(
      (facts) => {
        const refused = refusal(operation, facts);
        return refused ? Promise.reject(refused) : next(args);
      },
      () => next(args),
    );
  };
}

/**
 * A plugin that adds {@link blockstoreOperationsMiddleware} to a client's stack.
 *
 * @internal
 */
export function getBlockstoreOperationsPlugin(readFacts: ServerFactsReader): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.add(blockstoreOperationsMiddleware(readFacts), {
        step: "initialize",
        priority: "high",
        name: "lakefsBlockstoreOperationsMiddleware",
        tags: ["LAKEFS"],
        override: true,
      });
    },
  };
}
