import type { HttpRequest } from "@smithy/protocol-http";
import { describeSource } from "../config/describe-source.js";
import type { ResolvedLakeFSConfig } from "../config/types.js";
import type { ErrorTarget } from "../errors/error-from-response.js";
import { fromNetworkError, type RequestContext } from "../errors/from-network-error.js";
import { LakeFSError } from "../errors/lakefs-error.js";
import { redact, redactedCause } from "../errors/redact.js";
import { OutcomeUnknownError } from "../errors/network-errors.js";
import type { HttpStack } from "../http/http-stack.js";
import { readBodyText } from "../http/read-body.js";
import { throwIfAborted } from "../http/abort.js";
import { neverSent, withRetries } from "../http/retry.js";
import { retryAfterMs } from "../http/retry-after.js";
import { buildRestRequest, type RestRequestParts } from "./build-rest-request.js";
import { readRestResponse, type RestResponseText } from "./read-rest-response.js";
import type { HttpMethod, OperationAt, PathsWithMethod, RestRequestInit, SuccessBody } from "./rest-types.js";

/**
 * What the toolkit knows about a REST call beyond its parameters: a name for
 * messages, the thing it is about (for precise 404 errors), and whether it
 * may be sent twice. Every field is optional.
 *
 * @public
 */
export interface RestCallMeta {
  /** Operation name used in error messages, such as `createBranch`. Default: the method and path, e.g. `GET /repositories/{repository}`. */
  readonly operation?: string;
  /** What the request is about, so errors can name it. */
  readonly target?: ErrorTarget;
  /** Overrides the method's idempotency (POST is not idempotent unless set). */
  readonly idempotent?: boolean;
}

/**
 * The name a REST call goes by in errors: `meta.operation`, else the method
 * and path template, e.g. `GET /repositories/{repository}`.
 *
 * @internal
 */
export function restOperationName(method: string, path: string, meta: RestCallMeta = {}): string {
  return meta.operation ?? `${method.toUpperCase()} ${path}`;
}

/** The request failed after it was sent, on a call that must not be repeated: the outcome is unknown. */
function outcomeUnknown(err: unknown, idempotent: boolean, operation: string): OutcomeUnknownError | undefined {
  if (idempotent || !(err instanceof LakeFSError) || err.status !== 0 || !err.retryable || neverSent(err)) return undefined;
  return new OutcomeUnknownError(
    `${operation}: the connection failed after the request was sent, so it may or may not have taken effect (${err.message})`,
    { operation, cause: err, hint: "Check the current state (for example the branch's head commit) before trying again" },
  );
}

/**
 * A small typed client for lakeFS `/api/v1`: paths, parameters, bodies and
 * responses are inferred from the generated OpenAPI types. Requests go through
 * the shared HTTP stack with Basic auth; failures become {@link LakeFSError}s.
 *
 * @public
 */
export class RestClient {
  readonly #stack: HttpStack;

  /** @internal */
  constructor(stack: HttpStack) {
    this.#stack = stack;
  }

  /**
   * Sends one REST request and returns its parsed JSON body. Idempotent
   * methods are retried on transient failures; a POST is never sent twice
   * unless `meta.idempotent` says it may be.
   *
   * @param method - HTTP method, lower case.
   * @param path - The path template exactly as in the spec, e.g. `"/repositories/{repository}"`.
   * @param init - Path and query parameters, body and signal.
   * @param meta - Operation name, error target and idempotency. Default: the operation is named after the method and path.
   */
  async request<M extends HttpMethod, P extends PathsWithMethod<M>>(
    method: M,
    path: P,
    init: RestRequestInit<OperationAt<P, M>>,
    meta: RestCallMeta = {},
  ): Promise<SuccessBody<OperationAt<P, M>>> {
    const operation = restOperationName(method, path, meta);
    throwIfAborted(init.signal, operation);
    const config = await this.#stack.config();
    const parts: RestRequestParts = {
      apiUrl: config.apiUrl,
      method,
      path: path as string,
      pathParams: init.path as Record<string, unknown> | undefined,
      query: init.query as Record<string, unknown> | undefined,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      headers: init.headers,
    };
    const idempotent = meta.idempotent ?? method !== "post";
    // The last answer's Retry-After (429/503), read by the retry loop.
    let retryAfter: number | undefined;
    const attempt = async (): Promise<unknown> => {
      retryAfter = undefined;
      const request = buildRestRequest(parts, await config.credentials());
      const response = await this.#send(request, init.signal, { operation, config });
      retryAfter = response.retryAfterMs;
      return readRestResponse(response, { operation, target: meta.target, config });
    };
    const policy = { maxAttempts: config.maxAttempts, idempotent, signal: init.signal, retryAfterMs: () => retryAfter };
    try {
      return (await withRetries(attempt, policy)) as SuccessBody<OperationAt<P, M>>;
    } catch (err) {
      throw outcomeUnknown(err, idempotent, operation) ?? err;
    }
  }

  /** Sends one request and reads its whole body; a failure on the way becomes a {@link LakeFSError}. */
  async #send(
    request: HttpRequest,
    signal: AbortSignal | undefined,
    context: { readonly operation: string; readonly config: ResolvedLakeFSConfig },
  ): Promise<RestResponseText> {
    const { operation, config } = context;
    try {
      const { response } = await this.#stack.handler.handle(request, signal ? { abortSignal: signal } : {});
      return {
        status: response.statusCode,
        requestId: response.headers["x-request-id"],
        contentType: response.headers["content-type"] ?? "",
        retryAfterMs: retryAfterMs(response.statusCode, response.headers),
        text: await readBodyText(response.body),
      };
    } catch (err) {
      const requestContext: RequestContext = {
        operation,
        endpoint: config.serverUrl,
        endpointSource: describeSource(config.sources.endpoint),
        secrets: config.secrets,
      };
      throw (
        fromNetworkError(err, requestContext) ??
        new LakeFSError(`${operation}: ${redact(String((err as Error)?.message ?? err), config.secrets)}`, {
          operation,
          cause: redactedCause(err, config.secrets),
        })
      );
    }
  }
}
