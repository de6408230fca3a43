import { LakeFSError, type LakeFSErrorOptions } from "./lakefs-error.js";

/**
 * The object store behind lakeFS (S3, GCS, Azure, MinIO, …) refused or failed
 * a request on a presigned URL: the data path went around lakeFS, so this is
 * not a lakeFS error. `code` is the store's (`AccessDenied`,
 * `SignatureDoesNotMatch`) or the toolkit's (`PresignedUrlExpired`,
 * `ChecksumMismatch`). The URL is never part of the message: it carries
 * credentials.
 *
 * @public
 */
export class ObjectStoreError extends LakeFSError {
  override readonly name: string = "ObjectStoreError";
  /** The store's host, for operators (never the URL: it carries credentials). */
  readonly storeHost: string | undefined;

  constructor(message: string, options: LakeFSErrorOptions & { readonly storeHost?: string } = {}) {
    super(message, options);
    this.storeHost = options.storeHost;
  }
}

/**
 * The presigned data path was asked for (`dataPath: "presigned"`) but cannot
 * be used: the server's blockstore does not support presigned URLs, or the
 * body is of a kind the presigned path does not take. Nothing was sent.
 *
 * @public
 */
export class PresignUnsupportedError extends LakeFSError {
  override readonly name: string = "PresignUnsupportedError";
}
