/**
 * `lakefs-s3 tour` from the checkout, against the test server with
 * `--storage-namespace` (the embedded-server mode starts its own lakeFS the
 * same way `npm run tour` does; the package-install test covers the message
 * of the installed package).
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import { useLakeFS } from "../support/lakefs.js";
import { lakectlEnv, runCli } from "../support/cli-support.js";

const ctx = useLakeFS();

it("tour --storage-namespace runs every step against the configured server", async () => {
  const run = await runCli(["tour", "--storage-namespace", "local://cli-tour"], { env: lakectlEnv(ctx.server), timeoutMs: 300_000 });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^1\. Create a repository/m);
  assert.match(run.stdout, /MergeConflictError on data\/2026\/summary\.txt/);
  assert.match(run.stdout, /skipped: the tour did not start this server/);
  assert.match(run.stdout, /^Tour complete: 16 steps\.$/m);
});

it("tour without a server to talk to fails with status 1 and the library's error", async () => {
  const run = await runCli(["tour", "--storage-namespace", "local://cli-tour"], {
    env: lakectlEnv(ctx.server, { LAKECTL_SERVER_ENDPOINT_URL: "http://127.0.0.1:1" }),
  });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^lakefs-s3 tour: NetworkError: .*cannot reach lakeFS at http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/m);
});
