/**
 * The worker thread of a {@link WorkerReceiver}: ranged reads on its own
 * {@link DirectGet}, each body written into the caller's file as it arrives
 * (`writeSync` at the range's offset, the receive block given back at once),
 * from the thread that received it: no hand-off to another thread per write,
 * and the caller's event loop never waits for the disk.
 *
 * Messages in: `get` (a request, its `requestTimeout`, the file and offset),
 * `abort`. Out: `ready`; per request `answer` (a non-2xx answer, body
 * included), or `head`, then `end` or `error`.
 */
import { writeSync } from "node:fs";
import type { Readable } from "node:stream";
import { parentPort, workerData } from "node:worker_threads";
import { HttpRequest } from "@smithy/protocol-http";
import { releaseChunks } from "./block-pool.js";
import { DirectGet, type DirectGetConfig } from "./direct-get.js";
import type { PlainError, WorkerMessage, WorkerRequest } from "./worker-receiver.js";

const port = parentPort!;
const direct = new DirectGet((workerData as { config: DirectGetConfig }).config);
const running = new Map<number, AbortController>();

const post = (message: WorkerMessage): void => port.postMessage(message);

/** What survives the trip to the main thread of an error: its name, message and system fields. */
function plain(err: unknown, destination = false): PlainError {
  const e = err as { name?: unknown; message?: unknown; code?: unknown; errno?: unknown; syscall?: unknown };
  return {
    name: typeof e?.name === "string" ? e.name : "Error",
    message: typeof e?.message === "string" ? e.message : String(err),
    ...(typeof e?.code === "string" ? { code: e.code } : {}),
    ...(typeof e?.errno === "number" ? { errno: e.errno } : {}),
    ...(typeof e?.syscall === "string" ? { syscall: e.syscall } : {}),
    destination,
  };
}

/** Marks a failed write to the caller's file, which is the caller's error, not the connection's. */
class WriteFailed extends Error {
  constructor(readonly error: unknown) {
    super("write failed");
  }
}

/**
 * Writes the body at `position` onward, never past `length` bytes; resolves
 * with the bytes that arrived (more than `length` is the caller's error to raise).
 */
function writeBody(body: Readable, into: WorkerRequest["into"]): Promise<number> {
  let received = 0;
  return new Promise((resolve, reject) => {
    body.on("data", (chunk: Buffer) => {
      const room = Math.max(0, Math.min(chunk.length, into.length - received));
      try {
        for (let at = 0; at < room; ) at += writeSync(into.fd, chunk, at, room - at, into.position + received + at);
      } catch (err) {
        body.destroy();
        reject(new WriteFailed(err));
        return;
      }
      received += chunk.length;
      releaseChunks([chunk]);
    });
    body.once("end", () => resolve(received));
    body.once("error", reject);
    body.once("close", () => {
      if (!body.readableEnded) reject(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    });
  });
}

async function readAll(body: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function get(message: WorkerRequest): Promise<void> {
  const { id, request, requestTimeout, into } = message;
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const options = { abortSignal: controller.signal, ...(requestTimeout !== undefined ? { requestTimeout } : {}) };
    const { response } = await direct.handle(new HttpRequest(request), options);
    const body = response.body as Readable;
    const head = { id, statusCode: response.statusCode, reason: response.reason, headers: response.headers };
    if (response.statusCode < 200 || response.statusCode >= 300) {
      post({ type: "answer", ...head, body: await readAll(body) });
      return;
    }
    post({ type: "head", ...head });
    post({ type: "end", id, written: await writeBody(body, into) });
  } catch (err) {
    post({ type: "error", id, error: err instanceof WriteFailed ? plain(err.error, true) : plain(err) });
  } finally {
    running.delete(id);
  }
}

port.on("message", (message: WorkerRequest | { type: "abort"; id: number }) => {
  if (message.type === "get") void get(message);
  else running.get(message.id)?.abort();
});
post({ type: "ready" });
