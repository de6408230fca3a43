/**
 * The hand-configured `@aws-sdk/client-s3` client that the benchmarks use as
 * the zero-overhead baseline: what a careful user writes for lakeFS's gateway
 * without this toolkit (path style, us-east-1, checksums only when required,
 * keep-alive sockets). One definition, so that the `aws-sdk` peer and the
 * profiling tools measure the same client.
 */
import { Agent } from "node:http";
import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";

/** Where and as whom the baseline client talks to lakeFS. */
export interface RawS3Target {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** A plain `S3Client` for the gateway at `target`, with up to `maxSockets` keep-alive connections. */
export function rawS3Client(target: RawS3Target, maxSockets: number): S3Client {
  return new S3Client({
    endpoint: target.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey },
    forcePathStyle: true,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets }) }),
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}
