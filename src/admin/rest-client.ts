import { HttpRequest } from "@smithy/protocol-http";
import { describeSource } from "../config/describe-source.js";
import { errorFromResponse, type ErrorTarget } from "../errors/error-from-response.js";
import { fromNetworkError, type RequestContext } from "../errors/from-network-error.js";
import { LakeFSError } from "../errors/lakefs-error.js";
import { OutcomeUnknownError } from "../errors/network-errors.js";
import type { HttpStack } from "../http/http-stack.js";
import { readBodyText } from "../http/read-body.js";
import { throwIfAborted } from "../http/abort.js";
import { neverSent, withRetries } from "../http/retry.js";
import type { HttpMethod, OperationAt, PathsWithMethod, RestRequestInit, SuccessBody } from "./rest-types.js";

/**
 * What the toolkit knows about a call beyond its parameters: a name for
 * messages, the thing it is about (for precise 404 errors), and whether it
 * may be sent twice.
 *
 * @internal
 */
export interface CallMeta {
  /** Operation name used in error messages, such as `createBranch`. */
  readonly operation: string;
  /** What the request is about, so errors can name it. */
  readonly target?: ErrorTarget;
  /** Overrides the method's idempotency (POST is not idempotent unless set). */
  readonly idempotent?: boolean;
}

function fillPath(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

function toQuery(query: Record<string, unknown> | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    out[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return out;
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
   * Sends one REST request and returns its parsed JSON body.
   *
   * @param method - HTTP method, lower case.
   * @param path - The path template exactly as in the spec, e.g. `"/repositories/{repository}"`.
   * @param init - Path and query parameters, body and signal.
   * @param meta - Operation name, error target and idempotency.
   */
  async request<M extends HttpMethod, P extends PathsWithMethod<M>>(
    method: M,
    path: P,
    init: RestRequestInit<OperationAt<P, M>>,
    meta: CallMeta,
  ): Promise<SuccessBody<OperationAt<P, M>>> {
    throwIfAborted(init.signal, meta.operation);
    const config = await this.#stack.config();
    const base = new URL(config.apiUrl);
    const idempotent = meta.idempotent ?? method !== "post";
    const context: RequestContext = {
      operation: meta.operation,
      endpoint: config.serverUrl,
      endpointSource: describeSource(config.sources.endpoint),
      secrets: config.secrets,
    };
    const { signal } = init;
    const resolvedPath = base.pathname.replace(/\/$/, "") + fillPath(path as string, init.path as Record<string, unknown>);
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);

    const attempt = async (): Promise<SuccessBody<OperationAt<P, M>>> => {
      const identity = await config.credentials();
      const headers: Record<string, string> = {
        ...init.headers,
        host: base.host,
        accept: "application/json",
        authorization: `Basic ${Buffer.from(`${identity.accessKeyId}:${identity.secretAccessKey}`).toString("base64")}`,
      };
      if (body !== undefined) {
        headers["content-type"] = "application/json";
        headers["content-length"] = String(Buffer.byteLength(body));
      }
      const request = new HttpRequest({
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port ? Number(base.port) : undefined,
        method: method.toUpperCase(),
        path: resolvedPath,
        query: toQuery(init.query as Record<string, unknown> | undefined),
        headers,
        body,
      });
      let status: number;
      let text: string;
      let requestId: string | undefined;
      let contentType = "";
      try {
        const { response } = await this.#stack.handler.handle(request, signal ? { abortSignal: signal } : {});
        status = response.statusCode;
        requestId = response.headers["x-request-id"];
        contentType = response.headers["content-type"] ?? "";
        text = await readBodyText(response.body);
      } catch (err) {
        throw fromNetworkError(err, context) ?? new LakeFSError(`${meta.operation}: ${(err as Error).message}`, { cause: err });
      }
      if (status >= 200 && status < 300) {
        if (!text) return undefined as SuccessBody<OperationAt<P, M>>;
        // A few operations answer plain text (createBranch: the new commit id).
        if (/^text\/plain\b/i.test(contentType)) return text as SuccessBody<OperationAt<P, M>>;
        try {
          return JSON.parse(text) as SuccessBody<OperationAt<P, M>>;
        } catch {
          // A 2xx that is not JSON: the endpoint is something other than lakeFS's API.
          throw new LakeFSError(`${meta.operation}: the server at ${config.serverUrl} answered ${status} with a body that is not JSON`, {
            status,
            code: "UnexpectedResponse",
            requestId,
            hint: `Check that the endpoint (${describeSource(config.sources.endpoint)}) is the lakeFS server URL`,
          });
        }
      }
      let message = "";
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? "";
      } catch {
        message = text.slice(0, 200);
      }
      throw errorFromResponse({
        status,
        message,
        requestId,
        operation: meta.operation,
        target: meta.target,
        secrets: config.secrets,
      });
    };

    try {
      return await withRetries(attempt, { maxAttempts: config.maxAttempts, idempotent, signal });
    } catch (err) {
      if (!idempotent && err instanceof LakeFSError && err.status === 0 && err.retryable && !neverSent(err)) {
        throw new OutcomeUnknownError(
          `${meta.operation}: the connection failed after the request was sent, so it may or may not have taken effect (${err.message})`,
          {
            operation: meta.operation,
            cause: err,
            hint: "Check the current state (for example the branch's head commit) before trying again",
          },
        );
      }
      throw err;
    }
  }
}
