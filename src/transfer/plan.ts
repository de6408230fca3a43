import type { ByteSpan } from "../model/transfer-adapter.js";
import { MAX_PARTS, MAX_UPLOAD_PART_SIZE } from "./options.js";

/**
 * How a transfer is cut into parts: `parts` parts of `partSize` bytes (the
 * last one shorter) covering `size` bytes. The one planner of uploads and
 * downloads on every data path.
 *
 * @internal
 */
export interface TransferPlan {
  readonly size: number;
  readonly partSize: number;
  /** Number of parts, at least 1 (an empty body is one empty part). */
  readonly parts: number;
}

/**
 * Plans `size` bytes in parts of `partSize` (a positive integer, checked by the options).
 *
 * @internal
 */
export function planTransfer(size: number, partSize: number): TransferPlan {
  return { size, partSize, parts: Math.max(1, Math.ceil(size / partSize)) };
}

/**
 * The bytes of part `index` (0-based), `end` inclusive.
 *
 * @internal
 */
export function partSpan(plan: TransferPlan, index: number): ByteSpan {
  const start = index * plan.partSize;
  return { start, end: Math.min(plan.size, start + plan.partSize) - 1 };
}

/**
 * The length in bytes of part `index`.
 *
 * @internal
 */
export function partLength(plan: TransferPlan, index: number): number {
  const { start, end } = partSpan(plan, index);
  return end - start + 1;
}

/**
 * The upload part size for a body of `size` bytes: the requested one, raised
 * in whole MiB so that the body fits in 10,000 parts (S3's limit).
 *
 * @internal
 */
export function uploadPartSize(size: number, requested: number): number {
  const MIB = 1024 * 1024;
  return Math.min(MAX_UPLOAD_PART_SIZE, Math.max(requested, Math.ceil(size / MAX_PARTS / MIB) * MIB));
}
