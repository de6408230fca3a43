import { isIP, connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { idleLimitMs } from "../idle-connections.js";
import { BLOCK, handOut, type BlockPool } from "./block-pool.js";
import { bodyFraming, type BodyFraming } from "./body-framing.js";
import { DirectBody } from "./direct-body.js";
import { parseResponseHead, type ResponseHead } from "./response-head.js";

/** Where a connection goes. */
export interface Origin {
  readonly protocol: "http:" | "https:";
  /** Without brackets for IPv6. */
  readonly hostname: string;
  readonly port: number;
}

/** TLS settings of a client's connections (the same as its agents'). */
export interface TlsTrust {
  readonly ca?: readonly string[] | undefined;
  readonly rejectUnauthorized: boolean;
}

/** A response's head and its body, still arriving. */
export interface DirectResponse {
  readonly head: ResponseHead;
  readonly body: DirectBody;
}

/** Room for the next read below which a new block is taken. */
const MIN_ROOM = 64 * 1024;
/** The block for a response's head (and the body bytes that come with it). */
const HEAD_BLOCK = 16 * 1024;

/** A failure of the connection, shaped like Node's HTTP client's so that it is typed the same way. */
function connectionError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** One request and its response on a connection. */
interface Exchange {
  readonly respond: (response: DirectResponse) => void;
  readonly reject: (err: Error) => void;
  /** Head bytes received so far, while the head is incomplete. */
  partial?: Buffer;
  body?: DirectBody;
  framing?: BodyFraming;
}

/**
 * One keep-alive HTTP/1.1 connection that receives into blocks it owns
 * (`onread`): no buffer per read and no copy between the socket and the
 * body's consumer, which is where Node's HTTP client spends most of its CPU
 * on large bodies. One exchange at a time; no pipelining.
 *
 * @internal
 */
export class Connection {
  readonly socket: Socket;
  #block: Buffer | undefined;
  #used = 0;
  #room: Buffer | undefined;
  #exchange: Exchange | undefined;
  #reusable = true;
  #paused = false;
  #socketTimeout = 0;
  #received = 0;
  /** How long the connection may wait for its next request, from its last answer's `Keep-Alive`. */
  #idleLimit = 0;
  #idleUntil = 0;
  /** Called when an exchange ends: with `true` if the connection can serve another. */
  onDone: (reusable: boolean) => void = () => undefined;

  private constructor(origin: Origin, tls: TlsTrust, private readonly blocks: BlockPool) {
    const onread = { buffer: () => this.#nextRoom(), callback: (n: number) => this.#onRead(n) };
    const options = { host: origin.hostname, port: origin.port, onread, noDelay: true };
    this.socket =
      origin.protocol === "https:"
        ? tlsConnect({ ...options, servername: isIP(origin.hostname) ? undefined : origin.hostname, ca: tls.ca as string[] | undefined, rejectUnauthorized: tls.rejectUnauthorized })
        : netConnect(options);
    this.socket.on("error", (err) => this.#fail(err));
    this.socket.on("end", () => this.#onEnd());
    this.socket.on("close", () => {
      this.#reusable = false;
      if (this.#exchange) this.#fail(this.#lost());
      else this.onDone(false);
      this.#retireBlock();
    });
    this.socket.on("timeout", () => this.#onTimeout());
  }

  /** Connects (TCP, then TLS for `https:`) within `timeoutMs` (0: no limit). */
  static open(origin: Origin, tls: TlsTrust, blocks: BlockPool, timeoutMs: number): Promise<Connection> {
    const conn = new Connection(origin, tls, blocks);
    const socket = conn.socket;
    return new Promise((resolve, reject) => {
      const ready = origin.protocol === "https:" ? "secureConnect" : "connect";
      // The same words as the agents' (the SDK's handler for TCP, limitTlsHandshake for TLS), so the error is typed the same.
      const timer = timeoutMs
        ? setTimeout(() => {
            const err = socket.connecting
              ? Object.assign(new Error(`the request socket did not establish a connection with the server within the configured timeout of ${timeoutMs} ms.`), {
                  name: "TimeoutError",
                })
              : Object.assign(new Error(`the TLS handshake did not complete within the configured connectionTimeout of ${timeoutMs} ms`), { code: "ETIMEDOUT" });
            settle(err);
          }, timeoutMs)
        : undefined;
      const settle = (err?: Error): void => {
        clearTimeout(timer);
        socket.off(ready, onReady);
        socket.off("error", onError);
        if (err) {
          socket.destroy();
          reject(err);
        } else resolve(conn);
      };
      const onReady = (): void => settle();
      const onError = (err: Error): void => settle(err);
      socket.once(ready, onReady);
      socket.once("error", onError);
    });
  }

  /** Bytes received on this connection so far: a reused connection that failed before any answer may be replaced. */
  get received(): number {
    return this.#received;
  }

  /** Whether the connection can take a request now: open, and not idle past its limit (its timer may be overdue). */
  get idle(): boolean {
    return !this.#exchange && this.#reusable && !this.socket.destroyed && Date.now() < this.#idleUntil;
  }

  /**
   * Sends a GET's head and resolves with the response's head and body. The
   * socket's idle timer (`socketTimeout`) runs from now until the body's last
   * byte, except while the body's consumer has paused it.
   */
  request(head: string, socketTimeout: number): Promise<DirectResponse> {
    return new Promise((respond, reject) => {
      this.#exchange = { respond, reject };
      this.#socketTimeout = socketTimeout;
      this.socket.setTimeout(socketTimeout);
      this.socket.ref();
      this.socket.write(head, "latin1");
    });
  }

  /** Closes the connection, failing an exchange in progress with `err`. */
  destroy(err?: Error): void {
    this.#reusable = false;
    if (this.#exchange) this.#fail(err ?? this.#lost());
    else this.onDone(false);
    this.socket.destroy();
  }

  /** Whether the answer's head arrived and its body is still coming. */
  get answering(): boolean {
    return this.#exchange?.body !== undefined;
  }

  /** The error of a connection lost mid-exchange, as Node's HTTP client words it before and after the head. */
  #lost(): Error {
    return connectionError(this.#exchange?.body ? "aborted" : "socket hang up", "ECONNRESET");
  }

  /** Where the socket's next read goes: the rest of the current block, or a new one sized to what is still to come. */
  #nextRoom(): Buffer {
    const framing = this.#exchange?.framing;
    const want = framing ? Math.min(BLOCK, Math.max(1, framing.remaining ?? BLOCK)) : HEAD_BLOCK;
    const left = this.#block ? this.#block.length - this.#used : 0;
    if (!this.#block || left < Math.min(want, MIN_ROOM)) {
      this.#retireBlock();
      // Large bodies read into pooled blocks; a small rest gets a block of its size.
      this.#block = want >= BLOCK / 4 ? this.blocks.take() : Buffer.allocUnsafeSlow(want);
      this.#used = 0;
    }
    this.#room = this.#block.subarray(this.#used);
    return this.#room;
  }

  /** `n` bytes arrived in the room; returns false to pause the socket (the body's consumer is behind). */
  #onRead(n: number): boolean {
    const data = this.#room!.subarray(0, n);
    this.#used += n;
    const exchange = this.#exchange;
    if (!exchange) {
      // Bytes nobody asked for: the connection is out of step with the server.
      this.destroy();
      return false;
    }
    this.#received += n;
    try {
      return exchange.body ? this.#feedBody(exchange, data) : this.#feedHead(exchange, data);
    } catch (err) {
      this.destroy(err as Error);
      return false;
    }
  }

  #feedHead(exchange: Exchange, data: Buffer): boolean {
    const bytes = exchange.partial ? Buffer.concat([exchange.partial, data]) : data;
    const head = parseResponseHead(bytes);
    if (!head) {
      exchange.partial = bytes;
      return true;
    }
    exchange.partial = undefined;
    if (head.status >= 100 && head.status < 200) return this.#feedHead(exchange, bytes.subarray(head.length));
    const connection = head.headers.connection?.toLowerCase() ?? "";
    if (head.http10 ? !/keep-alive/.test(connection) : /close/.test(connection)) this.#reusable = false;
    this.#idleLimit = idleLimitMs(head.headers["keep-alive"]);
    if (this.#idleLimit === 0) this.#reusable = false;
    exchange.framing = bodyFraming(head.status, head.headers);
    exchange.body = new DirectBody({ resume: () => this.#resume(), abandon: () => this.#abandon() });
    exchange.respond({ head, body: exchange.body });
    return this.#feedBody(exchange, bytes.subarray(head.length));
  }

  #feedBody(exchange: Exchange, data: Buffer): boolean {
    const body = exchange.body!;
    const framing = exchange.framing!;
    let more = true;
    const taken = framing.take(data, (chunk) => {
      handOut(chunk);
      more = body.push(chunk) && more;
    });
    if (!framing.done) {
      if (!more) this.#pause();
      return more;
    }
    if (taken < data.length) this.#reusable = false;
    this.#finish(exchange);
    return true;
  }

  /** The body is complete: it ends, and the connection goes back to the pool (or closes). */
  #finish(exchange: Exchange): void {
    this.#exchange = undefined;
    this.#paused = false;
    // The rest of the block is kept for the next response; a block past its use is let go.
    if (this.#block && this.#block.length - this.#used < HEAD_BLOCK) this.#retireBlock();
    exchange.body!.detach();
    exchange.body!.push(null);
    const reusable = this.#reusable && !this.socket.destroyed;
    if (reusable) {
      this.#idleUntil = Date.now() + this.#idleLimit;
      this.socket.setTimeout(this.#idleLimit);
      this.socket.unref();
    } else this.socket.destroy();
    this.onDone(reusable);
  }

  /** The connection moves on from its block: no more chunks come from it. */
  #retireBlock(): void {
    if (this.#block) this.blocks.retire(this.#block);
    this.#block = undefined;
  }

  #pause(): void {
    // The consumer is behind, not the server: the idle timer waits until it reads again.
    this.#paused = true;
    this.socket.setTimeout(0);
  }

  #resume(): void {
    if (!this.#paused || !this.#exchange) return;
    this.#paused = false;
    this.socket.setTimeout(this.#socketTimeout);
    this.socket.resume();
  }

  /** The body's consumer destroyed it before its end. */
  #abandon(): void {
    if (!this.#exchange) return;
    this.#exchange = undefined;
    this.#reusable = false;
    this.socket.destroy();
    this.onDone(false);
  }

  #onEnd(): void {
    const exchange = this.#exchange;
    if (exchange?.framing?.endsAtClose) {
      this.#reusable = false;
      this.#finish(exchange);
      return;
    }
    this.#fail(this.#lost());
  }

  #onTimeout(): void {
    // Idle past its limit: closed before the server closes it under a request.
    if (!this.#exchange) return this.destroy();
    const err = Object.assign(new Error(`the request socket timed out after ${this.#socketTimeout} ms of inactivity.`), { name: "TimeoutError" });
    this.destroy(err);
  }

  /** Ends an exchange in progress with `err`: the request's promise, or the body mid-way. */
  #fail(err: Error): void {
    this.#reusable = false;
    const exchange = this.#exchange;
    if (!exchange) return;
    this.#exchange = undefined;
    if (exchange.body) {
      exchange.body.detach();
      exchange.body.destroy(exchange.body.readableEnded ? undefined : err);
    } else {
      exchange.reject(err);
    }
    this.socket.destroy();
    this.onDone(false);
  }
}
