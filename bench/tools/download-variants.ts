/**
 * Ways to download one large object to a file, in one process against one
 * lakeFS, with wall time and CPU time of each: a single GetObject stream,
 * lakefs-s3's downloadObject, and hand-written parallel ranged GETs: written in
 * place (pwrite at each part's offset as bytes arrive, or batched per MiB with
 * writev), or buffered whole and written in order (what downloadObject did
 * before it wrote files in place). The receive floor too: bare `node:http`
 * GETs (no SDK) of the whole object and of C parallel ranges, from the gateway
 * (a presigned URL) and from REST `GET /objects` (Basic auth), to /dev/null
 * and written in place into a file. Each line gives this process's CPU and
 * lakeFS's per GiB.
 *
 *   SIZE=512 ROUNDS=3 [C=4] [ONLY=substring] node --import tsx bench/tools/download-variants.ts   (SIZE in MiB)
 */
import { createReadStream, createWriteStream, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Agent, request } from "node:http";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Upload } from "@aws-sdk/lib-storage";
import { downloadObject } from "../../src/s3.js";
import { C, MiB, PART, SIZE, runVariants } from "./variant-harness.js";

let dest = "";
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** One bare GET: `sink` gets every chunk with its offset in the object; resolves after the body ends. */
function bareGet(url: string, headers: Record<string, string>, start: number, sink: (chunk: Buffer, pos: number) => Promise<void> | void): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      if ((res.statusCode ?? 0) >= 300) {
        res.resume();
        reject(new Error(`GET answered ${res.statusCode}`));
        return;
      }
      let pos = start;
      (async () => {
        for await (const chunk of res) {
          const p = sink(chunk as Buffer, pos);
          pos += (chunk as Buffer).length;
          if (p) await p;
        }
      })().then(resolve, reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** The whole object (C = 1) or C parallel ranges of PART bytes, each handed to `sink`. */
async function bareDownload(url: () => Promise<string>, auth: Record<string, string>, c: number, sink: (chunk: Buffer, pos: number) => Promise<void> | void): Promise<void> {
  if (c === 1) return bareGet(await url(), auth, 0, sink);
  let next = 0;
  const parts = Math.ceil(SIZE / PART);
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (next < parts) {
        const i = next++;
        const start = i * PART;
        const end = Math.min(SIZE, start + PART) - 1;
        await bareGet(await url(), { ...auth, range: `bytes=${start}-${end}` }, start, sink);
      }
    }),
  );
}
await runVariants(
  "dlv",
  async ({ server, lakefs, raw, dir, src }) => {
    dest = join(dir, "dest.bin");
    await new Upload({ client: raw, params: { Bucket: "dlv", Key: "main/big.bin", Body: createReadStream(src) }, partSize: PART, queueSize: 4 }).done();
    const location = { repository: "dlv", ref: "main", path: "big.bin" };

    const presigned = (): Promise<string> => getSignedUrl(raw, new GetObjectCommand({ Bucket: "dlv", Key: "main/big.bin" }), { expiresIn: 600 });
    const restUrl = async (): Promise<string> => `${server.endpoint}/api/v1/repositories/dlv/refs/main/objects?path=big.bin`;
    const basic = { authorization: `Basic ${Buffer.from(`${server.accessKeyId}:${server.secretAccessKey}`).toString("base64")}` };
    const toFile = (make: (write: (chunk: Buffer, pos: number) => Promise<void> | void) => Promise<void>) => async (): Promise<void> => {
      const fh = await open(dest, "w");
      try {
        await make(async (chunk, pos) => {
          await fh.write(chunk, 0, chunk.length, pos);
        });
      } finally {
        await fh.close();
      }
    };
    const bare: Record<string, () => Promise<unknown>> = {};
    for (const [door, url, auth] of [["gateway", presigned, {}], ["REST", restUrl, basic]] as const) {
      for (const c of [1, C]) {
        const what = c === 1 ? "whole" : `${c} ranges`;
        bare[`bare http ${door} ${what} → /dev/null`] = () => bareDownload(url, auth, c, () => undefined);
        bare[`bare http ${door} ${what} → file (write/chunk)`] = toFile((write) => bareDownload(url, auth, c, write));
      }
    }
    const variants: Record<string, () => Promise<unknown>> = {
      ...bare,
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
