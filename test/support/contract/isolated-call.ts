/**
 * The contract suite's calls that may never return (a transfer option such as
 * `partSize: 0` that a planner loops on), run in a worker thread by
 * isolated-runner.ts: `handle()` makes one upload or read on a path of the
 * table with one option set, on a client of its own, and destroys the client.
 */
import { LakeFS } from "../../../src/index.js";
import { pathById, readOn, uploadOn, type BodySpec, type DownPath, type Target, type UpPath } from "./paths.js";

/** One call: where, on which path, with which option value. */
export interface IsolatedCall {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly direction: "up" | "down";
  readonly pathId: string;
  readonly target: Target;
  /** The download's folder, or where the body's file is. */
  readonly dir: string;
  /** For an upload. */
  readonly body?: BodySpec;
  readonly options: Readonly<Record<string, number>>;
}

/** Makes the call; resolves with what it returned (sizes only), rejects with its error. */
export async function handle(call: IsolatedCall): Promise<unknown> {
  const lakefs = new LakeFS({
    endpoint: call.endpoint,
    accessKeyId: call.accessKeyId,
    secretAccessKey: call.secretAccessKey,
    lakectlConfigFile: false,
    proxy: false,
  });
  try {
    if (call.direction === "up") {
      const out = await uploadOn(lakefs, pathById("up", call.pathId) as UpPath, call.target, call.body!, call.options);
      return { size: out.size, etag: out.etag };
    }
    const out = await readOn(lakefs, pathById("down", call.pathId) as DownPath, call.target, call.dir, call.options);
    return { bytes: out.bytes.length, size: out.size };
  } finally {
    lakefs.destroy();
  }
}
