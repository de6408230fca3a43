import { ValidationError } from "../errors/input-errors.js";

/**
 * The event types lakeFS runs hooks on (lakeFS 1.84, `pkg/graveler/hooks_handler.go`).
 *
 * @public
 */
export const HOOK_EVENT_TYPES = [
  "prepare-commit",
  "pre-commit",
  "post-commit",
  "pre-merge",
  "post-merge",
  "pre-create-branch",
  "post-create-branch",
  "pre-delete-branch",
  "post-delete-branch",
  "pre-create-tag",
  "post-create-tag",
  "pre-delete-tag",
  "post-delete-tag",
  "pre-revert",
  "post-revert",
  "pre-cherry-pick",
  "post-cherry-pick",
] as const;

/**
 * One of {@link HOOK_EVENT_TYPES}.
 *
 * @public
 */
export type HookEventType = (typeof HOOK_EVENT_TYPES)[number];

/**
 * What lakeFS posts to a webhook, in camelCase. Fields lakeFS leaves empty
 * are omitted by lakeFS and `undefined` here (for example `commitId` on
 * `pre-commit`, `branchId` on tag events).
 *
 * @public
 */
export interface LakeFSHookEvent {
  /** The event, such as `post-commit`. */
  readonly eventType: HookEventType;
  /** When lakeFS called the hook (RFC 3339, whole seconds, UTC): not the commit's time. */
  readonly eventTime: string;
  /** The `name` of the action file. */
  readonly actionName: string;
  /** The `id` of the hook in the action file. */
  readonly hookId: string;
  /** The repository. */
  readonly repositoryId: string;
  /** The branch: committed to, merged into, created or deleted. */
  readonly branchId?: string;
  /**
   * The ref the event is about: the branch name on `pre-commit`; the new
   * commit id on `post-commit`, and on `post-merge` the merge commit's id too
   * (lakeFS 1.84; not the source's head, whatever lakeFS's source comment says).
   */
  readonly sourceRef?: string;
  /** The tag, on tag events. */
  readonly tagId?: string;
  /** The commit: the new commit on `post-commit`, the merge commit on `post-merge`; none on `pre-*` events. */
  readonly commitId?: string;
  /** The commit message. */
  readonly commitMessage?: string;
  /** Who committed or merged. */
  readonly committer?: string;
  /** The commit's metadata; lakeFS omits it when empty. A merge's holds `.lakefs.merge.strategy`. */
  readonly commitMetadata?: Readonly<Record<string, string>>;
  /** On merges: the ref as the caller named it (a branch, tag or commit id). */
  readonly mergeSource?: string;
}

/**
 * A Lambda function URL or API Gateway (HTTP API, payload 2.0) event: only
 * the fields this module reads.
 *
 * @public
 */
export interface HttpRequestEvent {
  /** Request headers; function URLs and API Gateway lower-case their names. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** The request body. */
  readonly body?: string;
  /** Whether `body` is base64-encoded. */
  readonly isBase64Encoded?: boolean;
  /** The HTTP request context. */
  readonly requestContext?: {
    /** The HTTP request. */
    readonly http?: {
      /** The HTTP method, `POST` from lakeFS. */
      readonly method?: string;
    };
  };
}

const WIRE_FIELDS: ReadonlyArray<readonly [keyof LakeFSHookEvent, string, boolean]> = [
  ["eventType", "event_type", true],
  ["eventTime", "event_time", true],
  ["actionName", "action_name", true],
  ["hookId", "hook_id", true],
  ["repositoryId", "repository_id", true],
  ["branchId", "branch_id", false],
  ["sourceRef", "source_ref", false],
  ["tagId", "tag_id", false],
  ["commitId", "commit_id", false],
  ["commitMessage", "commit_message", false],
  ["committer", "committer", false],
  ["mergeSource", "merge_source", false],
];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The body of a function URL / API Gateway v2 event, decoded. @internal */
export function bodyOf(event: HttpRequestEvent): string {
  if (typeof event.body !== "string") throw new ValidationError("The request has no body: lakeFS posts the hook event as JSON", { operation: "parseHookEvent" });
  return event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError("The hook body is not JSON", { operation: "parseHookEvent" });
  }
}

function fromWire(wire: Record<string, unknown>): LakeFSHookEvent {
  const out: Record<string, unknown> = {};
  for (const [name, key, required] of WIRE_FIELDS) {
    const value = wire[key];
    if (value === undefined || value === "") {
      if (required) throw new ValidationError(`Not a lakeFS hook event: "${key}" is missing`, { operation: "parseHookEvent" });
      continue;
    }
    if (typeof value !== "string") throw new ValidationError(`Not a lakeFS hook event: "${key}" is not a string`, { operation: "parseHookEvent" });
    out[name] = value;
  }
  if (!(HOOK_EVENT_TYPES as readonly string[]).includes(out.eventType as string)) {
    throw new ValidationError(`Not a lakeFS hook event: unknown event_type "${String(out.eventType).slice(0, 40)}"`, { operation: "parseHookEvent" });
  }
  const metadata = wire.commit_metadata;
  if (metadata !== undefined && metadata !== null) {
    if (!isRecord(metadata) || !Object.values(metadata).every((v) => typeof v === "string")) {
      throw new ValidationError('Not a lakeFS hook event: "commit_metadata" is not a string map', { operation: "parseHookEvent" });
    }
    out.commitMetadata = metadata;
  }
  return out as unknown as LakeFSHookEvent;
}

/**
 * Parses what lakeFS posts to a webhook. Accepts the raw body (a string, a
 * `Buffer` or the parsed JSON object) or a Lambda function URL / API Gateway
 * v2 event that wraps it (base64 bodies included).
 *
 * @throws `ValidationError` when the input is none of these, or a field is missing or mistyped.
 *
 * @public
 */
export function parseHookEvent(input: string | Uint8Array | HttpRequestEvent | Record<string, unknown>): LakeFSHookEvent {
  if (typeof input === "string") return parseHookEvent(parseJson(input) as Record<string, unknown>);
  if (input instanceof Uint8Array) return parseHookEvent(Buffer.from(input).toString("utf8"));
  if (!isRecord(input)) throw new ValidationError("Not a lakeFS hook event: expected a JSON object", { operation: "parseHookEvent" });
  if ("event_type" in input) return fromWire(input);
  if ("body" in input || "requestContext" in input) return parseHookEvent(bodyOf(input as HttpRequestEvent));
  throw new ValidationError("Not a lakeFS hook event, nor a function URL or API Gateway v2 event wrapping one", { operation: "parseHookEvent" });
}
