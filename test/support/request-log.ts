/**
 * Test support: an HTTP relay on a loopback port that forwards every request
 * to a real server unchanged and records its request line, so a test can
 * count the requests a call sends (nothing is mocked: the server answers).
 */
import { once } from "node:events";
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from "node:http";

/** A running relay. */
export interface RequestLog {
  /** `http://127.0.0.1:<port>`: use it as the client's endpoint. */
  readonly endpoint: string;
  /** `METHOD /path?query` of every request forwarded so far, oldest first. */
  readonly requests: readonly string[];
  /** Connections clients opened to the relay so far. */
  readonly connections: number;
  /** The requests forwarded while `work` ran (REST and gateway alike). */
  during(work: () => Promise<unknown>): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Starts a relay in front of `target` (an `http://host:port` endpoint).
 * `keepAliveTimeout`: how long the relay keeps an idle client connection
 * (Node's server announces it as `Keep-Alive: timeout=N`).
 */
export async function startRequestLog(target: string, options: { readonly keepAliveTimeout?: number } = {}): Promise<RequestLog> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
  let connections = 0;
  server.on("connection", () => connections++);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    get connections() {
      return connections;
    },
    async during(work) {
      const start = requests.length;
      await work();
      return requests.slice(start);
    },
    async close() {
      server.closeAllConnections();
      server.close();
      agent.destroy();
      await once(server, "close");
    },
  };
}
