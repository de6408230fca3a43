import type { CallOptions } from "../http/call-options.js";
import { validateInteger } from "../validation/integer.js";

/** 4 MiB: the default read-ahead of an {@link ObjectReader}. */
export const DEFAULT_READ_AHEAD = 4 * 1024 * 1024;
/** 1 GiB: the largest read-ahead. */
export const MAX_READ_AHEAD = 1024 * 1024 * 1024;

/**
 * Options of `open()`, on every data path.
 *
 * @public
 */
export interface OpenObjectOptions extends CallOptions {
  /**
   * Bytes fetched ahead while reads follow one another (each starting where
   * the last one ended): the window starts at 64 KiB and doubles up to this
   * size, and the next window is fetched while the current one is read.
   * Reads anywhere else fetch exactly the bytes asked for. The reader holds
   * at most 2 × `readAhead` bytes of its own (the window being read and the
   * next one), whatever the object's size. Default 4 MiB; an integer from 0
   * (no read-ahead, no buffer) to 1 GiB.
   */
  readonly readAhead?: number;
}

/**
 * An open's options once checked, defaults filled.
 *
 * @internal
 */
export interface OpenSettings {
  readonly readAhead: number;
}

/**
 * Checks every `open()` option before anything is sent.
 *
 * @internal
 */
export function checkOpenOptions(options: OpenObjectOptions): OpenSettings {
  return { readAhead: validateInteger("readAhead", options.readAhead ?? DEFAULT_READ_AHEAD, { min: 0, max: MAX_READ_AHEAD }) };
}
