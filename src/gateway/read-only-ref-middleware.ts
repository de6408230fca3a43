import type { S3Client } from "@aws-sdk/client-s3";
import type { InitializeMiddleware, MetadataBearer, Pluggable } from "@smithy/types";
import { probeRef } from "./objects/probe-ref.js";

/** Commands that write to the ref in `Key`'s first segment. */
const WRITES = new Set(["PutObjectCommand", "CopyObjectCommand", "CreateMultipartUploadCommand", "UploadPartCommand", "UploadPartCopyCommand", "CompleteMultipartUploadCommand"]);

/**
 * The message for a `NoSuchBucket` answered to a write on an existing
 * repository, or `undefined` when the repository is really missing (or the
 * probe cannot tell).
 */
async function truthAbout(s3: S3Client, bucket: string, ref: string, signal: AbortSignal | undefined): Promise<string | undefined> {
  const probe = await probeRef(s3, bucket, ref, { branch: true, ...(signal ? { signal } : {}) });
  if (probe === "ref") {
    return `The ref "${ref}" of repository "${bucket}" is read-only (a tag, commit id or ref expression): lakeFS answers NoSuchBucket to writes on it. Write to a branch instead`;
  }
  if (probe === "no-ref") return `Branch "${ref}" does not exist in repository "${bucket}" (lakeFS answers NoSuchBucket to writes on a missing branch). Create the branch or write to an existing one`;
  return undefined;
}

/**
 * Middleware that keeps the S3 shape of the gateway's `NoSuchBucket` on a
 * write (same error class, `Code`, status) but makes its message tell the
 * truth: lakeFS answers it for an existing repository when the key's ref is
 * a tag, a commit id or a missing branch. Probes only on that error, with a
 * listing through `probeClient` (an unscoped client, so branch scoping does
 * not rewrite the probe). Runs after branch scoping, so it sees the key as sent.
 *
 * @internal
 */
export function readOnlyRefMiddleware(probeClient: () => S3Client): InitializeMiddleware<object, MetadataBearer> {
  return (next, context) => async (args) => {
    if (!WRITES.has(context.commandName ?? "")) return next(args);
    try {
      return await next(args);
    } catch (err) {
      const e = err as { name?: string; message?: string; Code?: string };
      const { Bucket, Key } = args.input as { Bucket?: unknown; Key?: unknown };
      if ((e?.Code ?? e?.name) !== "NoSuchBucket" || typeof Bucket !== "string" || typeof Key !== "string" || !Key.includes("/")) throw err;
      const signal = (context as { abortSignal?: AbortSignal }).abortSignal;
      const truth = await truthAbout(probeClient(), Bucket, Key.slice(0, Key.indexOf("/")), signal).catch(() => undefined);
      if (truth) e.message = truth;
      throw err;
    }
  };
}

/**
 * A plugin that adds {@link readOnlyRefMiddleware} to a client's stack.
 *
 * @internal
 */
export function getReadOnlyRefPlugin(probeClient: () => S3Client): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.add(readOnlyRefMiddleware(probeClient), { step: "initialize", priority: "low", name: "lakefsReadOnlyRefMiddleware", tags: ["LAKEFS"], override: true });
    },
  };
}
