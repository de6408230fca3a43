import { Agent } from "node:http";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Upload } from "@aws-sdk/lib-storage";
import { startLakeFS } from "../../tools/lakefs/server.js";
import { LakeFS } from "../../src/index.js";
import { uploadObject, readObjectBytes } from "../../src/gateway/objects/index.js";
import { uploadObject as uploadObjectBefore } from "./_before/upload-object.js";
const N = Number(process.env.N ?? 2000), C = 32;
const server = await startLakeFS();
const pool = async (n: number, c: number, f: (i: number) => Promise<unknown>) => { let next = 0; await Promise.all(Array.from({ length: c }, async () => { while (next < n) await f(next++); })); };
try {
  const lakefs = new LakeFS({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false });
  const raw = new S3Client({ endpoint: server.endpoint, region: "us-east-1", credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey }, forcePathStyle: true,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: C }) }), requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" });
  const repo = await lakefs.repository("micro").create({ storageNamespace: "local://micro" });
  const b = repo.branch("main");
  const body = Buffer.alloc(4096, 7);
  const variants: Record<string, { put: (k: string) => Promise<unknown>; get: (k: string) => Promise<unknown> }> = {
    raw: { put: (k) => raw.send(new PutObjectCommand({ Bucket: "micro", Key: `main/${k}`, Body: body })), get: async (k) => (await raw.send(new GetObjectCommand({ Bucket: "micro", Key: `main/${k}` }))).Body!.transformToByteArray() },
    gatewayClient: { put: (k) => lakefs.s3.send(new PutObjectCommand({ Bucket: "micro", Key: `main/${k}`, Body: body })), get: async (k) => (await lakefs.s3.send(new GetObjectCommand({ Bucket: "micro", Key: `main/${k}` }))).Body!.transformToByteArray() },
    gatewaySignal: { put: (k) => lakefs.s3.send(new PutObjectCommand({ Bucket: "micro", Key: `main/${k}`, Body: body }), { abortSignal: new AbortController().signal }), get: async (k) => (await lakefs.s3.send(new GetObjectCommand({ Bucket: "micro", Key: `main/${k}` }), { abortSignal: new AbortController().signal })).Body!.transformToByteArray() },
    libStorage: { put: (k) => new Upload({ client: lakefs.s3, params: { Bucket: "micro", Key: `main/${k}`, Body: body } }).done(), get: async (k) => (await lakefs.s3.send(new GetObjectCommand({ Bucket: "micro", Key: `main/${k}` }))).Body!.transformToByteArray() },
    uploadBefore: { put: (k) => uploadObjectBefore(lakefs.s3, { repository: "micro", ref: "main", path: k }, body), get: (k) => readObjectBytes(lakefs.s3, { repository: "micro", ref: "main", path: k }) },
    objectFns: { put: (k) => uploadObject(lakefs.s3, { repository: "micro", ref: "main", path: k }, body), get: (k) => readObjectBytes(lakefs.s3, { repository: "micro", ref: "main", path: k }) },
    handles: { put: (k) => b.object(k).upload(body), get: (k) => b.object(k).bytes() },
  };
  const best = new Map<string, number>();
  const rounds = Number(process.env.ROUNDS ?? 3);
  for (let round = 0; round < rounds; round++) {
    for (const [name, v] of Object.entries(variants)) {
      for (const phase of (process.env.PHASES ?? "put,get").split(",") as ("put" | "get")[]) {
        const c0 = process.cpuUsage(); const t0 = performance.now();
        await pool(N, C, (i) => v[phase](`${name}/${i}`));
        const wall = performance.now() - t0; const cpu = process.cpuUsage(c0);
        const us = ((cpu.user + cpu.system) / N);
        if (round > 0) best.set(`${name} ${phase}`, Math.min(best.get(`${name} ${phase}`) ?? Infinity, us));
        console.log(`${round} ${name.padEnd(14)} ${phase}  ${(N / wall * 1000).toFixed(0).padStart(5)} ops/s  cpu ${((cpu.user + cpu.system) / 1000 / N * 1000).toFixed(0).padStart(4)} µs/op`);
      }
    }
  }
  console.log("best CPU µs/op after the first round:");
  for (const [k, us] of best) console.log(`  ${k.padEnd(20)} ${us.toFixed(0)}`);
  lakefs.destroy(); raw.destroy();
} finally { await server.stop(); }
