import { errorFromResponse, type ErrorTarget } from "../errors/error-from-response.js";
import { fromNetworkError, type RequestContext } from "../errors/from-network-error.js";
import { LakeFSError } from "../errors/lakefs-error.js";
import { redact, redactedCause } from "../errors/redact.js";
import { detachSdkError } from "./detach-response-plugin.js";

interface SdkError {
  name?: string;
  message?: string;
  Code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
  $response?: { statusCode?: number; headers?: Record<string, string> };
}

/** The SDK's message when an error body is not XML (e.g. nginx's HTML 502 page when every lakeFS behind it is down). */
function notS3ErrorDocument(message: string | undefined): boolean {
  return message !== undefined && /XML parse error|Deserialization error/.test(message);
}

/**
 * Turns an error thrown by `S3Client.send` against the gateway into a
 * {@link LakeFSError}: network failures by their cause, service errors by
 * HTTP status and S3 error code.
 *
 * @internal
 */
export function fromS3Error(raw: unknown, context: RequestContext & { target?: ErrorTarget }): LakeFSError {
  if (raw instanceof LakeFSError) return raw;
  // The cause must not keep the raw response (signed request headers, the shared agent) reachable.
  const err = detachSdkError(raw);
  const sdk = (err ?? {}) as SdkError;
  const status = sdk.$metadata?.httpStatusCode ?? sdk.$response?.statusCode;
  if (!status) {
    return (
      fromNetworkError(err, context) ??
      new LakeFSError(`${context.operation ?? "S3 request"}: ${redact(sdk.message ?? String(err), context.secrets)}`, {
        operation: context.operation,
        cause: redactedCause(err, context.secrets),
      })
    );
  }
  const code = sdk.Code ?? sdk.name;
  // HEAD responses have no body, so the SDK names the error after the status.
  const message = notS3ErrorDocument(sdk.message)
    ? `the answer (HTTP ${status}) is no S3 error document: a proxy or load balancer in front of lakeFS answered, or lakeFS is not at this endpoint`
    : sdk.message && sdk.message !== "UnknownError" && sdk.message !== code ? sdk.message : "";
  return errorFromResponse({
    status,
    ...(code && code !== "Error" ? { code } : {}),
    message,
    requestId: sdk.$metadata?.requestId ?? sdk.$response?.headers?.["x-amz-request-id"],
    operation: context.operation,
    target: context.target,
    secrets: context.secrets,
    cause: err,
  });
}
