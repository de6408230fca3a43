/**
 * Cold-start handler for the raw `@aws-sdk/client-s3`, bundled with esbuild
 * like a Lambda function: the client is made at module scope, configured by
 * hand for the lakeFS gateway from `LAKECTL_*` variables.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";

const s3 = new S3Client({
  endpoint: process.env.LAKECTL_SERVER_ENDPOINT_URL,
  region: "us-east-1",
  credentials: {
    accessKeyId: process.env.LAKECTL_CREDENTIALS_ACCESS_KEY_ID ?? "",
    secretAccessKey: process.env.LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY ?? "",
  },
  forcePathStyle: true,
  requestChecksumCalculation: "WHEN_REQUIRED",
  responseChecksumValidation: "WHEN_REQUIRED",
});

export async function handler(event: { repository: string; ref: string; path: string }): Promise<number> {
  const out = await s3.send(new GetObjectCommand({ Bucket: event.repository, Key: `${event.ref}/${event.path}` }));
  return (await out.Body!.transformToByteArray()).byteLength;
}
