/**
 * lakefs-s3/lambda: lakeFS hooks in, S3 event records out, for AWS Lambda
 * functions written against S3 event notifications. A separate entry so that
 * the main entry's types never mention `@types/aws-lambda` and its code never
 * loads this module.
 *
 * @packageDocumentation
 */
export { lakeFSWebhookHandler, type LakeFSWebhookHandler, type LakeFSWebhookHandlerOptions, type WebhookResult, type S3EventHandler } from "./events/lakefs-webhook-handler.js";
export { parseHookEvent, HOOK_EVENT_TYPES, type LakeFSHookEvent, type HookEventType, type HttpRequestEvent } from "./events/hook-event.js";
export { checkSharedSecret, DEFAULT_SECRET_HEADER } from "./events/check-shared-secret.js";
export {
  installWebhookAction,
  removeWebhookAction,
  webhookActionYaml,
  actionPath,
  ACTIONS_FOLDER,
  type WebhookActionInput,
  type WebhookSecretSource,
} from "./events/webhook-action.js";
export { s3EventsFromHook, isCommitEvent, COMMIT_EVENT_TYPES, type RestSource, type S3RecordOptions } from "./events/s3-events-from-hook.js";
export { memoryDeliveryLog, type DeliveryLog } from "./events/delivery-log.js";
