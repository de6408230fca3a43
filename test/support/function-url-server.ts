import { createServer, type IncomingMessage, type Server } from "node:http";
import { once } from "node:events";

/** The part of a Lambda function URL event the handlers read. */
export interface FunctionUrlEvent {
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
  requestContext: { http: { method: string; path: string } };
}

/** A function-URL handler's structured answer. */
export interface FunctionUrlResult {
  statusCode: number;
  body?: string;
}

/** One request the server answered: what came in and what went out. */
export interface Delivery {
  readonly path: string;
  readonly body: string;
  readonly status: number;
  readonly answer: string;
}

/** A local HTTP server standing in for a Lambda function URL, on 127.0.0.1. */
export interface FunctionUrlServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request answered, in order. */
  readonly deliveries: Delivery[];
  /** Resolves with the first delivery (past or future) that `match` accepts. */
  waitFor(match: (d: Delivery) => boolean): Promise<Delivery>;
  close(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function toEvent(req: IncomingMessage, body: string): FunctionUrlEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers[name] = value;
  return { headers, body, isBase64Encoded: false, requestContext: { http: { method: req.method ?? "GET", path: req.url ?? "/" } } };
}

/**
 * Serves `handler` as a Lambda function URL would: each request becomes a
 * payload 2.0 event, the structured result becomes the response.
 */
export async function serveFunctionUrl(handler: (event: FunctionUrlEvent) => Promise<FunctionUrlResult>): Promise<FunctionUrlServer> {
  const deliveries: Delivery[] = [];
  const waiters: Array<{ match: (d: Delivery) => boolean; resolve: (d: Delivery) => void }> = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      let result: FunctionUrlResult;
      try {
        result = await handler(toEvent(req, body));
      } catch (err) {
        result = { statusCode: 502, body: String(err) };
      }
      res.writeHead(result.statusCode, { "content-type": "application/json" }).end(result.body ?? "");
      const delivery: Delivery = { path: req.url ?? "/", body, status: result.statusCode, answer: result.body ?? "" };
      deliveries.push(delivery);
      for (const w of waiters.filter((w) => w.match(delivery))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(delivery);
      }
    })();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    deliveries,
    waitFor(match) {
      const seen = deliveries.find(match);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
