import type { GetObjectResponse } from "./send-get-object.js";

/**
 * How a download is cut into ranged GETs: the object's size (bytes) and
 * version, and `parts` ranges of `partSize` bytes (the last one shorter).
 *
 * @internal
 */
export interface DownloadPlan {
  /** The object's size in bytes. */
  readonly size: number;
  /** Bytes per range (all but the last). */
  readonly partSize: number;
  /** Number of ranges, at least 1. */
  readonly parts: number;
  /** The version every range must come from (unquoted ETag). */
  readonly etag: string | undefined;
}

/**
 * The object's total size from a ranged response's `Content-Range`
 * (`bytes 0-99/1234` → 1234); `undefined` when the server sent no range.
 *
 * @internal
 */
export function totalSize(out: GetObjectResponse): number | undefined {
  const match = /\/(\d+)\s*$/.exec(out.ContentRange ?? "");
  if (match?.[1] !== undefined) return Number(match[1]);
  return undefined;
}

/**
 * Plans the ranges of an object of `size` bytes.
 *
 * @internal
 */
export function planDownload(size: number, partSize: number, etag: string | undefined): DownloadPlan {
  return { size, partSize, parts: Math.max(1, Math.ceil(size / partSize)), etag };
}

/**
 * The first byte of range `index`.
 *
 * @internal
 */
export function partStart(plan: DownloadPlan, index: number): number {
  return index * plan.partSize;
}

/**
 * The length in bytes of range `index`.
 *
 * @internal
 */
export function partLength(plan: DownloadPlan, index: number): number {
  return Math.min(plan.size, (index + 1) * plan.partSize) - index * plan.partSize;
}
