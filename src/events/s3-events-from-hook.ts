import type { S3Event, S3EventRecord } from "aws-lambda";
import type { RestClient } from "../admin/rest-client.js";
import type { CallOptions } from "../http/call-options.js";
import { ACTIONS_FOLDER } from "./webhook-action.js";
import type { LakeFSHookEvent } from "./hook-event.js";
import { diffPages, getCommitFacts, type CommitChange, type CommitFacts } from "./lakefs-calls.js";

/**
 * What {@link s3EventsFromHook} needs of a client: its REST client. A
 * `LakeFS` instance fits.
 *
 * @public
 */
export interface RestSource {
  /** The typed REST client. */
  readonly rest: RestClient;
}

/**
 * How hook events become S3 event records.
 *
 * @public
 */
export interface S3RecordOptions extends CallOptions {
  /** `awsRegion` of the records. Default `"us-east-1"`. */
  readonly region?: string;
  /** Records per S3 event, which is also the diff's page size: 1 to 1 000. Default 1 000. */
  readonly pageSize?: number;
  /**
   * Keys without the `<branch>/` prefix, as code behind `s3ForBranch` sees
   * them, in the bucket named `bucket` (default the repository).
   * Default: off (bucket = repository, key = `<branch>/<path>`).
   */
  readonly branchScoped?: {
    /** The bucket name the handler expects. Default the repository. */
    readonly bucket?: string;
  };
  /** Also report changes to `_lakefs_actions/` files. Default `false`. */
  readonly includeActionFiles?: boolean;
  /**
   * Which kinds of record to deliver, as an S3 notification configuration
   * chooses `s3:ObjectCreated:*` and `s3:ObjectRemoved:*`. Default both.
   */
  readonly s3Events?: ReadonlyArray<"ObjectCreated" | "ObjectRemoved">;
}

/** The events after which a branch has a new commit whose changes are reported. @public */
export const COMMIT_EVENT_TYPES = ["post-commit", "post-merge", "post-revert", "post-cherry-pick"] as const;

/** Keys in events are URL-encoded as S3 does: `+` for a space, `%XX` for other bytes, `/` kept. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, "/").replace(/%20/g, "+");
}

function toRecord(change: CommitChange, hook: LakeFSHookEvent, commit: CommitFacts, options: S3RecordOptions): S3EventRecord {
  const removed = change.type === "removed";
  const branch = hook.branchId ?? "";
  const key = options.branchScoped ? change.path : `${branch}/${change.path}`;
  const bucket = options.branchScoped?.bucket ?? hook.repositoryId;
  const committer = hook.committer ?? "";
  return {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: options.region ?? "us-east-1",
    eventTime: new Date(commit.creationDate * 1000).toISOString(),
    eventName: removed ? "ObjectRemoved:Delete" : "ObjectCreated:Put",
    userIdentity: { principalId: committer },
    requestParameters: { sourceIPAddress: "" },
    responseElements: { "x-amz-request-id": commit.id, "x-amz-id-2": hook.hookId },
    s3: {
      s3SchemaVersion: "1.0",
      configurationId: `${hook.actionName}/${hook.hookId}`,
      bucket: { name: bucket, ownerIdentity: { principalId: committer }, arn: `arn:aws:s3:::${bucket}` },
      object: {
        key: encodeKey(key),
        // As S3 does, a removal carries neither size nor ETag (0 and "" here, which the types require).
        size: removed ? 0 : (change.size_bytes ?? 0),
        eTag: removed ? "" : (change.right?.checksum ?? ""),
        // The commit's generation grows along a branch's history: later changes of a key sort after earlier ones.
        sequencer: commit.generation.toString(16).toUpperCase().padStart(16, "0"),
      },
    },
  };
}

function reportable(change: CommitChange, options: S3RecordOptions): boolean {
  if (change.path_type !== "object") return false;
  if (!options.includeActionFiles && change.path.startsWith(ACTIONS_FOLDER)) return false;
  const kinds = options.s3Events ?? ["ObjectCreated", "ObjectRemoved"];
  if (change.type === "removed") return kinds.includes("ObjectRemoved");
  return (change.type === "added" || change.type === "changed") && kinds.includes("ObjectCreated");
}

/**
 * Whether a hook event reports a new commit on a branch (see {@link COMMIT_EVENT_TYPES}).
 *
 * @public
 */
export function isCommitEvent(hook: LakeFSHookEvent): boolean {
  return (COMMIT_EVENT_TYPES as readonly string[]).includes(hook.eventType) && !!hook.commitId && !!hook.branchId;
}

/**
 * The S3 event notifications a lakeFS hook event stands for: one record per
 * object the commit changed against its first parent (for a merge: what the
 * merge changed on the destination branch), `ObjectCreated:Put` for added or
 * changed objects and `ObjectRemoved:Delete` for removed ones. Yields one
 * `S3Event` per diff page, so any number of changes is read with bounded
 * memory. Events that report no commit (see {@link isCommitEvent}) yield nothing.
 *
 * Mapping: bucket = repository, key = `<branch>/<path>` (URL-encoded as S3
 * does), `eventTime` = the commit's time, `eTag` = lakeFS's checksum,
 * `sequencer` = the commit's generation in hex, `userIdentity` = the committer.
 *
 * @public
 */
export async function* s3EventsFromHook(client: RestSource, hook: LakeFSHookEvent, options: S3RecordOptions = {}): AsyncGenerator<S3Event> {
  if (!isCommitEvent(hook)) return;
  const amount = options.pageSize ?? 1000;
  const repository = hook.repositoryId;
  const commit = await getCommitFacts(client.rest, repository, hook.commitId!, options);
  // Only a repository's first commit has no parent, and lakeFS runs no hook for it.
  if (commit.firstParent === undefined) return;
  const range = { repository, left: commit.firstParent, right: commit.id, amount };
  for await (const page of diffPages(client.rest, range, options)) {
    const Records = page.filter((c) => reportable(c, options)).map((c) => toRecord(c, hook, commit, options));
    if (Records.length > 0) yield { Records };
  }
}
