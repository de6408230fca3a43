import type { LakectlFileSettings } from "./read-lakectl-file.js";
import type { LakeFSClientConfig } from "./types.js";

/**
 * The three places a setting can come from, in order of precedence: the
 * options, the environment, and the lakectl file (`file` is `undefined` when
 * it was not needed, is disabled, or does not exist).
 *
 * @internal
 */
export interface SettingSources {
  readonly input: LakeFSClientConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The lakectl file's path, `undefined` when disabled. */
  readonly filePath: string | undefined;
  readonly file: LakectlFileSettings | undefined;
}

/** How a missing setting's message names the lakectl file (`key` in it, or why it was not read). */
export function describeFileLookup(sources: SettingSources, key: string): string {
  if (!sources.filePath) return "lakectl file (disabled)";
  return `${key} in ${sources.filePath}${sources.file ? "" : " (no such file)"}`;
}
