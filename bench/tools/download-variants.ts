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
import { createReadStream, createWriteStream, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { downloadObject } from "../../src/s3.js";
import { C, MiB, PART, SIZE, runVariants } from "./variant-harness.js";

let dest = "";
await runVariants(
  "dlv",
  async ({ lakefs, raw, dir, src }) => {
    dest = join(dir, "dest.bin");
    await new Upload({ client: raw, params: { Bucket: "dlv", Key: "main/big.bin", Body: createReadStream(src) }, partSize: PART, queueSize: 4 }).done();
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
    return variants;
  },
  () => rmSync(dest, { force: true }),
);
