import type { HttpRequest, HttpResponse } from "@smithy/protocol-http";
import type { Readable } from "node:stream";
import { describeSource } from "../config/describe-source.js";
import type { ResolvedLakeFSConfig } from "../config/types.js";
import type { ErrorTarget } from "../errors/error-from-response.js";
import { fromNetworkError, type RequestContext } from "../errors/from-network-error.js";
import { LakeFSError } from "../errors/lakefs-error.js";
import { redact, redactedCause } from "../errors/redact.js";
import { OutcomeUnknownError } from "../errors/network-errors.js";
import { NotFoundError } from "../errors/not-found-errors.js";
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
  /**
   * Send a request that is not idempotent again after lakeFS refused it with
   * 429 or 503 (it acted on nothing), though never after a lost answer. For
   * calls whose repetition after a refusal is harmless, such as starting or
   * completing a presigned multipart upload.
   */
  readonly resendRefused?: boolean;
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

/** What a send needs to name a failure. */
interface SendContext {
  readonly operation: string;
  readonly config: ResolvedLakeFSConfig;
}

/** A failure on the way (connection, timeout, abort) as a {@link LakeFSError}, secrets redacted. */
function networkFailure(err: unknown, context: SendContext): LakeFSError {
  const { operation, config } = context;
  const requestContext: RequestContext = {
    operation,
    endpoint: config.serverUrl,
    endpointSource: describeSource(config.sources.endpoint),
    secrets: config.secrets,
  };
  return (
    fromNetworkError(err, requestContext) ??
    new LakeFSError(`${operation}: ${redact(String((err as Error)?.message ?? err), config.secrets)}`, {
      operation,
      cause: redactedCause(err, config.secrets),
    })
  );
}

/**
 * The parameters of {@link RestClient.requestRaw}: path and query parameters,
 * headers (such as `content-type` for a raw body), the raw body and a signal.
 *
 * @internal
 */
export interface RawRestRequestInit {
  readonly path?: Record<string, string>;
  readonly query?: Record<string, unknown>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
  readonly signal?: AbortSignal | undefined;
}

/**
 * A 2xx answer of {@link RestClient.requestRaw}, its body unread.
 *
 * @internal
 */
export interface RawRestResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Readable;
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
    const body = await this.#retried(method, meta, operation, config.maxAttempts, init.signal, async (answered) => {
      const request = buildRestRequest(parts, await config.credentials());
      const response = await this.#send(request, init.signal, { operation, config });
      answered(response.retryAfterMs);
      return readRestResponse(response, { operation, target: meta.target, config });
    });
    return body as SuccessBody<OperationAt<P, M>>;
  }

  /**
   * Sends one REST request with a raw body (object data) or whose answer is
   * not JSON: a 2xx comes back with its headers and its body unread (the
   * caller must consume or destroy it); any other status throws the
   * {@link LakeFSError} that {@link RestClient.request} would. Retried like
   * {@link RestClient.request} until the headers arrive.
   *
   * @internal
   */
  async requestRaw(method: HttpMethod, path: string, init: RawRestRequestInit, meta: RestCallMeta = {}): Promise<RawRestResponse> {
    const operation = restOperationName(method, path, meta);
    throwIfAborted(init.signal, operation);
    const config = await this.#stack.config();
    const parts: RestRequestParts = { apiUrl: config.apiUrl, method, path, pathParams: init.path, query: init.query, body: init.body, headers: init.headers };
    return this.#retried(method, meta, operation, config.maxAttempts, init.signal, async (answered) => {
      const response = await this.#exchange(buildRestRequest(parts, await config.credentials()), init.signal, { operation, config });
      if (response.statusCode >= 200 && response.statusCode < 300) {
        return { status: response.statusCode, headers: response.headers, body: response.body as Readable };
      }
      const retryAfter = retryAfterMs(response.statusCode, response.headers);
      answered(retryAfter);
      const text = await this.#readText(response, { operation, config });
      throw readRestResponse(
        { status: response.statusCode, requestId: response.headers["x-request-id"], contentType: response.headers["content-type"] ?? "", retryAfterMs: retryAfter, text },
        { operation, target: meta.target, config },
      );
    });
  }

  /**
   * Runs `attempt` under the retry policy: idempotent requests are retried on
   * transient failures, honouring the last answer's Retry-After (429/503),
   * which `attempt` reports through `answered`; a request that may not be
   * resent and whose outcome is unknown ends in OutcomeUnknownError.
   */
  async #retried<T>(
    method: HttpMethod,
    meta: RestCallMeta,
    operation: string,
    maxAttempts: number,
    signal: AbortSignal | undefined,
    attempt: (answered: (retryAfterMs: number | undefined) => void) => Promise<T>,
  ): Promise<T> {
    const idempotent = meta.idempotent ?? method !== "post";
    let retryAfter: number | undefined;
    const answered = (ms: number | undefined): void => {
      retryAfter = ms;
    };
    const policy = { maxAttempts, idempotent, resendRefused: meta.resendRefused === true, signal, retryAfterMs: () => retryAfter };
    // An attempt that failed after the request went out may have taken effect.
    let mayHaveActed = false;
    try {
      return await withRetries(async () => {
        retryAfter = undefined;
        try {
          return await attempt(answered);
        } catch (err) {
          // A DELETE resent after an answer was lost finds nothing when the lost attempt deleted it:
          // what happened is the deletion the caller asked for, not a missing resource.
          if (method === "delete" && mayHaveActed && err instanceof NotFoundError) return undefined as T;
          if (err instanceof LakeFSError && err.status === 0 && !neverSent(err)) mayHaveActed = true;
          throw err;
        }
      }, policy);
    } catch (err) {
      throw outcomeUnknown(err, idempotent, operation) ?? err;
    }
  }

  /** Sends one request and reads its whole body; a failure on the way becomes a {@link LakeFSError}. */
  async #send(request: HttpRequest, signal: AbortSignal | undefined, context: SendContext): Promise<RestResponseText> {
    const response = await this.#exchange(request, signal, context);
    return {
      status: response.statusCode,
      requestId: response.headers["x-request-id"],
      contentType: response.headers["content-type"] ?? "",
      retryAfterMs: retryAfterMs(response.statusCode, response.headers),
      text: await this.#readText(response, context),
    };
  }

  /** Sends one request and returns the response with its body unread. */
  async #exchange(request: HttpRequest, signal: AbortSignal | undefined, context: SendContext): Promise<HttpResponse> {
    try {
      return (await this.#stack.handler.handle(request, signal ? { abortSignal: signal } : {})).response;
    } catch (err) {
      throw networkFailure(err, context);
    }
  }

  async #readText(response: HttpResponse, context: SendContext): Promise<string> {
    try {
      return await readBodyText(response.body);
    } catch (err) {
      throw networkFailure(err, context);
    }
  }
}
