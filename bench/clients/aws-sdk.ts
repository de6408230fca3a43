/**
 * Driver for the raw `@aws-sdk/client-s3`, configured by hand for the lakeFS
 * gateway as a careful user would: path-style addressing, a keep-alive agent
 * with `maxSockets` = concurrency, checksums only when required. The large
 * object goes up with `@aws-sdk/lib-storage`'s `Upload` and comes down as one
 * `GetObject` stream piped to the file (so a task's `stream` flag changes
 * nothing here: this is the raw baseline of the stream rows).
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { checkSample, cpuSince, main, pool, randomOffsets, report, since, smallContent, smallKey, type Task } from "./common.js";
import { rawS3Client } from "./raw-s3-client.js";

main(async (task: Task) => {
  const s3 = rawS3Client(task, "concurrency" in task ? task.concurrency : 1);
  const Bucket = task.repository;
  const key = (path: string): string => `${task.branch}/${path}`;
  try {
    switch (task.op) {
      case "small": {
        const bodies = Array.from({ length: task.count }, (_, i) => smallContent(i, task.size));
        let c = process.cpuUsage();
        let t = performance.now();
        await pool(task.count, task.concurrency, async (i) => {
          await s3.send(new PutObjectCommand({ Bucket, Key: key(smallKey(task.prefix, i)), Body: bodies[i]! }));
        });
        const putSeconds = since(t);
        const putCpuSeconds = cpuSince(c);
        const sample = new Set(task.sample);
        const got = new Map<number, Uint8Array>();
        c = process.cpuUsage();
        t = performance.now();
        await pool(task.count, task.concurrency, async (i) => {
          const out = await s3.send(new GetObjectCommand({ Bucket, Key: key(smallKey(task.prefix, i)) }));
          const bytes = await out.Body!.transformToByteArray();
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
        await new Upload({
          client: s3,
          params: { Bucket, Key: key(task.key), Body: createReadStream(task.file) },
          partSize: task.partSize,
          queueSize: task.concurrency,
        }).done();
        report({ op: task.op, seconds: since(t), workCpuSeconds: cpuSince(c) });
        return;
      }
      case "large-get": {
        const c = process.cpuUsage();
        const t = performance.now();
        const out = await s3.send(new GetObjectCommand({ Bucket, Key: key(task.key) }));
        await pipeline(out.Body as Readable, createWriteStream(task.dest));
        report({ op: task.op, seconds: since(t), workCpuSeconds: cpuSince(c), count: statSync(task.dest).size });
        return;
      }
      case "random-read": {
        // By hand: one ranged GetObject per read, its body read whole.
        const offsets = randomOffsets(task);
        const hash = createHash("sha256");
        const c = process.cpuUsage();
        const t = performance.now();
        for (const at of offsets) {
          const out = await s3.send(new GetObjectCommand({ Bucket, Key: key(task.key), Range: `bytes=${at}-${at + task.readSize - 1}` }));
          hash.update(await out.Body!.transformToByteArray());
        }
        report({ op: task.op, seconds: since(t), workCpuSeconds: cpuSince(c), digest: hash.digest("hex") });
        return;
      }
      case "list": {
        const c = process.cpuUsage();
        const t = performance.now();
        let count = 0;
        let token: string | undefined;
        do {
          const page = await s3.send(
            new ListObjectsV2Command({ Bucket, Prefix: key(task.prefix), MaxKeys: task.pageSize, ContinuationToken: token }),
          );
          count += page.Contents?.length ?? 0;
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token !== undefined);
        report({ op: task.op, seconds: since(t), workCpuSeconds: cpuSince(c), count });
        return;
      }
    }
  } finally {
    s3.destroy();
  }
});
