import { ObjectStoreError } from "../errors/object-store-errors.js";
import type { HttpStack } from "../http/http-stack.js";
import { withRetries } from "../http/retry.js";
import type { MultipartSession, PartBody, SentPart, UploadTarget } from "../model/transfer-adapter.js";
import { contentMd5 } from "./content-md5.js";
import { putPresigned } from "./put-presigned.js";

/** A part URL with less than this left is presigned again before use. */
const EXPIRY_MARGIN_MS = 60_000;
/** S3's largest single PUT. */
const MAX_PUT = 5 * 1024 ** 3;

/**
 * When a SigV4 presigned URL expires (`X-Amz-Date` + `X-Amz-Expires`), or `undefined` for other stores.
 *
 * @internal
 */
export function presignedUrlExpiry(url: string): number | undefined {
  const query = new URL(url).searchParams;
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(query.get("X-Amz-Date") ?? "");
  const expires = Number(query.get("X-Amz-Expires"));
  if (!date || !Number.isFinite(expires) || expires <= 0) return undefined;
  const [, y, mo, d, h, mi, s] = date.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) + expires * 1000;
}

/**
 * A started presigned multipart upload, as lakeFS hands it out.
 *
 * @internal
 */
export interface StagedMultipart {
  readonly uploadId: string;
  readonly physicalAddress: string;
  /** Part URLs presigned with the upload, part 1 first. */
  readonly presignedUrls: readonly string[];
}

/**
 * The lakeFS calls around the store's presigned requests (staging, link,
 * presigned multipart), given by the layer that owns the REST client: this
 * adapter only speaks to the store.
 *
 * @internal
 */
export interface PresignedStaging {
  /** Whether the store checks `Content-MD5` (S3-type blockstores). */
  readonly contentMd5: boolean;
  /** Whether the server presigns multipart uploads (and this call may use one: no `ifNoneMatch`). */
  readonly multipart: boolean;
  /** A physical address with a presigned PUT URL. */
  stage(signal: AbortSignal): Promise<{ readonly url: string; readonly physicalAddress: string }>;
  /** Makes the staged bytes the object at the path (never cancelled: the write is never left half-known). */
  link(input: { readonly physicalAddress: string; readonly checksum: string; readonly size: number }): Promise<{ readonly etag?: string | undefined }>;
  createMultipart(parts: number): Promise<StagedMultipart>;
  presignPart(upload: StagedMultipart, partNumber: number, signal: AbortSignal): Promise<string>;
  completeMultipart(upload: StagedMultipart, parts: readonly { partNumber: number; etag: string }[]): Promise<{ readonly etag?: string | undefined }>;
  abortMultipart(upload: StagedMultipart): Promise<void>;
}

/**
 * Input of {@link presignedUploadTarget}.
 *
 * @internal
 */
export interface PresignedUploadTargetInput {
  readonly stack: HttpStack;
  readonly maxAttempts: number;
  readonly staging: PresignedStaging;
}

/** A PUT on a presigned URL, sent again (with the body made anew) after a retryable answer of the store, and once with a new URL after an expired one. */
async function putWithRetries(
  input: PresignedUploadTargetInput,
  url: () => Promise<string>,
  renew: () => Promise<string>,
  body: () => Promise<PartBody>,
  size: number,
  extra: { readonly contentMd5?: string },
  signal: AbortSignal,
): Promise<string> {
  let current = url;
  return withRetries(
    async () => {
      try {
        return await putPresigned(input.stack, { url: await current(), body: await body(), size, ...extra, signal });
      } catch (err) {
        if (err instanceof ObjectStoreError && err.code === "PresignedUrlExpired" && current === url) current = renew;
        throw err;
      }
    },
    { maxAttempts: input.maxAttempts, idempotent: true, signal },
  );
}

/**
 * The presigned path's side of an upload: one PUT straight to the store on a
 * staged physical address (with `Content-MD5` where the store checks it, so
 * a body that changed between reads is refused) and a link; or a presigned
 * multipart upload whose parts go straight to the store, part URLs presigned
 * again when about to expire or refused as expired. Until the link or the
 * completion nothing is visible at the path. A PUT is idempotent, so a
 * retryable answer of the store is tried again.
 *
 * @internal
 */
export function presignedUploadTarget(input: PresignedUploadTargetInput): UploadTarget {
  const { staging } = input;
  return {
    operation: "uploadObject",
    maxWhole: MAX_PUT,
    multipart: staging.multipart,
    async putWhole(body, size, signal, beforeCommit) {
      // Hashed before the URL is asked for, so that hashing a large file does not age it.
      const md5 = staging.contentMd5 ? await contentMd5(await body(), signal) : undefined;
      const staged = await staging.stage(signal);
      let physicalAddress = staged.physicalAddress;
      const etag = await putWithRetries(
        input,
        async () => staged.url,
        // An expired URL: a new physical address (the old one holds nothing to link).
        async () => {
          const next = await staging.stage(signal);
          physicalAddress = next.physicalAddress;
          return next.url;
        },
        body,
        size,
        md5 !== undefined ? { contentMd5: md5 } : {},
        signal,
      );
      if (signal.aborted) throw signal.reason;
      // Nothing is visible before the link: a body that changed while it was sent stops here.
      await beforeCommit();
      const linked = await staging.link({ physicalAddress, checksum: etag, size });
      return { etag: linked.etag || etag };
    },
    async createMultipart(parts) {
      const upload = await staging.createMultipart(parts ?? 0);
      return presignedSession(input, upload);
    },
  };
}

function presignedSession(input: PresignedUploadTargetInput, upload: StagedMultipart): MultipartSession {
  const { staging } = input;
  return {
    async sendPart(partNumber, body, size, signal): Promise<SentPart> {
      const listed = upload.presignedUrls[partNumber - 1];
      const expiry = listed === undefined ? 0 : presignedUrlExpiry(listed);
      const fresh = (): Promise<string> => staging.presignPart(upload, partNumber, signal);
      const usable = listed !== undefined && (expiry === undefined || expiry - Date.now() > EXPIRY_MARGIN_MS);
      const etag = await putWithRetries(input, usable ? async () => listed : fresh, fresh, body, size, {}, signal);
      return { partNumber, etag };
    },
    complete: (parts) => staging.completeMultipart(upload, parts.map(({ partNumber, etag }) => ({ partNumber, etag }))),
    abort: () => staging.abortMultipart(upload),
  };
}
