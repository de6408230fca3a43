/**
 * Ways to download one large object to a file, in one process against one
 * lakeFS, with wall time and CPU time of each: a single GetObject stream,
 * lakefs-s3's downloadObject, and hand-written parallel ranged GETs: written in
 * place (pwrite at each part's offset as bytes arrive, or batched per MiB with
 * writev), or buffered whole and written in order (what downloadObject did
 * before it wrote files in place).
 *
 *   SIZE=512 ROUNDS=3 [C=4] [ONLY=substring] node --import tsx bench/tools/download-variants.ts   (SIZE in MiB)
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { LakeFS } from "../../src/index.js";
import { downloadObject } from "../../src/gateway/objects/index.js";
import { startLakeFS } from "../../tools/lakefs/server.js";

const MiB = 1024 * 1024;
const SIZE = (Number(/^(\d+)/.exec(process.env.SIZE ?? "512")?.[1]) || 512) * MiB;
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PART = 8 * MiB;
const C = Number(process.env.C ?? 4);

const server = await startLakeFS();
const dir = mkdtempSync(join(tmpdir(), "dl-variants-"));
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
  await lakefs.repository("dlv").create({ storageNamespace: "local://dlv" });
  const src = join(dir, "src.bin");
  {
    const out = createWriteStream(src);
    const block = Buffer.alloc(MiB, 1);
    for (let i = 0; i < SIZE / MiB; i++) if (!out.write(block)) await new Promise<void>((r) => out.once("drain", () => r()));
    out.end();
    await new Promise<void>((r) => out.once("finish", () => r()));
  }
  await new Upload({ client: raw, params: { Bucket: "dlv", Key: "main/big.bin", Body: createReadStream(src) }, partSize: PART, queueSize: 4 }).done();
  const dest = join(dir, "dest.bin");
  const location = { repository: "dlv", ref: "main", path: "big.bin" };

  const variants: Record<string, () => Promise<unknown>> = {
    "single GetObject stream": async () => {
      const out = await raw.send(new GetObjectCommand({ Bucket: "dlv", Key: "main/big.bin" }));
      await pipeline(out.Body as Readable, createWriteStream(dest));
    },
    [`downloadObject c=${C}`]: () => downloadObject(lakefs.s3, location, dest, { concurrency: C, partSize: PART }),
    [`ranged GETs c=${C}, pwrite in place`]: async () => {
      const fh = await open(dest, "w");
      try {
        let next = 0;
        const parts = Math.ceil(SIZE / PART);
        await Promise.all(
          Array.from({ length: C }, async () => {
            while (next < parts) {
              const i = next++;
              const start = i * PART;
              const end = Math.min(SIZE, start + PART) - 1;
              const out = await raw.send(new GetObjectCommand({ Bucket: "dlv", Key: "main/big.bin", Range: `bytes=${start}-${end}` }));
              let pos = start;
              for await (const chunk of out.Body as Readable) {
                const buf = chunk as Buffer;
                let off = 0;
                while (off < buf.length) {
                  const { bytesWritten } = await fh.write(buf, off, buf.length - off, pos);
                  off += bytesWritten;
                  pos += bytesWritten;
                }
              }
            }
          }),
        );
      } finally {
        await fh.close();
      }
    },
  };
  variants[`ranged GETs c=${C}, buffered, in order`] = async () => {
    const fh = await open(dest, "w");
    try {
      const parts = Math.ceil(SIZE / PART);
      const fetch = async (i: number): Promise<Buffer> => {
        const start = i * PART;
        const end = Math.min(SIZE, start + PART) - 1;
        const out = await raw.send(new GetObjectCommand({ Bucket: "dlv", Key: "main/big.bin", Range: `bytes=${start}-${end}` }));
        const buf = Buffer.allocUnsafe(end - start + 1);
        let pos = 0;
        for await (const chunk of out.Body as Readable) {
          (chunk as Buffer).copy(buf, pos);
          pos += (chunk as Buffer).length;
        }
        return buf;
      };
      const inFlight = new Map<number, Promise<Buffer>>();
      for (let i = 0; i < Math.min(C, parts); i++) inFlight.set(i, fetch(i));
      for (let i = 0; i < parts; i++) {
        const buf = await inFlight.get(i)!;
        inFlight.delete(i);
        await fh.write(buf);
        if (i + C < parts) inFlight.set(i + C, fetch(i + C));
      }
    } finally {
      await fh.close();
    }
  };
  variants[`ranged GETs c=${C}, writev in place per 1 MiB`] = async () => {
    const fh = await open(dest, "w");
    try {
      let next = 0;
      const parts = Math.ceil(SIZE / PART);
      await Promise.all(
        Array.from({ length: C }, async () => {
          while (next < parts) {
            const i = next++;
            const start = i * PART;
            const end = Math.min(SIZE, start + PART) - 1;
            const out = await raw.send(new GetObjectCommand({ Bucket: "dlv", Key: "main/big.bin", Range: `bytes=${start}-${end}` }));
            let pos = start;
            let batch: Buffer[] = [];
            let batched = 0;
            const flush = async (): Promise<void> => {
              if (batched === 0) return;
              const { bytesWritten } = await fh.writev(batch, pos);
              if (bytesWritten !== batched) throw new Error("short writev");
              pos += batched;
              batch = [];
              batched = 0;
            };
            for await (const chunk of out.Body as Readable) {
              batch.push(chunk as Buffer);
              batched += (chunk as Buffer).length;
              if (batched >= MiB) await flush();
            }
            await flush();
          }
        }),
      );
    } finally {
      await fh.close();
    }
  };
  if (process.env.ONLY) for (const k of Object.keys(variants)) if (!k.includes(process.env.ONLY)) delete variants[k];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(variants)) {
      rmSync(dest, { force: true });
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
