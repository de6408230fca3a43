/**
 * Progress of an upload (`upload`, `uploadObject`) or a download
 * (`download`, `downloadObject`), in bytes.
 *
 * @public
 */
export interface TransferProgress {
  /** Bytes transferred so far. */
  loaded: number;
  /** Total bytes, when known in advance (downloads, and uploads of bytes, strings, Blobs and files; not of streams). */
  total?: number;
  /** The part (1-based) whose completion produced this event. */
  part?: number;
}
