import type { HttpRequest } from "@smithy/protocol-http";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What may not appear in a header value or a request target: a request could be split into two. */
const UNSAFE = /[\r\n\0]/;

/** Percent-encodes as the SDK's handler does (RFC 3986 unreserved characters only), so the query is the one signed. */
function escape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function queryString(query: HttpRequest["query"]): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined) parts.push(escape(key));
    else for (const v of Array.isArray(value) ? value : [value]) parts.push(`${escape(key)}=${escape(v)}`);
  }
  return parts.join("&");
}

function invalid(what: string): Error {
  return Object.assign(new TypeError(`Invalid character in ${what}`), { code: "ERR_INVALID_CHAR" });
}

/**
 * The head of a bodiless GET for `request` (the SDK's signed request, or a
 * presigned URL's), refusing header names and values that could split it.
 *
 * @internal
 */
export function requestHead(request: HttpRequest): string {
  const query = queryString(request.query);
  const target = `${request.path || "/"}${query ? `?${query}` : ""}`;
  if (UNSAFE.test(target) || /\s/.test(target)) throw invalid("the request path");
  let head = `GET ${target} HTTP/1.1\r\n`;
  let host = false;
  for (const [name, value] of Object.entries(request.headers)) {
    if (!TOKEN.test(name)) throw invalid(`header name ${JSON.stringify(name.slice(0, 40))}`);
    if (UNSAFE.test(value)) throw invalid(`the value of header ${name}`);
    host ||= name.toLowerCase() === "host";
    head += `${name}: ${value}\r\n`;
  }
  if (!host) head += `host: ${request.hostname}${request.port ? `:${request.port}` : ""}\r\n`;
  return `${head}\r\n`;
}
