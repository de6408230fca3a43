import type { ObjectLocation } from "../../internal.js";

/** One file to copy, in either direction. */
export interface Transfer {
  /** The local file. */
  readonly localPath: string;
  /** The object in lakeFS. */
  readonly remote: ObjectLocation;
  /** Size in bytes, known before the copy starts. */
  readonly size: number;
  /** What to show as the source and the destination. */
  readonly from: string;
  readonly to: string;
}

/** A transfer's outcome, for the summary. */
export interface TransferResult {
  readonly source: string;
  readonly destination: string;
  readonly size: number;
  readonly etag?: string;
}
