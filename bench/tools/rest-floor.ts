/**
 * The floor of small-object I/O over lakeFS's REST object endpoints: bare
 * `node:http` loops (keep-alive agent, concurrency 32, 4 KiB bodies) against
 * one lakeFS, next to the handles, with client CPU (`process.cpuUsage`) and
 * lakeFS CPU (/proc/<pid>/stat) per operation. Rounds alternate between the
 * variants; medians are printed.
 *
 *   N=3000 ROUNDS=3 SIZE=4096 VARIANTS=put-raw,put-multipart,get-raw,handles-put,handles-get npx tsx bench/tools/rest-floor.ts
 *
 * Variants: put-raw (octet-stream, Content-Length), put-new-connection (the
 * same on a new TCP connection per request: no keep-alive), put-chunked (octet-stream,
 * chunked), put-multipart (form-data with Content-Length, as lakectl's
 * encoding), get-raw, handles-put / handles-get (`upload(bytes)` / `bytes()`),
 * gateway-put / gateway-get (the handles with `dataPath: "gateway"`).
 */
import http from "node:http";
import { readFileSync } from "node:fs";
import { LakeFS } from "../../src/index.js";
import { startLakeFS } from "../../tools/lakefs/server.js";

const N = Number(process.env.N ?? 3000);
const C = Number(process.env.C ?? 32);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const VARIANTS = (process.env.VARIANTS ?? "put-raw,put-chunked,put-multipart,get-raw,handles-put,handles-get").split(",");
const REPO = "restfloor";
const BODY = Buffer.alloc(Number(process.env.SIZE ?? 4096), 7);

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const server = await startLakeFS();
const agent = new http.Agent({ keepAlive: true, maxSockets: C });
const auth = `Basic ${Buffer.from(`${server.accessKeyId}:${server.secretAccessKey}`).toString("base64")}`;
const url = new URL(server.endpoint);
const objectsPath = (kind: "branches" | "refs", key: string) => `/api/v1/repositories/${REPO}/${kind}/main/objects?path=${encodeURIComponent(key)}`;

function send(method: string, path: string, headers: Record<string, string | number>, body?: Buffer | Buffer[], via: http.Agent | false = agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent: via, host: url.hostname, port: url.port, method, path, headers: { authorization: auth, ...headers } }, (res) => {
      res.on("data", () => {});
      res.on("end", () => (res.statusCode! < 300 ? resolve(res.statusCode!) : reject(new Error(`${method} ${res.statusCode}`))));
    });
    req.on("error", reject);
    if (Array.isArray(body)) for (const b of body) req.write(b);
    req.end(Array.isArray(body) ? undefined : body);
  });
}

const boundary = "----restfloor";
const mpHead = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="x"\r\nContent-Type: application/octet-stream\r\n\r\n`);
const mpTail = Buffer.from(`\r\n--${boundary}--\r\n`);

const lakefs = new LakeFS({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false });
await lakefs.repository(REPO).create({ storageNamespace: `local://${REPO}` });
const main = lakefs.repository(REPO).branch("main");
const key = (i: number) => `small/${String(i % 1000).padStart(5, "0")}`;
for (let i = 0; i < 1000; i++) await send("POST", objectsPath("branches", key(i)), { "content-type": "application/octet-stream", "content-length": BODY.length }, BODY);

const ops: Record<string, (i: number) => Promise<unknown>> = {
  "put-raw": (i) => send("POST", objectsPath("branches", key(i)), { "content-type": "application/octet-stream", "content-length": BODY.length }, BODY),
  "put-new-connection": (i) =>
    send("POST", objectsPath("branches", key(i)), { "content-type": "application/octet-stream", "content-length": BODY.length }, BODY, false),
  "put-chunked": (i) => send("POST", objectsPath("branches", key(i)), { "content-type": "application/octet-stream" }, [BODY]),
  "put-multipart": (i) =>
    send("POST", objectsPath("branches", key(i)), { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": mpHead.length + BODY.length + mpTail.length }, Buffer.concat([mpHead, BODY, mpTail])),
  "get-raw": (i) => send("GET", objectsPath("refs", key(i)), {}),
  "handles-put": (i) => main.object(key(i)).upload(BODY),
  "handles-get": (i) => main.object(key(i)).bytes(),
  "gateway-put": (i) => main.object(key(i)).upload(BODY, { dataPath: "gateway" }),
  "gateway-get": (i) => main.object(key(i)).bytes({ dataPath: "gateway" }),
};

async function round(op: (i: number) => Promise<unknown>): Promise<{ ops: number; client: number; lakefs: number }> {
  let next = 0;
  const pid = server.process.pid!;
  const s0 = cpuSeconds(pid);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: C }, async () => { while (next < N) await op(next++); }));
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { ops: N / seconds, client: (c.user + c.system) / N, lakefs: ((cpuSeconds(pid) - s0) * 1e6) / N };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: Record<string, { ops: number; client: number; lakefs: number }[]> = {};
try {
  for (const v of VARIANTS) await round(ops[v]!); // warm-up
  for (let r = 0; r < ROUNDS; r++) for (const v of VARIANTS) (results[v] ??= []).push(await round(ops[v]!));
  for (const v of VARIANTS) {
    const rs = results[v]!;
    process.stdout.write(
      `${v.padEnd(14)} ${median(rs.map((x) => x.ops)).toFixed(0).padStart(6)} ops/s  client ${median(rs.map((x) => x.client)).toFixed(0).padStart(5)} µs/op  lakeFS ${median(rs.map((x) => x.lakefs)).toFixed(0).padStart(5)} µs/op\n`,
    );
  }
} finally {
  lakefs.destroy();
  agent.destroy();
  await server.stop();
}
