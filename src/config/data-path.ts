/**
 * Which way object bytes travel:
 * - `"gateway"`: through lakeFS's S3 gateway (lakeFS carries every byte);
 * - `"presigned"`: straight between this client and the object store on
 *   presigned URLs, lakeFS only for metadata; fails with
 *   `PresignUnsupportedError` where the server cannot presign;
 * - `"auto"` (default): presigned where the server's storage config says it
 *   supports presigned URLs and the call can use them, else the gateway.
 *
 * The branch-scoped `S3Client` and `lakefs.s3` always use the gateway.
 *
 * @public
 */
export type DataPath = "auto" | "gateway" | "presigned";

/** The values of {@link DataPath}, in the order the messages list them. */
const DATA_PATHS: readonly DataPath[] = ["auto", "gateway", "presigned"];

/**
 * Whether `value` is a {@link DataPath}.
 *
 * @internal
 */
export function isDataPath(value: unknown): value is DataPath {
  return (DATA_PATHS as readonly unknown[]).includes(value);
}

/**
 * What a message says about a wrong data path value.
 *
 * @internal
 */
export function dataPathProblem(value: unknown): string {
  return `Invalid dataPath ${JSON.stringify(value)}: use "auto", "gateway" or "presigned"`;
}
