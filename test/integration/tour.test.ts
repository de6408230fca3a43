import { it } from "node:test";
import assert from "node:assert/strict";
import { runTour } from "../../examples/tour.js";
import { testClient, useLakeFS } from "../support/lakefs.js";

const ctx = useLakeFS();

it("the tour runs every step against the real server and cleans up", async () => {
  const lines: string[] = [];
  const lakefs = testClient(ctx.server);
  const steps = await runTour(lakefs, "local://tour-test", (line) => lines.push(line), { importDir: ctx.server.importDir });
  const out = lines.join("\n");
  assert.equal(steps, 16);
  assert.match(out, /imported 2 objects in commit [0-9a-f]{12} "Import the 2025 data"/);
  assert.match(out, /data\/2025\/sales\.csv: "region,amount\\nnorth,7\\nsouth,21\\n"/);
  assert.match(out, /big\.bin: 25165824 bytes \(multipart\)/);
  assert.match(out, /100%\s+24\.0\/24\.0 MiB/);
  assert.match(out, /sales\.csv: "region,amount\\nnorth,10\\nsouth,32\\n"/);
  assert.match(out, /bytes 0-5 of sales\.csv: "region"/);
  assert.match(out, /main now has sales\.csv: true/);
  assert.match(out, /main~1 has sales\.csv: false/);
  assert.match(out, /failed transaction rolled back .*still "final version"/);
  assert.match(out, /MergeConflictError on data\/2026\/summary\.txt/);
  // Nothing left behind: the tour's repository is gone from the listing.
  const left = [];
  for await (const repo of lakefs.repositories({ prefix: "tour-" })) left.push(repo.id);
  assert.deepEqual(left, []);
  lakefs.destroy();
});
