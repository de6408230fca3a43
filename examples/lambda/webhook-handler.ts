/**
 * The same S3-triggered function (handler.ts), now triggered by lakeFS:
 * deployed behind a Lambda function URL that a lakeFS action calls on every
 * commit and merge of the source branches. lakefs-s3/lambda checks the shared
 * secret, turns each commit into the S3 `Records[]` its diff implies and calls
 * the unchanged S3 handler with them.
 *
 * Environment: that of handler.ts, plus LAKEFS_WEBHOOK_SECRET (the secret the
 * action sends in `x-lakefs-webhook-secret`).
 *
 * Build: `npm run build:lambda` bundles it to dist-lambda/webhook-handler.mjs;
 * deploy with the handler `webhook-handler.handler` and a function URL.
 */
import { LakeFS } from "../../src/index.js";
import { lakeFSWebhookHandler } from "../../src/lambda.js";
import { handler as summarize } from "./handler.js";

/** Reads the commits' diffs; one per execution environment, like the S3 handler's own client. */
const lakefs = new LakeFS({ lakectlConfigFile: false, connectionTimeout: 2_000, requestTimeout: 15_000, maxAttempts: 2 });

/** The function URL's handler: POST from lakeFS in, one call of the S3 handler per page of records. */
export const handler = lakeFSWebhookHandler(summarize, {
  lakefs,
  secret: process.env.LAKEFS_WEBHOOK_SECRET ?? "",
  // Like an S3 notification on s3:ObjectCreated:*: the summarizer reads objects, so removals are not its business.
  s3Events: ["ObjectCreated"],
});
