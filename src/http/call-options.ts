/**
 * Options every call takes, on the REST and the S3 path alike.
 *
 * @public
 */
export interface CallOptions {
  /**
   * Cancels the call. An aborted call rejects with the toolkit's
   * `AbortError`, whose `cause` is the signal's reason.
   */
  readonly signal?: AbortSignal;
}
