import { stat } from "node:fs/promises";
import { join, posix } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { ObjectNotFoundError, listObjects, statObject } from "../../internal.js";
import { UsageError } from "../usage-error.js";
import { lakefsUri, type CpLocation } from "./locations.js";
import type { Transfer } from "./transfer.js";

type Local = Extract<CpLocation, { kind: "local" }>;
type Remote = Extract<CpLocation, { kind: "lakefs" }>;

const UNSAFE_SEGMENT = /^(|\.|\.\.)$/;

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() === true;
}

/**
 * The objects a download copies and the file each one becomes:
 * - one object to a file path, or into an existing directory (or a path
 *   ending with `/`) under its own name;
 * - with `--recursive`, every object under the prefix to
 *   `<directory>/<path under the prefix>`. Keys that cannot be a relative
 *   file path (empty, `.` or `..` segments, directory markers ending with
 *   `/`) are reported through `onSkip`, never written outside the directory.
 */
export async function planDownload(
  s3: S3Client,
  source: Remote,
  destination: Local,
  recursive: boolean,
  command: string,
  signal: AbortSignal,
  onSkip: (key: string, why: string) => void,
): Promise<Transfer[]> {
  const { repository, ref } = source;
  if (recursive) {
    const prefix = source.path === "" || source.path.endsWith("/") ? source.path : `${source.path}/`;
    const transfers: Transfer[] = [];
    for await (const entry of listObjects(s3, { repository, ref, prefix }, { signal })) {
      if (entry.type !== "object") continue;
      const relative = entry.path.slice(prefix.length);
      if (relative.endsWith("/")) continue; // a directory marker
      const segments = relative.split("/");
      if (segments.some((s) => UNSAFE_SEGMENT.test(s))) {
        onSkip(entry.path, "its key is not a safe relative file path");
        continue;
      }
      transfers.push({
        localPath: join(destination.path, ...segments),
        remote: { repository, ref, path: entry.path },
        size: entry.size,
        from: lakefsUri(repository, ref, entry.path),
        to: posix.join(destination.arg.replace(/\/+$/, "") || ".", relative),
      });
    }
    return transfers;
  }
  if (source.path === "" || source.path.endsWith("/")) {
    throw new UsageError(`${source.arg} is a prefix, not an object: add --recursive to copy the objects under it`, command);
  }
  const location = { repository, ref, path: source.path };
  let size: number;
  try {
    size = (await statObject(s3, location, { signal })).size;
  } catch (err) {
    if (err instanceof ObjectNotFoundError) {
      const under = listObjects(s3, { repository, ref, prefix: `${source.path}/` }, { signal, limit: 1 });
      for await (const _ of under) {
        throw new Error(`${source.arg} is not an object but a prefix: add --recursive to copy the objects under it`);
      }
    }
    throw err;
  }
  const name = posix.basename(source.path);
  const intoDirectory = destination.trailingSlash || (await isDirectory(destination.path));
  return [
    {
      localPath: intoDirectory ? join(destination.path, name) : destination.path,
      remote: location,
      size,
      from: source.arg,
      to: intoDirectory ? posix.join(destination.arg, name) : destination.arg,
    },
  ];
}
