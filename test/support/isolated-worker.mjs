// The entry of a worker thread started by isolated-runner.ts: registers tsx (the test
// runner's `--import tsx` does not reach worker threads on Node 20), then loads the module
// named in workerData and answers each message `{ id, input }` with `{ id, outcome }`
// from the module's `handle(input)`.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { handle } = await import(workerData.module);
parentPort.on("message", async ({ id, input }) => {
  let outcome;
  try {
    outcome = { kind: "resolved", value: await handle(input) };
  } catch (err) {
    const e = err ?? {};
    outcome = {
      kind: "rejected",
      error: { name: String(e.name ?? typeof err), code: e.code === undefined ? undefined : String(e.code), status: typeof e.status === "number" ? e.status : undefined, message: String(e.message ?? err) },
    };
  }
  parentPort.postMessage({ id, outcome });
});
parentPort.postMessage({ ready: true });
