import type { Readable, Writable } from "node:stream";
import { validateObjectPath } from "../validation/names.js";
import { copyObject, type CopyObjectOptions } from "../gateway/objects/copy-object.js";
import { deleteObject } from "../gateway/objects/delete-object.js";
import { objectExists, statObject, type ObjectStat } from "../gateway/objects/stat-object.js";
import { presignObject, type PresignObjectOptions } from "../gateway/objects/presign-object.js";
import { readObjectBytes, readObjectStream, readObjectText, type ReadObjectOptions, type ReadObjectTextOptions } from "../gateway/objects/read-object.js";
import type { ObjectLocation } from "../gateway/objects/object-location.js";
import type { CallOptions } from "../http/call-options.js";
import type { HandleContext } from "./context.js";
import { refineNotFound, type RefKind } from "./refine-not-found.js";
import { chooseDataPath, wantedDataPath, type DataPathOption } from "./data-path.js";
import { presignedSource, presignedTarget, presignedUploadUnusable } from "./presigned-transfer.js";
import { gatewayRangeSource } from "../gateway/objects/gateway-range-source.js";
import { gatewayUploadTarget } from "../gateway/objects/gateway-upload-target.js";
import { validateWriteLocation } from "../gateway/objects/validate-location.js";
import { download } from "../transfer/download.js";
import { describeObject } from "../transfer/object-transfers.js";
import {
  checkDownloadOptions,
  checkUploadOptions,
  type DownloadObjectOptions,
  type DownloadObjectResult,
  type UploadObjectOptions,
  type UploadObjectResult,
} from "../transfer/options.js";
import { upload } from "../transfer/upload.js";
import { checkOpenOptions, type OpenObjectOptions } from "../transfer/open-options.js";
import { openObjectReader, type ObjectReader } from "../transfer/object-reader.js";
import { ObjectWriteStream, toWebObjectStream, type ObjectWritableStream } from "../transfer/object-write-stream.js";
import type { UploadBody } from "../transfer/upload-body.js";
import type { RangeSource } from "../model/transfer-adapter.js";
import { restExists, restReadBytes, restStat, restUploadBytes, restUploadTarget, restWanted, textEncoding } from "./rest-object-io.js";

/**
 * An object at a path on a ref. Creating a handle sends nothing. On a tag, a
 * commit or an expression such as `main~1` the object is read-only; on a
 * branch, {@link WritableObjectHandle} adds writes.
 *
 * @public
 */
export class ObjectHandle {
  /** @internal */
  protected readonly ctx: HandleContext;
  /** @internal */
  protected readonly refKind: RefKind;
  /** The repository. */
  readonly repository: string;
  /** The ref the object is read from. */
  readonly ref: string;
  /** The object's path within the ref. */
  readonly path: string;

  /** @internal */
  constructor(ctx: HandleContext, location: ObjectLocation, refKind: RefKind) {
    validateObjectPath(location.path);
    this.ctx = ctx;
    this.repository = location.repository;
    this.ref = location.ref;
    this.path = location.path;
    this.refKind = refKind;
  }

  /** `{ repository, ref, path }` of this object. */
  get location(): ObjectLocation {
    return { repository: this.repository, ref: this.ref, path: this.path };
  }

  /** `lakefs://repository/ref/path`. */
  get uri(): string {
    return `lakefs://${this.repository}/${this.ref}/${this.path}`;
  }

  /** @internal Runs a call and turns an ambiguous "not found" into the precise error. */
  protected async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw refineNotFound(err, this.refKind);
    }
  }

  /**
   * Size, ETag, modification time, content type and user metadata. Under
   * `dataPath: "auto"` one REST stat, else a gateway `HeadObject`.
   */
  stat(options: CallOptions & DataPathOption = {}): Promise<ObjectStat> {
    return this.run(() => (restWanted(this.ctx, options.dataPath) ? restStat(this.ctx, this.location, options) : statObject(this.ctx.s3, this.location, options)));
  }

  /** Whether the object exists. A missing repository or ref still throws. */
  exists(options: CallOptions & DataPathOption = {}): Promise<boolean> {
    return this.run(() => (restWanted(this.ctx, options.dataPath) ? restExists(this.ctx, this.location, options) : objectExists(this.ctx.s3, this.location, options)));
  }

  /** The object's bytes as a Node stream, without buffering. Ranged when `range` is given. */
  stream(options: ReadObjectOptions = {}): Promise<Readable> {
    return this.run(() => readObjectStream(this.ctx.s3, this.location, options));
  }

  /**
   * The whole object (or a range) in memory: under `dataPath: "auto"` one REST
   * GET, else a gateway `GetObject`. Prefer {@link ObjectHandle.stream} for large objects.
   */
  bytes(options: ReadObjectOptions & DataPathOption = {}): Promise<Uint8Array> {
    return this.run(() =>
      restWanted(this.ctx, options.dataPath) ? restReadBytes(this.ctx, this.location, this.refKind, options) : readObjectBytes(this.ctx.s3, this.location, options),
    );
  }

  /** The whole object (or a range) decoded as text (UTF-8 unless `encoding` says otherwise); read as {@link ObjectHandle.bytes} reads. */
  text(options: ReadObjectTextOptions & DataPathOption = {}): Promise<string> {
    return this.run(async () => {
      if (!restWanted(this.ctx, options.dataPath)) return readObjectText(this.ctx.s3, this.location, options);
      const encoding = textEncoding(options.encoding);
      const bytes = await restReadBytes(this.ctx, this.location, this.refKind, options);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
    });
  }

  /**
   * Downloads to a file path or a writable stream with parallel ranged GETs,
   * on the gateway or presigned straight from the store (`dataPath`), with
   * the same checks, errors and clean-up on both: bytes written in place (a
   * file, renamed into place when complete) or in order (a stream), memory
   * bounded by about `concurrency × partSize`.
   */
  download(destination: string | Writable, options: DownloadObjectOptions & DataPathOption = {}): Promise<DownloadObjectResult> {
    return this.run(async () => {
      // Every path refuses a bad option or destination before sending anything.
      const settings = checkDownloadOptions(destination, options);
      return download(await this.rangeSource(options.dataPath), destination, settings, { signal: options.signal, what: describeObject(this.location) });
    });
  }

  /**
   * Opens the object for reads at any offset ({@link ObjectReader}, in the
   * idiom of `fs.promises.FileHandle`, and an `AsyncBuffer` for readers such
   * as hyparquet), on the gateway or presigned straight from the store
   * (`dataPath`). One ranged GET of one byte learns the size and version;
   * every later read must come from that version (`PreconditionFailedError`
   * otherwise). Bad options fail with `ValidationError` before anything is sent.
   */
  open(options: OpenObjectOptions & DataPathOption = {}): Promise<ObjectReader> {
    return this.run(async () => {
      const settings = checkOpenOptions(options);
      return openObjectReader(await this.rangeSource(options.dataPath, "open"), settings, { signal: options.signal, what: describeObject(this.location) });
    });
  }

  /**
   * @internal The engine's range source of the data path this call takes:
   * presigned GETs straight from the store, or the gateway's ranged `GetObject`.
   */
  protected async rangeSource(dataPath: DataPathOption["dataPath"], operation = "downloadObject"): Promise<RangeSource> {
    const presigned = (await chooseDataPath(this.ctx, dataPath, operation)) === "presigned";
    return presigned ? presignedSource(this.ctx, this.location, operation) : gatewayRangeSource(this.ctx.s3, this.location, operation);
  }

  /** Copies this object to a path on a branch (the same or another repository on the same storage). */
  async copyTo(destination: WritableObjectHandle, options: CopyObjectOptions = {}): Promise<WritableObjectHandle> {
    await this.run(() => copyObject(this.ctx.s3, this.location, destination.location, options));
    return destination;
  }

  /** A presigned URL that lets anyone read the object until it expires. */
  presign(options: PresignObjectOptions & { method?: "GET" } = {}): Promise<string> {
    return presignObject(this.ctx.s3, this.location, { ...options, method: "GET" });
  }
}

/**
 * An object on a branch: reads plus upload, delete and presigned PUT.
 *
 * @public
 */
export class WritableObjectHandle extends ObjectHandle {
  /** @internal */
  constructor(ctx: HandleContext, location: ObjectLocation) {
    super(ctx, location, "branch");
  }

  /**
   * Uploads the object from a string, bytes, a Node or web stream, a Blob, or
   * `{ file: path }`. Under `dataPath: "auto"` an in-memory body of up to
   * 1 MiB without `metadata` is one REST upload; large bodies go multipart
   * with bounded memory, and any failure aborts the multipart upload, so the
   * previous version stays. A write to a tag, commit id or deleted branch
   * fails with ReadOnlyRefError or BranchNotFoundError; bodies over 64 KiB (or
   * of unknown size) are checked first (one request), so none of their bytes
   * is sent.
   */
  upload(body: UploadBody, options: UploadObjectOptions & DataPathOption = {}): Promise<UploadObjectResult> {
    return this.run(async () => {
      // Every path refuses a bad location, option or file before sending anything.
      validateWriteLocation(this.location);
      const settings = checkUploadOptions(options);
      // Small in-memory bodies take one REST request under "auto", even where presigned URLs would need three.
      const small = restWanted(this.ctx, options.dataPath) ? await restUploadBytes(body, options) : undefined;
      if (small !== undefined) return upload(restUploadTarget(this.ctx, this.location, options), small, settings, options);
      const path = await chooseDataPath(this.ctx, options.dataPath, "uploadObject", await presignedUploadUnusable(this.ctx, body, options));
      if (path === "presigned") {
        return upload(await presignedTarget(this.ctx, this.location, options, options.signal), body, settings, options);
      }
      return upload(gatewayUploadTarget(this.ctx.s3, this.location, options), body, settings, options);
    });
  }

  /**
   * A Node `Writable` that writes the object ({@link ObjectWriteStream}): the
   * bytes piped into it go up as {@link WritableObjectHandle.upload} sends a
   * stream (multipart, memory near `queueSize × partSize`), on the data path
   * the call takes. `'finish'` comes once the object is written, `result`
   * holds what was written; `destroy()` or an abort leaves nothing visible.
   * Creating it sends nothing; bad options fail with `ValidationError` at once.
   */
  createWriteStream(options: UploadObjectOptions & DataPathOption = {}): ObjectWriteStream {
    validateWriteLocation(this.location);
    checkUploadOptions(options);
    wantedDataPath(this.ctx, options.dataPath);
    return new ObjectWriteStream((body, signal) => this.upload(body, { ...options, signal }), options.signal);
  }

  /** {@link WritableObjectHandle.createWriteStream} as a web `WritableStream`, with the same `result`. */
  createWritableStream(options: UploadObjectOptions & DataPathOption = {}): ObjectWritableStream {
    return toWebObjectStream(this.createWriteStream(options));
  }

  /** Deletes the object from the branch (uncommitted until the next commit). Deleting a missing object succeeds. */
  delete(options: CallOptions = {}): Promise<void> {
    return this.run(async () => {
      // The gateway answers 204 for deletes on tags and missing branches: check the ref each time, in parallel.
      await deleteObject(this.ctx.s3, this.location, { ...options, verifyBranch: true });
    });
  }

  /** A presigned GET or PUT URL. */
  override presign(options: PresignObjectOptions = {}): Promise<string> {
    return presignObject(this.ctx.s3, this.location, options);
  }
}
