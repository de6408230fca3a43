/**
 * Where the CPU of a small PUT or GET goes, layer by layer, in one process
 * against one lakeFS: the raw SDK client, lakefs-s3's gateway client (the same
 * commands, with and without an abort signal), lib-storage's `Upload` on it,
 * the object functions (`uploadObject`, `readObjectBytes`) and the handles
 * (`branch.object(p).upload/bytes`). Prints ops/s and CPU µs per op for each
 * round (and lakeFS's CPU µs per op, from /proc), then the best and the median
 * CPU figure of each after the first (warm-up) round: CPU per op is steadier
 * than ops/s on a machine that runs other work. VARIANTS picks some (e.g.
 * `raw,gatewayClient`).
 *
 *   N=2000 ROUNDS=5 [PHASES=put,get] [VARIANTS=a,b] node --import tsx bench/tools/layers.ts
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { LakeFS } from "../../src/index.js";
import { readObjectBytes, uploadObject } from "../../src/s3.js";
import { startLakeFS } from "../../tools/lakefs/server.js";
import { pool } from "../clients/common.js";
import { rawS3Client } from "../clients/raw-s3-client.js";
import { median } from "../report.js";
import { processCpuSeconds } from "./variant-harness.js";

const N = Number(process.env.N ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PHASES = (process.env.PHASES ?? "put,get").split(",") as ("put" | "get")[];
const ONLY = process.env.VARIANTS?.split(",");
const C = 32;
const Bucket = "layers";

const server = await startLakeFS();
try {
  const lakefs = new LakeFS({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false });
  const raw = rawS3Client(server, C);
  const branch = (await lakefs.repository(Bucket).create({ storageNamespace: `local://${Bucket}` })).branch("main");
  const body = Buffer.alloc(4096, 7);
  const Key = (k: string): string => `main/${k}`;
  const sdkGet = async (s3: S3Client, k: string, abortSignal?: AbortSignal): Promise<Uint8Array> =>
    (await s3.send(new GetObjectCommand({ Bucket, Key: Key(k) }), { abortSignal })).Body!.transformToByteArray();
  const variants: Record<string, { put: (k: string) => Promise<unknown>; get: (k: string) => Promise<unknown> }> = {
    raw: { put: (k) => raw.send(new PutObjectCommand({ Bucket, Key: Key(k), Body: body })), get: (k) => sdkGet(raw, k) },
    gatewayClient: { put: (k) => lakefs.s3.send(new PutObjectCommand({ Bucket, Key: Key(k), Body: body })), get: (k) => sdkGet(lakefs.s3, k) },
    gatewaySignal: {
      put: (k) => lakefs.s3.send(new PutObjectCommand({ Bucket, Key: Key(k), Body: body }), { abortSignal: new AbortController().signal }),
      get: (k) => sdkGet(lakefs.s3, k, new AbortController().signal),
    },
    libStorage: { put: (k) => new Upload({ client: lakefs.s3, params: { Bucket, Key: Key(k), Body: body } }).done(), get: (k) => sdkGet(lakefs.s3, k) },
    objectFns: {
      put: (k) => uploadObject(lakefs.s3, { repository: Bucket, ref: "main", path: k }, body),
      get: (k) => readObjectBytes(lakefs.s3, { repository: Bucket, ref: "main", path: k }),
    },
    handles: { put: (k) => branch.object(k).upload(body), get: (k) => branch.object(k).bytes() },
  };
  const best = new Map<string, number>();
  const all = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, v] of Object.entries(variants).filter(([n]) => !ONLY || ONLY.includes(n))) {
      // Reads need the objects: the first round always writes them.
      for (const phase of round === 0 && !PHASES.includes("put") ? (["put", ...PHASES] as const) : PHASES) {
        const l0 = processCpuSeconds(server.process.pid);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await pool(N, C, async (i) => {
          await v[phase](`${name}/${i}`);
        });
        const wall = (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(c0);
        const us = (cpu.user + cpu.system) / N;
        const lakefsUs = ((processCpuSeconds(server.process.pid) - l0) * 1e6) / N;
        if (round > 0) {
          best.set(`${name} ${phase}`, Math.min(best.get(`${name} ${phase}`) ?? Infinity, us));
          all.set(`${name} ${phase}`, [...(all.get(`${name} ${phase}`) ?? []), us]);
        }
        process.stdout.write(
          `${round} ${name.padEnd(14)} ${phase}  ${(N / wall).toFixed(0).padStart(5)} ops/s  CPU ${us.toFixed(0).padStart(4)} µs/op  lakeFS ${lakefsUs.toFixed(0).padStart(4)} µs/op\n`,
        );
      }
    }
  }
  process.stdout.write("CPU µs/op after the first round, best / median:\n");
  for (const [k, us] of best) process.stdout.write(`  ${k.padEnd(20)} ${us.toFixed(0)} / ${median(all.get(k) ?? []).toFixed(0)}\n`);
  lakefs.destroy();
  raw.destroy();
} finally {
  await server.stop();
}
