import { Agent } from "node:http";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { LakeFS } from "../../src/index.js";
import { startLakeFS } from "../../tools/lakefs/server.js";
const server = await startLakeFS();
try {
  const lakefs = new LakeFS({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false });
  const raw = new S3Client({ endpoint: server.endpoint, region: "us-east-1", credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey }, forcePathStyle: true,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 32 }) }), requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" });
  for (const [name, c] of [["raw", raw], ["lakefs", lakefs.s3]] as const) {
    c.middlewareStack.add((next) => async (args) => { console.log(name, JSON.stringify((args.request as { headers: unknown; path: string; query: unknown }).headers), (args.request as {path: string}).path, JSON.stringify((args.request as {query: unknown}).query)); return next(args); }, { step: "deserialize", priority: "low" });
  }
  const repo = await lakefs.repository("hdrs").create({ storageNamespace: "local://hdrs" });
  await repo.branch("main").object("x").upload("x");
  await raw.send(new GetObjectCommand({ Bucket: "hdrs", Key: "main/x" }));
  await repo.branch("main").object("x").bytes();
  lakefs.destroy(); raw.destroy();
} finally { await server.stop(); }
