import type { Readable, Writable } from "node:stream";
import { validateObjectPath } from "../../validation/names.js";
import {
  copyObject,
  deleteObject,
  downloadObject,
  objectExists,
  presignObject,
  readObjectBytes,
  readObjectStream,
  readObjectText,
  statObject,
  uploadObject,
  type ObjectLocation,
  type UploadBody,
  type UploadProgress,
} from "../objects/index.js";
import type { CallOptions } from "../../admin/rest-types.js";
import type { HandleContext } from "./context.js";
import { assertRefExists, refineNotFound, type RefKind } from "./refine-not-found.js";

/**
 * What {@link ObjectHandle.stat} returns.
 *
 * @public
 */
export type ObjectStat = Awaited<ReturnType<typeof statObject>>;

/**
 * Options of {@link WritableObjectHandle.upload}.
 *
 * @public
 */
export interface UploadOptions extends CallOptions {
  /** MIME type stored with the object. */
  readonly contentType?: string;
  /** User metadata stored with the object. */
  readonly metadata?: Record<string, string>;
  /** Part size in bytes for multipart uploads. Default 8 MiB (minimum 5 MiB). */
  readonly partSize?: number;
  /** Parts uploaded in parallel. Default 4. */
  readonly queueSize?: number;
  /** Called as bytes are sent. */
  readonly onProgress?: (progress: UploadProgress) => void;
  /** `"*"`: fail with PreconditionFailedError if the object already exists. */
  readonly ifNoneMatch?: "*";
}

/**
 * Options of {@link ObjectHandle.stream} and the reading conveniences.
 *
 * @public
 */
export interface ReadOptions extends CallOptions {
  /** Bytes `start` to `end`, both inclusive (`end` defaults to the last byte). */
  readonly range?: { readonly start: number; readonly end?: number };
}

/**
 * Options of {@link ObjectHandle.download}.
 *
 * @public
 */
export interface DownloadOptions extends CallOptions {
  /** Ranged GETs in flight. Default 4. */
  readonly concurrency?: number;
  /** Bytes per ranged GET. Default 8 MiB. */
  readonly partSize?: number;
  /** Called as bytes arrive. */
  readonly onProgress?: (progress: UploadProgress) => void;
}

/**
 * Options of {@link ObjectHandle.presign}.
 *
 * @public
 */
export interface PresignOptions {
  /** `"GET"` to share a read, `"PUT"` (branches only) to let someone upload. Default `"GET"`. */
  readonly method?: "GET" | "PUT";
  /** Seconds the URL stays valid. Default 900, at most 604 800 (7 days). */
  readonly expiresIn?: number;
  /** For PUT: the Content-Type the uploader must send. */
  readonly contentType?: string;
}

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
    validateObjectPath(location.path, location.ref);
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
  protected async run<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw await refineNotFound(this.ctx, err, this.repository, this.ref, this.refKind, signal);
    }
  }

  /** Size, ETag, modification time, content type and user metadata. */
  stat(options: CallOptions = {}): Promise<ObjectStat> {
    return this.run(() => statObject(this.ctx.s3, this.location, options), options.signal);
  }

  /** Whether the object exists. A missing repository or ref still throws. */
  async exists(options: CallOptions = {}): Promise<boolean> {
    const found = await objectExists(this.ctx.s3, this.location, options);
    // A missing ref or repository is an error, not a missing object.
    if (!found) await assertRefExists(this.ctx, this.repository, this.ref, this.refKind, options.signal);
    return found;
  }

  /** The object's bytes as a Node stream, without buffering. Ranged when `range` is given. */
  stream(options: ReadOptions = {}): Promise<Readable> {
    return this.run(() => readObjectStream(this.ctx.s3, this.location, options), options.signal);
  }

  /** The whole object (or a range) in memory. Prefer {@link ObjectHandle.stream} for large objects. */
  bytes(options: ReadOptions = {}): Promise<Uint8Array> {
    return this.run(() => readObjectBytes(this.ctx.s3, this.location, options), options.signal);
  }

  /** The whole object (or a range) decoded as UTF-8 text. */
  text(options: ReadOptions = {}): Promise<string> {
    return this.run(() => readObjectText(this.ctx.s3, this.location, options), options.signal);
  }

  /**
   * Downloads to a file path or a writable stream with parallel ranged GETs,
   * bytes written in order, memory bounded by about `concurrency × partSize`.
   */
  download(destination: string | Writable, options: DownloadOptions = {}): Promise<{ size: number }> {
    return this.run(() => downloadObject(this.ctx.s3, this.location, destination, options), options.signal);
  }

  /** Copies this object to a path on a branch (the same or another repository on the same storage). */
  async copyTo(destination: WritableObjectHandle, options: CallOptions & { metadata?: Record<string, string>; contentType?: string } = {}): Promise<WritableObjectHandle> {
    await this.run(() => copyObject(this.ctx.s3, this.location, destination.location, options), options.signal);
    return destination;
  }

  /** A presigned URL that lets anyone read the object until it expires. */
  presign(options: PresignOptions & { method?: "GET" } = {}): Promise<string> {
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
   * `{ file: path }`. Large bodies go multipart with bounded memory; any
   * failure aborts the multipart upload, so the previous version stays.
   */
  upload(body: UploadBody, options: UploadOptions = {}): Promise<{ etag?: string; size?: number }> {
    return this.run(() => uploadObject(this.ctx.s3, this.location, body, options), options.signal);
  }

  /** Deletes the object from the branch (uncommitted until the next commit). Deleting a missing object succeeds. */
  delete(options: CallOptions = {}): Promise<void> {
    return this.run(() => deleteObject(this.ctx.s3, this.location, options), options.signal);
  }

  /** A presigned GET or PUT URL. */
  override presign(options: PresignOptions = {}): Promise<string> {
    return presignObject(this.ctx.s3, this.location, options);
  }
}
