/**
 * Contract suite (issue 23), part 1: the bytes. Every data path a handle call
 * can take — REST under auto, the S3 gateway (PutObject and multipart, from a
 * file and a stream), presigned (single PUT and multipart), and down: REST
 * bytes(), gateway download()/bytes()/stream(), presigned ranged GETs — moves
 * the same bytes, reports the object's size and ETag, reads what every other
 * path wrote; an object overwritten mid-download fails the same way on every
 * path; a conditional write whose answer is lost is never reported as a 412
 * of the caller's own write.
 *
 * Servers: lakeFS on MinIO (presigned URLs signed and checked as on S3),
 * Toxiproxy and fault relays in front of both (test/support/contract/). Every
 * test also checks that the call left no descriptor or socket open and no
 * multipart upload at the store.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OutcomeUnknownError, PreconditionFailedError } from "../../src/index.js";
import { contractTable, describeError, sha256, useContract, type Scenario } from "../support/contract/harness.js";
import {
  DOWN_PATHS,
  DOWNLOAD_SIZE,
  UP_PATHS,
  bodyFor,
  readOn,
  readOutcome,
  whichVersion,
  uploadOn,
  type DownPath,
  type Target,
  type UpPath,
} from "../support/contract/paths.js";

const contract = useContract();

/** An object written once per up path (through the fronts), for the cross reads; memoised per file. */
const written = new Map<string, Promise<{ target: Target; sha: string; size: number }>>();
function writtenBy(path: UpPath): Promise<{ target: Target; sha: string; size: number }> {
  let entry = written.get(path.id);
  if (!entry) {
    entry = (async () => {
      const target = { repository: contract.repository, branch: "main", key: `written-by-${path.id}.bin` };
      const content = randomBytes(path.size);
      const dir = await mkdtemp(join(tmpdir(), "lakefs-s3-contract-src-"));
      try {
        await uploadOn(contract.direct, path, target, await bodyFor(path, content, dir));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      return { target, sha: sha256(content), size: content.length };
    })();
    written.set(path.id, entry);
  }
  return entry;
}

/** The object's ETag and size as lakeFS's REST stat and the gateway's HEAD report them. */
async function statBoth(target: Target): Promise<{ rest: { etag: string | undefined; size: number }; gateway: { etag: string | undefined; size: number } }> {
  const object = contract.direct.repository(target.repository).branch(target.branch).object(target.key);
  const rest = await object.stat({ dataPath: "auto" });
  const gateway = await object.stat({ dataPath: "gateway" });
  return { rest: { etag: rest.etag, size: rest.size }, gateway: { etag: gateway.etag, size: gateway.size } };
}

const sameBytesUp: Scenario<UpPath> = {
  id: "same-bytes",
  title: "the bytes arrive whole; the reported size and ETag are the object's",
  async run(c, path) {
    const content = randomBytes(path.size);
    const body = await bodyFor(path, content, c.dir);
    await c.start();
    const result = await uploadOn(c.client(), path, c.target, body);
    await c.settle();
    await c.expectObject(sha256(content), "the bytes read back through the gateway");
    const { rest, gateway } = await statBoth(c.target);
    c.expect(result.size === content.length, `the upload reported size ${result.size}, the body has ${content.length} bytes`);
    c.expect(rest.size === content.length && gateway.size === content.length, `stat sizes: REST ${rest.size}, gateway ${gateway.size}, body ${content.length}`);
    c.expect(result.etag === rest.etag, `the upload reported ETag ${result.etag}, lakeFS's stat says ${rest.etag}`);
    c.expect(gateway.etag === rest.etag, `the gateway's HEAD says ETag ${gateway.etag}, lakeFS's stat ${rest.etag}`);
  },
};

const sameBytesDown: Scenario<DownPath> = {
  id: "same-bytes",
  title: "reads back, byte for byte, what every upload path wrote; download() reports the object's size and ETag",
  async run(c, path) {
    const objects = [];
    for (const up of UP_PATHS) {
      const object = await writtenBy(up);
      objects.push({ up, ...object, stat: await statBoth(object.target) });
    }
    await c.start();
    const lakefs = c.client();
    const results = [];
    for (const object of objects) {
      try {
        results.push({ object, result: await readOn(lakefs, path, object.target, c.dir) });
      } catch (err) {
        c.fail(`reading what ${object.up.name} wrote`, err);
      }
      // The next download goes to the same file name: a file sink renames over it.
    }
    await c.settle();
    for (const { object, result } of results) {
      const what = `what ${object.up.name} wrote`;
      c.expect(sha256(result.bytes) === object.sha, `${what}: read ${result.bytes.length} bytes with SHA-256 ${sha256(result.bytes).slice(0, 12)}…, wrote ${object.size} bytes, ${object.sha.slice(0, 12)}…`);
      if (path.ranged) {
        c.expect(result.size === object.size, `${what}: download() reported size ${result.size}, the object has ${object.size}`);
        c.expect(result.etag === object.stat.rest.etag, `${what}: download() reported ETag ${result.etag}, lakeFS's stat says ${object.stat.rest.etag}`);
      }
    }
    if (path.sink === "file") c.expectFolder(["downloaded.bin"]);
  },
};

/**
 * The object is overwritten (same size, other bytes) during the read: for a
 * download of several ranges, while its second range request is held before
 * it reaches the server (lakeFS or the store); for a one-request read, while
 * its answer is held after 64 KiB. A ranged download must fail as the
 * gateway's does (PreconditionFailedError) and write nothing; a one-request
 * read returns the version it started on, whole.
 */
const overwrittenMidDownload: Scenario<DownPath> = {
  id: "overwritten",
  title: "an object overwritten mid-download: PreconditionFailedError on every ranged path (one-GET reads: the version they started on)",
  async run(c, path) {
    const first = randomBytes(DOWNLOAD_SIZE);
    const second = randomBytes(DOWNLOAD_SIZE);
    const object = contract.direct.repository(c.target.repository).branch(c.target.branch).object(c.target.key);
    await object.upload(first, { dataPath: "gateway" });
    await c.start();
    const helper = c.client();
    let overwritten = false;
    const data = path.data(c.match);
    const overwrite = async () => {
      await helper.repository(c.target.repository).branch(c.target.branch).object(c.target.key).upload(second, { dataPath: "gateway" });
      overwritten = true;
    };
    if (path.ranged) {
      // The first range passes; the second is held before it reaches the server while the object is overwritten.
      c.front(data).inject(data.match, { kind: "pause", stream: "request", bytes: 0 }, 1);
      c.front(data).inject(data.match, { kind: "pause", stream: "request", bytes: 0, onPause: overwrite }, 1);
    } else {
      // One GET: its answer is held after 64 KiB while the object is overwritten.
      c.front(data).inject(data.match, { kind: "pause", stream: "answer", bytes: 64 * 1024, onPause: overwrite }, 1);
    }
    const outcome = await readOutcome(c.client(), path, c.target, c.dir);
    await c.settle();
    c.expect(overwritten, `the object was overwritten during the read (${data.what} held)`);
    if (path.ranged) {
      if (outcome.ok) {
        c.expect(false, `expected PreconditionFailedError, the download resolved with ${whichVersion(outcome.bytes, first, second)}`);
      } else {
        c.expect(outcome.err instanceof PreconditionFailedError, `expected PreconditionFailedError (the gateway's), got ${describeError(outcome.err)}`);
      }
      if (path.sink === "file") c.expectFolder();
    } else if (outcome.ok) {
      c.expect(sha256(outcome.bytes) === sha256(first), "a one-request read returns the version it started on, whole");
    } else {
      c.fail("a one-request read failed", outcome.err);
    }
  },
};

/**
 * A conditional write (`ifNoneMatch: "*"`) whose answer is lost after the
 * server wrote the object (the relay resets the connection at the first byte
 * of the answer to the request that makes it visible). The caller must never
 * hear 412 for its own write: success (the object is its own), or
 * OutcomeUnknownError.
 */
const lostConditionalAnswer: Scenario<UpPath> = {
  id: "lost-answer",
  title: "a conditional write whose answer is lost: success or OutcomeUnknownError, never a 412 for the caller's own write",
  notApplicable: (path) =>
    path.route === "presigned" && path.multipart ? "a conditional write takes the single presigned PUT (If-None-Match exists only on the link)" : undefined,
  async run(c, path) {
    const content = randomBytes(path.size);
    const body = await bodyFor(path, content, c.dir);
    await c.start();
    const write = path.write(c.match);
    c.front(write).inject(write.match, { kind: "cut", bytes: 0 }, 1);
    let err: unknown;
    try {
      await uploadOn(c.client(), path, c.target, body, { ifNoneMatch: "*" });
    } catch (e) {
      err = e;
    }
    const lost = c.front(write).unused() === 0;
    await c.settle();
    c.expect(lost, `the answer to ${write.what} was cut (the request reached the relay)`);
    if (err !== undefined) {
      c.expect(!(err instanceof PreconditionFailedError), `the caller's own write was reported as a 412: ${describeError(err)}`);
      c.expect(err instanceof OutcomeUnknownError, `expected success or OutcomeUnknownError, got ${describeError(err)}`);
    }
    await c.expectObject(sha256(content), "the object (the server did the write)");
  },
};

contractTable(contract, UP_PATHS, [sameBytesUp, lostConditionalAnswer]);
contractTable(contract, DOWN_PATHS, [sameBytesDown, overwrittenMidDownload]);
