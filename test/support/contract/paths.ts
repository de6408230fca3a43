import { createHash } from "node:crypto";
/**
 * The data paths of the contract suite (issue 23): every way a handle call
 * moves an object's bytes, up and down, as a table. Each row says how to make
 * the call on that path (data path option, body kind, size, part size, sink)
 * and which requests carry its bytes, so that a scenario can fault exactly
 * those (through the fault relays in front of lakeFS and of the store).
 *
 * Up: REST under `dataPath: "auto"` (in-memory bodies up to 1 MiB), the S3
 * gateway (one PutObject up to partSize, multipart above; from a file and from
 * a stream), presigned (one PUT up to partSize, presigned multipart above; from
 * a file: a stream of unknown size cannot go presigned).
 * Down: REST `bytes()` under auto, the gateway (`download()` to a file and to
 * a stream, `bytes()`, `stream()`), presigned ranged GETs (`download()` to a
 * file and to a stream; `download()` under auto takes this path on a store
 * that presigns).
 *
 * No node:test here: a worker thread (isolated-runner.ts) imports this module.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import type { DataPath, DownloadObjectOptions, LakeFS, UploadObjectOptions, UploadObjectResult } from "../../../src/index.js";

export const MiB = 1024 * 1024;
/** The part size of every gateway and presigned upload: S3's smallest, so that 11 MiB make three parts. */
export const UPLOAD_PART_SIZE = 5 * MiB;
/** The part size of every ranged download: a 3 MiB object is three ranges. */
export const DOWNLOAD_PART_SIZE = MiB;
/** The size of the objects the down paths read. */
export const DOWNLOAD_SIZE = 3 * MiB + 17;

/** Where one call reads or writes: a key with no `/`, so that it reads the same in every request line. */
export interface Target {
  readonly repository: string;
  readonly branch: string;
  readonly key: string;
}

/** Where the request that a fault should hit goes: lakeFS (REST, gateway) or the object store (presigned URLs). */
export type Front = "lakefs" | "store";

/** A request of a call: on which front, and its request line (`METHOD /path?query`). */
export interface RequestMatch {
  readonly front: Front;
  readonly match: RegExp;
  /** For messages. */
  readonly what: string;
}

/** What a row's requests are matched against: the target, and the store bucket and prefix of the repository's namespace. */
export interface MatchContext extends Target {
  /** `<bucket>/<prefix>` of the repository's storage namespace, as it appears in presigned URLs. */
  readonly storePrefix: string;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A REST request line: `METHOD /api/v1/repositories/<repository>/<path>` (`path` a regex source). */
const rest = (c: MatchContext, method: string, path: string) => `^${method} /api/v1/repositories/${esc(c.repository)}/${path}`;
/** `path=<key>` anywhere in the query. */
const pathParam = (c: MatchContext) => `\\?(?:[^ ]*&)?path=${esc(encodeURIComponent(c.key))}(?:&|$)`;
const gatewayObject = (c: MatchContext) => `/${esc(c.repository)}/${esc(c.branch)}/${esc(c.key)}`;

/** Requests of the REST, gateway and store protocols, by name. */
export const requests = {
  restUpload: (c: MatchContext): RequestMatch => ({ front: "lakefs", what: "REST upload (POST objects)", match: new RegExp(`${rest(c, "POST", `branches/${esc(c.branch)}/objects`)}${pathParam(c)}`) }),
  restGet: (c: MatchContext): RequestMatch => ({ front: "lakefs", what: "REST GET objects", match: new RegExp(`${rest(c, "GET", `refs/${esc(c.branch)}/objects`)}${pathParam(c)}`) }),
  gatewayPut: (c: MatchContext): RequestMatch => ({ front: "lakefs", what: "gateway PutObject", match: new RegExp(`^PUT ${gatewayObject(c)}(?:\\?(?![^ ]*uploadId=)[^ ]*)?$`) }),
  gatewayCreateMultipart: (c: MatchContext): RequestMatch => ({ front: "lakefs", what: "gateway CreateMultipartUpload", match: new RegExp(`^POST ${gatewayObject(c)}\\?uploads`) }),
  gatewayPart: (c: MatchContext): RequestMatch => ({ front: "lakefs", what: "gateway UploadPart", match: new RegExp(`^PUT ${gatewayObject(c)}\\?[^ ]*partNumber=`) }),
  gatewayComplete: (c: MatchContext): RequestMatch => ({ front: "lakefs", what: "gateway CompleteMultipartUpload", match: new RegExp(`^POST ${gatewayObject(c)}\\?(?![^ ]*uploads)[^ ]*uploadId=`) }),
  gatewayGet: (c: MatchContext): RequestMatch => ({ front: "lakefs", what: "gateway GetObject", match: new RegExp(`^GET ${gatewayObject(c)}(?:\\?[^ ]*)?$`) }),
  staging: (c: MatchContext): RequestMatch => ({ front: "lakefs", what: "getPhysicalAddress (staging GET)", match: new RegExp(`${rest(c, "GET", `branches/${esc(c.branch)}/staging/backing`)}${pathParam(c)}`) }),
  link: (c: MatchContext): RequestMatch => ({ front: "lakefs", what: "linkPhysicalAddress (staging PUT)", match: new RegExp(`${rest(c, "PUT", `branches/${esc(c.branch)}/staging/backing`)}${pathParam(c)}`) }),
  createPresignMultipart: (c: MatchContext): RequestMatch => ({ front: "lakefs", what: "createPresignMultipartUpload (POST pmpu)", match: new RegExp(`${rest(c, "POST", `branches/${esc(c.branch)}/staging/pmpu`)}${pathParam(c)}`) }),
  completePresignMultipart: (c: MatchContext): RequestMatch => ({ front: "lakefs", what: "completePresignMultipartUpload (PUT pmpu)", match: new RegExp(`${rest(c, "PUT", `branches/${esc(c.branch)}/staging/pmpu/[^/?]+`)}${pathParam(c)}`) }),
  statPresigned: (c: MatchContext): RequestMatch => ({ front: "lakefs", what: "statObject presign", match: new RegExp(`${rest(c, "GET", `refs/${esc(c.branch)}/objects/stat`)}${pathParam(c)}`) }),
  storePut: (c: MatchContext): RequestMatch => ({ front: "store", what: "presigned PUT", match: new RegExp(`^PUT /${esc(c.storePrefix)}/[^?]*\\?(?![^ ]*uploadId=)`) }),
  storePart: (c: MatchContext): RequestMatch => ({ front: "store", what: "presigned UploadPart", match: new RegExp(`^PUT /${esc(c.storePrefix)}/[^?]*\\?[^ ]*uploadId=`) }),
  storeGet: (c: MatchContext): RequestMatch => ({ front: "store", what: "presigned ranged GET", match: new RegExp(`^GET /${esc(c.storePrefix)}/`) }),
} as const;

/** Where a row's bytes go: the route and its requests. */
interface PathRequests {
  /** The request that carries the object's bytes (a part, for multipart). */
  data(c: MatchContext): RequestMatch;
  /** The lakeFS requests of the call that a throttling front may answer 503, in the order they are sent. */
  lakefs(c: MatchContext): RequestMatch[];
  /** The store requests (presigned URLs) of the call, idem; none on the REST and gateway paths. */
  store(c: MatchContext): RequestMatch[];
}

/** A way to upload. */
export interface UpPath extends PathRequests {
  readonly direction: "up";
  /** Short id for object keys and worker messages. */
  readonly id: string;
  /** For test names, such as `presigned multipart ← file`. */
  readonly name: string;
  readonly route: "rest" | "gateway" | "presigned";
  readonly multipart: boolean;
  readonly source: "bytes" | "file" | "stream";
  /** Body size this row is exercised with. */
  readonly size: number;
  readonly dataPath: DataPath;
  /** The request that makes the object visible (PUT, complete or link): where a lost answer hurts. */
  write(c: MatchContext): RequestMatch;
}

/** A way to read. */
export interface DownPath extends PathRequests {
  readonly direction: "down";
  readonly id: string;
  readonly name: string;
  readonly route: "rest" | "gateway" | "presigned";
  /** `download()` to a file or a Writable, `bytes()`, or `stream()` (the caller reads a Readable). */
  readonly sink: "file" | "stream" | "bytes" | "readable";
  readonly dataPath: DataPath;
  /** Ranged GETs with `concurrency` and `partSize` (download()), rather than one GET. */
  readonly ranged: boolean;
}

export type ContractPath = UpPath | DownPath;

const up = (p: Omit<UpPath, "direction">): UpPath => ({ direction: "up", ...p });
const down = (p: Omit<DownPath, "direction">): DownPath => ({ direction: "down", ...p });

const gatewayPut = (source: "file" | "stream") =>
  up({
    id: `gw-put-${source}`,
    name: `gateway PutObject ← ${source}`,
    route: "gateway",
    multipart: false,
    source,
    size: 2 * MiB + 3,
    dataPath: "gateway",
    data: requests.gatewayPut,
    write: requests.gatewayPut,
    lakefs: (c) => [requests.gatewayPut(c)],
    store: () => [],
  });
const gatewayMultipart = (source: "file" | "stream") =>
  up({
    id: `gw-mpu-${source}`,
    name: `gateway multipart ← ${source}`,
    route: "gateway",
    multipart: true,
    source,
    size: 11 * MiB + 5,
    dataPath: "gateway",
    data: requests.gatewayPart,
    write: requests.gatewayComplete,
    lakefs: (c) => [requests.gatewayCreateMultipart(c), requests.gatewayPart(c), requests.gatewayComplete(c)],
    store: () => [],
  });

/** Every upload path. */
export const UP_PATHS: readonly UpPath[] = [
  up({
    id: "rest-bytes",
    name: "REST (auto) ← bytes",
    route: "rest",
    multipart: false,
    source: "bytes",
    size: 768 * 1024 + 1,
    dataPath: "auto",
    data: requests.restUpload,
    write: requests.restUpload,
    lakefs: (c) => [requests.restUpload(c)],
    store: () => [],
  }),
  gatewayPut("file"),
  gatewayPut("stream"),
  gatewayMultipart("file"),
  gatewayMultipart("stream"),
  up({
    id: "ps-put-file",
    name: "presigned PUT ← file",
    route: "presigned",
    multipart: false,
    source: "file",
    size: 2 * MiB + 3,
    dataPath: "presigned",
    data: requests.storePut,
    write: requests.link,
    lakefs: (c) => [requests.staging(c), requests.link(c)],
    store: (c) => [requests.storePut(c)],
  }),
  up({
    id: "ps-mpu-file",
    name: "presigned multipart ← file",
    route: "presigned",
    multipart: true,
    source: "file",
    size: 11 * MiB + 5,
    dataPath: "presigned",
    data: requests.storePart,
    write: requests.completePresignMultipart,
    lakefs: (c) => [requests.createPresignMultipart(c), requests.completePresignMultipart(c)],
    store: (c) => [requests.storePart(c)],
  }),
];

const gatewayRead = (sink: DownPath["sink"], name: string) =>
  down({
    id: `gw-${sink}`,
    name,
    route: "gateway",
    sink,
    dataPath: "gateway",
    ranged: sink === "file" || sink === "stream",
    data: requests.gatewayGet,
    lakefs: (c) => [requests.gatewayGet(c)],
    store: () => [],
  });
const presignedRead = (sink: "file" | "stream") =>
  down({
    id: `ps-${sink}`,
    name: `presigned download() → ${sink}`,
    route: "presigned",
    sink,
    dataPath: "presigned",
    ranged: true,
    data: requests.storeGet,
    lakefs: (c) => [requests.statPresigned(c)],
    store: (c) => [requests.storeGet(c)],
  });

/** Every read path. */
export const DOWN_PATHS: readonly DownPath[] = [
  down({
    id: "rest-bytes",
    name: "REST (auto) bytes()",
    route: "rest",
    sink: "bytes",
    dataPath: "auto",
    ranged: false,
    data: requests.restGet,
    lakefs: (c) => [requests.restGet(c)],
    store: () => [],
  }),
  gatewayRead("file", "gateway download() → file"),
  gatewayRead("stream", "gateway download() → stream"),
  gatewayRead("bytes", "gateway bytes()"),
  gatewayRead("readable", "gateway stream()"),
  presignedRead("file"),
  presignedRead("stream"),
];

/** Finds a row by id and direction (for the worker, which gets ids). */
export function pathById(direction: "up" | "down", id: string): ContractPath {
  const row = (direction === "up" ? UP_PATHS : DOWN_PATHS).find((p) => p.id === id);
  if (!row) throw new Error(`no ${direction} path ${id}`);
  return row;
}

/** A body for an upload, as a test describes it. */
export type BodySpec =
  | { readonly bytes: Uint8Array }
  | { readonly file: string }
  /** A Readable of these bytes, in 256 KiB chunks; with `failAfter`, it errors after that many bytes. */
  | { readonly stream: Uint8Array; readonly failAfter?: number };

/** The body a row takes for `content`: bytes as they are, a file written into `dir`, or a stream. */
export async function bodyFor(path: UpPath, content: Uint8Array, dir: string): Promise<BodySpec> {
  if (path.source === "bytes") return { bytes: content };
  if (path.source === "stream") return { stream: content };
  const file = join(dir, `source-${path.id}.bin`);
  await writeFile(file, content);
  return { file };
}

/** Turns a body spec into what `upload()` takes. */
export function uploadBody(spec: BodySpec): Uint8Array | Readable | { file: string } {
  if ("bytes" in spec) return spec.bytes;
  if ("file" in spec) return { file: spec.file };
  const bytes = spec.stream;
  const failAfter = spec.failAfter;
  let offset = 0;
  return new Readable({
    highWaterMark: 256 * 1024,
    read() {
      if (failAfter !== undefined && offset >= failAfter) {
        this.destroy(new Error("the source disk failed mid-way"));
        return;
      }
      if (offset >= bytes.length) {
        this.push(null);
        return;
      }
      const end = Math.min(bytes.length, offset + 256 * 1024, failAfter ?? Infinity);
      this.push(Buffer.from(bytes.subarray(offset, end)));
      offset = end;
    },
  });
}

/** Uploads on `path`: its data path and part size, the caller's options on top. */
export function uploadOn(lakefs: LakeFS, path: UpPath, target: Target, body: BodySpec, options: UploadObjectOptions = {}): Promise<UploadObjectResult> {
  return lakefs
    .repository(target.repository)
    .branch(target.branch)
    .object(target.key)
    .upload(uploadBody(body), { dataPath: path.dataPath, ...(path.route !== "rest" ? { partSize: UPLOAD_PART_SIZE } : {}), ...options });
}

/** What a read returned: the bytes, and the size and ETag that `download()` reports. */
export interface ReadResult {
  readonly bytes: Buffer;
  readonly size?: number;
  readonly etag?: string;
}

/** Options of {@link readOn}: the call's signal, and `download()`'s transfer options (which replace the row's). */
export interface ReadOptions {
  readonly signal?: AbortSignal;
  readonly concurrency?: number;
  readonly partSize?: number;
}

/** The file a file-sink row downloads to, in `dir`. */
export const downloadFile = (dir: string) => join(dir, "downloaded.bin");

/** Reads on `path`; a file sink writes `downloadFile(dir)`, and the result holds its bytes. */
export async function readOn(lakefs: LakeFS, path: DownPath, target: Target, dir: string, options: ReadOptions = {}): Promise<ReadResult> {
  const object = lakefs.repository(target.repository).branch(target.branch).object(target.key);
  const signal = options.signal !== undefined ? { signal: options.signal } : {};
  switch (path.sink) {
    case "bytes":
      return { bytes: Buffer.from(await object.bytes({ dataPath: path.dataPath, ...signal })) };
    case "readable": {
      const stream = await object.stream(signal);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return { bytes: Buffer.concat(chunks) };
    }
    default: {
      const transfer: DownloadObjectOptions = {
        partSize: DOWNLOAD_PART_SIZE,
        ...signal,
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        ...(options.partSize !== undefined ? { partSize: options.partSize } : {}),
      };
      if (path.sink === "file") {
        const file = downloadFile(dir);
        const result = await object.download(file, { dataPath: path.dataPath, ...transfer });
        return { bytes: await readFile(file), size: result.size, ...(result.etag !== undefined ? { etag: result.etag } : {}) };
      }
      const sink = new PassThrough();
      const chunks: Buffer[] = [];
      sink.on("data", (c: Buffer) => chunks.push(c));
      const result = await object.download(sink, { dataPath: path.dataPath, ...transfer });
      return { bytes: Buffer.concat(chunks), size: result.size, ...(result.etag !== undefined ? { etag: result.etag } : {}) };
    }
  }
}

/** A read run to its end: the bytes it returned, or what it threw. */
export type ReadOutcome = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly err: unknown };

/** Runs {@link readOn} and keeps its outcome either way, for scenarios that expect either. */
export async function readOutcome(lakefs: LakeFS, path: DownPath, target: Target, dir: string): Promise<ReadOutcome> {
  try {
    return { ok: true, bytes: (await readOn(lakefs, path, target, dir)).bytes };
  } catch (err) {
    return { ok: false, err };
  }
}

/** Which of two versions a whole read returned, in words, for a failure message. */
export function whichVersion(bytes: Buffer, first: Uint8Array, second: Uint8Array): string {
  const sha = createHash("sha256").update(bytes).digest("hex");
  const of = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
  return sha === of(first) ? "the previous version, whole" : sha === of(second) ? "the new version, whole" : "a mix of both versions";
}
