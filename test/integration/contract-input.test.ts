/**
 * Contract suite (issue 23), part 2: what the caller hands in. On every data
 * path (REST under auto, the S3 gateway, presigned single PUT and multipart,
 * presigned ranged GETs; see test/support/contract/paths.ts):
 *
 * - every bad transfer option value (0, negative, NaN, a fraction, Infinity,
 *   too large) is a ValidationError (InvalidOption) before anything is sent:
 *   no request reaches lakeFS (a request-log relay counts them) or the store,
 *   and nothing is written (no file at the destination, no temporary file).
 *   These calls run in a worker thread with a deadline and a heap cap
 *   (test/support/isolated-runner.ts): a planner that loops on `partSize: 0`
 *   cannot hang or exhaust the test process;
 * - a bad body (a file that does not exist, a stream that fails mid-way, a
 *   file that grows while it is read) is a typed error that leaves the path as
 *   it was and nothing open;
 * - an abort before the call, and during the body, is an AbortError that
 *   leaves the previous version, no multipart upload at the store, no file.
 *
 * Servers: lakeFS on MinIO, Toxiproxy and fault relays in front of both.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { after } from "node:test";
import { AbortError, LakeFSError, ValidationError } from "../../src/index.js";
import { contractTable, describeError, sha256, useContract, type ContractCase, type Scenario } from "../support/contract/harness.js";
import type { IsolatedCall } from "../support/contract/isolated-call.js";
import {
  DOWN_PATHS,
  DOWNLOAD_SIZE,
  MiB,
  UP_PATHS,
  bodyFor,
  readOn,
  requests,
  uploadOn,
  type BodySpec,
  type DownPath,
  type RequestMatch,
  type UpPath,
} from "../support/contract/paths.js";
import { describeOutcome, isolatedRunner } from "../support/isolated-runner.js";
import { startRequestLog } from "../support/request-log.js";

const contract = useContract();
const runner = isolatedRunner(new URL("../support/contract/isolated-call.ts", import.meta.url), { timeoutMs: 8_000, heapMb: 96 });
after(() => runner.close());

/** Writes a previous version at the case's key (through the gateway), so that "left as it was" can be checked. */
async function previousVersion(c: ContractCase): Promise<string> {
  const previous = randomBytes(4096);
  await contract.direct.repository(c.target.repository).branch(c.target.branch).object(c.target.key).upload(previous, { dataPath: "gateway" });
  return sha256(previous);
}

/** Writes the object a read scenario reads. */
async function objectToRead(c: ContractCase): Promise<Buffer> {
  const content = randomBytes(DOWNLOAD_SIZE);
  await contract.direct.repository(c.target.repository).branch(c.target.branch).object(c.target.key).upload(content, { dataPath: "gateway" });
  return content;
}

// ─── bad transfer options ────────────────────────────────────────────────────

/** Bad values of each option, and why each is bad. */
const BAD_UPLOAD_OPTIONS: Record<string, readonly number[]> = {
  // At least 5 MiB, at most 5 GiB, an integer.
  partSize: [0, -1, -5 * MiB, Number.NaN, 5 * MiB + 0.5, Number.POSITIVE_INFINITY, 5 * 1024 * MiB + 1],
  // At least 1, at most 1,000.
  queueSize: [0, -1, Number.NaN, 1.5, Number.POSITIVE_INFINITY, 1_001],
};
const BAD_DOWNLOAD_OPTIONS: Record<string, readonly number[]> = {
  // From 1 to 64.
  concurrency: [0, -1, Number.NaN, 1.5, Number.POSITIVE_INFINITY, 65],
  // At least 1 byte, a safe integer.
  partSize: [0, -1, Number.NaN, 1.5, Number.POSITIVE_INFINITY, 2 ** 53],
};

/**
 * Each bad value in turn, in the worker, on a client whose endpoint is a
 * request log in front of lakeFS. For every value: ValidationError with code
 * InvalidOption, no request to lakeFS, none to the store, nothing written.
 */
function badOptions<P extends UpPath | DownPath>(): Scenario<P> {
  return {
    id: "bad-options",
    title: "every bad transfer option value is ValidationError (InvalidOption), with nothing sent and nothing written",
    notApplicable: (path) => (path.direction === "down" && !path.ranged ? "bytes() and stream() take no transfer options (one GET)" : undefined),
    async run(c, path) {
      const up = path.direction === "up";
      const table = up ? BAD_UPLOAD_OPTIONS : BAD_DOWNLOAD_OPTIONS;
      const previous = up ? await previousVersion(c) : sha256(await objectToRead(c));
      const body = up ? await bodyFor(path, randomBytes(path.size), c.dir) : undefined;
      const sources = body && "file" in body ? [body.file.slice(c.dir.length + 1)] : [];
      const log = await startRequestLog(contract.server.endpoint);
      const store = contract.front("store");
      await runner.start();
      const replacedBefore = runner.replaced;
      await c.start();
      for (const [option, values] of Object.entries(table)) {
        for (const value of values) {
          const sentBefore = log.requests.length;
          const storeBefore = store.seen.length;
          // A stream body is used once: each call gets its own (the worker builds it from these bytes).
          const call: IsolatedCall = {
            endpoint: log.endpoint,
            accessKeyId: contract.server.accessKeyId,
            secretAccessKey: contract.server.secretAccessKey,
            direction: path.direction,
            pathId: path.id,
            target: c.target,
            dir: c.dir,
            ...(body ? { body } : {}),
            options: { [option]: value },
          };
          const outcome = await runner.run(call);
          const sent = [...log.requests.slice(sentBefore), ...store.seen.slice(storeBefore).map((s) => `store: ${s.line.replace(/\?.*/, "?…")}`)];
          const ok = outcome.kind === "rejected" && outcome.error.name === "ValidationError" && outcome.error.code === "InvalidOption";
          c.expect(ok && sent.length === 0, `${option}: ${value}: expected ValidationError/InvalidOption with nothing sent; got ${describeOutcome(outcome)}; sent ${sent.length} request(s)${sent.length ? `: ${sent.join(", ")}` : ""}`);
          c.expectFolder(sources, `${option}: ${value}`);
          // Judge each value alone: clear what a call that went ahead wrote.
          for (const f of readdirSync(c.dir)) if (!sources.includes(f)) rmSync(join(c.dir, f), { force: true });
        }
      }
      await log.close();
      // A worker that replaced a hung one opened descriptors of its own: close it before they are counted.
      if (runner.replaced > replacedBefore) await runner.close();
      await c.settle();
      await c.expectObject(previous, up ? "the previous version" : "the object read");
    },
  };
}

// ─── bad bodies ──────────────────────────────────────────────────────────────

/** The request during which a file body is made to grow (after its size was taken, before it was all read). */
function growWhile(path: UpPath, c: ContractCase): RequestMatch {
  switch (path.id) {
    case "gw-put-file":
      // The branch check (a gateway listing) comes between the file's stat and its read.
      return { front: "lakefs", what: "the branch check (ListObjectsV2)", match: new RegExp(`^GET /${c.target.repository}/?\\?[^ ]*list-type=2`) };
    case "gw-mpu-file":
      return requests.gatewayPart(c.match);
    case "ps-put-file":
      return requests.staging(c.match);
    case "ps-mpu-file":
      return requests.storePart(c.match);
    default:
      throw new Error(`no file body on ${path.id}`);
  }
}

/** A bad body: the call fails with `expected` (class and code), the previous version stays, nothing stays open. */
function badBody(
  id: string,
  title: string,
  applies: (path: UpPath) => string | undefined,
  expected: { readonly type: typeof LakeFSError; readonly code: string },
  make: (c: ContractCase, path: UpPath, content: Buffer) => Promise<{ body: BodySpec; arm?: () => RequestMatch }>,
): Scenario<UpPath> {
  return {
    id,
    title,
    notApplicable: applies,
    async run(c, path) {
      const previous = await previousVersion(c);
      const content = randomBytes(path.size);
      const { body, arm } = await make(c, path, content);
      await c.start();
      const armed = arm?.();
      let err: unknown;
      try {
        await uploadOn(c.client(), path, c.target, body);
      } catch (e) {
        err = e;
      }
      if (armed) c.expect(c.front(armed).unused() === 0, `the body changed during ${armed.what} (the request reached the relay)`);
      await c.settle();
      c.expect(
        err instanceof expected.type && (err as LakeFSError).code === expected.code,
        `expected ${expected.type.name}/${expected.code}, got ${err === undefined ? "success" : describeError(err)}`,
      );
      await c.expectObject(previous, "the previous version");
    },
  };
}

const missingFile = badBody(
  "missing-file",
  "a file that does not exist: ValidationError (InvalidBody), the previous version stays",
  (path) => (path.source !== "file" ? "the body is not a file" : undefined),
  { type: ValidationError, code: "InvalidBody" },
  async (c) => ({ body: { file: join(c.dir, "no-such-file.bin") } }),
);

const failingStream = badBody(
  "stream-fails",
  "a stream that fails mid-way: BodyReadError, the previous version stays",
  (path) => (path.source !== "stream" ? "the body is not a stream (presigned paths take none: a stream's size is unknown)" : undefined),
  { type: LakeFSError, code: "BodyReadError" },
  async (_c, path, content) => ({ body: { stream: content, failAfter: path.multipart ? 6 * MiB : MiB } }),
);

const growingFile = badBody(
  "file-grows",
  "a file that grows while it is uploaded: BodyChanged, the previous version stays",
  (path) =>
    path.source !== "file"
      ? "the body is not a file"
      : path.route === "gateway" && !path.multipart
        ? "one PutObject carries a body read (and checked) before the request, and writes it as it arrives: a file that grows after it was read is uploaded as it was read (chapter 5)"
        : undefined,
  { type: LakeFSError, code: "BodyChanged" },
  async (c, path, content) => {
    const body = await bodyFor(path, content, c.dir);
    const file = (body as { file: string }).file;
    const during = growWhile(path, c);
    return {
      body,
      arm: () => {
        c.front(during).inject(during.match, { kind: "pause", stream: "request", bytes: 0, onPause: () => appendFile(file, randomBytes(MiB)) }, 1);
        return during;
      },
    };
  },
);

// ─── aborts ──────────────────────────────────────────────────────────────────

/** An aborted call: AbortError; the previous version (up) or an empty folder (down); nothing open, no upload at the store. */
async function expectAborted(c: ContractCase, err: unknown, state: { previous?: string }): Promise<void> {
  c.expect(err instanceof AbortError, `expected AbortError, got ${err === undefined ? "success" : describeError(err)}`);
  if (state.previous !== undefined) await c.expectObject(state.previous, "the previous version");
  else c.expectFolder();
}

function abortBefore<P extends UpPath | DownPath>(): Scenario<P> {
  return {
    id: "abort-before",
    title: "a signal aborted before the call: AbortError, nothing changed",
    async run(c, path) {
      const previous = path.direction === "up" ? await previousVersion(c) : undefined;
      if (path.direction === "down") await objectToRead(c);
      const body = path.direction === "up" ? await bodyFor(path, randomBytes(path.size), c.dir) : undefined;
      await c.start();
      const signal = AbortSignal.abort(new Error("the caller gave up"));
      let err: unknown;
      try {
        if (path.direction === "up") await uploadOn(c.client(), path, c.target, body!, { signal });
        else await readOn(c.client(), path, c.target, c.dir, { signal });
      } catch (e) {
        err = e;
      }
      await c.settle();
      if (path.direction === "up") c.expectFolder(body && "file" in body ? [body.file.slice(c.dir.length + 1)] : []);
      await expectAborted(c, err, previous !== undefined ? { previous } : {});
    },
  };
}

/**
 * The request that carries the bytes is held after 256 KiB of its body (up)
 * or of its answer (down) — on lakeFS or on the store — and the caller aborts
 * then: the body is in flight.
 */
function abortDuring<P extends UpPath | DownPath>(): Scenario<P> {
  return {
    id: "abort-during",
    title: "an abort while the body is in flight: AbortError, nothing changed, no upload left at the store",
    async run(c, path) {
      const previous = path.direction === "up" ? await previousVersion(c) : undefined;
      if (path.direction === "down") await objectToRead(c);
      const body = path.direction === "up" ? await bodyFor(path, randomBytes(path.size), c.dir) : undefined;
      await c.start();
      const controller = new AbortController();
      const data = path.data(c.match);
      let paused = false;
      c.front(data).inject(
        data.match,
        {
          kind: "pause",
          stream: path.direction === "up" ? "request" : "answer",
          bytes: 256 * 1024,
          hold: true,
          onPause: () => {
            paused = true;
            controller.abort(new Error("the caller gave up"));
          },
        },
        1,
      );
      let err: unknown;
      try {
        if (path.direction === "up") await uploadOn(c.client(), path, c.target, body!, { signal: controller.signal });
        else await readOn(c.client(), path, c.target, c.dir, { signal: controller.signal });
      } catch (e) {
        err = e;
      }
      await c.settle();
      c.expect(paused, `the abort came while ${data.what} was in flight`);
      if (path.direction === "up") c.expectFolder(body && "file" in body ? [body.file.slice(c.dir.length + 1)] : []);
      await expectAborted(c, err, previous !== undefined ? { previous } : {});
    },
  };
}

contractTable(contract, UP_PATHS, [badOptions<UpPath>(), missingFile, failingStream, growingFile, abortBefore<UpPath>(), abortDuring<UpPath>()]);
contractTable(contract, DOWN_PATHS, [badOptions<DownPath>(), abortBefore<DownPath>(), abortDuring<DownPath>()]);
