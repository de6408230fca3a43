/**
 * The floor receiver of `npm run bench:receive`: Node's `net` reading into
 * one reused buffer, nothing else. Imported by receiver.ts, and loaded on its
 * own as a worker thread (`net-onread-workers`): it then says when it is
 * loaded, receives its range on "go", and says when it is done.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { connect } from "node:net";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { ReceiveTask } from "./task.js";

const MiB = 1024 * 1024;

/** Bytes `start` to `end` (inclusive) of the object. */
interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The floor: one connection that reads into one reused 1 MiB buffer
 * (`onread`), the head parsed by hand, each read written with `writeSync`
 * (at the range's place in the file when a range is given).
 */
export function netOnread(task: ReceiveTask, range?: ByteRange): Promise<void> {
  const url = new URL(task.url);
  const fd = task.dest ? openSync(task.dest, range ? "r+" : "w") : -1;
  let position = range?.start ?? 0;
  const buffer = Buffer.allocUnsafe(MiB);
  return new Promise<void>((resolve, reject) => {
    let head: Buffer | undefined = Buffer.alloc(0);
    let remaining = -1;
    const socket = connect({
      host: url.hostname,
      port: Number(url.port),
      onread: {
        buffer,
        callback(n: number, buf: Uint8Array) {
          let body = Buffer.from(buf.buffer, buf.byteOffset, n);
          if (head) {
            head = Buffer.concat([head, body]);
            const end = head.indexOf("\r\n\r\n");
            if (end < 0) return true;
            const text = head.toString("latin1", 0, end);
            if (!text.startsWith(range ? "HTTP/1.1 206" : "HTTP/1.1 200")) reject(new Error(text.split("\r\n")[0]));
            remaining = Number(/content-length: *(\d+)/i.exec(text)?.[1] ?? Number.NaN);
            body = head.subarray(end + 4);
            head = undefined;
          }
          for (let at = 0; fd >= 0 && at < body.length; ) at += writeSync(fd, body, at, body.length - at, position + at);
          position += body.length;
          remaining -= body.length;
          if (remaining === 0) {
            socket.end();
            resolve();
          }
          return true;
        },
      },
    });
    const rangeHeader = range ? `Range: bytes=${range.start}-${range.end}\r\n` : "";
    socket.on("connect", () => socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n${rangeHeader}Connection: close\r\n\r\n`));
    socket.on("error", reject);
  }).finally(() => {
    if (fd >= 0) closeSync(fd);
  });
}

if (!isMainThread) {
  const { task, range } = workerData as { task: ReceiveTask; range: ByteRange };
  parentPort!.once("message", () => {
    netOnread(task, range).then(
      () => parentPort!.postMessage("done"),
      (err: unknown) => {
        throw err;
      },
    );
  });
  parentPort!.postMessage("loaded");
}
