/**
 * Ways to upload one large file, in one process against one lakeFS, with wall
 * time and CPU time of each: lib-storage's `Upload` on the raw SDK client with
 * a plain file stream, lakefs-s3's `uploadObject` with `{ file }`, and
 * `uploadObject` with a file stream read in 1 MiB chunks.
 *
 *   SIZE=512 ROUNDS=3 [C=4] [ONLY=substring] node --import tsx bench/tools/upload-variants.ts   (SIZE in MiB)
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { LakeFS } from "../../src/index.js";
import { uploadObject } from "../../src/gateway/objects/index.js";
import { startLakeFS } from "../../tools/lakefs/server.js";

const MiB = 1024 * 1024;
const SIZE = (Number(process.env.SIZE ?? 512) || 512) * MiB;
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PART = 8 * MiB;
const C = Number(process.env.C ?? 4);

const server = await startLakeFS();
const dir = mkdtempSync(join(tmpdir(), "ul-variants-"));
try {
  const lakefs = new LakeFS({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false });
  const raw = new S3Client({
    endpoint: server.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    forcePathStyle: true,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 16 }) }),
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  await lakefs.repository("ulv").create({ storageNamespace: "local://ulv" });
  const src = join(dir, "src.bin");
  {
    const out = createWriteStream(src);
    const block = Buffer.alloc(MiB, 1);
    for (let i = 0; i < SIZE / MiB; i++) if (!out.write(block)) await new Promise<void>((r) => out.once("drain", () => r()));
    out.end();
    await new Promise<void>((r) => out.once("finish", () => r()));
  }
  const location = { repository: "ulv", ref: "main", path: "big.bin" };
  const variants: Record<string, () => Promise<unknown>> = {
    "lib-storage Upload, raw client": () =>
      new Upload({ client: raw, params: { Bucket: "ulv", Key: "main/big.bin", Body: createReadStream(src) }, partSize: PART, queueSize: C }).done(),
    "uploadObject { file }": () => uploadObject(lakefs.s3, location, { file: src }, { partSize: PART, queueSize: C }),
    "uploadObject, 1 MiB stream chunks": () =>
      uploadObject(lakefs.s3, location, createReadStream(src, { highWaterMark: MiB }), { partSize: PART, queueSize: C }),
  };
  if (process.env.ONLY) for (const k of Object.keys(variants)) if (!k.includes(process.env.ONLY)) delete variants[k];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(variants)) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await run();
      const s = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(c0);
      process.stdout.write(
        `${round} ${name.padEnd(34)} ${(SIZE / MiB / s).toFixed(0).padStart(5)} MiB/s  CPU ${((cpu.user + cpu.system) / 1e6 / (SIZE / 1024 / MiB)).toFixed(2)} s/GiB\n`,
      );
    }
  }
  lakefs.destroy();
  raw.destroy();
} finally {
  rmSync(dir, { recursive: true, force: true });
  await server.stop();
}
