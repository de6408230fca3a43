/**
 * Driver for lakefs-s3's high-level API, as an application would use it:
 * `lakefs.repository(r).branch(b).object(p).upload/bytes/download` and
 * `.objects()`, with the client's defaults except the connection settings.
 * With `stream` set, the large object goes up from `fs.createReadStream(file)`
 * and comes down as `stream()` piped to the file. The data path: the client's
 * default (`"auto"`) on the local blockstore; on `--blockstore minio` pinned to
 * `"presigned"` when the task says `presign` (the bench's lakefs-s3-presigned)
 * and to `"gateway"` when it says `gatewayOnly`. `bytes()` reads over REST
 * under `"auto"` and through the gateway otherwise, so the presigned client
 * reads its small objects with `download()` into memory.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { LakeFS, type ObjectHandle } from "../../src/index.js";
import { checkSample, cpuSince, main, pool, randomOffsets, report, since, smallContent, smallKey, type Task } from "./common.js";

/** The object's bytes through `download()` to an in-memory stream, which honours the client's dataPath. */
async function downloadBytes(object: ObjectHandle): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await object.download(sink);
  return Buffer.concat(chunks);
}

main(async (task: Task) => {
  const lakefs = new LakeFS({
    endpoint: task.endpoint,
    accessKeyId: task.accessKeyId,
    secretAccessKey: task.secretAccessKey,
    lakectlConfigFile: false,
    ...(task.presign ? { dataPath: "presigned" as const } : task.gatewayOnly ? { dataPath: "gateway" as const } : {}),
  });
  const branch = lakefs.repository(task.repository).branch(task.branch);
  try {
    switch (task.op) {
      case "small": {
        const bodies = Array.from({ length: task.count }, (_, i) => smallContent(i, task.size));
        let c = process.cpuUsage();
        let t = performance.now();
        await pool(task.count, task.concurrency, async (i) => {
          await branch.object(smallKey(task.prefix, i)).upload(bodies[i]!);
        });
        const putSeconds = since(t);
        const putCpuSeconds = cpuSince(c);
        const sample = new Set(task.sample);
        const got = new Map<number, Uint8Array>();
        c = process.cpuUsage();
        t = performance.now();
        await pool(task.count, task.concurrency, async (i) => {
          const object = branch.object(smallKey(task.prefix, i));
          const bytes = task.presign ? await downloadBytes(object) : await object.bytes();
          if (sample.has(i)) got.set(i, bytes);
        });
        const getSeconds = since(t);
        const getCpuSeconds = cpuSince(c);
        report({ op: task.op, putSeconds, getSeconds, putCpuSeconds, getCpuSeconds, ...checkSample(task, got) });
        return;
      }
      case "large-put": {
        const c = process.cpuUsage();
        const t = performance.now();
        const source = task.stream ? createReadStream(task.file) : { file: task.file };
        await branch.object(task.key).upload(source, { partSize: task.partSize, queueSize: task.concurrency });
        report({ op: task.op, seconds: since(t), workCpuSeconds: cpuSince(c) });
        return;
      }
      case "large-get": {
        const c = process.cpuUsage();
        const t = performance.now();
        const object = branch.object(task.key);
        if (task.stream) await pipeline(await object.stream(), createWriteStream(task.dest));
        else await object.download(task.dest, { partSize: task.partSize, concurrency: task.concurrency });
        report({ op: task.op, seconds: since(t), workCpuSeconds: cpuSince(c), count: statSync(task.dest).size });
        return;
      }
      case "random-read": {
        const offsets = randomOffsets(task);
        const hash = createHash("sha256");
        const buffer = Buffer.alloc(task.readSize);
        const c = process.cpuUsage();
        const t = performance.now();
        await using reader = await branch.object(task.key).open();
        for (const at of offsets) {
          const { bytesRead } = await reader.read(buffer, 0, task.readSize, at);
          hash.update(buffer.subarray(0, bytesRead));
        }
        report({ op: task.op, seconds: since(t), workCpuSeconds: cpuSince(c), digest: hash.digest("hex") });
        return;
      }
      case "list": {
        const c = process.cpuUsage();
        const t = performance.now();
        let count = 0;
        for await (const entry of branch.objects({ prefix: task.prefix, pageSize: task.pageSize })) if (entry.type === "object") count++;
        report({ op: task.op, seconds: since(t), workCpuSeconds: cpuSince(c), count });
        return;
      }
    }
  } finally {
    lakefs.destroy();
  }
});
