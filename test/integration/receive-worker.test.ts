/**
 * download() into a file of more than one part: the ranges after the first
 * are received and written into the file by a worker thread of the client's
 * (src/http/direct/worker-receiver.ts), so each block is written from the
 * thread that received it and the caller's event loop never waits for the
 * disk. On the gateway and on the presigned data path, against a real lakeFS
 * on MinIO: the bytes, the worker's thread and connections coming and going
 * with the client, an abort mid-way. Every other failure of these paths runs
 * in the contract suite, which goes through the worker for its file downloads.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { AbortError, type DataPath, type LakeFS } from "../../src/index.js";
import { connectionsTo } from "../support/connections.js";
import { rejection } from "../support/rejection.js";
import { testClient, uniqueRepoName, useLakeFS } from "../support/lakefs.js";

const ctx = useLakeFS({ blockstore: "minio" });
const MiB = 1024 * 1024;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** This process's threads (Linux). */
const threads = (): number => readdirSync("/proc/self/task").length;

/** Polls `read` until it returns `want` or 5 s pass; returns the last value. */
async function settlesAt(read: () => number, want: number): Promise<number> {
  for (let i = 0; i < 100 && read() !== want; i++) await sleep(50);
  return read();
}

for (const dataPath of ["gateway", "presigned"] as const satisfies readonly DataPath[]) {
  describe(`download() into a file on the ${dataPath} data path`, () => {
    let dir: string;
    let repo: string;
    const body = randomBytes(24 * MiB + 5);

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), "lakefs-s3-worker-"));
      const setup = testClient(ctx.server);
      repo = uniqueRepoName("worker");
      const main = (await setup.repository(repo).create({ storageNamespace: ctx.namespace(repo) })).branch("main");
      await main.object("big.bin").upload(body, { dataPath: "gateway" });
      await main.object("small.bin").upload(body.subarray(0, 3 * MiB), { dataPath: "gateway" });
      setup.destroy();
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const open = (lakefs: LakeFS, path: string) => lakefs.repository(repo).branch("main").object(path);

    it("a one-part download starts no thread; a download of several parts is written by one the client keeps until destroy()", async () => {
      const store = Number(new URL(dataPath === "presigned" ? ctx.minio!.endpoint : ctx.server.endpoint).port);
      // Connections the test's own helpers keep to the store are not the client's.
      const others = connectionsTo(store);
      const lakefs = testClient(ctx.server, undefined, { dataPath });
      const before = threads();
      await open(lakefs, "small.bin").download(join(dir, `small-${dataPath}.bin`), { partSize: 8 * MiB });
      assert.equal(threads(), before, "one part: received on the main thread");
      await open(lakefs, "big.bin").download(join(dir, `big-${dataPath}.bin`), { partSize: 4 * MiB, concurrency: 3 });
      assert.equal(sha(readFileSync(join(dir, `big-${dataPath}.bin`))), sha(body));
      const withWorker = threads();
      assert.ok(withWorker > before, `a worker thread runs (${before} → ${withWorker} threads)`);
      // A second download reuses it.
      await open(lakefs, "big.bin").download(join(dir, `again-${dataPath}.bin`), { partSize: 4 * MiB });
      assert.equal(sha(readFileSync(join(dir, `again-${dataPath}.bin`))), sha(body));
      assert.equal(threads(), withWorker, "the same worker took the second download");
      assert.ok(connectionsTo(store, others).size > 0, "the client holds kept-alive connections to the store");
      lakefs.destroy();
      assert.equal(await settlesAt(threads, before), before, "destroy() ends the worker's thread");
      assert.equal(await settlesAt(() => connectionsTo(store, others).size, 0), 0, "and its connections");
    });

    it("a process whose only work is the download runs it to the end while its worker starts", async () => {
      // Nothing else keeps this process alive: the first part ends before the worker is ready.
      const target = join(dir, `alone-${dataPath}.bin`);
      const script = `
        import { LakeFS } from ${JSON.stringify(new URL("../../src/index.ts", import.meta.url).href)};
        const [endpoint, accessKeyId, secretAccessKey, repo, dataPath, target] = process.argv.slice(1);
        const lakefs = new LakeFS({ endpoint, accessKeyId, secretAccessKey, lakectlConfigFile: false, dataPath });
        const result = await lakefs.repository(repo).branch("main").object("big.bin").download(target, { partSize: 1024 * 1024 });
        console.log("downloaded", result.size);
        lakefs.destroy();`;
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, ctx.server.endpoint, ctx.server.accessKeyId, ctx.server.secretAccessKey, repo, dataPath, target]);
      assert.equal(stdout.trim(), `downloaded ${body.length}`);
      assert.equal(sha(readFileSync(target)), sha(body));
    });

    it("an abort while the worker writes rejects with AbortError and leaves no file, temporary or not", async () => {
      const lakefs = testClient(ctx.server, undefined, { dataPath });
      const out = mkdtempSync(join(dir, "abort-"));
      const ac = new AbortController();
      const err = await rejection(
        open(lakefs, "big.bin").download(join(out, "big.bin"), {
          partSize: 1 * MiB,
          concurrency: 2,
          signal: ac.signal,
          onProgress: (p) => {
            if (p.loaded >= 6 * MiB) ac.abort();
          },
        }),
      );
      assert.ok(err instanceof AbortError, String(err));
      assert.deepEqual(readdirSync(out), []);
      lakefs.destroy();
    });
  });
}
