/**
 * One receiver of `npm run bench:receive`, in its own process:
 *
 *   node --import tsx bench/receivers/receiver.ts '<task JSON>'
 *
 * Receives one object (`task.url`, a presigned gateway URL; the library's
 * receivers use the object's handle) to `task.dest` or, without it, to
 * nowhere, and prints `{ seconds, cpuSeconds, userSeconds, systemSeconds,
 * minorFaults, maxRssKiB, bytes }` for the transfer alone (start-up and a
 * warm-up read of the first MiB excluded, so that loading code is not counted).
 */
import { closeSync, createWriteStream, openSync, writeSync } from "node:fs";
import { get } from "node:http";
import { connect } from "node:net";
import { Writable, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { LakeFS } from "../../src/index.js";
import type { ReceiveTask, Receiver } from "./task.js";

const MiB = 1024 * 1024;

/** Counts bytes and drops them. */
function nowhere(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

const sinkFor = (task: ReceiveTask): Writable => (task.dest ? createWriteStream(task.dest) : nowhere());

/**
 * The floor: one connection that reads into one reused 1 MiB buffer
 * (`onread`), the head parsed by hand, each read written with `writeSync`.
 */
function netOnread(task: ReceiveTask): Promise<void> {
  const url = new URL(task.url);
  const fd = task.dest ? openSync(task.dest, "w") : -1;
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
            if (!text.startsWith("HTTP/1.1 200")) reject(new Error(text.split("\r\n")[0]));
            remaining = Number(/content-length: *(\d+)/i.exec(text)?.[1] ?? Number.NaN);
            body = head.subarray(end + 4);
            head = undefined;
          }
          for (let at = 0; fd >= 0 && at < body.length; ) at += writeSync(fd, body, at);
          remaining -= body.length;
          if (remaining === 0) {
            socket.end();
            resolve();
          }
          return true;
        },
      },
    });
    socket.on("connect", () => socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`));
    socket.on("error", reject);
  }).finally(() => {
    if (fd >= 0) closeSync(fd);
  });
}

/** Node's HTTP client, the body piped to the destination. */
function nodeHttp(task: ReceiveTask): Promise<void> {
  return new Promise((resolve, reject) => {
    get(task.url, (res) => pipeline(res, sinkFor(task)).then(resolve, reject)).on("error", reject);
  });
}

/** undici's `request`, the body piped to the destination. */
async function undiciRequest(task: ReceiveTask): Promise<void> {
  const { request } = await import("undici");
  const { body } = await request(task.url);
  await pipeline(body as Readable, sinkFor(task));
}

function objectOf(task: ReceiveTask) {
  const lakefs = new LakeFS({ endpoint: task.endpoint, accessKeyId: task.accessKeyId, secretAccessKey: task.secretAccessKey, lakectlConfigFile: false });
  return lakefs.repository(task.repository).ref(task.ref).object(task.path);
}

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2]!) as ReceiveTask;
  const object = objectOf(task);
  // Warm-up: load the code every receiver needs (the library's lazy modules, undici) before the clock starts.
  await pipeline(await object.stream({ range: { start: 0, end: MiB - 1 } }), nowhere());
  if (task.receiver === "undici") await import("undici");
  const run: Record<Receiver, () => Promise<void>> = {
    "net-onread": () => netOnread(task),
    "node-http": () => nodeHttp(task),
    undici: () => undiciRequest(task),
    "lakefs-s3-download": async () => {
      await object.download(task.dest ?? nowhere(), { partSize: task.partSize, concurrency: task.concurrency });
    },
    "lakefs-s3-stream": async () => pipeline(await object.stream(), sinkFor(task)),
  };
  const faults = process.resourceUsage().minorPageFault;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run[task.receiver]();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const usage = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({
      seconds,
      userSeconds: used.user / 1e6,
      systemSeconds: used.system / 1e6,
      cpuSeconds: (used.user + used.system) / 1e6,
      minorFaults: usage.minorPageFault - faults,
      maxRssKiB: usage.maxRSS,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
