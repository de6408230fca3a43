/**
 * A small plain-S3 program, written for AWS S3 and nothing else: upload,
 * list, copy, multipart upload, batch delete, presigned GET. lakefs-s3 runs it
 * unchanged on a lakeFS branch by handing it a branch-scoped client:
 *
 *   const s3 = lakefs.s3ForBranch({ repository: "lake", branch: "experiment" });
 *   await runPlainS3Program(s3, "my-data");
 */
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

/** What the program observed, for the caller to check. */
export interface ProgramReport {
  listedAfterUpload: string[];
  prefixesUnderReports: string[];
  copiedText: string;
  multipartSize: number;
  listedAtEnd: string[];
  presignedText: string;
  deleteErrors: number;
}

export async function runPlainS3Program(s3: S3Client, bucket: string): Promise<ProgramReport> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "reports/2026/q1.csv", Body: "q,amount\n1,100\n", ContentType: "text/csv" }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "reports/2026/q2.csv", Body: "q,amount\n2,200\n" }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "tmp/scratch 1+1.txt", Body: "scratch" }));

  const listed: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 2, ContinuationToken: token }));
    listed.push(...(page.Contents ?? []).map((o) => o.Key ?? ""));
    token = page.NextContinuationToken;
  } while (token);

  const grouped = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "reports/", Delimiter: "/" }));

  await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: "archive/q1.csv", CopySource: `${bucket}/reports/2026/q1.csv` }));
  await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: "archive/scratch.txt", CopySource: encodeURI(`${bucket}/tmp/scratch 1+1.txt`).replace(/\+/g, "%2B") }));
  const copied = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "archive/q1.csv" }));
  const copiedText = await copied.Body!.transformToString();

  const partSize = 5 * 1024 * 1024;
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "big/blob.bin" }));
  const parts = [];
  for (const [i, size] of [partSize, 1234].entries()) {
    const body = Buffer.alloc(size, i + 1);
    const { ETag } = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: "big/blob.bin", UploadId, PartNumber: i + 1, Body: body }));
    parts.push({ ETag, PartNumber: i + 1 });
  }
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: "big/blob.bin", UploadId, MultipartUpload: { Parts: parts } }));
  const big = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "big/blob.bin" }));
  const multipartSize = (await big.Body!.transformToByteArray()).length;

  const deleted = await s3.send(
    new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: "tmp/scratch 1+1.txt" }, { Key: "reports/2026/q2.csv" }] } }),
  );
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "does/not/exist.txt" }));

  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: "reports/2026/q1.csv" }), { expiresIn: 60 });
  const presignedText = await fetch(url).then((r) => r.text());

  const end = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  return {
    listedAfterUpload: listed,
    prefixesUnderReports: (grouped.CommonPrefixes ?? []).map((p) => p.Prefix ?? ""),
    copiedText,
    multipartSize,
    listedAtEnd: (end.Contents ?? []).map((o) => o.Key ?? ""),
    presignedText,
    deleteErrors: deleted.Errors?.length ?? 0,
  };
}
