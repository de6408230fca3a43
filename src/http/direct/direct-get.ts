import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import type { HttpHandlerOptions } from "@smithy/types";
import { BlockPool } from "./block-pool.js";
import { Connection, type DirectResponse, type Origin, type TlsTrust } from "./connection.js";
import { requestHead } from "./request-head.js";
import type { WorkerReceiver } from "./worker-receiver.js";
import type { WriteInto } from "./written-body.js";

/**
 * The settings of a {@link DirectGet}: the same timeouts, socket limit and
 * TLS trust as the client's agents.
 *
 * @internal
 */
export interface DirectGetConfig {
  readonly connectionTimeout: number;
  readonly requestTimeout: number;
  readonly socketTimeout: number;
  readonly maxSockets: number;
  readonly tls: TlsTrust;
}

/**
 * The error of a request aborted by its signal, as the SDK's handler shapes it.
 *
 * @internal
 */
export function abortedRequest(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  const err = new Error(reason instanceof Error ? "Request aborted" : String(reason ?? "Request aborted"));
  err.name = "AbortError";
  if (reason instanceof Error) err.cause = reason;
  return err;
}

function originOf(request: HttpRequest): Origin {
  const protocol = request.protocol === "https:" ? "https:" : "http:";
  const hostname = request.hostname.replace(/^\[(.*)\]$/, "$1");
  return { protocol, hostname, port: request.port ?? (protocol === "https:" ? 443 : 80) };
}

/** Connections of one origin: the idle ones, how many are in use, and who waits for one. */
class OriginPool {
  readonly idle: Connection[] = [];
  inUse = 0;
  readonly waiting: (() => void)[] = [];
}

/**
 * The client's receiver for object bodies: GETs whose answers can be large
 * (ranged reads on the gateway and on presigned URLs, `GetObject`) go over
 * keep-alive connections that read straight into the receive blocks the body
 * hands on ({@link Connection}). Everything else stays on Node's HTTP client.
 * Used only where no proxy applies; connections, timeouts and TLS trust
 * follow the same settings as the agents.
 *
 * @internal
 */
export class DirectGet {
  readonly #config: DirectGetConfig;
  readonly #pools = new Map<string, OriginPool>();
  /** Receive blocks kept for reuse: enough for a few ranges in flight (the engine's default concurrency is 4). */
  readonly #blocks = new BlockPool(16);
  /** Reads written straight into a file go to a worker thread, loaded on the first. */
  #receiver: Promise<WorkerReceiver | undefined> | undefined;

  constructor(config: DirectGetConfig) {
    this.#config = config;
  }

  /**
   * Sends a GET and resolves with its answer, body unread; the same contract
   * as the SDK's handler. With `writeInto` (a download into a file), a worker
   * thread may write a 2xx body there and answer a {@link WrittenBody}.
   */
  async handle(request: HttpRequest, options: HttpHandlerOptions & { readonly writeInto?: WriteInto | undefined } = {}): Promise<{ response: HttpResponse }> {
    // The SDK's type is a structural subset of the platform's AbortSignal; callers pass the real one.
    const signal = options.abortSignal as AbortSignal | undefined;
    if (signal?.aborted) throw abortedRequest(signal);
    if (options.writeInto) {
      const receiver = await this.#workerReceiver();
      const answer = await receiver?.handle(request, { abortSignal: signal, requestTimeout: options.requestTimeout, writeInto: options.writeInto });
      if (answer) return answer;
    }
    const origin = originOf(request);
    const head = requestHead(request);
    const pool = this.#pool(origin);
    const timeoutMs = options.requestTimeout ?? this.#config.requestTimeout;
    return withDeadline(timeoutMs, signal, async (cancelled) => {
      const idle = await this.#slot(pool, cancelled);
      const conn = idle ?? (await this.#open(pool, origin, cancelled));
      const before = conn.received;
      try {
        return toResponse(await conn.request(head, this.#config.socketTimeout));
      } catch (err) {
        // A kept-alive connection the server had closed before this request: once more on a new one.
        if (!idle || conn.received !== before || cancelled.reason) throw err;
        await this.#slot(pool, cancelled, false);
        const fresh = await this.#open(pool, origin, cancelled);
        return toResponse(await fresh.request(head, this.#config.socketTimeout));
      }
    });
  }

  /** Closes every idle connection (those in use close when their exchange ends), and stops the worker. */
  destroy(): void {
    for (const pool of this.#pools.values()) for (const conn of pool.idle.splice(0)) conn.destroy();
    this.#blocks.clear();
    void this.#receiver?.then((receiver) => receiver?.destroy());
  }

  #workerReceiver(): Promise<WorkerReceiver | undefined> {
    this.#receiver ??= import("./worker-receiver.js").then(
      ({ WorkerReceiver }) => new WorkerReceiver(this.#config),
      () => undefined,
    );
    return this.#receiver;
  }

  #pool(origin: Origin): OriginPool {
    const key = `${origin.protocol}//${origin.hostname}:${origin.port}`;
    let pool = this.#pools.get(key);
    if (!pool) this.#pools.set(key, (pool = new OriginPool()));
    return pool;
  }

  /**
   * Waits until fewer than `maxSockets` connections of the origin are in
   * use, and takes a slot: with an idle connection when there is one (and
   * `reuse`), which the slot is then tied to.
   */
  async #slot(pool: OriginPool, cancelled: Cancellation, reuse = true): Promise<Connection | undefined> {
    while (pool.inUse >= this.#config.maxSockets) {
      await new Promise<void>((resolve, reject) => {
        pool.waiting.push(resolve);
        cancelled.on((err) => {
          const i = pool.waiting.indexOf(resolve);
          if (i >= 0) pool.waiting.splice(i, 1);
          reject(err);
        });
      });
    }
    pool.inUse++;
    for (let conn = reuse ? pool.idle.pop() : undefined; conn; conn = pool.idle.pop()) {
      if (conn.idle) return this.#adopt(pool, conn, cancelled);
      conn.destroy();
    }
    return undefined;
  }

  /** Opens a connection for a slot taken; the slot is given back if that fails. */
  async #open(pool: OriginPool, origin: Origin, cancelled: Cancellation): Promise<Connection> {
    let conn: Connection;
    try {
      const opening = Connection.open(origin, this.#config.tls, this.#blocks, this.#config.connectionTimeout);
      cancelled.on(() => void opening.then((c) => c.destroy(), () => undefined));
      conn = await opening;
    } catch (err) {
      this.#release(pool, undefined);
      throw err;
    }
    return this.#adopt(pool, conn, cancelled);
  }

  /**
   * Ties a connection to a request's slot: the end of its exchange gives the
   * slot back (and the connection to the idle list when it can serve
   * another), and a cancellation before then closes it.
   */
  #adopt(pool: OriginPool, conn: Connection, cancelled: Cancellation): Connection {
    let done = false;
    conn.onDone = (reusable) => {
      done = true;
      conn.onDone = () => undefined;
      this.#release(pool, reusable ? conn : undefined);
    };
    cancelled.on((err) => {
      if (done) return;
      // Once the body is coming, whoever reads it ties it to the signal and fails it with their own
      // AbortError; the connection closes right after, as Node's client closes the request's.
      if (conn.answering) queueMicrotask(() => conn.destroy());
      else conn.destroy(err);
    });
    if (cancelled.reason && !done) throw cancelled.reason;
    return conn;
  }

  #release(pool: OriginPool, idle: Connection | undefined): void {
    pool.inUse--;
    if (idle) {
      pool.idle.push(idle);
      // Closed while idle (past its limit, or by the server): it leaves the list.
      idle.onDone = () => {
        const i = pool.idle.indexOf(idle);
        if (i >= 0) pool.idle.splice(i, 1);
      };
    }
    pool.waiting.shift()?.();
  }
}

function toResponse({ head, body }: DirectResponse): { response: HttpResponse } {
  return { response: new HttpResponse({ statusCode: head.status, reason: head.reason, headers: { ...head.headers }, body }) };
}

/** Registers what to undo when a request is cancelled (aborted, or past its `requestTimeout`). */
interface Cancellation {
  readonly reason: Error | undefined;
  on(undo: (err: Error) => void): void;
}

/**
 * Runs `work` until it resolves, failing it when `signal` aborts or, until
 * the answer's head arrived, when `timeoutMs` passes (`requestTimeout`, as
 * the SDK's handler counts it). After the answer, an abort still destroys
 * the body through the undo steps `work` registered.
 */
function withDeadline<T>(timeoutMs: number, signal: AbortSignal | undefined, work: (cancelled: Cancellation) => Promise<T>): Promise<T> {
  const undo: ((err: Error) => void)[] = [];
  const cancelled = {
    reason: undefined as Error | undefined,
    on(step: (err: Error) => void) {
      if (this.reason) step(this.reason);
      else undo.push(step);
    },
  };
  return new Promise<T>((resolve, reject) => {
    const cancel = (err: Error): void => {
      if (cancelled.reason) return;
      cancelled.reason = err;
      for (const step of undo.splice(0)) step(err);
      reject(err);
    };
    const timer = timeoutMs
      ? setTimeout(
          () =>
            cancel(
              Object.assign(new Error(`a request has exceeded the configured ${timeoutMs} ms requestTimeout.`), { name: "TimeoutError", code: "ETIMEDOUT" }),
            ),
          timeoutMs,
        )
      : undefined;
    const onAbort = (): void => cancel(abortedRequest(signal!));
    signal?.addEventListener("abort", onAbort, { once: true });
    work(cancelled).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
        // The body may still be arriving: an abort ends it; once it ended, the listener goes.
        const body = (value as { response?: { body?: NodeJS.EventEmitter } }).response?.body;
        if (signal && body) body.once("close", () => signal.removeEventListener("abort", onAbort));
        else signal?.removeEventListener("abort", onAbort);
      },
      (err: unknown) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}
