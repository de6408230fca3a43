import type { Readable } from "node:stream";
import { readBodyText } from "../http/read-body.js";
import type { ObjectStat } from "../model/object-stat.js";
import type { components } from "./generated/openapi.js";
import { toObjectStat } from "./objects.js";
import type { RestClient } from "./rest-client.js";

/**
 * One object's place for the REST object calls: the ref is a branch for
 * uploads, any ref for reads.
 *
 * @internal
 */
export interface RestObjectLocation {
  readonly repository: string;
  readonly ref: string;
  readonly path: string;
}

/**
 * What {@link uploadObjectBytes} sends besides the bytes.
 *
 * @internal
 */
export interface RestUploadOptions {
  /** Stored as the object's content type. Default `application/octet-stream` (the gateway's default too). */
  readonly contentType?: string | undefined;
  /** `"*"`: fail with 412 when the path already holds an object. */
  readonly ifNoneMatch?: "*" | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * `POST /repositories/{repository}/branches/{branch}/objects` with the bytes
 * as a raw `application/octet-stream`-style body (not multipart): one request,
 * which lakeFS writes to the blockstore and stages at the path. Returns the
 * new object's stats. Sent again on a broken connection only when unconditional
 * (writing the same bytes twice leaves the same object).
 *
 * @internal
 */
export async function uploadObjectBytes(rest: RestClient, location: RestObjectLocation, body: Uint8Array, options: RestUploadOptions = {}): Promise<ObjectStat> {
  const { repository, ref, path } = location;
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/octet-stream" };
  if (options.ifNoneMatch !== undefined) headers["if-none-match"] = options.ifNoneMatch;
  const response = await rest.requestRaw(
    "post",
    "/repositories/{repository}/branches/{branch}/objects",
    { path: { repository, branch: ref }, query: { path }, headers, body, signal: options.signal },
    { operation: "uploadObject", target: { repository, ref, refKind: "branch", path }, idempotent: options.ifNoneMatch === undefined },
  );
  return toObjectStat(JSON.parse(await readBodyText(response.body)) as components["schemas"]["ObjectStats"]);
}

/**
 * An object's bytes as `GET /repositories/{repository}/refs/{ref}/objects`
 * answers them, the body unread.
 *
 * @internal
 */
export interface RestObjectBody {
  readonly body: Readable;
  /** `Content-Length` of this answer (the range's length for a ranged read). */
  readonly contentLength: number | undefined;
  /** The ETag, unquoted. */
  readonly etag: string | undefined;
}

/**
 * Reads an object (or a byte range, given as a `Range` header value) over
 * REST. The caller must consume or destroy the body.
 *
 * @internal
 */
export async function getObjectBody(
  rest: RestClient,
  location: RestObjectLocation,
  options: { readonly range?: string | undefined; readonly signal?: AbortSignal | undefined } = {},
): Promise<RestObjectBody> {
  const { repository, ref, path } = location;
  const response = await rest.requestRaw(
    "get",
    "/repositories/{repository}/refs/{ref}/objects",
    { path: { repository, ref }, query: { path }, headers: { accept: "*/*", ...(options.range !== undefined ? { range: options.range } : {}) }, signal: options.signal },
    { operation: "GetObject", target: { repository, ref, refKind: "ref", path } },
  );
  const length = response.headers["content-length"];
  return {
    body: response.body,
    contentLength: length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined,
    etag: response.headers["etag"]?.replace(/^"|"$/g, ""),
  };
}
