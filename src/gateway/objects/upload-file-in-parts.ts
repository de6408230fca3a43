import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { FileHandle } from "node:fs/promises";
import { LakeFSError } from "../../errors/lakefs-error.js";
import { objectKey, type ObjectLocation } from "./object-location.js";
import type { TransferProgress } from "./transfer-progress.js";

/**
 * What {@link uploadFileInParts} sends: an open file of `size` bytes, its
 * object's settings, and the transfer's controls.
 *
 * @internal
 */
export interface FilePartsJob {
  readonly s3: S3Client;
  readonly location: ObjectLocation;
  readonly file: FileHandle;
  /** The file's name, for error messages. */
  readonly name: string;
  /** The file's size in bytes when the upload began. */
  readonly size: number;
  readonly partSize: number;
  readonly queueSize: number;
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly ifNoneMatch?: "*";
  /** The transfer's signal: aborted on the caller's abort and on the first failure. */
  readonly signal: AbortSignal;
  /** Records the first failure and aborts the rest. */
  fail(err: unknown): void;
  onProgress?(progress: TransferProgress): void;
}

/** The error for a file that changed size while it was read. */
function fileChanged(job: FilePartsJob, how: string): LakeFSError {
  return new LakeFSError(`uploadObject: file ${job.name} ${how} while it was read (expected ${job.size} bytes)`, {
    code: "BodyChanged",
    operation: "uploadObject",
  });
}

/** Fills `buffer` from the file at `position`; a file that ends early has shrunk. */
async function readFully(job: FilePartsJob, buffer: Buffer, position: number): Promise<void> {
  for (let filled = 0; filled < buffer.length; ) {
    let bytesRead: number;
    try {
      ({ bytesRead } = await job.file.read(buffer, filled, buffer.length - filled, position + filled));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new LakeFSError(`uploadObject: reading file ${job.name} failed: ${message}`, { code: "BodyReadError", operation: "uploadObject", cause: err });
    }
    if (bytesRead === 0) throw fileChanged(job, "shrank");
    filled += bytesRead;
  }
}

/** Calls the caller's progress callback; a throw fails the upload with `CallbackFailed`. */
function report(job: FilePartsJob, progress: TransferProgress): void {
  try {
    job.onProgress?.(progress);
  } catch (err) {
    throw new LakeFSError(`uploadObject: the onProgress callback threw: ${err instanceof Error ? err.message : String(err)}`, {
      operation: "uploadObject",
      code: "CallbackFailed",
      fault: "client",
      cause: err,
    });
  }
}

/** The part's checksum fields that `CompleteMultipartUpload` must repeat (present with `checksums: "when_supported"`). */
function completedPart(partNumber: number, out: CompletedPart): CompletedPart {
  const { ETag, ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256 } = out;
  const sums = { ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256 };
  return { PartNumber: partNumber, ETag, ...Object.fromEntries(Object.entries(sums).filter(([, v]) => v !== undefined)) };
}

/**
 * Sends every part: `queueSize` workers, each reading its next part with
 * positional reads into its own buffer (allocated once, reused for every
 * part it sends), so memory is `queueSize` × `partSize` whatever the size.
 * A buffer is refilled only after its `UploadPart` answered, when the HTTP
 * stack no longer holds it.
 */
async function sendParts(job: FilePartsJob, uploadId: string): Promise<CompletedPart[]> {
  const { s3, location, size, partSize, signal } = job;
  const parts = Math.ceil(size / partSize);
  const done: CompletedPart[] = [];
  let next = 0;
  let loaded = 0;
  const worker = async (): Promise<void> => {
    let buffer: Buffer | undefined;
    while (next < parts && !signal.aborted) {
      const index = next++;
      const start = index * partSize;
      const length = Math.min(partSize, size - start);
      buffer ??= Buffer.allocUnsafeSlow(Math.min(partSize, size));
      const body = buffer.subarray(0, length);
      await readFully(job, body, start);
      const input = { Bucket: location.repository, Key: objectKey(location), UploadId: uploadId, PartNumber: index + 1, Body: body, ContentLength: length };
      const out = await s3.send(new UploadPartCommand(input), { abortSignal: signal });
      done.push(completedPart(index + 1, out));
      loaded += length;
      report(job, { loaded, total: size, part: index + 1 });
    }
  };
  const workers = Array.from({ length: Math.min(parts, job.queueSize) }, () =>
    worker().catch((err: unknown) => {
      job.fail(err);
      throw err;
    }),
  );
  const settled = await Promise.allSettled(workers);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  if (signal.aborted) throw signal.reason;
  return done.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0));
}

/** Fails when the file grew past the size the upload was planned for. */
async function checkUnchanged(job: FilePartsJob): Promise<void> {
  if ((await job.file.stat()).size !== job.size) throw fileChanged(job, "changed size");
}

/**
 * Uploads an open regular file of known size as a multipart upload without
 * lib-storage: parts are read from the file with positional reads into a
 * small pool of reused buffers, with no chunker and no copy, and sent with an
 * unsigned payload (the gateway client's plugin). `CreateMultipartUpload`,
 * `CompleteMultipartUpload` and `AbortMultipartUpload` are not cancelled by
 * the signal (the upload id is always learnt, completion is never half-known,
 * the clean-up is always sent); on any failure the upload is aborted before
 * the first failure is rethrown, so the path keeps its previous content.
 *
 * @returns The ETag `CompleteMultipartUpload` answered (`<hash>-<parts>`).
 * @internal
 */
export async function uploadFileInParts(job: FilePartsJob): Promise<string | undefined> {
  const { s3, location } = job;
  const Bucket = location.repository;
  const Key = objectKey(location);
  const checksum = (await s3.config.requestChecksumCalculation()) === "WHEN_SUPPORTED" ? { ChecksumAlgorithm: "CRC32" as const } : {};
  const created = await s3.send(
    new CreateMultipartUploadCommand({
      Bucket,
      Key,
      ...checksum,
      ...(job.contentType !== undefined ? { ContentType: job.contentType } : {}),
      ...(job.metadata !== undefined ? { Metadata: { ...job.metadata } } : {}),
    }),
  );
  const UploadId = created.UploadId;
  if (UploadId === undefined) throw new LakeFSError("uploadObject: CreateMultipartUpload answered no upload id", { operation: "uploadObject" });
  try {
    const Parts = await sendParts(job, UploadId);
    await checkUnchanged(job);
    const out = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts },
        ...(job.ifNoneMatch !== undefined ? { IfNoneMatch: job.ifNoneMatch } : {}),
      }),
    );
    return out.ETag;
  } catch (err) {
    job.fail(err);
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
    throw err;
  }
}
