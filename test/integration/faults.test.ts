/**
 * Real faults between the client and the real lakeFS, made by Toxiproxy
 * (built from the Go module proxy, driven through its HTTP API): latency, a
 * bandwidth limit, a connection cut mid-body (`limit_data`), a reset
 * (`reset_peer`), a server that stops answering (`timeout`); and lakeFS
 * itself killed with SIGKILL in the middle of a multipart upload, then
 * restarted on the same data directory.
 *
 * For each fault: the call succeeds (after retries) or ends in a typed error;
 * a watcher that reads the target key throughout never sees anything but the
 * previous content or the complete new content; a failed multipart upload is
 * aborted (the client sends AbortMultipartUpload and the key keeps its
 * previous content); an upload retried after the fault stores exactly the
 * bytes written (SHA-256).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import type { FinalizeHandler, FinalizeHandlerArguments, HandlerExecutionContext, MetadataBearer } from "@smithy/types";
import {
  LakeFS,
  NetworkError,
  ObjectNotFoundError,
  ServerError,
  TimeoutError,
  type LakeFSClientConfig,
} from "../../src/index.js";
import { TEST_SERVERS, createRepositoryRaw, useLakeFS, testClient } from "../support/lakefs.js";
import { whenReady } from "../support/child-process.js";
import { useToxiproxy, type ToxiproxyProxy } from "../support/toxiproxy.js";
import { lakeFSRejection as rejection } from "../support/rejection.js";

const MiB = 1024 * 1024;
const ctx = useLakeFS();
const toxi = useToxiproxy();

const sha256 = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");

function client(endpoint: string, options: LakeFSClientConfig = {}): LakeFS {
  return testClient(ctx.server, endpoint, options);
}

/** Records every S3 attempt a client sends (after retries are decided) and how it ended. */
function recordAttempts(s3: S3Client): { sent: { name: string; ok: boolean }[]; names(): string[] } {
  const sent: { name: string; ok: boolean }[] = [];
  s3.middlewareStack.addRelativeTo(
    (next: FinalizeHandler<object, MetadataBearer>, context: HandlerExecutionContext) => async (args: FinalizeHandlerArguments<object>) => {
      const entry = { name: context.commandName ?? "?", ok: false };
      sent.push(entry);
      const out = await next(args);
      entry.ok = true;
      return out;
    },
    { relation: "after", toMiddleware: "retryMiddleware", name: "faultsTestAttempts" },
  );
  return { sent, names: () => sent.map((s) => s.name) };
}

/**
 * Reads the key directly (not through the faulty proxy) every 25 ms until
 * stopped, and records what it saw: a SHA-256 or "absent".
 */
function watch(lakefs: LakeFS, repo: string, path: string): { stop(): Promise<Set<string>> } {
  const seen = new Set<string>();
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        seen.add(sha256(await lakefs.repository(repo).branch("main").object(path).bytes()));
      } catch (err) {
        if (err instanceof ObjectNotFoundError) seen.add("absent");
        else seen.add(`error: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return seen;
    },
  };
}

let direct: LakeFS;
let repo: string;
let proxy: ToxiproxyProxy;
before(async () => {
  const server = await whenReady(() => ctx.server, "the lakeFS server");
  const toxiproxy = await whenReady(() => toxi.toxiproxy, "Toxiproxy");
  proxy = await toxiproxy.createProxy("faults-lakefs", `127.0.0.1:${server.port}`);
  direct = client(server.endpoint);
  repo = await createRepositoryRaw(server);
});
after(() => direct?.destroy());

/**
 * Writes `previous` at `path` (directly), then runs `fault` against a client
 * on the proxy while a watcher reads the key; returns what the watcher saw.
 */
async function underFault(
  path: string,
  previous: Buffer,
  fault: (lakefs: LakeFS, attempts: ReturnType<typeof recordAttempts>) => Promise<void>,
  options: LakeFSClientConfig = {},
): Promise<Set<string>> {
  await direct.repository(repo).branch("main").object(path).upload(previous);
  const lakefs = client(proxy.url, options);
  const attempts = recordAttempts(lakefs.s3);
  const watcher = watch(direct, repo, path);
  try {
    await fault(lakefs, attempts);
  } finally {
    lakefs.destroy();
    await proxy.clearToxics();
  }
  return watcher.stop();
}

describe("faults: slow networks still deliver, byte-exact", () => {
  it("latency (150 ms each way): a multipart upload and its read-back succeed", async () => {
    const body = randomBytes(11 * MiB);
    const seen = await underFault("latency.bin", Buffer.from("old"), async (lakefs) => {
      await proxy.addToxic({ type: "latency", stream: "downstream", attributes: { latency: 150 } });
      await proxy.addToxic({ type: "latency", stream: "upstream", attributes: { latency: 150 } });
      const object = lakefs.repository(repo).branch("main").object("latency.bin");
      const started = Date.now();
      await object.upload(body, { partSize: 5 * MiB });
      assert.ok(Date.now() - started >= 600, "create, parts and complete each paid the latency");
      assert.equal(sha256(await object.bytes()), sha256(body));
    });
    assert.deepEqual([...seen].filter((h) => h !== sha256(Buffer.from("old")) && h !== sha256(body)), [], "no partial object was ever visible");
  });

  it("bandwidth limited to 2 MB/s: an 8 MiB upload takes its time and arrives intact", async () => {
    const body = randomBytes(8 * MiB);
    await underFault("bandwidth.bin", Buffer.from("old"), async (lakefs) => {
      await proxy.addToxic({ type: "bandwidth", stream: "upstream", attributes: { rate: 2048 } });
      const started = Date.now();
      await lakefs.repository(repo).branch("main").object("bandwidth.bin").upload(body);
      assert.ok(Date.now() - started >= 3_000, `8 MiB at 2 MB/s took ${Date.now() - started} ms`);
    });
    assert.equal(sha256(await direct.repository(repo).branch("main").object("bandwidth.bin").bytes()), sha256(body));
  });
});

describe("faults: connections cut mid-body end in a typed error and leave the key as it was", () => {
  it("limit_data (a PUT's body cut after 256 KiB): retried, then NetworkError; the previous content stays", async () => {
    const previous = randomBytes(1000);
    const body = randomBytes(2 * MiB);
    const seen = await underFault(
      "cut-put.bin",
      previous,
      async (lakefs, attempts) => {
        await proxy.addToxic({ type: "limit_data", stream: "upstream", attributes: { bytes: 256 * 1024 } });
        const err = await rejection(() => lakefs.repository(repo).branch("main").object("cut-put.bin").upload(body));
        assert.ok(err instanceof NetworkError, `${err.name}/${err.code}: ${err.message}`);
        assert.equal(err.code, "ConnectionReset");
        assert.equal(attempts.names().filter((n) => n === "PutObjectCommand").length, 3, "the PUT was tried maxAttempts times");
      },
      { maxAttempts: 3 },
    );
    assert.deepEqual([...seen], [sha256(previous)], "only the previous content was ever visible");
  });

  it("limit_data on a multipart upload: the parts fail, the upload is aborted, the previous content stays; a retry stores the exact bytes", async () => {
    const previous = randomBytes(4096);
    const body = randomBytes(16 * MiB);
    const seen = await underFault("cut-multipart.bin", previous, async (lakefs, attempts) => {
      // Every connection is cut after 1 MiB from the client: control requests pass, 5 MiB parts do not.
      await proxy.addToxic({ type: "limit_data", stream: "upstream", attributes: { bytes: MiB } });
      const err = await rejection(() => lakefs.repository(repo).branch("main").object("cut-multipart.bin").upload(body, { partSize: 5 * MiB }));
      assert.ok(err instanceof NetworkError, `${err.name}/${err.code}: ${err.message}`);
      const abort = attempts.sent.find((a) => a.name === "AbortMultipartUploadCommand");
      assert.ok(abort?.ok, `the multipart upload was aborted (sent: ${attempts.names().join(", ")})`);
      assert.ok(!attempts.names().includes("CompleteMultipartUploadCommand"), "never completed");
    });
    assert.deepEqual([...seen], [sha256(previous)]);
    // The network heals: the same upload through the same proxy now succeeds, byte-exact.
    const lakefs = client(proxy.url);
    try {
      await lakefs.repository(repo).branch("main").object("cut-multipart.bin").upload(body, { partSize: 5 * MiB });
    } finally {
      lakefs.destroy();
    }
    assert.equal(sha256(await direct.repository(repo).branch("main").object("cut-multipart.bin").bytes()), sha256(body));
  });

  it("reset_peer 300 ms into a slow upload (TCP RST): NetworkError ConnectionReset, the previous content stays", async () => {
    const previous = randomBytes(100);
    const body = randomBytes(3 * MiB);
    const seen = await underFault(
      "reset.bin",
      previous,
      async (lakefs) => {
        await proxy.addToxic({ type: "bandwidth", stream: "upstream", attributes: { rate: 1024 } });
        await proxy.addToxic({ type: "reset_peer", stream: "upstream", attributes: { timeout: 300 } });
        const err = await rejection(() => lakefs.repository(repo).branch("main").object("reset.bin").upload(body));
        assert.ok(err instanceof NetworkError, `${err.name}/${err.code}: ${err.message}`);
        assert.equal(err.code, "ConnectionReset");
        assert.equal(err.retryable, true);
      },
      { maxAttempts: 2 },
    );
    assert.deepEqual([...seen], [sha256(previous)]);
  });

  it("the server stops answering mid-upload (timeout toxic): TimeoutError within the bound, multipart aborted or abandoned, key unchanged", async () => {
    const previous = randomBytes(100);
    const body = randomBytes(12 * MiB);
    const seen = await underFault(
      "stall.bin",
      previous,
      async (lakefs, attempts) => {
        const object = lakefs.repository(repo).branch("main").object("stall.bin");
        const started = Date.now();
        let stalled = false;
        const err = await rejection(() =>
          object.upload(body, {
            partSize: 5 * MiB,
            // One part at a time: the silence begins before the last part and the completion can be sent.
            queueSize: 1,
            onProgress: () => {
              // After the first part the server goes silent (both directions).
              if (stalled) return;
              stalled = true;
              void proxy.addToxic({ type: "timeout", stream: "downstream", attributes: { timeout: 0 } });
              void proxy.addToxic({ type: "timeout", stream: "upstream", attributes: { timeout: 0 } });
            },
          }),
        );
        const took = Date.now() - started;
        assert.ok(err instanceof TimeoutError, `${err.name}/${err.code}: ${err.message}`);
        assert.match(err.message, /socketTimeout/);
        // Parts: maxAttempts × socketTimeout; the abort: the same again; plus backoffs.
        assert.ok(took < 2 * 2 * 500 + 3_000, `no hang: ${took} ms`);
        assert.ok(attempts.names().includes("AbortMultipartUploadCommand"), "an abort was attempted");
      },
      { socketTimeout: 500, maxAttempts: 2 },
    );
    assert.deepEqual([...seen], [sha256(previous)]);
  });

  it("reads cut or stalled mid-body: stream() consumers get NetworkError BodyReadError / TimeoutError; healed, bytes() and stream() are byte-exact", async () => {
    const body = randomBytes(4 * MiB);
    await direct.repository(repo).branch("main").object("read-faults.bin").upload(body);
    const lakefs = client(proxy.url, { socketTimeout: 500, maxAttempts: 3 });
    const object = lakefs.repository(repo).branch("main").object("read-faults.bin");
    const drain = async (stream: Readable): Promise<number> => {
      let n = 0;
      for await (const chunk of stream) n += (chunk as Buffer).length;
      return n;
    };
    try {
      // Every answer is cut after 1 MiB.
      const cut = await proxy.addToxic({ type: "limit_data", stream: "downstream", attributes: { bytes: MiB } });
      const streamErr = await rejection(async () => drain(await object.stream()));
      assert.ok(streamErr instanceof NetworkError && streamErr.code === "BodyReadError", `${streamErr.name}/${streamErr.code}: ${streamErr.message}`);
      await proxy.removeToxic(cut);
      // The server goes silent after the headers and some bytes: the stream fails within socketTimeout.
      const slow = await proxy.addToxic({ type: "bandwidth", stream: "downstream", attributes: { rate: 1024 } });
      const stream = await object.stream();
      // Keep the add's promise: it must neither reject unobserved nor land after the removal below.
      let stalling: Promise<unknown> | undefined;
      const stall = setTimeout(() => {
        stalling = proxy.addToxic({ type: "timeout", name: "stall", stream: "downstream", attributes: { timeout: 0 } }).catch((e: unknown) => e);
      }, 300);
      const started = Date.now();
      const stallErr = await rejection(() => drain(stream));
      clearTimeout(stall);
      await stalling;
      assert.ok(stallErr instanceof TimeoutError, `${stallErr.name}/${stallErr.code}: ${stallErr.message}`);
      assert.ok(Date.now() - started < 300 + 500 + 1_500, "no hang");
      // Close the stalled sockets first: Toxiproxy can hold a toxic's removal while its links stay open.
      lakefs.destroy();
      await proxy.removeToxic("stall").catch(() => undefined);
      await proxy.removeToxic(slow);
      // Healed: a client on the same proxy reads the whole object, byte-exact, both ways.
      const healed = client(proxy.url, { socketTimeout: 5_000, maxAttempts: 3 });
      try {
        const again = healed.repository(repo).branch("main").object("read-faults.bin");
        assert.equal(sha256(await again.bytes()), sha256(body));
        assert.equal(await drain(await again.stream()), body.length);
      } finally {
        healed.destroy();
      }
    } finally {
      lakefs.destroy();
      await proxy.clearToxics();
    }
  });

  it("a source stream that errors midway aborts the upload and leaves the target as it was", async () => {
    const previous = randomBytes(2048);
    const seen = await underFault("source-error.bin", previous, async (lakefs, attempts) => {
      let sent = 0;
      const source = new Readable({
        read() {
          if (sent >= 7 * MiB) {
            this.destroy(new Error("disk read failed"));
            return;
          }
          sent += MiB;
          this.push(randomBytes(MiB));
        },
      });
      const err = await rejection(() => lakefs.repository(repo).branch("main").object("source-error.bin").upload(source, { partSize: 5 * MiB }));
      assert.equal(err.code, "BodyReadError");
      assert.match(err.message, /disk read failed/);
      assert.ok(attempts.sent.find((a) => a.name === "AbortMultipartUploadCommand")?.ok, "the multipart upload was aborted");
    });
    assert.deepEqual([...seen], [sha256(previous)]);
  });
});

describe("faults: lakeFS killed (SIGKILL) mid multipart upload and restarted on the same data", () => {
  it("the upload fails with a typed network error, the key keeps its committed content, and a retry after restart is byte-exact", async () => {
    const server = ctx.server;
    const previous = randomBytes(5000);
    await direct.repository(repo).branch("main").object("killed.bin").upload(previous);
    await direct.repository(repo).branch("main").commit({ message: "before the crash" });

    const body = randomBytes(40 * MiB);
    const lakefs = client(proxy.url, { maxAttempts: 2 });
    const attempts = recordAttempts(lakefs.s3);
    // Slow enough that the kill lands while parts are in flight.
    await proxy.addToxic({ type: "bandwidth", stream: "upstream", attributes: { rate: 8 * 1024 } });
    let killing: Promise<void> | undefined;
    const err = await rejection(() =>
      lakefs.repository(repo).branch("main").object("killed.bin").upload(body, {
        partSize: 5 * MiB,
        queueSize: 2,
        onProgress: () => {
          killing ??= server.kill();
        },
      }),
    );
    await killing;
    await proxy.clearToxics();
    lakefs.destroy();
    if (TEST_SERVERS > 1) {
      // Scaled out, nginx stays up and answers 502 with an HTML page for the dead servers.
      assert.ok(err instanceof ServerError && err.status === 502 && err.retryable, `${err.name}/${err.code}: ${err.message}`);
      assert.match(err.message, /no S3 error document: a proxy or load balancer in front of lakeFS answered/);
    } else {
      assert.ok(err instanceof NetworkError, `${err.name}/${err.code}: ${err.message}`);
    }
    assert.ok(attempts.names().includes("UploadPartCommand"));
    assert.ok(!attempts.sent.some((a) => a.name === "CompleteMultipartUploadCommand" && a.ok), "never completed");

    await server.restart();
    const object = direct.repository(repo).branch("main").object("killed.bin");
    assert.equal(sha256(await object.bytes()), sha256(previous), "after the restart the key has its previous content");

    const again = client(proxy.url);
    try {
      await again.repository(repo).branch("main").object("killed.bin").upload(body, { partSize: 5 * MiB });
    } finally {
      again.destroy();
    }
    assert.equal(sha256(await object.bytes()), sha256(body), "the retried upload stored exactly the bytes written");
    // And a restart keeps it.
    await direct.repository(repo).branch("main").commit({ message: "after the crash" });
    await server.restart();
    assert.equal(sha256(await object.bytes()), sha256(body));
  });
});
