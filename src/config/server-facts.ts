/**
 * One storage (blockstore) a lakeFS server is configured with, as its
 * `GET /api/v1/config` reports it.
 *
 * @internal
 */
export interface StorageFacts {
  /** `"local"`, `"s3"`, `"gs"`, `"azure"`, `"mem"`, … */
  readonly blockstoreType: string;
  /** The storage id on servers with several storages; `undefined` or `""` otherwise. */
  readonly blockstoreId: string | undefined;
  /** Whether the server hands out presigned URLs to the object store. */
  readonly preSignSupport: boolean;
  /** Whether presigned multipart uploads are supported. */
  readonly preSignMultipartUpload: boolean;
  /** Whether the server can import from the object store. */
  readonly importSupport: boolean;
}

/**
 * What a lakeFS server told about itself in one `GET /api/v1/config`: its
 * version and its storage configuration. Read once per client and cached, so
 * per-server decisions (which S3 operations the gateway serves, version
 * checks, the presigned data path) cost one request in the client's lifetime.
 *
 * @internal
 */
export interface ServerFacts {
  /** The server's version, such as `"1.84.0"`; `undefined` when it does not say. */
  readonly version: string | undefined;
  /** Every configured storage: one on most servers, several with multi-storage. */
  readonly storages: readonly StorageFacts[];
}

/**
 * Reads the client's {@link ServerFacts}: the first call sends
 * `GET /api/v1/config`, later calls share its answer; a failed read is not
 * cached, so the next call tries again. `signal` ends only the caller's wait,
 * never the shared request. Handed down by the layer that owns the REST
 * client (`src/client`), since the gateway never imports it.
 *
 * @internal
 */
export type ServerFactsReader = (options?: { readonly signal?: AbortSignal | undefined }) => Promise<ServerFacts>;
