/**
 * The direct receiver (src/http/direct): object reads (ranged GETs on the
 * gateway and on presigned URLs, GetObject) skip Node's HTTP client where no
 * proxy applies. Against a real lakeFS: connections are kept alive and
 * reused, one that lakeFS closed while idle is replaced without an error,
 * `maxSockets` bounds the connections, and a chunked answer (lakeFS's own
 * REST listing) reads the same as through Node's HTTP client. Errors, abort,
 * timeouts and TLS are in the contract suite and network.test.ts, which run
 * object reads on every path.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { HttpRequest } from "@smithy/protocol-http";
import type { Readable } from "node:stream";
import { DirectGet } from "../../src/http/direct/direct-get.js";
import type { LakeFS } from "../../src/index.js";
import { whenReady } from "../support/child-process.js";
import { connectionsTo as openTo } from "../support/connections.js";
import { basicAuth, createRepositoryRaw, testClient, uniqueRepoName, useLakeFS } from "../support/lakefs.js";

const MiB = 1024 * 1024;
const ctx = useLakeFS();
let repo: string;
const clients: LakeFS[] = [];

before(async () => {
  repo = await createRepositoryRaw(await whenReady(() => ctx.server, "the lakeFS server"));
});
after(() => {
  for (const c of clients) c.destroy();
});

function client(options: Parameters<typeof testClient>[2] = {}): LakeFS {
  const c = testClient(ctx.server, undefined, { dataPath: "gateway", ...options });
  clients.push(c);
  return c;
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const lakefsPort = () => Number(new URL(ctx.server.endpoint).port);
/** This process's connections to `port`. */
const connectionsTo = (port: number): number => openTo(port).size;

describe("the direct receiver against a real lakeFS", () => {
  it("ranged reads reuse one kept-alive connection; one lakeFS closed while idle is replaced without an error", async () => {
    const body = randomBytes(3 * MiB);
    const lakefs = client();
    const object = lakefs.repository(repo).branch("main").object("direct/keepalive.bin");
    await object.upload(body);
    const read = (start: number) => object.bytes({ range: { start, end: start + MiB - 1 } });
    assert.equal(sha(await read(0)), sha(body.subarray(0, MiB)));
    const after1 = connectionsTo(lakefsPort());
    for (const start of [MiB, 2 * MiB, 0, MiB]) assert.equal(sha(await read(start)), sha(body.subarray(start, start + MiB)));
    assert.equal(connectionsTo(lakefsPort()), after1, "four more reads, one after the other, opened no connection");

    // lakeFS restarts: every kept-alive connection is closed on its side.
    await ctx.server.restart();
    assert.equal(sha(await read(2 * MiB)), sha(body.subarray(2 * MiB)), "the read after the restart succeeds, on a new connection");
  });

  it("maxSockets bounds the connections: a download of 8 ranges at concurrency 8 with maxSockets 2 holds at most 2", async () => {
    const body = randomBytes(8 * MiB);
    await client().repository(repo).branch("main").object("direct/max-sockets.bin").upload(body);
    const lakefs = client({ maxSockets: 2 });
    const object = lakefs.repository(repo).branch("main").object("direct/max-sockets.bin");
    await object.stat(); // the client's own set-up, before counting
    const before = connectionsTo(lakefsPort()); // other clients' idle connections, and stat's
    let most = 0;
    const sampler = setInterval(() => (most = Math.max(most, connectionsTo(lakefsPort()))), 2);
    const chunks: Buffer[] = [];
    try {
      const { Writable } = await import("node:stream");
      await object.download(
        new Writable({
          write(chunk: Buffer, _e, done) {
            chunks.push(chunk);
            // A slow consumer keeps every range waiting for a connection.
            setTimeout(done, 1);
          },
        }),
        { partSize: MiB, concurrency: 8 },
      );
    } finally {
      clearInterval(sampler);
    }
    assert.equal(sha(Buffer.concat(chunks)), sha(body));
    assert.ok(most - before >= 1 && most - before <= 2, `at most maxSockets (2) new connections for the ranges: saw ${most - before} (${before} open before)`);
  });

  it("a chunked answer reads the same as through Node's HTTP client (lakeFS's REST listing of many repositories)", async () => {
    const server = ctx.server;
    // Over 4 KiB of JSON: Go's HTTP server then answers in chunks.
    for (let i = 0; i < 40; i++) await createRepositoryRaw(server, uniqueRepoName("chunked"));
    const url = new URL(`${server.endpoint}/api/v1/repositories?amount=1000`);
    const direct = new DirectGet({ connectionTimeout: 5_000, requestTimeout: 0, socketTimeout: 10_000, maxSockets: 4, tls: { rejectUnauthorized: true } });
    try {
      const request = new HttpRequest({
        method: "GET",
        protocol: url.protocol,
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        query: { amount: "1000" },
        headers: { host: url.host, authorization: basicAuth(server), accept: "application/json" },
      });
      const { response } = await direct.handle(request);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers["transfer-encoding"], "chunked", "the precondition: lakeFS sent a chunked body");
      const chunks: Buffer[] = [];
      for await (const chunk of response.body as Readable) chunks.push(chunk as Buffer);
      const viaDirect = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { results: { id: string }[] };
      const viaNode = (await (await fetch(url, { headers: { authorization: basicAuth(server) } })).json()) as { results: { id: string }[] };
      assert.deepEqual(viaDirect.results.map((r) => r.id), viaNode.results.map((r) => r.id));
      assert.ok(viaDirect.results.length > 40);
    } finally {
      direct.destroy();
    }
  });
});
