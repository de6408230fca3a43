import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from "@aws-sdk/client-s3";
import { LakeFSError } from "../../errors/lakefs-error.js";
import type { MultipartSession, SentPart, UploadTarget } from "../../model/transfer-adapter.js";
import { assertBranch } from "./assert-branch.js";
import { normalizeEtag } from "./etag.js";
import { toObjectError } from "./object-error.js";
import { objectKey, type ObjectLocation } from "./object-location.js";
import { sendConditionalOnce } from "./send-conditional-once.js";

/** Bodies up to this size are sent without checking the ref first: the refusal names it on the error path. */
const CHECK_BRANCH_ABOVE_BYTES = 64 * 1024;
/** 5 GiB: S3's largest single PUT. */
const MAX_PUT = 5 * 1024 ** 3;

/**
 * What the gateway stores with the object.
 *
 * @internal
 */
export interface GatewayWrite {
  readonly contentType?: string | undefined;
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  readonly ifNoneMatch?: "*" | undefined;
  /** Check that the ref is a branch before any byte of a body over 64 KiB (or a stream) is sent. Default `true`. */
  readonly verifyBranch?: boolean | undefined;
}

const OPERATION = "uploadObject";

/** The checksum fields a part's answer carries that `CompleteMultipartUpload` must repeat. */
function partChecksums(out: CompletedPart): Record<string, string> {
  const { ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256 } = out;
  const sums = { ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256 };
  return Object.fromEntries(Object.entries(sums).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The multipart ETag `<hash>-<parts>` as `HEAD` and listings show it: `<hash>`. */
function objectEtag(etag: string | undefined): string | undefined {
  return normalizeEtag(etag)?.replace(/-\d+$/, "");
}

/**
 * The gateway's side of an upload: `PutObject`, or
 * `CreateMultipartUpload` / `UploadPart` / `CompleteMultipartUpload` /
 * `AbortMultipartUpload`, each error mapped to the toolkit's classes (the
 * ref probed to name a tag or a missing branch). Conditional writes go at
 * most once when an answer is lost ({@link sendConditionalOnce}).
 *
 * @internal
 */
export function gatewayUploadTarget(s3: S3Client, location: ObjectLocation, write: GatewayWrite): UploadTarget {
  const Bucket = location.repository;
  const Key = objectKey(location);
  const mapError = async (err: unknown, signal?: AbortSignal): Promise<LakeFSError> =>
    toObjectError(err, { s3, operation: OPERATION, location, access: "write", ...(signal ? { signal } : {}) });
  const stored = {
    ...(write.contentType !== undefined ? { ContentType: write.contentType } : {}),
    ...(write.metadata !== undefined ? { Metadata: { ...write.metadata } } : {}),
  };
  const condition = write.ifNoneMatch !== undefined ? { IfNoneMatch: write.ifNoneMatch } : {};
  const conditional = <C extends PutObjectCommand | CompleteMultipartUploadCommand>(command: C): C =>
    write.ifNoneMatch !== undefined ? sendConditionalOnce(command, OPERATION) : command;
  return {
    operation: OPERATION,
    maxWhole: MAX_PUT,
    multipart: true,
    async beforeBody(size, signal) {
      if (write.verifyBranch !== false && (size === undefined || size > CHECK_BRANCH_ABOVE_BYTES)) await assertBranch(s3, location, OPERATION, signal);
    },
    async putWhole(body, size, signal) {
      try {
        const out = await s3.send(conditional(new PutObjectCommand({ Bucket, Key, Body: await body(), ContentLength: size, ...stored, ...condition })), { abortSignal: signal });
        return { etag: normalizeEtag(out.ETag) };
      } catch (err) {
        throw await mapError(err, signal);
      }
    },
    async createMultipart() {
      const checksum = (await s3.config.requestChecksumCalculation()) === "WHEN_SUPPORTED" ? { ChecksumAlgorithm: "CRC32" as const } : {};
      let UploadId: string | undefined;
      try {
        ({ UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ...checksum, ...stored })));
      } catch (err) {
        throw await mapError(err);
      }
      if (UploadId === undefined) throw new LakeFSError(`${OPERATION}: CreateMultipartUpload answered no upload id`, { operation: OPERATION });
      return gatewaySession(s3, { Bucket, Key, UploadId }, conditional, condition, mapError);
    },
  };
}

function gatewaySession(
  s3: S3Client,
  upload: { readonly Bucket: string; readonly Key: string; readonly UploadId: string },
  conditional: <C extends PutObjectCommand | CompleteMultipartUploadCommand>(command: C) => C,
  condition: { IfNoneMatch?: string },
  mapError: (err: unknown, signal?: AbortSignal) => Promise<LakeFSError>,
): MultipartSession {
  return {
    async sendPart(partNumber, body, size, signal): Promise<SentPart> {
      try {
        const out = await s3.send(new UploadPartCommand({ ...upload, PartNumber: partNumber, Body: await body(), ContentLength: size }), { abortSignal: signal });
        return { partNumber, etag: out.ETag ?? "", extra: partChecksums(out) };
      } catch (err) {
        throw await mapError(err, signal);
      }
    },
    async complete(parts) {
      const Parts = parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag, ...p.extra }));
      try {
        const out = await s3.send(conditional(new CompleteMultipartUploadCommand({ ...upload, MultipartUpload: { Parts }, ...condition })));
        return { etag: objectEtag(out.ETag) };
      } catch (err) {
        throw await mapError(err);
      }
    },
    async abort() {
      await s3.send(new AbortMultipartUploadCommand(upload));
    },
  };
}
