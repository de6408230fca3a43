/**
 * An object's stats, the same shape from either path: `statObject` over the
 * S3 gateway (`HeadObject`), `ObjectHandle.stat()` and
 * `AdminClient.statObject` over REST. Sizes are in bytes, times are `Date`s.
 *
 * @public
 */
export interface ObjectStat {
  /** The object's path within the ref. */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  /** ETag, unquoted: lakeFS's checksum of the content (the REST API's `checksum`). */
  readonly etag?: string;
  /** When the object was last written. */
  readonly lastModified?: Date;
  /** `Content-Type` stored with the object. */
  readonly contentType?: string;
  /** User metadata. Empty when none. The gateway returns keys in lower case; REST as they were stored. */
  readonly metadata: Record<string, string>;
  /** Where the data lives in the underlying object store. Only from REST (`AdminClient.statObject`). */
  readonly physicalAddress?: string;
  /** When a presigned {@link ObjectStat.physicalAddress} stops working. Only from REST, and only when presigned. */
  readonly physicalAddressExpiry?: Date;
}
