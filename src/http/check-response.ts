import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type { NodeHttpHandler } from "@smithy/node-http-handler";
import { PLAIN_HTTP_TO_TLS_PORT } from "../errors/network-errors.js";
import { markProxyRoute } from "../errors/proxy-errors.js";
import { proxyRouteOfResponse } from "./proxy-routes.js";

type Request = Parameters<NodeHttpHandler["handle"]>[0];
type Response = Awaited<ReturnType<NodeHttpHandler["handle"]>>["response"];

/** What TLS servers answer to plain HTTP: nginx, and Go's net/http (lakeFS itself). */
const TLS_PORT_PAGE = /plain HTTP request was sent to HTTPS port|Client sent an HTTP request to an HTTPS server/i;
const PAGE_LIMIT = 64 * 1024;

/**
 * The status of a forwarded request's response if the proxy, not lakeFS, sent
 * it: a 407, or a 401 with an authentication challenge and a body that is not
 * lakeFS's JSON or XML (tinyproxy answers wrong credentials that way).
 */
function proxyAuthStatus(response: Response): number | undefined {
  if (response.statusCode === 407) return 407;
  if (response.statusCode !== 401) return undefined;
  const { headers } = response;
  const type = String(headers["content-type"] ?? "");
  if (headers["proxy-authenticate"] || (headers["www-authenticate"] && !/json|xml/i.test(type))) return 401;
  return undefined;
}

/**
 * Reads up to {@link PAGE_LIMIT} bytes of a body. Returns them, whether that
 * was all, and a stream that replays the whole body for whoever reads it next.
 */
async function peek(body: Readable): Promise<{ head: Buffer; complete: boolean; replay: Readable }> {
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const chunks: Buffer[] = [];
  let size = 0;
  let complete = false;
  while (size <= PAGE_LIMIT) {
    const next = await iterator.next();
    if (next.done) {
      complete = true;
      break;
    }
    const buf = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    chunks.push(buf);
    size += buf.length;
  }
  const head = Buffer.concat(chunks);
  async function* rest(): AsyncGenerator<Buffer> {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    }
  }
  return { head, complete, replay: complete ? Readable.from([head]) : Readable.from(rest()) };
}

/**
 * Turns responses that did not come from lakeFS into errors, so that the S3
 * and REST paths fail the same way before either parses a body:
 *
 * - a proxy's 407, or its error answer to a `CONNECT`: a raw error marked with
 *   the proxy route, which `fromNetworkError` makes a `ProxyError`;
 * - a TLS port's "plain HTTP sent to an HTTPS port" page (status 400 to an
 *   `http://` request): a raw error with code {@link PLAIN_HTTP_TO_TLS_PORT}.
 *
 * Any other response is returned untouched (the body of a plain-text 400 is
 * read to check it, and replayed). Returns a promise only when it has a body
 * to read, so the common case costs no extra await.
 *
 * @internal
 */
export function checkResponse(request: Request, response: Response): Promise<void> | undefined {
  const res = response.body as IncomingMessage | undefined;
  const route = proxyRouteOfResponse(res);
  if (route) {
    // Through a tunnel, only the CONNECT answer is the proxy's; every later response is lakeFS's.
    const status = route.status ?? (route.tunnel ? undefined : proxyAuthStatus(response));
    if (status !== undefined) {
      res?.destroy();
      const statusText = route.status !== undefined ? route.statusText : response.reason;
      const challenge = response.headers["proxy-authenticate"] ?? response.headers["www-authenticate"];
      const err = Object.assign(
        new Error(
          `The proxy ${route.proxy} (from ${route.source}) answered ${status}${statusText ? ` ${statusText}` : ""}` +
            `${challenge ? ` (${challenge})` : ""} instead of passing the request on to ${route.target}`,
        ),
        { code: status === 407 || status === 401 ? "ERR_PROXY_AUTHENTICATION_REQUIRED" : "ERR_PROXY_CONNECT_FAILED" },
      );
      markProxyRoute(err, { ...route, status, ...(statusText ? { statusText } : {}) });
      throw err;
    }
  }

  const type = String(response.headers["content-type"] ?? "");
  if (request.protocol === "http:" && response.statusCode === 400 && res && (!type || /^text\//i.test(type))) {
    return checkTlsPortPage(request, response, res);
  }
  return undefined;
}

/** Reads a plain-text 400's body: a TLS port's page becomes an error, anything else is replayed. */
async function checkTlsPortPage(request: Request, response: Response, res: IncomingMessage): Promise<void> {
  const page = await peek(res);
  if (page.complete && TLS_PORT_PAGE.test(page.head.toString("latin1"))) {
    throw Object.assign(new Error(`The server at ${request.hostname}:${request.port ?? 80} expects HTTPS, but the request was plain HTTP`), {
      code: PLAIN_HTTP_TO_TLS_PORT,
    });
  }
  response.body = page.replay;
}
