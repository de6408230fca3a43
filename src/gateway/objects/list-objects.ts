import { ListObjectsV2Command, type ListObjectsV2CommandOutput, type S3Client } from "@aws-sdk/client-s3";
import { ValidationError } from "../../errors/input-errors.js";
import { paginateByToken, type TokenPage } from "../../http/paginate.js";
import { normalizeEtag } from "./etag.js";
import { toObjectError } from "./object-error.js";
import type { RefLocation } from "./object-location.js";
import type { CallOptions } from "../../http/call-options.js";
import { validateReadLocation } from "./validate-location.js";
import { validateInteger } from "../../validation/integer.js";

/**
 * An object found by {@link listObjects}.
 *
 * @public
 */
export interface ObjectEntry {
  /** Always `"object"`: tells an object from a {@link PrefixEntry}. */
  readonly type: "object";
  /** Path within the ref (no `<ref>/`). */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  /** ETag, unquoted. */
  readonly etag: string;
  /** When the object was last written. */
  readonly lastModified: Date;
}

/**
 * A common prefix ("directory") found by {@link listObjects} with a delimiter.
 *
 * @public
 */
export interface PrefixEntry {
  /** Always `"prefix"`: tells a common prefix from an {@link ObjectEntry}. */
  readonly type: "prefix";
  /** The prefix within the ref, ending with the delimiter (e.g. `data/2024/`). */
  readonly path: string;
}

/**
 * What {@link listObjects} lists.
 *
 * @public
 */
export interface ListObjectsInput extends RefLocation {
  /** Only paths that start with this. Default: all. */
  readonly prefix?: string;
  /** Group paths by this separator (usually `"/"`) into {@link PrefixEntry} items. Default: none (a flat listing). */
  readonly delimiter?: string;
  /** Start after this path (exclusive). */
  readonly startAfter?: string;
  /** Keys per `ListObjectsV2` request (`max-keys`). Default 1,000; from 1 to 10,000 (lakeFS's limit). */
  readonly pageSize?: number;
}

/**
 * Options of {@link listObjects}.
 *
 * @public
 */
export interface ListObjectsOptions extends CallOptions {
  /** Stop after this many entries (objects and prefixes together). Default: no limit. */
  readonly limit?: number;
}

const utf8 = (s: string): Buffer => Buffer.from(s, "utf8");

/**
 * Objects and prefixes of one page, merged in key (UTF-8 byte) order.
 *
 * @internal
 */
export function* pageEntries(page: ListObjectsV2CommandOutput, strip: (key: string) => string): Generator<ObjectEntry | PrefixEntry> {
  const objects = page.Contents ?? [];
  const prefixes = page.CommonPrefixes ?? [];
  let i = 0;
  let j = 0;
  while (i < objects.length || j < prefixes.length) {
    const o = objects[i];
    const p = prefixes[j];
    if (o && (!p || Buffer.compare(utf8(o.Key ?? ""), utf8(p.Prefix ?? "")) <= 0)) {
      i++;
      yield {
        type: "object",
        path: strip(o.Key ?? ""),
        size: o.Size ?? 0,
        etag: normalizeEtag(o.ETag) ?? "",
        lastModified: o.LastModified ?? new Date(0),
      };
    } else if (p) {
      j++;
      yield { type: "prefix", path: strip(p.Prefix ?? "") };
    }
  }
}

const OPERATION = "ListObjectsV2";

/** Sends one `ListObjectsV2` request (the first one with `StartAfter`) and returns its entries relative to the ref. */
async function fetchListPage(
  s3: S3Client,
  input: ListObjectsInput,
  request: { readonly token: string | undefined; readonly maxKeys: number; readonly signal: AbortSignal | undefined },
): Promise<TokenPage<ObjectEntry | PrefixEntry>> {
  const { token, signal } = request;
  const refPrefix = `${input.ref}/`;
  const strip = (key: string): string => (key.startsWith(refPrefix) ? key.slice(refPrefix.length) : key);
  let page: ListObjectsV2CommandOutput;
  try {
    page = await s3.send(
      new ListObjectsV2Command({
        Bucket: input.repository,
        Prefix: `${refPrefix}${input.prefix ?? ""}`,
        MaxKeys: request.maxKeys,
        ...(input.delimiter !== undefined ? { Delimiter: input.delimiter } : {}),
        ...(token === undefined && input.startAfter !== undefined ? { StartAfter: `${refPrefix}${input.startAfter}` } : {}),
        ...(token !== undefined ? { ContinuationToken: token } : {}),
      }),
      { abortSignal: signal },
    );
  } catch (err) {
    throw await toObjectError(err, { s3, operation: OPERATION, location: input, access: "list", signal });
  }
  return { items: [...pageEntries(page, strip)], next: page.IsTruncated ? page.NextContinuationToken : undefined };
}

/**
 * Lists the objects on a ref with `ListObjectsV2`, page by page: the next page
 * is fetched only when the consumer asks for more, so breaking out of the loop
 * stops the listing. Paths are relative to the ref. With a `delimiter`,
 * common prefixes come as {@link PrefixEntry} items among the objects, in key
 * order.
 *
 * @example
 * ```ts
 * for await (const entry of listObjects(s3, { repository: "repo", ref: "main", prefix: "data/", delimiter: "/" })) {
 *   console.log(entry.type, entry.path);
 * }
 * ```
 *
 * @throws (while iterating) `RepositoryNotFoundError`, `RefNotFoundError`
 *   (the gateway answers a bare 400 for a missing ref), `ValidationError`,
 *   `AbortError`.
 * @public
 */
export async function* listObjects(
  s3: S3Client,
  input: ListObjectsInput,
  options: ListObjectsOptions = {},
): AsyncGenerator<ObjectEntry | PrefixEntry, void, undefined> {
  validateReadLocation(input, false);
  const pageSize = input.pageSize ?? 1000;
  validateInteger("pageSize", pageSize, { min: 1, max: 10_000 });
  if (options.limit !== undefined) validateInteger("limit", options.limit, { min: 0 });
  for (const name of ["prefix", "delimiter", "startAfter"] as const) {
    const value = input[name];
    if (value !== undefined && typeof value !== "string") throw new ValidationError(`${name} must be a string`, { code: "InvalidOption" });
  }
  if (input.delimiter === "") throw new ValidationError("delimiter must not be empty", { code: "InvalidOption" });
  yield* paginateByToken((token, remaining) => fetchListPage(s3, input, { token, maxKeys: Math.min(pageSize, remaining), signal: options.signal }), {
    limit: options.limit,
    signal: options.signal,
    operation: OPERATION,
  });
}
