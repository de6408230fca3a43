/**
 * Contract suite (issue 23), part 3: the network. On every data path (REST
 * under auto, the S3 gateway, presigned single PUT and multipart, presigned
 * ranged GETs; see test/support/contract/paths.ts):
 *
 * - a connection reset once mid-body (the fault relay resets the connection
 *   that carries the bytes, after 256 KiB) is retried: a read returns the
 *   object whole; an upload succeeds, or fails with NetworkError and leaves
 *   the previous version (a stream() consumer, which already holds the body,
 *   gets NetworkError);
 * - every connection cut mid-body (Toxiproxy `limit_data`, in front of lakeFS
 *   and, for presigned URLs, in front of the store) ends in NetworkError and
 *   leaves nothing behind;
 * - throttling (503 SlowDown) from lakeFS and from the store, twice per
 *   request, is retried and the transfer completes byte for byte; throttling
 *   that outlasts maxAttempts ends in the typed, retryable error and leaves
 *   nothing behind (no descriptor, socket, file or multipart upload).
 *
 * Servers: lakeFS on MinIO, Toxiproxy and fault relays in front of both.
 */
import { randomBytes } from "node:crypto";
import { NetworkError, ObjectStoreError, ServerError } from "../../src/index.js";
import { contractTable, describeError, sha256, useContract, type ContractCase, type Scenario } from "../support/contract/harness.js";
import { REST_UNAVAILABLE, SLOW_DOWN, type Fault } from "../support/fault-relay.js";
import { DOWN_PATHS, DOWNLOAD_SIZE, UP_PATHS, bodyFor, readOn, uploadOn, type BodySpec, type DownPath, type RequestMatch, type UpPath } from "../support/contract/paths.js";

const contract = useContract();

/** What a scenario starts from: the previous version at the key (up) or the object to read (down), and the call. */
async function setUp(
  c: ContractCase,
  path: UpPath | DownPath,
): Promise<{ previous?: Buffer; content: Buffer; body?: BodySpec; sources: string[] }> {
  const object = contract.direct.repository(c.target.repository).branch(c.target.branch).object(c.target.key);
  if (path.direction === "down") {
    const content = randomBytes(DOWNLOAD_SIZE);
    await object.upload(content, { dataPath: "gateway" });
    return { content, sources: [] };
  }
  const previous = randomBytes(4096);
  await object.upload(previous, { dataPath: "gateway" });
  const content = randomBytes(path.size);
  const body = await bodyFor(path, content, c.dir);
  return { previous, content, body, sources: "file" in body ? [body.file.slice(c.dir.length + 1)] : [] };
}

/** Makes the call on a client through the fronts; resolves with the bytes read (down) or an empty buffer (up), or the error. */
async function call(c: ContractCase, path: UpPath | DownPath, body: BodySpec | undefined): Promise<{ ok: true; bytes: Buffer } | { ok: false; err: unknown }> {
  try {
    if (path.direction === "up") {
      await uploadOn(c.client(), path, c.target, body!);
      return { ok: true, bytes: Buffer.alloc(0) };
    }
    return { ok: true, bytes: (await readOn(c.client(), path, c.target, c.dir)).bytes };
  } catch (err) {
    return { ok: false, err };
  }
}

/** After a success: the object (up) or the bytes read (down) are the content, whole. */
async function expectDelivered(c: ContractCase, path: UpPath | DownPath, content: Buffer, bytes: Buffer): Promise<void> {
  if (path.direction === "up") await c.expectObject(sha256(content), "the uploaded object");
  else c.expect(sha256(bytes) === sha256(content), `read ${bytes.length} bytes (SHA-256 ${sha256(bytes).slice(0, 12)}…), the object has ${content.length}`);
}

/** After a failure: the previous version (up), or no file and no temporary file (down). */
async function expectNothingChanged(c: ContractCase, path: UpPath | DownPath, state: { previous?: Buffer; sources: string[] }): Promise<void> {
  if (path.direction === "up") {
    await c.expectObject(sha256(state.previous!), "the previous version");
    c.expectFolder(state.sources);
  } else {
    c.expectFolder();
  }
}

// ─── resets ──────────────────────────────────────────────────────────────────

/** The relay resets the connection carrying the bytes once, 256 KiB into the body (request up, answer down). */
function resetOnce<P extends UpPath | DownPath>(): Scenario<P> {
  return {
    id: "reset-once",
    title: "a connection reset once mid-body is retried (an upload may instead fail with NetworkError and change nothing)",
    async run(c, path) {
      const state = await setUp(c, path);
      await c.start();
      const data = path.data(c.match);
      c.front(data).inject(data.match, { kind: "cut", bytes: 256 * 1024, stream: path.direction === "up" ? "request" : "answer" }, 1);
      const outcome = await call(c, path, state.body);
      const hit = c.front(data).unused() === 0;
      await c.settle();
      c.expect(hit, `the reset hit ${data.what}`);
      // A stream() consumer already holds the body: the read cannot be sent again under it.
      const mayFail = path.direction === "up" || path.sink === "readable";
      if (outcome.ok) await expectDelivered(c, path, state.content, outcome.bytes);
      else {
        c.expect(
          mayFail && outcome.err instanceof NetworkError,
          mayFail ? `expected success or NetworkError, got ${describeError(outcome.err)}` : `expected the read to be retried and succeed, got ${describeError(outcome.err)}`,
        );
        await expectNothingChanged(c, path, state);
      }
    },
  };
}

/** Toxiproxy cuts every connection on the data request's front after 256 KiB from the client (up) or the server (down). */
function resetAlways<P extends UpPath | DownPath>(): Scenario<P> {
  return {
    id: "reset-always",
    title: "every connection cut mid-body (Toxiproxy limit_data): NetworkError, nothing changed",
    async run(c, path) {
      const state = await setUp(c, path);
      const data = path.data(c.match);
      const proxy = contract.proxy(data.front);
      // Toxiproxy's API is called outside the counted window: its own connections are not the call's.
      const toxic = await proxy.addToxic({ type: "limit_data", stream: path.direction === "up" ? "upstream" : "downstream", attributes: { bytes: 256 * 1024 } });
      try {
        await c.start();
        const outcome = await call(c, path, state.body);
        await c.settle();
        c.expect(!outcome.ok, "expected NetworkError, the call succeeded");
        if (!outcome.ok) c.expect(outcome.err instanceof NetworkError, `expected NetworkError, got ${describeError(outcome.err)}`);
      } finally {
        await proxy.removeToxic(toxic);
      }
      await expectNothingChanged(c, path, state);
    },
  };
}

// ─── throttling ──────────────────────────────────────────────────────────────

/** The 503 each protocol's throttling answers with: lakeFS's REST API a JSON body, S3 (gateway and store) SlowDown. */
const throttleFault = (request: RequestMatch): Fault => (request.match.source.includes("/api/v1/") ? REST_UNAVAILABLE : SLOW_DOWN);

/** Each request of the call on `front` is answered 503 twice, then passes: the call completes, byte for byte. */
function throttledTwice<P extends UpPath | DownPath>(front: "lakefs" | "store"): Scenario<P> {
  return {
    id: `throttled-${front}`,
    title: `throttling by ${front === "lakefs" ? "lakeFS" : "the store"} (503 twice per request) is retried: the transfer completes`,
    notApplicable: (path) => (front === "store" && path.route !== "presigned" ? "no request of this path goes to the store" : undefined),
    async run(c, path) {
      const state = await setUp(c, path);
      await c.start();
      const throttled = front === "lakefs" ? path.lakefs(c.match) : path.store(c.match);
      for (const request of throttled) c.front(request).inject(request.match, throttleFault(request), 2);
      const outcome = await call(c, path, state.body);
      const missed = throttled.filter((r) => c.front(r).count(r.match) < 3).map((r) => `${r.what} (${c.front(r).count(r.match)} sent)`);
      await c.settle();
      c.expect(missed.length === 0, `every throttled request was sent again: not ${missed.join(", ")}`);
      if (outcome.ok) await expectDelivered(c, path, state.content, outcome.bytes);
      else {
        c.fail(`expected the throttling (${throttled.map((r) => r.what).join(", ")}) to be retried`, describeError(outcome.err));
        await expectNothingChanged(c, path, state);
      }
    },
  };
}

/** The first request of the call on `front` is answered 503 every time: the typed error, and nothing left behind. */
function throttledForever<P extends UpPath | DownPath>(front: "lakefs" | "store"): Scenario<P> {
  return {
    id: `throttled-forever-${front}`,
    title: `throttling by ${front === "lakefs" ? "lakeFS" : "the store"} that outlasts maxAttempts: ${front === "lakefs" ? "ServerError" : "ObjectStoreError"} 503, retryable; nothing left behind`,
    notApplicable: (path) => (front === "store" && path.route !== "presigned" ? "no request of this path goes to the store" : undefined),
    async run(c, path) {
      const state = await setUp(c, path);
      await c.start();
      const request = (front === "lakefs" ? path.lakefs(c.match) : path.store(c.match))[0]!;
      c.front(request).inject(request.match, throttleFault(request), 100);
      const outcome = await call(c, path, state.body);
      await c.settle();
      const type = front === "lakefs" ? ServerError : ObjectStoreError;
      if (outcome.ok) c.expect(false, `expected ${type.name} 503 (${request.what} throttled), the call succeeded`);
      else {
        const err = outcome.err;
        c.expect(
          err instanceof type && err.status === 503 && err.retryable,
          `expected a retryable ${type.name} with status 503 (${request.what} throttled), got ${describeError(err)}`,
        );
      }
      await expectNothingChanged(c, path, state);
    },
  };
}

contractTable(contract, UP_PATHS, [
  resetOnce<UpPath>(),
  resetAlways<UpPath>(),
  throttledTwice<UpPath>("lakefs"),
  throttledTwice<UpPath>("store"),
  throttledForever<UpPath>("lakefs"),
  throttledForever<UpPath>("store"),
]);
contractTable(contract, DOWN_PATHS, [
  resetOnce<DownPath>(),
  resetAlways<DownPath>(),
  throttledTwice<DownPath>("lakefs"),
  throttledTwice<DownPath>("store"),
  throttledForever<DownPath>("lakefs"),
  throttledForever<DownPath>("store"),
]);
