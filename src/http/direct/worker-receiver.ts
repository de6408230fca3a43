import { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import { abortedRequest, type DirectGetConfig } from "./direct-get.js";
import { trackWrites, WrittenBody, type WriteInto } from "./written-body.js";

/** An error as it crosses from the worker: name, message, system fields, and whether a write to the file failed. */
export interface PlainError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly errno?: number;
  readonly syscall?: string;
  readonly destination: boolean;
}

/** A ranged read for the worker: the signed request as plain data, and where its body goes. @internal */
export interface WorkerRequest {
  readonly type: "get";
  readonly id: number;
  readonly request: {
    readonly protocol: string;
    readonly hostname: string;
    readonly port?: number | undefined;
    readonly method: string;
    readonly path: string;
    readonly query: HttpRequest["query"];
    readonly headers: Record<string, string>;
  };
  readonly requestTimeout?: number | undefined;
  readonly into: { readonly fd: number; readonly position: number; readonly length: number };
}

/** What the worker says. @internal */
export type WorkerMessage =
  | { readonly type: "ready" }
  | { readonly type: "answer"; readonly id: number; readonly statusCode: number; readonly reason?: string | undefined; readonly headers: Record<string, string>; readonly body: Uint8Array }
  | { readonly type: "head"; readonly id: number; readonly statusCode: number; readonly reason?: string | undefined; readonly headers: Record<string, string> }
  | { readonly type: "end"; readonly id: number; readonly written: number }
  | { readonly type: "error"; readonly id: number; readonly error: PlainError };

/** A read in progress. */
interface Exchange {
  readonly into: WriteInto;
  readonly resolve: (answer: { response: HttpResponse }) => void;
  readonly reject: (err: unknown) => void;
  body?: WrittenBody;
  /** The read is over: the worker writes nothing more for it. */
  readonly over: () => void;
}

/** The error again, shaped like the connection's own, so that it is typed the same way. */
function revive(plain: PlainError): Error {
  const err = Object.assign(new Error(plain.message), {
    ...(plain.code !== undefined ? { code: plain.code } : {}),
    ...(plain.errno !== undefined ? { errno: plain.errno } : {}),
    ...(plain.syscall !== undefined ? { syscall: plain.syscall } : {}),
  });
  err.name = plain.name;
  return err;
}

function lostWorker(answering: boolean): Error {
  return Object.assign(new Error(answering ? "aborted" : "socket hang up"), { code: "ECONNRESET" });
}

/** Where the worker's code is: next to this file, as TypeScript when this runs from source. */
function workerUrl(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "./receive-worker.ts" : "./receive-worker.js", import.meta.url);
}

/**
 * Receives ranged reads whose bodies go into a file in a worker thread of its
 * own ({@link DirectGet} there), so that each block is written from the
 * thread that received it: no hand-off between threads per write, and the
 * caller's event loop never waits for the disk. The answer's head comes back
 * for the same checks as any other; the body is a {@link WrittenBody}.
 *
 * The worker starts on the first such read. Where it cannot (its file is not
 * next to this one, as in a single-file bundle), `handle` answers `undefined`
 * and the read is received on the main thread as before.
 *
 * @internal
 */
export class WorkerReceiver {
  readonly #config: DirectGetConfig;
  #worker: Worker | undefined;
  #ready: Promise<boolean> | undefined;
  #next = 1;
  readonly #exchanges = new Map<number, Exchange>();

  constructor(config: DirectGetConfig) {
    this.#config = config;
  }

  /** Sends the read to the worker; `undefined` when there is no worker to take it. */
  async handle(
    request: HttpRequest,
    options: { readonly abortSignal?: AbortSignal | undefined; readonly requestTimeout?: number | undefined; readonly writeInto: WriteInto },
  ): Promise<{ response: HttpResponse } | undefined> {
    if (!(await this.#start())) return undefined;
    const worker = this.#worker!;
    const signal = options.abortSignal;
    if (signal?.aborted) throw abortedRequest(signal);
    const id = this.#next++;
    const into = options.writeInto;
    let over!: () => void;
    trackWrites(into.fd, new Promise<void>((resolve) => (over = resolve)));
    const onAbort = (): void => worker.postMessage({ type: "abort", id });
    signal?.addEventListener("abort", onAbort, { once: true });
    return new Promise((resolve, reject) => {
      this.#exchanges.set(id, {
        into,
        resolve,
        reject,
        over: () => {
          signal?.removeEventListener("abort", onAbort);
          over();
        },
      });
      if (this.#exchanges.size === 1) worker.ref();
      const message: WorkerRequest = {
        type: "get",
        id,
        request: {
          protocol: request.protocol,
          hostname: request.hostname,
          port: request.port,
          method: request.method,
          path: request.path,
          query: request.query,
          headers: request.headers,
        },
        requestTimeout: options.requestTimeout,
        into: { fd: into.fd, position: into.position, length: into.length },
      };
      worker.postMessage(message);
    });
  }

  /** Stops the worker; reads in progress fail as a lost connection. */
  destroy(): void {
    void this.#worker?.terminate();
  }

  #start(): Promise<boolean> {
    this.#ready ??= new Promise<boolean>((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(workerUrl(), { workerData: { config: this.#config } });
      } catch {
        resolve(false);
        return;
      }
      // Referenced until it is ready: a download waiting for it must keep the process alive.
      worker.once("message", () => {
        this.#worker = worker;
        worker.on("message", (message: WorkerMessage) => this.#onMessage(message));
        // Idle, it does not keep the process alive; each read refers to it again until it is over.
        if (this.#exchanges.size === 0) worker.unref();
        resolve(true);
      });
      const gone = (): void => {
        resolve(false);
        this.#lost(worker);
      };
      worker.once("error", gone);
      worker.once("exit", gone);
    });
    return this.#ready;
  }

  #onMessage(message: WorkerMessage): void {
    if (message.type === "ready") return;
    const exchange = this.#exchanges.get(message.id);
    if (!exchange) return;
    switch (message.type) {
      case "answer": {
        this.#over(message.id, exchange);
        const body = Readable.from([Buffer.from(message.body)]);
        exchange.resolve({ response: new HttpResponse({ statusCode: message.statusCode, reason: message.reason, headers: message.headers, body }) });
        return;
      }
      case "head": {
        const id = message.id;
        exchange.body = new WrittenBody(() => this.#worker?.postMessage({ type: "abort", id }));
        exchange.resolve({ response: new HttpResponse({ statusCode: message.statusCode, reason: message.reason, headers: message.headers, body: exchange.body }) });
        return;
      }
      case "end":
        this.#over(message.id, exchange);
        exchange.body?.finish(message.written);
        return;
      case "error": {
        this.#over(message.id, exchange);
        const err = message.error.destination ? exchange.into.failed(revive(message.error)) : revive(message.error);
        if (exchange.body) exchange.body.fail(err);
        else exchange.reject(err);
      }
    }
  }

  #over(id: number, exchange: Exchange): void {
    this.#exchanges.delete(id);
    exchange.over();
    if (this.#exchanges.size === 0) this.#worker?.unref();
  }

  /** The worker stopped (terminated, or crashed): no read of it goes on; later reads stay on the main thread. */
  #lost(worker: Worker): void {
    if (this.#worker === worker) this.#worker = undefined;
    this.#ready = Promise.resolve(false);
    for (const [id, exchange] of this.#exchanges) {
      this.#over(id, exchange);
      const err = lostWorker(exchange.body !== undefined);
      if (exchange.body) exchange.body.fail(err);
      else exchange.reject(err);
    }
  }
}
