import { resolve, sep } from "node:path";
import { ValidationError, parseLakeFSUri } from "../../internal.js";
import { UsageError } from "../usage-error.js";

/** A `cp` argument: a local path, or an object or prefix in lakeFS. */
export type CpLocation =
  | { readonly kind: "local"; readonly arg: string; readonly path: string; readonly trailingSlash: boolean }
  | { readonly kind: "lakefs"; readonly arg: string; readonly repository: string; readonly ref: string; readonly path: string };

const URI = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The display form of a lakeFS location: `lakefs://repo/ref/path`. */
export function lakefsUri(repository: string, ref: string, path: string): string {
  return `lakefs://${repository}/${ref}/${path}`;
}

/**
 * Reads a `cp` argument: `lakefs://repository/ref/path` (or the gateway form
 * `s3://repository/ref/path`) names lakeFS; anything else is a local path,
 * resolved against the working directory. A lakeFS URI must name a ref.
 */
export function parseCpLocation(arg: string, cwd: string, command: string): CpLocation {
  if (!URI.test(arg)) {
    return { kind: "local", arg, path: resolve(cwd, arg), trailingSlash: arg.endsWith("/") || arg.endsWith(sep) };
  }
  let parts;
  try {
    parts = parseLakeFSUri(arg);
  } catch (err) {
    if (err instanceof ValidationError) throw new UsageError(err.message, command);
    throw err;
  }
  if (parts.ref === undefined) throw new UsageError(`${arg} names no ref: use lakefs://${parts.repository}/<branch>/<path>`, command);
  return { kind: "lakefs", arg, repository: parts.repository, ref: parts.ref, path: parts.path ?? "" };
}
