import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, LambdaFunctionURLEvent, S3Event, S3Handler } from "aws-lambda";
import { expectTypeOf } from "expect-type";
import { parse } from "yaml";
import { ValidationError } from "../../src/index.js";
import {
  checkSharedSecret,
  lakeFSWebhookHandler,
  memoryDeliveryLog,
  parseHookEvent,
  s3EventsFromHook,
  webhookActionYaml,
  type HttpRequestEvent,
  type LakeFSWebhookHandler,
} from "../../src/lambda.js";

// A post-commit body as lakeFS 1.84 sent it in test/integration/s3-events.test.ts.
const WIRE = {
  event_type: "post-commit",
  event_time: "2026-12-04T04:55:56Z",
  action_name: "s3-events",
  hook_id: "s3-events",
  repository_id: "events",
  branch_id: "ingest",
  source_ref: "3a0676a9",
  commit_id: "3a0676a9",
  commit_message: "two files",
  committer: "admin",
};

describe("parseHookEvent", () => {
  const expected = {
    eventType: "post-commit",
    eventTime: "2026-12-04T04:55:56Z",
    actionName: "s3-events",
    hookId: "s3-events",
    repositoryId: "events",
    branchId: "ingest",
    sourceRef: "3a0676a9",
    commitId: "3a0676a9",
    commitMessage: "two files",
    committer: "admin",
  };

  it("reads the raw body, as a string or bytes", () => {
    assert.deepEqual(parseHookEvent(JSON.stringify(WIRE)), expected);
    assert.deepEqual(parseHookEvent(Buffer.from(JSON.stringify(WIRE))), expected);
  });

  it("reads a function URL / API Gateway v2 event, base64 body included", () => {
    const body = Buffer.from(JSON.stringify({ ...WIRE, commit_metadata: { k: "v" } })).toString("base64");
    assert.deepEqual(parseHookEvent({ headers: {}, body, isBase64Encoded: true, requestContext: { http: { method: "POST" } } }), {
      ...expected,
      commitMetadata: { k: "v" },
    });
  });

  it("refuses anything else with a ValidationError naming what is wrong", () => {
    assert.throws(() => parseHookEvent("not json"), (e) => e instanceof ValidationError && /not JSON/.test(e.message));
    assert.throws(() => parseHookEvent({ Records: [] }), (e) => e instanceof ValidationError && /function URL/.test(e.message));
    assert.throws(() => parseHookEvent({ ...WIRE, hook_id: undefined }), (e) => e instanceof ValidationError && /"hook_id" is missing/.test(e.message));
    assert.throws(() => parseHookEvent({ ...WIRE, event_type: "post-push" }), (e) => e instanceof ValidationError && /unknown event_type/.test(e.message));
    assert.throws(() => parseHookEvent({ ...WIRE, commit_metadata: { k: 1 } }), ValidationError);
    assert.throws(() => parseHookEvent({ requestContext: {} }), (e) => e instanceof ValidationError && /no body/.test(e.message));
  });
});

describe("checkSharedSecret", () => {
  it("accepts the secret in the header, in any case of the header name", () => {
    assert.equal(checkSharedSecret({ "x-lakefs-webhook-secret": "s3cret" }, "s3cret"), true);
    assert.equal(checkSharedSecret({ "X-Lakefs-Webhook-Secret": "s3cret" }, "s3cret"), true);
    assert.equal(checkSharedSecret({ "x-other": "s3cret" }, "s3cret", "X-Other"), true);
  });

  it("refuses a wrong, longer, missing or empty secret", () => {
    assert.equal(checkSharedSecret({ "x-lakefs-webhook-secret": "s3creT" }, "s3cret"), false);
    assert.equal(checkSharedSecret({ "x-lakefs-webhook-secret": "s3cret-and-more" }, "s3cret"), false);
    assert.equal(checkSharedSecret({}, "s3cret"), false);
    assert.equal(checkSharedSecret(undefined, "s3cret"), false);
    assert.equal(checkSharedSecret({ "x-lakefs-webhook-secret": "" }, ""), false);
  });
});

describe("webhookActionYaml", () => {
  it("writes the action lakeFS reads: events with branches, the webhook's url, timeout, query parameters and secret header", () => {
    const text = webhookActionYaml({
      name: "s3-events",
      url: "https://abc.lambda-url.eu-west-1.on.aws/",
      events: ["post-commit", "post-merge"],
      branches: ["main", "ingest-*"],
      timeoutMs: 5000,
      queryParams: { source: "lakefs", tag: ["a", "b: c"] },
      secret: { fromEnv: "LAKEFSACTION_SECRET" },
    });
    assert.deepEqual(parse(text), {
      name: "s3-events",
      on: { "post-commit": { branches: ["main", "ingest-*"] }, "post-merge": { branches: ["main", "ingest-*"] } },
      hooks: [
        {
          id: "s3-events",
          type: "webhook",
          properties: {
            url: "https://abc.lambda-url.eu-west-1.on.aws/",
            timeout: "5000ms",
            query_params: { source: "lakefs", tag: ["a", "b: c"] },
            headers: { "x-lakefs-webhook-secret": "{{ ENV.LAKEFSACTION_SECRET }}" },
          },
        },
      ],
    });
  });

  it("refuses an unknown event, a URL that is not http(s), tag events with branches and bad names", () => {
    const base = { name: "a1", url: "http://127.0.0.1:1/", events: ["post-commit"] as const };
    const refused = (input: object, why: RegExp) =>
      assert.throws(() => webhookActionYaml({ ...base, ...input } as never), (e) => e instanceof ValidationError && why.test(e.message));
    refused({ events: ["post-push"] }, /Unknown event "post-push"/);
    refused({ events: [] }, /at least one event/);
    refused({ url: "ftp://host/x" }, /must be http\(s\)/);
    refused({ url: "not a url" }, /not a URL/);
    refused({ events: ["post-create-tag"], branches: ["main"] }, /Tag events take no branches/);
    refused({ name: "../escape" }, /Action name/);
    refused({ timeoutMs: 0 }, /timeoutMs/);
    refused({ secret: { value: "a\nb" } }, /one line/);
  });
});

describe("memoryDeliveryLog", () => {
  it("claims a key once, again after release, and forgets the oldest beyond its size", async () => {
    const log = memoryDeliveryLog(2);
    assert.equal(await log.claim("a"), true);
    assert.equal(await log.claim("a"), false);
    await log.release("a");
    assert.equal(await log.claim("a"), true);
    await log.claim("b");
    await log.claim("c");
    assert.equal(await log.claim("a"), true, "the oldest key was forgotten");
  });
});

describe("types: lakefs-s3/lambda fits @types/aws-lambda", () => {
  it("takes an S3Handler and a function URL / API Gateway v2 event, and answers a structured result", () => {
    expectTypeOf<S3Handler>().toExtend<Parameters<typeof lakeFSWebhookHandler>[0]>();
    expectTypeOf<APIGatewayProxyEventV2>().toExtend<HttpRequestEvent>();
    expectTypeOf<LambdaFunctionURLEvent>().toExtend<HttpRequestEvent>();
    expectTypeOf<ReturnType<LakeFSWebhookHandler>>().toExtend<Promise<APIGatewayProxyStructuredResultV2>>();
    expectTypeOf<ReturnType<typeof s3EventsFromHook>>().toExtend<AsyncIterable<S3Event>>();
  });
});
