import { HttpRequest } from "@smithy/protocol-http";
import type { AwsCredentialIdentity } from "@smithy/types";

/**
 * What {@link buildRestRequest} turns into an `HttpRequest`: the API base URL,
 * the method, the spec's path template with its parameters, the query and the
 * JSON body (already serialised, so retries send the same bytes).
 *
 * @internal
 */
export interface RestRequestParts {
  /** The API base URL, e.g. `http://127.0.0.1:8000/api/v1`. */
  readonly apiUrl: string;
  /** HTTP method, lower case. */
  readonly method: string;
  /** The path template as in the spec, e.g. `/repositories/{repository}`. */
  readonly path: string;
  readonly pathParams: Record<string, unknown> | undefined;
  readonly query: Record<string, unknown> | undefined;
  /** The JSON body, serialised, or raw bytes (whose `content-type` is in `headers`). */
  readonly body: string | Uint8Array | undefined;
  /** Extra headers the spec defines for the operation (such as `If-None-Match`). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
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

function basicAuth(identity: AwsCredentialIdentity): string {
  return `Basic ${Buffer.from(`${identity.accessKeyId}:${identity.secretAccessKey}`).toString("base64")}`;
}

/**
 * Builds one REST request with Basic auth from the current credentials
 * (called per attempt, so refreshed credentials are used on a retry).
 *
 * @internal
 */
export function buildRestRequest(parts: RestRequestParts, identity: AwsCredentialIdentity): HttpRequest {
  const base = new URL(parts.apiUrl);
  const headers: Record<string, string> = { accept: "application/json", ...parts.headers, host: base.host, authorization: basicAuth(identity) };
  if (typeof parts.body === "string") {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(parts.body));
  } else if (parts.body !== undefined) {
    headers["content-length"] = String(parts.body.byteLength);
  }
  return new HttpRequest({
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port ? Number(base.port) : undefined,
    method: parts.method.toUpperCase(),
    path: base.pathname.replace(/\/$/, "") + fillPath(parts.path, parts.pathParams),
    query: toQuery(parts.query),
    headers,
    body: parts.body,
  });
}
