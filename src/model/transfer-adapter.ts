import type { Readable } from "node:stream";

/**
 * Progress of an upload (`upload`, `uploadObject`) or a download
 * (`download`, `downloadObject`), in bytes.
 *
 * @public
 */
export interface TransferProgress {
  /** Bytes transferred so far. */
  loaded: number;
  /** Total bytes, when known in advance (downloads, and uploads of bytes, strings, Blobs and files; not of streams). */
  total?: number;
  /** The part (1-based) whose completion produced this event. */
  part?: number;
}

/**
 * Bytes `start` to `end` of an object, both inclusive and 0-based.
 *
 * @internal
 */
export interface ByteSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * One range's answer, its body unread.
 *
 * @internal
 */
export interface RangeBody {
  /** The bytes as they come off the socket; the engine reads or destroys it. */
  readonly body: Readable;
  /** The object's total size in bytes, as the answer states it (`undefined`: the server sent the whole object). */
  readonly size: number | undefined;
  /** The version the bytes come from (unquoted ETag), as the answer states it. */
  readonly etag: string | undefined;
}

/**
 * Where a range's body may be written directly: the destination file's
 * descriptor and the range's offset in it.
 *
 * @internal
 */
export interface WriteInto {
  readonly fd: number;
  /** The span's offset in the file. */
  readonly position: number;
  /** The span's length: nothing is written past it. */
  readonly length: number;
  /** The file's own error for a write that failed. */
  readonly failed: (err: unknown) => Error;
}

/**
 * What the transfer engine reads an object through, one adapter per data
 * path (the gateway's `GetObject`, presigned GETs on the store). It only
 * speaks its protocol: planning, retries of broken bodies, checks that every
 * range comes from one version, sinks and clean-up are the engine's.
 *
 * @internal
 */
export interface RangeSource {
  /** The operation name errors carry. */
  readonly operation: string;
  /** Attempts per range in all, for bodies that break off mid-way (and answers worth another try, see {@link RangeSource.retriesAnswers}). */
  readonly maxAttempts: number;
  /** Whether the adapter's own client already retries retryable answers (the SDK does); otherwise the engine does. */
  readonly retriesAnswers: boolean;
  /**
   * Opens `span`, of the version `etag` once one is known. The first call
   * (no `etag` yet) learns the size and version; an empty object answers
   * with `size: 0` and an empty body. With `into`, the transport may write
   * the body straight into that file itself and answer a body that only
   * tells how many bytes it wrote (`pumpBody` reads either kind).
   */
  open(span: ByteSpan, etag: string | undefined, signal: AbortSignal, into?: WriteInto): Promise<RangeBody>;
  /**
   * Whether the object at the path is still version `etag`, asked once after
   * the last range of a download of several. For sources whose ranges cannot
   * see a newer version (a presigned URL names one stored version), so that
   * an object overwritten during a download fails the same way on every path.
   */
  unchanged?(etag: string | undefined, signal: AbortSignal): Promise<boolean>;
}

/**
 * One sent part of a multipart upload, as its completion must name it.
 *
 * @internal
 */
export interface SentPart {
  readonly partNumber: number;
  readonly etag: string;
  /** Extra fields the protocol repeats on completion (the gateway's part checksums). */
  readonly extra?: Readonly<Record<string, string>>;
}

/**
 * A body part in memory, or a stream of exactly `size` bytes, made anew for
 * every attempt.
 *
 * @internal
 */
export type PartBody = Uint8Array | Readable;

/**
 * A started multipart upload on one data path.
 *
 * @internal
 */
export interface MultipartSession {
  /** Sends part `partNumber` (1-based) of `size` bytes; `body()` gives its bytes anew for each attempt. */
  sendPart(partNumber: number, body: () => Promise<PartBody>, size: number, signal: AbortSignal): Promise<SentPart>;
  /** Completes the upload with every part in order. Never cancelled: completion is never left half-known. */
  complete(parts: readonly SentPart[]): Promise<{ readonly etag?: string | undefined }>;
  /** Aborts the upload at the store. Never cancelled; failures are the engine's to ignore. */
  abort(): Promise<void>;
}

/**
 * What the transfer engine writes an object through, one adapter per data
 * path (REST for small bodies, the gateway, presigned URLs with staging and
 * link). It only speaks its protocol: validation, planning, the pool, body
 * sources, progress, abort rules and clean-up are the engine's.
 *
 * @internal
 */
export interface UploadTarget {
  /** The operation name errors carry. */
  readonly operation: string;
  /** Largest body {@link UploadTarget.putWhole} takes. */
  readonly maxWhole: number;
  /** Whether {@link UploadTarget.createMultipart} exists for this body (`ifNoneMatch` and server support may rule it out). */
  readonly multipart: boolean;
  /** Runs once before any byte of a body of `size` bytes (`undefined`: a stream) is sent, such as the branch check. */
  beforeBody?(size: number | undefined, signal: AbortSignal): Promise<void>;
  /**
   * Writes the whole body (`body()` gives it anew for each attempt). Where the
   * write becomes visible in a later request than the one carrying the bytes
   * (the presigned PUT, then the link), `beforeCommit` runs in between, so a
   * body that changed while it was sent is refused with nothing visible.
   */
  putWhole(
    body: () => Promise<PartBody>,
    size: number,
    signal: AbortSignal,
    beforeCommit: () => Promise<void>,
  ): Promise<{ readonly etag?: string | undefined }>;
  /**
   * Starts a multipart upload of `parts` parts (`undefined`: a stream of
   * unknown size); present when {@link UploadTarget.multipart} is true. Never
   * cancelled: the upload id is always learnt, so it can be aborted.
   */
  createMultipart?(parts: number | undefined): Promise<MultipartSession>;
}
