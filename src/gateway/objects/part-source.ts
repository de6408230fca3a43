import type { S3Client } from "@aws-sdk/client-s3";
import type { Readable } from "node:stream";
import { PreconditionFailedError } from "../../errors/input-errors.js";
import { LakeFSError } from "../../errors/lakefs-error.js";
import { partLength, partStart, totalSize, type DownloadPlan } from "./download-plan.js";
import type { ObjectLocation } from "./object-location.js";
import { retryBrokenBody } from "./retry-broken-body.js";
import { sendGetObject, type GetObjectResponse } from "./send-get-object.js";

/** The name downloads give in errors. */
export const DOWNLOAD_OPERATION = "downloadObject";

/**
 * The error for an object overwritten while it was downloaded.
 *
 * @internal
 */
export function changedDuringDownload(location: ObjectLocation, etag: string | undefined, cause: unknown): PreconditionFailedError {
  return new PreconditionFailedError(
    `${DOWNLOAD_OPERATION}: ${location.path} on ${location.repository}/${location.ref} changed while it was downloaded (it had ETag ${etag ?? "?"})`,
    { operation: DOWNLOAD_OPERATION, hint: "Download it again, or download from a commit id, which never changes", cause },
  );
}

/**
 * The bodies of a planned download's ranges, all from one version of the
 * object: the first range's body (already fetched to learn the size) is
 * handed out once; every other body is a ranged GET with `If-Match`, whose
 * ETag and size are checked too, since the gateway ignores `If-Match` on
 * reads.
 *
 * @internal
 */
export class PartSource {
  readonly plan: DownloadPlan;
  /** The download's own signal (aborted on the first failure too). */
  readonly signal: AbortSignal;
  readonly #s3: S3Client;
  readonly #location: ObjectLocation;
  #firstBody: Readable | undefined;

  constructor(s3: S3Client, location: ObjectLocation, first: GetObjectResponse, plan: DownloadPlan, signal: AbortSignal) {
    this.#s3 = s3;
    this.#location = location;
    this.#firstBody = first.Body;
    this.plan = plan;
    this.signal = signal;
  }

  /** The body of range `index`: the first response's body once, else a new ranged GET. */
  async body(index: number): Promise<Readable> {
    const first = index === 0 ? this.#firstBody : undefined;
    if (index === 0) this.#firstBody = undefined;
    return first ?? this.#fetch(index);
  }

  /** Runs `read` again when the body breaks off mid-way (the first range then from scratch), up to `maxAttempts`. */
  withBodyRetries<T>(read: () => Promise<T>): Promise<T> {
    return retryBrokenBody(this.#s3, read, this.signal);
  }

  /** A ranged GET of range `index`, checked to come from the first range's version. */
  async #fetch(index: number): Promise<Readable> {
    const { plan } = this;
    const start = partStart(plan, index);
    const range = { start, end: start + partLength(plan, index) - 1 };
    let res: GetObjectResponse;
    try {
      res = await sendGetObject(
        this.#s3,
        this.#location,
        { range, ...(plan.etag !== undefined ? { ifMatch: plan.etag } : {}), signal: this.signal },
        DOWNLOAD_OPERATION,
      );
    } catch (err) {
      if (err instanceof PreconditionFailedError || (err instanceof LakeFSError && err.status === 416)) throw changedDuringDownload(this.#location, plan.etag, err);
      throw err;
    }
    if (totalSize(res) !== plan.size) {
      res.Body.destroy();
      throw changedDuringDownload(this.#location, plan.etag, undefined);
    }
    return res.Body;
  }
}

/**
 * What a part writer needs: the bodies, how many ranges may be in flight,
 * and how to report progress and failures.
 *
 * @internal
 */
export interface PartJob {
  readonly source: PartSource;
  /** Ranges in flight at most. */
  readonly concurrency: number;
  /** Records the download's first failure and aborts the rest. */
  fail(err: unknown): void;
  /** Aborts the download's requests (no record of the cause). */
  abort(reason: unknown): void;
  /** Reports `loaded` bytes written in order, after part `part` (1-based). */
  report(loaded: number, part: number): void;
}

/**
 * `promise`, with its failure also handed to {@link PartJob.fail} at once,
 * so one failed range stops the others without waiting for its turn.
 *
 * @internal
 */
export function tracked<T>(job: PartJob, promise: Promise<T>): Promise<T> {
  promise.catch((err: unknown) => job.fail(err));
  return promise;
}
