/**
 * Test support: a TCP relay on a loopback port in front of a real HTTP server
 * (lakeFS, or the object store behind presigned URLs) that passes every byte
 * on unchanged, except for the requests a test picked, which get a fault:
 *
 * - `answer`: the relay answers itself (a 503 SlowDown, as a throttling load
 *   balancer or S3 would) and closes the connection; the server never sees it;
 * - `reset`: the connection is reset before the server sees the request;
 * - `cut`: the request goes on, and the connection is reset after `bytes`
 *   bytes of the answer (`bytes: 0`: the server acted, the client never learns
 *   it; an interim `100 Continue` is not the answer and passes) or of the
 *   request (a body cut mid-way);
 * - `pause`: after `bytes` bytes of the request or of the answer the relay
 *   stops reading that side (TCP back-pressure reaches the sender), calls
 *   `onPause` and resumes when the promise it returns settles; with `hold` it
 *   never passes anything on again (what the sender still sends is read and
 *   dropped, so that its close is seen): a body in flight at a point the test chose.
 *
 * It records the request line of every request it sees (a chunk that starts
 * with a method), so a test can count the requests of a call. Because it
 * passes bytes and does not parse HTTP, signatures (SigV4 signs the Host
 * header) still match. Nothing is mocked: everything else is the server's.
 */
import { once } from "node:events";
import { createConnection, createServer, type Server, type Socket } from "node:net";

/** Which bytes a fault counts: the request's (client to server) or the answer's. */
export type RelayStream = "request" | "answer";

/** What the relay does with a request whose line matches. */
export type Fault =
  | {
      readonly kind: "answer";
      readonly status: number;
      readonly reason: string;
      readonly contentType: string;
      readonly body: string;
      /** Extra header lines, such as `Retry-After: 1`. */
      readonly headers?: readonly string[];
    }
  | { readonly kind: "reset" }
  /** Passes the request on, then resets the connection after this many bytes of the answer (default) or of the request. */
  | { readonly kind: "cut"; readonly bytes: number; readonly stream?: RelayStream }
  | {
      readonly kind: "pause";
      readonly bytes: number;
      readonly stream: RelayStream;
      /** Called when the relay stops; it resumes when the returned promise settles. */
      readonly onPause?: (line: string) => unknown;
      /** Never resume: nothing more is passed on until one side closes the connection. */
      readonly hold?: boolean;
    };

/** A fault where the relay answers itself. */
export type AnswerFault = Extract<Fault, { readonly kind: "answer" }>;

/** One request line the relay saw: method, path and time. */
export interface SeenRequest {
  readonly line: string;
  readonly at: number;
  readonly faulted: boolean;
}

/** A running relay. */
export interface FaultRelay {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly port: number;
  /** Every request line seen since the last {@link FaultRelay.clear}, oldest first. */
  readonly seen: SeenRequest[];
  /** Gives the next `times` requests whose line (`METHOD /path?query`) matches `match` the fault. */
  inject(match: RegExp, fault: Fault, times: number): void;
  /** Faults injected but not yet given (0 once every injected fault has hit a request). */
  unused(): number;
  /** Forgets every rule and every request seen. */
  clear(): void;
  /** Requests seen so far whose line matches `match`. */
  count(match: RegExp): number;
  close(): Promise<void>;
}

interface Rule {
  readonly match: RegExp;
  readonly fault: Fault;
  remaining: number;
}

const REQUEST_HEAD = /^(GET|HEAD|PUT|POST|DELETE|PATCH) (\S+) HTTP\/1\.1\r\n/;

/** A 503 SlowDown as S3 (and a throttling front of the gateway) answers it. */
export const SLOW_DOWN: AnswerFault = {
  kind: "answer",
  status: 503,
  reason: "Slow Down",
  contentType: "application/xml",
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>relay</RequestId></Error>`,
};
/** A 429 as a rate-limiting proxy of lakeFS's REST API answers it. */
export const TOO_MANY: AnswerFault = { kind: "answer", status: 429, reason: "Too Many Requests", contentType: "application/json", body: `{"message":"too many requests"}` };
/** An S3 500 InternalError. */
export const S3_INTERNAL: AnswerFault = {
  kind: "answer",
  status: 500,
  reason: "Internal Server Error",
  contentType: "application/xml",
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>`,
};
/** A 503 of lakeFS's REST API. */
export const REST_UNAVAILABLE: AnswerFault = { kind: "answer", status: 503, reason: "Service Unavailable", contentType: "application/json", body: `{"message":"unavailable"}` };
/** A reset before the server sees the request. */
export const RESET: Fault = { kind: "reset" };

/** How one direction of a connection is passed on: counted, cut or paused per the request's fault. */
class Pass {
  /** Bytes still to pass before the fault acts; `undefined`: no fault on this direction. */
  #left: number | undefined;
  #fault: Extract<Fault, { kind: "cut" | "pause" }> | undefined;
  #line = "";
  #paused = false;
  #holding = false;

  constructor(
    private readonly from: Socket,
    private readonly to: Socket,
    private readonly reset: () => void,
    /** The answer direction: an interim `100 Continue` passes uncounted (it is not the answer: the server has not acted yet). */
    private readonly answers = false,
  ) {}

  arm(fault: Extract<Fault, { kind: "cut" | "pause" }>, line: string): void {
    this.#fault = fault;
    this.#left = fault.bytes;
    this.#line = line;
  }

  write(chunk: Buffer): void {
    if (this.#holding) return;
    if (this.#left === undefined || this.#fault === undefined) {
      this.to.write(chunk);
      return;
    }
    if (this.answers && /^HTTP\/1\.1 1\d\d /.test(chunk.toString("latin1", 0, 13))) {
      const end = chunk.indexOf("\r\n\r\n");
      if (end >= 0) {
        this.to.write(chunk.subarray(0, end + 4));
        if (end + 4 < chunk.length) this.write(chunk.subarray(end + 4));
        return;
      }
    }
    const now = chunk.subarray(0, this.#left);
    const rest = chunk.subarray(now.length);
    if (now.length > 0) this.to.write(now);
    this.#left -= now.length;
    if (this.#left > 0) return;
    const fault = this.#fault;
    this.#fault = undefined;
    this.#left = undefined;
    if (fault.kind === "cut") {
      this.reset();
      return;
    }
    this.#paused = true;
    const waited = Promise.resolve(fault.onPause?.(this.#line));
    if (fault.hold) {
      // Hold: nothing more is passed on, but the sender is still read (and dropped), so that its close is seen.
      this.#holding = true;
      return;
    }
    // Pause: stop reading the sender (its writes block once the kernel buffers fill), keep the rest of this chunk.
    this.from.pause();
    const resume = () => {
      if (this.from.destroyed || this.to.destroyed) return;
      this.#paused = false;
      if (rest.length > 0) this.to.write(rest);
      this.from.resume();
    };
    waited.then(resume, resume);
  }

  get paused(): boolean {
    return this.#paused;
  }
}

/** Starts a relay in front of `target` (an `http://host:port` endpoint). */
export async function startFaultRelay(target: string): Promise<FaultRelay> {
  const upstreamUrl = new URL(target);
  const sockets = new Set<Socket>();
  const rules: Rule[] = [];
  const seen: SeenRequest[] = [];
  const relay: Server = createServer((client) => {
    const upstream = createConnection({ host: upstreamUrl.hostname, port: Number(upstreamUrl.port) });
    sockets.add(client).add(upstream);
    let answered = false;
    const resetBoth = () => {
      client.resetAndDestroy();
      upstream.destroy();
    };
    const request = new Pass(client, upstream, resetBoth);
    const answer = new Pass(upstream, client, resetBoth, true);
    client.on("data", (chunk: Buffer) => {
      if (answered) return;
      const head = request.paused ? null : REQUEST_HEAD.exec(chunk.toString("latin1", 0, Math.min(chunk.length, 4096)));
      if (head) {
        const line = `${head[1]} ${head[2]}`;
        const rule = rules.find((r) => r.remaining > 0 && r.match.test(line));
        seen.push({ line, at: Date.now(), faulted: rule !== undefined });
        if (rule) {
          rule.remaining--;
          const fault = rule.fault;
          if (fault.kind === "cut" || fault.kind === "pause") {
            (fault.stream === "request" ? request : answer).arm(fault, line);
          } else {
            answered = true;
            upstream.destroy();
            if (fault.kind === "reset") {
              client.resetAndDestroy();
            } else {
              const { status, reason, contentType, body, headers = [] } = fault;
              client.end(
                `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
                  headers.map((h) => `${h}\r\n`).join("") +
                  `Connection: close\r\n\r\n${body}`,
              );
            }
            return;
          }
        }
      }
      request.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => answer.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", close).on("close", () => {
      if (!answered) close();
      else sockets.delete(client);
    });
    upstream.on("error", close).on("close", () => {
      if (!answered) client.end();
      sockets.delete(upstream);
    });
  });
  relay.listen(0, "127.0.0.1");
  await once(relay, "listening");
  const address = relay.address();
  if (address === null || typeof address === "string") throw new Error("relay has no port");
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    seen,
    inject(match, fault, times) {
      rules.push({ match, fault, remaining: times });
    },
    unused() {
      return rules.reduce((n, r) => n + r.remaining, 0);
    },
    clear() {
      rules.length = 0;
      seen.length = 0;
    },
    count(match) {
      return seen.filter((s) => match.test(s.line)).length;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      relay.close();
      await once(relay, "close");
    },
  };
}
