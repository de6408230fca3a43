import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Socket } from "node:net";

/**
 * Asks an `http://` or `https://` proxy for a `CONNECT` tunnel to
 * `host:port` and resolves the tunnel's socket, so that TLS with lakeFS can
 * be inspected through the proxy. Credentials in the proxy URL go in a
 * `Proxy-Authorization` header. Rejects with a message that says what the
 * proxy answered.
 */
export function openTunnel(
  proxy: URL,
  target: { readonly host: string; readonly port: number },
  options: { readonly ca?: string[] | undefined; readonly rejectUnauthorized: boolean; readonly timeoutMs: number },
): Promise<Socket> {
  const authority = `${target.host.includes(":") ? `[${target.host}]` : target.host}:${target.port}`;
  const secure = proxy.protocol === "https:";
  const auth = proxy.username
    ? { "proxy-authorization": `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString("base64")}` }
    : {};
  const req = (secure ? httpsRequest : httpRequest)({
    host: proxy.hostname.replace(/^\[|\]$/g, ""),
    port: proxy.port ? Number(proxy.port) : secure ? 443 : 80,
    method: "CONNECT",
    path: authority,
    headers: { host: authority, ...auth },
    agent: false,
    timeout: options.timeoutMs,
    ...(secure ? { ...(options.ca ? { ca: options.ca } : {}), rejectUnauthorized: options.rejectUnauthorized } : {}),
  });
  return new Promise((resolve, reject) => {
    req.once("connect", (res, socket) => {
      if (res.statusCode === 200) {
        resolve(socket);
      } else {
        socket.destroy();
        reject(new Error(`the proxy answered ${res.statusCode} ${res.statusMessage ?? ""} to CONNECT ${authority}`.trimEnd()));
      }
    });
    req.once("timeout", () => req.destroy(new Error(`the proxy did not answer CONNECT ${authority} within ${options.timeoutMs} ms`)));
    req.once("error", reject);
    req.end();
  });
}
