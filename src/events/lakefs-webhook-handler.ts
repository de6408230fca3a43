import type { Callback, Context, S3Event } from "aws-lambda";
import { LakeFSError } from "../errors/lakefs-error.js";
import { checkSharedSecret } from "./check-shared-secret.js";
import { memoryDeliveryLog, type DeliveryLog } from "./delivery-log.js";
import { parseHookEvent, type HttpRequestEvent, type LakeFSHookEvent } from "./hook-event.js";
import { isCommitEvent, s3EventsFromHook, type RestSource, type S3RecordOptions } from "./s3-events-from-hook.js";

/**
 * Options of {@link lakeFSWebhookHandler}.
 *
 * @public
 */
export interface LakeFSWebhookHandlerOptions extends Omit<S3RecordOptions, "signal"> {
  /** The client that reads the commits' diffs (a `LakeFS` instance). */
  readonly lakefs: RestSource;
  /** The shared secret the action sends (see `installWebhookAction`). Requests without it are refused with 401. */
  readonly secret: string;
  /** The header carrying it. Default `x-lakefs-webhook-secret`. */
  readonly secretHeader?: string;
  /** Where handled deliveries are remembered. Default {@link memoryDeliveryLog} (per execution environment). */
  readonly deliveries?: DeliveryLog;
}

/**
 * The answer of the wrapped function: a Lambda function URL / API Gateway v2
 * structured result.
 *
 * @public
 */
export interface WebhookResult {
  /** The HTTP status: 200 handled or skipped, 400 not a hook event, 401 wrong secret, 405 not POST, 500 the handler failed. */
  readonly statusCode: number;
  /** Always JSON. */
  readonly headers: {
    /** Always `application/json`. */
    readonly "content-type": "application/json";
  };
  /** `{ records, events, duplicate? }`, or `{ error }`; never the secret. */
  readonly body: string;
}

/**
 * A Lambda function URL (or API Gateway v2) handler for lakeFS webhooks.
 *
 * @public
 */
export type LakeFSWebhookHandler = (event: HttpRequestEvent, context?: Context) => Promise<WebhookResult>;

/**
 * An S3-triggered Lambda handler: `S3Handler` of `@types/aws-lambda`, or any
 * function taking an S3 event that returns a promise (its value is ignored)
 * or calls back.
 *
 * @public
 */
export type S3EventHandler = (event: S3Event, context: Context, callback: Callback<void>) => void | Promise<unknown>;

const answer = (statusCode: number, body: Record<string, unknown>): WebhookResult => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** Runs an S3 handler that may return a promise or call back (the two Lambda styles). */
function runS3Handler(handler: S3EventHandler, event: S3Event, context: Context): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const callback = (err?: unknown) => (err ? reject(err) : resolve());
    try {
      const result = handler(event, context, callback);
      if (result && typeof result.then === "function") result.then(() => resolve(), reject);
    } catch (err) {
      reject(err);
    }
  });
}

/** A short, secret-free description of why a request was not a hook event. */
const reason = (err: unknown): string => (err instanceof LakeFSError ? err.message : "invalid request");

/**
 * Turns an existing `S3Handler` (see {@link S3EventHandler}) into a function-URL handler for lakeFS
 * webhooks: it checks the shared secret (constant time), parses lakeFS's
 * event, turns a commit or merge into S3 `Records[]` (see
 * {@link s3EventsFromHook}) and calls `handler` once per page of records.
 *
 * Idempotent per (repository, commit id, hook id): a delivery already
 * handled answers 200 `{ duplicate: true }` without calling `handler`. The
 * default {@link memoryDeliveryLog} remembers deliveries only within one
 * execution environment: after a cold start, or in a concurrent environment,
 * the same delivery runs again; pass a shared {@link DeliveryLog} for
 * once-only across them. When `handler` throws, the delivery is forgotten and
 * the answer is 500 (a later redelivery runs every page again).
 *
 * @public
 */
export function lakeFSWebhookHandler(handler: S3EventHandler, options: LakeFSWebhookHandlerOptions): LakeFSWebhookHandler {
  const deliveries = options.deliveries ?? memoryDeliveryLog();
  return async (request, context = {} as Context) => {
    const method = request.requestContext?.http?.method;
    if (method !== undefined && method.toUpperCase() !== "POST") return answer(405, { error: "lakeFS webhooks are POST requests" });
    if (!checkSharedSecret(request.headers, options.secret, options.secretHeader)) return answer(401, { error: "missing or wrong webhook secret" });
    let hook: LakeFSHookEvent;
    try {
      hook = parseHookEvent(request);
    } catch (err) {
      return answer(400, { error: reason(err) });
    }
    // Other events (pre-*, branch and tag events) carry no commit to report: acknowledged, nothing claimed.
    if (!isCommitEvent(hook)) return answer(200, { records: 0, events: 0, eventType: hook.eventType });
    const key = `${hook.repositoryId}/${hook.commitId!}/${hook.hookId}`;
    if (!(await deliveries.claim(key))) return answer(200, { records: 0, events: 0, duplicate: true });
    let records = 0;
    let events = 0;
    try {
      for await (const event of s3EventsFromHook(options.lakefs, hook, options)) {
        await runS3Handler(handler, event, context);
        records += event.Records.length;
        events += 1;
      }
    } catch (err) {
      await deliveries.release(key);
      return answer(500, { error: err instanceof Error ? err.name : "handler failed" });
    }
    return answer(200, { records, events });
  };
}
