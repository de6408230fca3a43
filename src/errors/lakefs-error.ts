/**
 * Whether an error was caused by the caller (bad input, missing resource,
 * credentials) or by the server or network.
 *
 * @public
 */
export type ErrorFault = "client" | "server";

/**
 * Everything a {@link LakeFSError} can carry besides its message.
 *
 * @public
 */
export interface LakeFSErrorOptions {
  /** HTTP status of the response; `0` when no response was received (network, abort, client-side validation). */
  readonly status?: number;
  /** Error code from the server (`NoSuchKey`, `SlowDown`, …) or one of the toolkit's own codes. */
  readonly code?: string;
  /** The request id the server returned (`x-request-id` / `x-amz-request-id`), to quote to lakeFS operators. */
  readonly requestId?: string;
  /** Whether sending the same request again may succeed. Defaults to `false`. */
  readonly retryable?: boolean;
  /** Who is at fault. Defaults to `"server"` for status ≥ 500 and `"client"` otherwise. */
  readonly fault?: ErrorFault;
  /** The operation that failed, such as `PutObject` or `createBranch`. */
  readonly operation?: string;
  /** What to do about it, in one sentence. Appended to the message. */
  readonly hint?: string;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * The base class of every error the toolkit throws, on the S3 gateway path and
 * on the REST path alike. Catch a subclass with `instanceof` to handle one
 * cause, or this class to handle them all.
 *
 * Messages never contain secrets: credentials, session tokens, proxy passwords
 * and presigned signatures are removed before an error is built.
 *
 * @public
 */
export class LakeFSError extends Error {
  /** The class name (`"LakeFSError"`, `"BranchNotFoundError"`, …), as in `err.name`. */
  override readonly name: string = "LakeFSError";
  /** HTTP status of the response; `0` when no response was received. */
  readonly status: number;
  /** Server error code or one of the toolkit's own codes. */
  readonly code: string;
  /** The server's request id, when there was a response. */
  readonly requestId: string | undefined;
  /** Whether sending the same request again may succeed. */
  readonly retryable: boolean;
  /** Who is at fault: the caller or the server/network. */
  readonly fault: ErrorFault;
  /** The operation that failed, when known. */
  readonly operation: string | undefined;
  /** What to do about it, when the toolkit knows. */
  readonly hint: string | undefined;

  constructor(message: string, options: LakeFSErrorOptions = {}) {
    super(options.hint ? `${message}${/[.!?]$/.test(message) ? "" : "."} ${options.hint}` : message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status ?? 0;
    this.code = options.code ?? "LakeFSError";
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? false;
    this.fault = options.fault ?? (this.status >= 500 ? "server" : "client");
    this.operation = options.operation;
    this.hint = options.hint;
  }
}
