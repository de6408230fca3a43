/**
 * Cold-start handler for a gateway-only program: the same read as aws-sdk.ts, on the
 * `S3Client` that `createS3Client()` from the main entry makes (settings from
 * `LAKECTL_*` variables). What it loads at import, against aws-sdk.ts, is the price of
 * the main entry for programs that use nothing but the gateway (test/integration/lambda.test.ts).
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { createS3Client } from "../../src/index.js";

const s3 = createS3Client();

export async function handler(event: { repository: string; ref: string; path: string }): Promise<number> {
  const out = await s3.send(new GetObjectCommand({ Bucket: event.repository, Key: `${event.ref}/${event.path}` }));
  return (await out.Body!.transformToByteArray()).byteLength;
}
