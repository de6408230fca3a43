import { validateObjectPath, validateRef, validateRepositoryName } from "../validation/names.js";
import type { RestClient } from "./rest-client.js";
import type { CallOptions } from "../http/call-options.js";
import type { ObjectStat } from "../model/object-stat.js";
import { toObjectStat } from "./objects.js";

/**
 * Where on a branch a presigned multipart upload writes.
 *
 * @public
 */
export interface PresignMultipartTarget extends CallOptions {
  /** The repository. */
  readonly repository: string;
  /** The branch to write to. */
  readonly branch: string;
  /** The object's path on the branch. */
  readonly path: string;
}

/**
 * A presigned multipart upload that lakeFS started on the object store.
 *
 * @public
 */
export interface PresignMultipartUpload {
  /** The store's upload id. */
  readonly uploadId: string;
  /** The physical address the parts are assembled at. */
  readonly physicalAddress: string;
  /** Presigned PUT URLs of parts 1…n, when asked for. They carry credentials: never log them. */
  readonly presignedUrls: readonly string[];
}

/**
 * One uploaded part: its number (from 1) and the store's ETag.
 *
 * @public
 */
export interface UploadedPart {
  /** The part number, from 1. */
  readonly partNumber: number;
  /** The store's ETag of the part, as it answered. */
  readonly etag: string;
}

/**
 * Input of {@link AdminClient.createPresignMultipartUpload}.
 *
 * @public
 */
export interface CreatePresignMultipartUploadInput extends PresignMultipartTarget {
  /** How many part URLs to presign now (parts 1…n); 0 for none. */
  readonly parts: number;
}

/**
 * An upload started by {@link AdminClient.createPresignMultipartUpload}.
 *
 * @public
 */
export interface PresignMultipartUploadRef extends PresignMultipartTarget {
  /** The store's upload id. */
  readonly uploadId: string;
  /** The physical address the upload assembles at. */
  readonly physicalAddress: string;
}

/**
 * Input of {@link AdminClient.presignPartUrl}.
 *
 * @public
 */
export interface PresignPartUrlInput extends PresignMultipartUploadRef {
  /** The part number, from 1. */
  readonly partNumber: number;
}

/**
 * Input of {@link AdminClient.completePresignMultipartUpload}.
 *
 * @public
 */
export interface CompletePresignMultipartUploadInput extends PresignMultipartUploadRef {
  /** Every part, in ascending part number. */
  readonly parts: readonly UploadedPart[];
  /** `Content-Type` stored with the object. */
  readonly contentType?: string;
  /** User metadata stored with the object, keys as given. */
  readonly userMetadata?: Readonly<Record<string, string>>;
}

function check(input: PresignMultipartTarget): void {
  validateRepositoryName(input.repository);
  validateRef(input.branch);
  validateObjectPath(input.path);
}

function meta(operation: string, input: PresignMultipartTarget) {
  return { operation, target: { repository: input.repository, ref: input.branch, refKind: "branch" as const, path: input.path } };
}

/** Implements {@link AdminClient.createPresignMultipartUpload}. @internal */
export async function createPresignMultipartUpload(rest: RestClient, input: CreatePresignMultipartUploadInput): Promise<PresignMultipartUpload> {
  check(input);
  const out = await rest.request(
    "post",
    "/repositories/{repository}/branches/{branch}/staging/pmpu",
    { path: { repository: input.repository, branch: input.branch }, query: { path: input.path, parts: input.parts }, signal: input.signal },
    // A lost answer may have started an upload nobody would abort: only a refusal is resent.
    { ...meta("createPresignMultipartUpload", input), resendRefused: true },
  );
  return { uploadId: out.upload_id, physicalAddress: out.physical_address, presignedUrls: out.presigned_urls ?? [] };
}

/** Implements {@link AdminClient.presignPartUrl}. @internal */
export async function presignPartUrl(
  rest: RestClient,
  input: PresignPartUrlInput,
): Promise<string> {
  check(input);
  const out = await rest.request(
    "put",
    "/repositories/{repository}/branches/{branch}/staging/pmpu/{uploadId}/parts/{partNumber}",
    {
      path: { repository: input.repository, branch: input.branch, uploadId: input.uploadId, partNumber: input.partNumber },
      query: { path: input.path },
      body: { physical_address: input.physicalAddress },
      signal: input.signal,
    },
    { ...meta("presignPartUrl", input), idempotent: true },
  );
  return out.presigned_url;
}

/** Implements {@link AdminClient.completePresignMultipartUpload}. @internal */
export async function completePresignMultipartUpload(
  rest: RestClient,
  input: CompletePresignMultipartUploadInput,
): Promise<ObjectStat> {
  check(input);
  const stats = await rest.request(
    "put",
    "/repositories/{repository}/branches/{branch}/staging/pmpu/{uploadId}",
    {
      path: { repository: input.repository, branch: input.branch, uploadId: input.uploadId },
      query: { path: input.path },
      body: {
        physical_address: input.physicalAddress,
        parts: input.parts.map((p) => ({ part_number: p.partNumber, etag: p.etag })),
        ...(input.contentType ? { content_type: input.contentType } : {}),
        ...(input.userMetadata ? { user_metadata: { ...input.userMetadata } } : {}),
      },
      signal: input.signal,
    },
    { ...meta("completePresignMultipartUpload", input), idempotent: false, resendRefused: true },
  );
  return toObjectStat(stats);
}

/** Implements {@link AdminClient.abortPresignMultipartUpload}. @internal */
export async function abortPresignMultipartUpload(
  rest: RestClient,
  input: PresignMultipartUploadRef,
): Promise<void> {
  check(input);
  await rest.request(
    "delete",
    "/repositories/{repository}/branches/{branch}/staging/pmpu/{uploadId}",
    {
      path: { repository: input.repository, branch: input.branch, uploadId: input.uploadId },
      query: { path: input.path },
      body: { physical_address: input.physicalAddress },
      signal: input.signal,
    },
    meta("abortPresignMultipartUpload", input),
  );
}
