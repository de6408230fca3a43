/**
 * A worker thread of `npm run bench:receive`'s `lakefs-s3-direct-workers`:
 * the library's own receiver (`DirectGet`: kept-alive connections, blocks
 * received with `onread`, the body a `Readable` of views) reading its share
 * of the object in `partSize` ranges, each chunk written in place with
 * `writeSync` and its block given back. What a `download()` whose ranges are
 * received and written off the main thread would cost, without the engine's
 * retries, checks or progress. It says when it is loaded, receives on "go",
 * and says when it is done.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import type { Readable } from "node:stream";
import { parentPort, workerData } from "node:worker_threads";
import { HttpRequest } from "@smithy/protocol-http";
import { releaseChunks } from "../../src/http/direct/block-pool.js";
import { DirectGet } from "../../src/http/direct/direct-get.js";
import type { ReceiveTask } from "./task.js";

const { task, range } = workerData as { task: ReceiveTask; range: { start: number; end: number } };
const direct = new DirectGet({ connectionTimeout: 5_000, requestTimeout: 0, socketTimeout: 60_000, maxSockets: 4, tls: { rejectUnauthorized: true } });
const url = new URL(task.url);

/** Receives bytes `start`–`end` into `fd` at their offset. */
async function receive(fd: number, start: number, end: number): Promise<void> {
  const request = new HttpRequest({
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    method: "GET",
    path: `${url.pathname}${url.search}`,
    headers: { host: url.host, range: `bytes=${start}-${end}` },
  });
  const { response } = await direct.handle(request);
  if (response.statusCode !== 206) throw new Error(`status ${response.statusCode}`);
  const body = response.body as Readable;
  let position = start;
  await new Promise<void>((resolve, reject) => {
    body.on("data", (chunk: Buffer) => {
      for (let at = 0; fd >= 0 && at < chunk.length; ) at += writeSync(fd, chunk, at, chunk.length - at, position + at);
      position += chunk.length;
      releaseChunks([chunk]);
    });
    body.once("end", resolve);
    body.once("error", reject);
  });
}

parentPort!.once("message", () => {
  const fd = task.dest ? openSync(task.dest, "r+") : -1;
  (async () => {
    for (let start = range.start; start <= range.end; start += task.partSize) await receive(fd, start, Math.min(range.end, start + task.partSize - 1));
  })().then(
    () => {
      if (fd >= 0) closeSync(fd);
      direct.destroy();
      parentPort!.postMessage("done");
    },
    (err: unknown) => {
      throw err;
    },
  );
});
parentPort!.postMessage("loaded");
