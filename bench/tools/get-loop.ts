/**
 * One small object read over and over through one path, for `--cpu-prof`:
 *   VARIANT=handles|raw N=20000 node --cpu-prof --import tsx bench/tools/get-loop.ts
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { LakeFS } from "../../src/index.js";
import { startLakeFS } from "../../tools/lakefs/server.js";
import { rawS3Client } from "../clients/raw-s3-client.js";

const N = Number(process.env.N ?? 20000);
const C = 32;
const server = await startLakeFS();
try {
  const lakefs = new LakeFS({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false });
  const raw = rawS3Client(server, C);
  const repo = await lakefs.repository("getloop").create({ storageNamespace: "local://getloop" });
  const obj = repo.branch("main").object("x");
  await obj.upload(Buffer.alloc(4096, 1));
  const get =
    process.env.VARIANT === "raw"
      ? async () => (await raw.send(new GetObjectCommand({ Bucket: "getloop", Key: "main/x" }))).Body!.transformToByteArray()
      : () => obj.bytes();
  let next = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (next++ < N) await get();
    }),
  );
  const cpu = process.cpuUsage(c0);
  process.stdout.write(`${process.env.VARIANT ?? "handles"}: ${(N / ((performance.now() - t0) / 1000)).toFixed(0)} ops/s, CPU ${((cpu.user + cpu.system) / N).toFixed(0)} µs/op\n`);
  lakefs.destroy();
  raw.destroy();
} finally {
  await server.stop();
}
