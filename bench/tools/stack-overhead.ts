/**
 * The client-side CPU of one small PUT and GET through each S3 client's
 * middleware stack alone, with no network and no server: both clients get the
 * same request handler, which answers at once with a canned 200. The raw
 * client is `bench/clients/raw-s3-client.ts`'s configuration; the gateway
 * client is the toolkit's (`createS3Client`), with its plugins. Alternating
 * rounds, one process; prints µs per op of each round and the medians after
 * the first (warm-up) round. Free of the machine's network and server noise,
 * so differences of a few µs show.
 *
 *   N=20000 ROUNDS=7 node --import tsx bench/tools/stack-overhead.ts
 */
import { Readable } from "node:stream";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { HttpResponse } from "@smithy/protocol-http";
import type { HttpHandler } from "@smithy/protocol-http";
import { createS3Client } from "../../src/index.js";
import { median } from "../report.js";

const N = Number(process.env.N ?? 20_000);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const endpoint = "http://127.0.0.1:8000";
const credentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

/** A handler that answers every request with 200, an ETag and a 4 KiB body, without I/O. */
const handler = {
  metadata: { handlerProtocol: "http/1.1" },
  handle: async () => ({
    response: new HttpResponse({
      statusCode: 200,
      headers: { etag: '"0123456789abcdef0123456789abcdef"', "content-length": "4096", "content-type": "application/octet-stream" },
      body: Readable.from([Buffer.alloc(4096, 1)]),
    }),
  }),
  updateHttpClientConfig: () => undefined,
  httpHandlerConfigs: () => ({}),
} as unknown as HttpHandler;

const raw = new S3Client({
  endpoint,
  region: "us-east-1",
  credentials,
  forcePathStyle: true,
  requestHandler: handler,
  requestChecksumCalculation: "WHEN_REQUIRED",
  responseChecksumValidation: "WHEN_REQUIRED",
});
const gateway = createS3Client({ endpoint, ...credentials, lakectlConfigFile: false }, { requestHandler: handler });
const body = Buffer.alloc(4096, 7);
const clients = { raw, gateway };
const ops = {
  put: (s3: S3Client, i: number) => s3.send(new PutObjectCommand({ Bucket: "repo", Key: `main/k${i}`, Body: body })),
  get: async (s3: S3Client, i: number) => (await s3.send(new GetObjectCommand({ Bucket: "repo", Key: `main/k${i}` }))).Body!.transformToByteArray(),
};

const figures = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, s3] of Object.entries(clients)) {
    for (const [op, run] of Object.entries(ops)) {
      const c0 = process.cpuUsage();
      // 32 in flight, as the bench's small workload.
      let next = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < N) await run(s3, next++);
        }),
      );
      const cpu = process.cpuUsage(c0);
      const us = (cpu.user + cpu.system) / N;
      if (round > 0) figures.set(`${name} ${op}`, [...(figures.get(`${name} ${op}`) ?? []), us]);
      process.stdout.write(`${round} ${name.padEnd(8)} ${op}  ${us.toFixed(1).padStart(6)} µs/op\n`);
    }
  }
}
process.stdout.write("median µs/op after the first round:\n");
for (const [k, v] of figures) process.stdout.write(`  ${k.padEnd(12)} ${median(v).toFixed(1)}\n`);
raw.destroy();
gateway.destroy();
