/**
 * The baseline for handler.ts: the same read, summary and write with only
 * `@aws-sdk/client-s3` against lakeFS's S3 gateway, and no commit (the S3 API
 * has none). Used to compare bundle size and import time with the lakefs-s3
 * version; see test/integration/lambda.test.ts.
 *
 * Environment: LAKECTL_SERVER_ENDPOINT_URL, LAKECTL_CREDENTIALS_ACCESS_KEY_ID,
 * LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY, OUTPUT_BRANCH.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { deadlineSignal, objectsFromS3Event, summaryPath, type LambdaContext, type S3Event } from "./s3-event.js";
import { summarizeCsv } from "./summarize-csv.js";

/** One client per execution environment, configured by hand for the gateway. */
const s3 = new S3Client({
  endpoint: process.env.LAKECTL_SERVER_ENDPOINT_URL,
  region: "us-east-1",
  credentials: {
    accessKeyId: process.env.LAKECTL_CREDENTIALS_ACCESS_KEY_ID ?? "",
    secretAccessKey: process.env.LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY ?? "",
  },
  forcePathStyle: true,
  requestChecksumCalculation: "WHEN_REQUIRED",
  responseChecksumValidation: "WHEN_REQUIRED",
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 2_000, requestTimeout: 15_000 },
});

export interface BaselineResult {
  readonly outputs: Array<{ source: string; output: string; rows: number }>;
  readonly skipped: string[];
}

export const handler = async (event: S3Event, context?: LambdaContext): Promise<BaselineResult> => {
  const outputBranch = process.env.OUTPUT_BRANCH;
  if (!outputBranch) throw new Error("Set OUTPUT_BRANCH to the branch that receives the summaries");
  const abortSignal = deadlineSignal(context);
  const result: BaselineResult = { outputs: [], skipped: [] };
  for (const { repository, branch, path } of objectsFromS3Event(event)) {
    const uri = `lakefs://${repository}/${branch}/${path}`;
    if (branch === outputBranch) {
      result.skipped.push(uri);
      continue;
    }
    const got = await s3.send(new GetObjectCommand({ Bucket: repository, Key: `${branch}/${path}` }), { abortSignal });
    const summary = summarizeCsv(await got.Body!.transformToString(), uri);
    const key = `${outputBranch}/${summaryPath(path)}`;
    await s3.send(
      new PutObjectCommand({ Bucket: repository, Key: key, Body: JSON.stringify(summary, null, 2), ContentType: "application/json" }),
      { abortSignal },
    );
    result.outputs.push({ source: uri, output: `lakefs://${repository}/${key}`, rows: summary.rows });
  }
  return result;
};
