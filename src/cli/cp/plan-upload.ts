import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { UsageError } from "../usage-error.js";
import { lakefsUri, type CpLocation } from "./locations.js";
import type { Transfer } from "./transfer.js";
import { walkDirectory } from "./walk-directory.js";

type Local = Extract<CpLocation, { kind: "local" }>;
type Remote = Extract<CpLocation, { kind: "lakefs" }>;

/** `dir/` and `""` are prefixes: a file name is appended to them. */
function asPrefix(path: string): string {
  return path === "" || path.endsWith("/") ? path : `${path}/`;
}

/**
 * The files an upload copies and the object each one becomes:
 * - a file to `…/name` writes that path; to `…/dir/` (or the ref's root) it
 *   writes `dir/<file name>`;
 * - with `--recursive`, every file under a directory goes to
 *   `<prefix>/<path under the directory>` (the directory's contents, as
 *   `aws s3 cp --recursive` does).
 */
export async function planUpload(
  source: Local,
  destination: Remote,
  recursive: boolean,
  command: string,
  onSkip: (relative: string, why: string) => void,
): Promise<Transfer[]> {
  let info;
  try {
    info = await stat(source.path);
  } catch (err) {
    throw new Error(`cannot read ${source.arg}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const { repository, ref } = destination;
  const transfer = (localPath: string, path: string, size: number, from: string): Transfer => ({
    localPath,
    remote: { repository, ref, path },
    size,
    from,
    to: lakefsUri(repository, ref, path),
  });
  if (info.isDirectory()) {
    if (!recursive) throw new UsageError(`${source.arg} is a directory: add --recursive to copy the files under it`, command);
    const prefix = asPrefix(destination.path);
    const files = await walkDirectory(source.path, onSkip);
    const shown = source.arg.replace(/\/+$/, "");
    return files.map((f) => transfer(f.absolute, `${prefix}${f.relative}`, f.size, `${shown}/${f.relative}`));
  }
  if (!info.isFile()) throw new Error(`${source.arg} is not a regular file`);
  const path = destination.path === "" || destination.path.endsWith("/") ? `${destination.path}${basename(source.path)}` : destination.path;
  return [transfer(source.path, path, info.size, source.arg)];
}
