/**
 * An AWS Lambda function on lakeFS, written with lakefs-s3: for each object
 * named by an S3 event (bucket = repository, key = `<branch>/<path>`), read
 * the CSV, summarize it, write the summary to the branch `OUTPUT_BRANCH`,
 * and commit there, so that every output is a versioned, attributable commit.
 *
 * Configuration comes from the environment only:
 *   LAKECTL_SERVER_ENDPOINT_URL, LAKECTL_CREDENTIALS_ACCESS_KEY_ID,
 *   LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY   (read by lakefs-s3, as lakectl does)
 *   OUTPUT_BRANCH                            (created from the source branch if missing)
 *
 * Build: `npm run build:lambda` bundles it to dist-lambda/handler.mjs (ESM,
 * Node 20); deploy that file with the handler `handler.handler`.
 */
import { LakeFS, ValidationError } from "../../src/index.js";
import { deadlineSignal, objectsFromS3Event, summaryPath, type LambdaContext, type S3Event } from "./s3-event.js";
import { summarizeCsv } from "./summarize-csv.js";

/**
 * One client per execution environment (module scope): warm invocations reuse
 * its resolved configuration and keep-alive sockets. Creating it sends
 * nothing and reads nothing, so it costs nothing at cold start.
 */
const lakefs = new LakeFS({
  // Environment only: no ~/.lakectl.yaml lookup (there is none in Lambda), so the YAML parser is never loaded.
  lakectlConfigFile: false,
  // Fail fast and visibly, well inside the function's own timeout.
  connectionTimeout: 2_000,
  requestTimeout: 15_000,
  socketTimeout: 10_000,
  maxAttempts: 2,
});

/** Output branches known to exist in this execution environment. */
const readyBranches = new Set<string>();

/** What one invocation did. */
export interface HandlerResult {
  readonly outputs: Array<{ source: string; output: string; rows: number }>;
  readonly commits: Array<{ repository: string; branch: string; commitId: string | null }>;
  /** Records on the output branch itself, skipped so the function does not trigger itself. */
  readonly skipped: string[];
}

export const handler = async (event: S3Event, context?: LambdaContext): Promise<HandlerResult> => {
  const outputBranch = process.env.OUTPUT_BRANCH;
  if (!outputBranch) throw new Error("Set OUTPUT_BRANCH to the branch that receives the summaries");
  const signal = deadlineSignal(context);
  const result: HandlerResult = { outputs: [], commits: [], skipped: [] };
  const written = new Map<string, { source: string; sources: string[] }>();

  for (const { repository, branch, path } of objectsFromS3Event(event)) {
    const uri = `lakefs://${repository}/${branch}/${path}`;
    if (branch === outputBranch) {
      result.skipped.push(uri);
      continue;
    }
    const repo = lakefs.repository(repository);
    const out = repo.branch(outputBranch);
    if (!readyBranches.has(`${repository}/${outputBranch}`)) {
      await out.create(branch, { existOk: true, signal });
      readyBranches.add(`${repository}/${outputBranch}`);
    }
    const summary = summarizeCsv(await repo.ref(branch).object(path).text({ signal }), uri);
    const target = out.object(summaryPath(path));
    await target.upload(JSON.stringify(summary, null, 2), { contentType: "application/json", metadata: { source: encodeURI(uri) }, signal });
    result.outputs.push({ source: uri, output: target.uri, rows: summary.rows });
    const entry = written.get(repository) ?? { source: branch, sources: [] };
    entry.sources.push(uri);
    written.set(repository, entry);
  }

  // One commit per repository and invocation.
  for (const [repository, { sources }] of written) {
    try {
      const commit = await lakefs.repository(repository).branch(outputBranch).commit({
        message: `Summarize ${sources.length} CSV file${sources.length === 1 ? "" : "s"}`,
        metadata: { sources: sources.join(" "), ...(context?.awsRequestId ? { "lambda.request_id": context.awsRequestId } : {}) },
        signal,
      });
      result.commits.push({ repository, branch: outputBranch, commitId: commit.id });
    } catch (err) {
      // A concurrent invocation may have committed our uploads along with its own.
      if (err instanceof ValidationError && /no changes/.test(err.message)) {
        result.commits.push({ repository, branch: outputBranch, commitId: null });
      } else {
        throw err;
      }
    }
  }
  return result;
};
