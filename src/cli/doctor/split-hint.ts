import { LakeFSError } from "../../internal.js";

/**
 * Splits a toolkit error into its cause and its hint (a `LakeFSError`'s
 * message ends with `. <hint>`), so doctor can print them on separate lines.
 */
export function splitHint(err: unknown): { cause: string; hint?: string } {
  if (err instanceof LakeFSError && err.hint && err.message.endsWith(`. ${err.hint}`)) {
    return { cause: err.message.slice(0, -(err.hint.length + 2)), hint: err.hint };
  }
  return { cause: err instanceof Error ? err.message : String(err) };
}
