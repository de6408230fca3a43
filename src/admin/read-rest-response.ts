import { describeSource } from "../config/describe-source.js";
import type { ResolvedLakeFSConfig } from "../config/types.js";
import { errorFromResponse, type ErrorTarget } from "../errors/error-from-response.js";
import { LakeFSError } from "../errors/lakefs-error.js";

/**
 * A REST response as read off the wire: status, the headers the toolkit uses,
 * and the whole body as text.
 *
 * @internal
 */
export interface RestResponseText {
  readonly status: number;
  readonly requestId: string | undefined;
  readonly contentType: string;
  /** The wait a 429 or 503 asked for (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number | undefined;
  readonly text: string;
}

/**
 * What {@link readRestResponse} needs to name a failure.
 *
 * @internal
 */
export interface RestResponseContext {
  readonly operation: string;
  readonly target: ErrorTarget | undefined;
  readonly config: ResolvedLakeFSConfig;
}

/** The body of a 2xx: empty, plain text (createBranch answers the new commit id) or JSON. */
function successBody(response: RestResponseText, context: RestResponseContext): unknown {
  const { status, text, contentType, requestId } = response;
  if (!text) return undefined;
  if (/^text\/plain\b/i.test(contentType)) return text;
  try {
    return JSON.parse(text);
  } catch {
    // A 2xx that is not JSON: the endpoint is something other than lakeFS's API.
    const { config } = context;
    throw new LakeFSError(`${context.operation}: the server at ${config.serverUrl} answered ${status} with a body that is not JSON`, {
      status,
      code: "UnexpectedResponse",
      requestId,
      hint: `Check that the endpoint (${describeSource(config.sources.endpoint)}) is the lakeFS server URL`,
    });
  }
}

/** lakeFS's error message: the JSON `message`, else the start of the body. */
function errorMessage(text: string): string {
  try {
    return (JSON.parse(text) as { message?: string }).message ?? "";
  } catch {
    return text.slice(0, 200);
  }
}

/**
 * Returns the parsed body of a 2xx response, or throws the
 * {@link LakeFSError} subclass that names the failure.
 *
 * @internal
 */
export function readRestResponse(response: RestResponseText, context: RestResponseContext): unknown {
  if (response.status >= 200 && response.status < 300) return successBody(response, context);
  throw errorFromResponse({
    status: response.status,
    message: errorMessage(response.text),
    requestId: response.requestId,
    operation: context.operation,
    target: context.target,
    secrets: context.config.secrets,
    retryAfterMs: response.retryAfterMs,
  });
}
