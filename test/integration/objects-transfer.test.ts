/**
 * Large transfers through the gateway object functions against a real lakeFS:
 * multipart uploads (progress, failure, abort, conditional), streamed file
 * uploads with bounded memory, and parallel ranged downloads.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import type { S3Client } from "@aws-sdk/client-s3";
import { AbortError, LakeFS, LakeFSError, ObjectNotFoundError, PreconditionFailedError, ReadOnlyRefError } from "../../src/index.js";
import {
  downloadObject,
  objectExists,
  readObjectBytes,
  readObjectStream,
  readObjectText,
  statObject,
  uploadObject,
  type ObjectLocation,
  type TransferProgress,
} from "../../src/s3.js";
import { TEST_SERVERS, createRepositoryRaw, testClient, useLakeFS } from "../support/lakefs.js";
import { rejection } from "../support/rejection.js";

const MiB = 1024 * 1024;
v8.setFlagsFromString("--expose-gc");
/** The real collector, for memory measurements that ignore garbage not yet collected. */
const gc = runInNewContext("gc") as () => void;
const ctx = useLakeFS();

function client(): LakeFS {
  return testClient(ctx.server);
}

/** Records the S3 commands a client sends, and the most that were in flight at once. */
function recordCommands(s3: S3Client): { names: string[]; maxInFlight: Map<string, number> } {
  const names: string[] = [];
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? "?";
      names.push(name);
      inFlight.set(name, (inFlight.get(name) ?? 0) + 1);
      maxInFlight.set(name, Math.max(maxInFlight.get(name) ?? 0, inFlight.get(name) ?? 0));
      try {
        return await next(args);
      } finally {
        inFlight.set(name, (inFlight.get(name) ?? 1) - 1);
      }
    },
    { step: "initialize", name: "recordCommandsForTest" },
  );
  return { names, maxInFlight };
}

/** Records the `x-amz-content-sha256` header of every request a client signs, by command. */
function recordPayloadHashes(s3: S3Client): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      const headers = (args.request as { headers?: Record<string, string> }).headers ?? {};
      const name = context.commandName ?? "?";
      seen.set(name, [...(seen.get(name) ?? []), headers["x-amz-content-sha256"] ?? "(none)"]);
      return next(args);
    },
    { step: "finalizeRequest", priority: "low", name: "recordPayloadHashForTest" },
  );
  return seen;
}

/** Writes `data` to a new file in a temporary folder; returns its path. */
function tempFile(data: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), "lakefs-s3-file-")), "body.bin");
  writeFileSync(file, data);
  return file;
}

const sha256 = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** Deterministic pseudo-random bytes, generated on the fly. */
function testData(size: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i += 4) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.writeUInt32LE(x, Math.min(i, size - 4));
  }
  return out;
}

/** A stream of `total` bytes in `chunk`-sized pieces that fails after `failAfter` bytes, if given. */
function byteStream(data: Buffer, chunk: number, failAfter?: number): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (failAfter !== undefined && offset >= failAfter) {
        this.destroy(new Error("source disk on fire"));
        return;
      }
      if (offset >= data.length) {
        this.push(null);
        return;
      }
      const piece = data.subarray(offset, Math.min(data.length, offset + chunk));
      offset += piece.length;
      setImmediate(() => this.push(piece));
    },
  });
}

/** Multipart part files the local blockstore keeps under a repository's namespace (`<uploadId>-<part>`). */
function partFiles(repo: string): string[] {
  const dir = join(ctx.server.blockstoreDir, repo);
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => /[0-9a-f]{32}-\d{5}$/.test(name));
}

/**
 * No part file of an aborted multipart upload remains on the blockstore. Scaled out, a part
 * still streaming through the other server when AbortMultipartUpload lands can be written
 * after it (docs/lakefs-servers.md): at most the `inFlight` parts the client had under way.
 */
function assertNoOrphanParts(repo: string, inFlight: number, message?: string): void {
  const left = partFiles(repo);
  if (TEST_SERVERS === 1) assert.deepEqual(left, [], message);
  else assert.ok(left.length <= inFlight, `${message ?? "orphan parts"}: ${left.join(", ")}`);
}

describe("multipart uploads", () => {
  it("uploads 20 MiB in 5 MiB parts with progress events, byte-exact", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const rec = recordCommands(lakefs.s3);
    const data = testData(20 * MiB, 7);
    const loc: ObjectLocation = { repository: repo, ref: "main", path: "big/20mib.bin" };
    const events: TransferProgress[] = [];
    const out = await uploadObject(lakefs.s3, loc, data, { partSize: 5 * MiB, queueSize: 2, onProgress: (p) => events.push(p) });

    assert.equal(out.size, 20 * MiB);
    assert.equal(rec.names.filter((n) => n === "UploadPartCommand").length, 4);
    assert.equal(rec.names.filter((n) => n === "CreateMultipartUploadCommand").length, 1);
    assert.equal(rec.names.filter((n) => n === "CompleteMultipartUploadCommand").length, 1);
    assert.ok((rec.maxInFlight.get("UploadPartCommand") ?? 0) <= 2, "queueSize bounds the parts in flight");
    assert.equal(events.length, 4);
    assert.deepEqual(
      events.map((e) => e.loaded),
      [5 * MiB, 10 * MiB, 15 * MiB, 20 * MiB],
    );
    assert.ok(events.every((e) => e.total === 20 * MiB && typeof e.part === "number"));

    const back = await readObjectBytes(lakefs.s3, loc);
    assert.equal(sha256(back), sha256(data));
    const stat = await statObject(lakefs.s3, loc);
    assert.equal(stat.size, 20 * MiB);
    // The gateway answers "<hash>-4" to CompleteMultipartUpload but "<hash>" to HEAD; uploadObject returns the latter.
    assert.equal(out.etag, stat.etag);
    assert.deepEqual(partFiles(repo), []);
    lakefs.destroy();
  });

  it("a body up to partSize goes as one PutObject with a known Content-Length", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const rec = recordCommands(lakefs.s3);
    const lengths: (string | undefined)[] = [];
    lakefs.s3.middlewareStack.add(
      (next) => async (args) => {
        const headers = (args.request as { headers?: Record<string, string> }).headers ?? {};
        lengths.push(headers["content-length"]);
        return next(args);
      },
      { step: "finalizeRequest", name: "recordContentLengthForTest" },
    );
    const data = testData(5 * MiB, 3);
    // Without the branch check (one listing before a stream's first byte), the upload is the PutObject alone.
    const out = await uploadObject(lakefs.s3, { repository: repo, ref: "main", path: "exact-part" }, byteStream(data, 64 * 1024), { partSize: 5 * MiB, verifyBranch: false });
    assert.deepEqual(rec.names, ["PutObjectCommand"]);
    assert.deepEqual(lengths, [String(5 * MiB)]);
    assert.equal(out.size, 5 * MiB);
    assert.equal(sha256(await readObjectBytes(lakefs.s3, { repository: repo, ref: "main", path: "exact-part" })), sha256(data));
    lakefs.destroy();
  });

  it("uploadObject checks the branch by default: a body over 64 KiB to a tag is ReadOnlyRefError before any byte is sent", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    await lakefs.admin.createTag({ repository: repo, tag: "v1", source: "main" });
    const rec = recordCommands(lakefs.s3);
    const err = await rejection(() => uploadObject(lakefs.s3, { repository: repo, ref: "v1", path: "x.bin" }, testData(MiB, 5)));
    assert.ok(err instanceof ReadOnlyRefError, String(err));
    assert.ok(!rec.names.includes("PutObjectCommand"), `nothing sent: ${rec.names.join(", ")}`);
    lakefs.destroy();
  });

  it("streams of unknown size go multipart; progress has no total", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const data = testData(12 * MiB + 123, 11);
    const events: TransferProgress[] = [];
    const loc = { repository: repo, ref: "main", path: "stream/unknown-size" };
    const out = await uploadObject(lakefs.s3, loc, byteStream(data, 256 * 1024), { partSize: 5 * MiB, onProgress: (p) => events.push(p) });
    assert.equal(out.size, data.length);
    assert.equal(events.length, 3);
    assert.equal(events.at(-1)?.loaded, data.length);
    assert.ok(events.every((e) => e.total === undefined));
    assert.equal(sha256(await readObjectBytes(lakefs.s3, loc)), sha256(data));

    // A web ReadableStream and a Blob take the same path.
    const web = Readable.toWeb(byteStream(data, 1 * MiB)) as ReadableStream<Uint8Array>;
    await uploadObject(lakefs.s3, { ...loc, path: "stream/web" }, web, { partSize: 5 * MiB });
    assert.equal(sha256(await readObjectBytes(lakefs.s3, { ...loc, path: "stream/web" })), sha256(data));
    await uploadObject(lakefs.s3, { ...loc, path: "stream/blob" }, new Blob([data]), { partSize: 5 * MiB });
    assert.equal(sha256(await readObjectBytes(lakefs.s3, { ...loc, path: "stream/blob" })), sha256(data));
    lakefs.destroy();
  });

  it("streams a 96 MiB file from disk with memory bounded by the parts in flight", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-objects-"));
    const file = join(dir, "big.bin");
    const hash = createHash("sha256");
    const block = testData(4 * MiB, 5);
    const ws = createWriteStream(file);
    for (let i = 0; i < 24; i++) {
      block.writeUInt32LE(i, 0);
      hash.update(block);
      if (!ws.write(Buffer.from(block))) await new Promise<void>((r) => ws.once("drain", () => r()));
    }
    await new Promise<void>((resolve, reject) => ws.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const expected = hash.digest("hex");

    // Live (not yet collected) buffer memory, measured after a forced GC at every progress event.
    gc();
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const events: TransferProgress[] = [];
    const loc = { repository: repo, ref: "main", path: "files/big.bin" };
    const out = await uploadObject(lakefs.s3, loc, { file }, {
      partSize: 8 * MiB,
      queueSize: 2,
      onProgress: (p) => {
        events.push(p);
        gc();
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
      },
    });
    assert.equal(out.size, 96 * MiB);
    assert.equal(events.length, 12);
    assert.equal(events.at(-1)?.loaded, 96 * MiB);
    assert.equal(events.at(-1)?.total, 96 * MiB);
    // One reused buffer per part in flight (2 × 8 MiB) and socket buffers, well below the 96 MiB file
    // (lib-storage's chunker, which briefly held two copies of the part it assembled, needed up to 7 parts).
    assert.ok(peak < 4 * 8 * MiB, `upload held ${(peak / MiB).toFixed(1)} MiB of buffers`);

    const h = createHash("sha256");
    await pipeline(await readObjectStream(lakefs.s3, loc), h);
    assert.equal(h.digest("hex"), expected);
    lakefs.destroy();
  });

  it("never reads a stream body further ahead than the parts in flight", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const total = 64 * MiB;
    const piece = testData(1 * MiB, 12);
    let pulled = 0;
    let confirmed = 0;
    let maxAhead = 0;
    const source = new Readable({
      highWaterMark: 1 * MiB,
      read() {
        if (pulled >= total) return void this.push(null);
        pulled += piece.length;
        maxAhead = Math.max(maxAhead, pulled - confirmed);
        this.push(piece);
      },
    });
    const out = await uploadObject(lakefs.s3, { repository: repo, ref: "main", path: "pull.bin" }, source, {
      partSize: 5 * MiB,
      queueSize: 2,
      onProgress: (p) => {
        confirmed = p.loaded;
      },
    });
    assert.equal(out.size, total);
    // 2 parts uploading + 1 being filled + stream buffers ≈ 3–4 parts ahead, never the whole body.
    assert.ok(maxAhead <= 4 * 5 * MiB, `read ${(maxAhead / MiB).toFixed(0)} MiB ahead of the upload`);
    lakefs.destroy();
  });

  it("a source stream that fails midway aborts the upload and leaves v1 in place", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const rec = recordCommands(lakefs.s3);
    const loc = { repository: repo, ref: "main", path: "data/versioned.bin" };
    await uploadObject(lakefs.s3, loc, "version 1");

    const v2 = testData(30 * MiB, 2);
    const source = byteStream(v2, 512 * 1024, 17 * MiB);
    const err = await rejection(uploadObject(lakefs.s3, loc, source, { partSize: 5 * MiB, queueSize: 2 }));
    assert.ok(err instanceof LakeFSError, String(err));
    assert.equal(err.code, "BodyReadError");
    assert.match(err.message, /source disk on fire/);
    assert.ok(source.destroyed);
    assert.ok(rec.names.includes("CreateMultipartUploadCommand"), "the failure came after the multipart upload began");
    assert.ok(rec.names.includes("AbortMultipartUploadCommand"), "the multipart upload was aborted");
    assert.ok(!rec.names.includes("CompleteMultipartUploadCommand"));
    assert.equal(await readObjectText(lakefs.s3, loc), "version 1");
    assertNoOrphanParts(repo, 2);

    // Small bodies fail before anything is sent.
    const small = byteStream(Buffer.from("v2 small"), 2, 4);
    const err2 = await rejection(uploadObject(lakefs.s3, loc, small));
    assert.ok(err2 instanceof LakeFSError && err2.code === "BodyReadError");
    assert.equal(await readObjectText(lakefs.s3, loc), "version 1");
    lakefs.destroy();
  });

  it("an upload aborted through its AbortSignal rejects with AbortError and leaves nothing at the key", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const rec = recordCommands(lakefs.s3);
    const loc = { repository: repo, ref: "main", path: "aborted/new.bin" };
    const ac = new AbortController();
    const reason = new Error("user pressed cancel");
    const started = Date.now();
    const err = await rejection(
      uploadObject(lakefs.s3, loc, byteStream(testData(40 * MiB, 4), 256 * 1024), {
        partSize: 5 * MiB,
        signal: ac.signal,
        onProgress: (p) => {
          if ((p.part ?? 0) >= 1) ac.abort(reason);
        },
      }),
    );
    assert.ok(err instanceof AbortError, String(err));
    assert.equal(err.cause, reason);
    assert.ok(Date.now() - started < 5_000);
    assert.ok(rec.names.includes("AbortMultipartUploadCommand"));
    assert.ok(!rec.names.includes("CompleteMultipartUploadCommand"));
    assert.equal(await objectExists(lakefs.s3, loc), false);
    assertNoOrphanParts(repo, 4, "no orphan parts on the blockstore");

    // An already-aborted signal sends nothing.
    const before = rec.names.length;
    const err2 = await rejection(uploadObject(lakefs.s3, loc, "x", { signal: AbortSignal.abort() }));
    assert.ok(err2 instanceof AbortError);
    assert.equal(rec.names.length, before);
    lakefs.destroy();
  });

  it("an abort while the source stalls still aborts the multipart upload", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const rec = recordCommands(lakefs.s3);
    const first = testData(11 * MiB, 9);
    let sent = false;
    // Sends 11 MiB, then never produces another byte.
    const stalled = new Readable({
      read() {
        if (!sent) {
          sent = true;
          this.push(first);
        }
      },
    });
    const ac = new AbortController();
    const loc = { repository: repo, ref: "main", path: "stalled.bin" };
    const p = uploadObject(lakefs.s3, loc, stalled, { partSize: 5 * MiB, signal: ac.signal, onProgress: () => setTimeout(() => ac.abort(), 50) });
    const err = await rejection(p);
    assert.ok(err instanceof AbortError, String(err));
    assert.ok(stalled.destroyed);
    assert.ok(rec.names.includes("AbortMultipartUploadCommand"));
    assert.equal(await objectExists(lakefs.s3, loc), false);
    assertNoOrphanParts(repo, 4);
    lakefs.destroy();
  });

  it("a throwing onProgress callback fails the upload and aborts it", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const rec = recordCommands(lakefs.s3);
    const loc = { repository: repo, ref: "main", path: "callback.bin" };
    const boom = new Error("progress bar crashed");
    const err = await rejection(
      uploadObject(lakefs.s3, loc, testData(21 * MiB), {
        partSize: 5 * MiB,
        onProgress: () => {
          throw boom;
        },
      }),
    );
    assert.ok(err instanceof LakeFSError, String(err));
    assert.equal(err.cause, boom);
    assert.ok(rec.names.includes("AbortMultipartUploadCommand"));
    assert.ok(rec.names.filter((n) => n === "UploadPartCommand").length < 5, "the remaining parts were not all sent");
    assert.equal(await objectExists(lakefs.s3, loc), false);
    assertNoOrphanParts(repo, 4);
    lakefs.destroy();
  });

  it("ifNoneMatch '*' on a multipart upload to an existing key fails with PreconditionFailedError and aborts", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const rec = recordCommands(lakefs.s3);
    const loc = { repository: repo, ref: "main", path: "once.bin" };
    await uploadObject(lakefs.s3, loc, "first");
    const err = await rejection(uploadObject(lakefs.s3, loc, testData(11 * MiB), { partSize: 5 * MiB, ifNoneMatch: "*" }));
    assert.ok(err instanceof PreconditionFailedError, String(err));
    assert.equal(err.status, 412);
    assert.ok(rec.names.includes("AbortMultipartUploadCommand"));
    assert.equal(await readObjectText(lakefs.s3, loc), "first");
    assertNoOrphanParts(repo, 4);
    // On a new key the same upload goes through.
    const fresh = await uploadObject(lakefs.s3, { ...loc, path: "twice.bin" }, testData(11 * MiB), { partSize: 5 * MiB, ifNoneMatch: "*" });
    assert.equal(fresh.size, 11 * MiB);
    lakefs.destroy();
  });
});

describe("multipart uploads from a file", () => {
  it("reads { file } parts in place: progress, content type, metadata and unsigned payloads, byte-exact", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const rec = recordCommands(lakefs.s3);
    const hashes = recordPayloadHashes(lakefs.s3);
    const data = testData(21 * MiB, 13);
    const file = tempFile(data);
    const loc: ObjectLocation = { repository: repo, ref: "main", path: "files/21mib.bin" };
    const events: TransferProgress[] = [];
    const out = await uploadObject(lakefs.s3, loc, { file }, {
      partSize: 5 * MiB,
      queueSize: 2,
      contentType: "application/x-test",
      metadata: { origin: "disk" },
      onProgress: (p) => events.push(p),
    });
    assert.equal(out.size, 21 * MiB);
    assert.equal(rec.names.filter((n) => n === "UploadPartCommand").length, 5);
    assert.ok((rec.maxInFlight.get("UploadPartCommand") ?? 0) <= 2, "queueSize bounds the parts in flight");
    assert.deepEqual(hashes.get("UploadPartCommand"), Array(5).fill("UNSIGNED-PAYLOAD"), "lakeFS accepts unsigned parts");
    // Parts finish in any order (the 1 MiB last part may overtake the fourth): loaded grows by one part per event.
    const loaded = events.map((e) => e.loaded);
    assert.equal(loaded.at(-1), 21 * MiB);
    const steps = loaded.map((n, i) => n - (loaded[i - 1] ?? 0));
    assert.deepEqual(steps.sort((a, b) => a - b), [1, 5, 5, 5, 5].map((n) => n * MiB));
    assert.ok(events.every((e) => e.total === 21 * MiB && typeof e.part === "number"));
    assert.deepEqual(events.map((e) => e.part).sort((a, b) => (a ?? 0) - (b ?? 0)), [1, 2, 3, 4, 5]);

    assert.equal(sha256(await readObjectBytes(lakefs.s3, loc)), sha256(data));
    const stat = await statObject(lakefs.s3, loc);
    assert.equal(stat.size, 21 * MiB);
    assert.equal(stat.contentType, "application/x-test");
    assert.deepEqual(stat.metadata, { origin: "disk" });
    assert.equal(out.etag, stat.etag);
    assert.deepEqual(partFiles(repo), []);

    // A file up to one part goes as one unsigned PutObject; an empty file too.
    const small = testData(3 * MiB, 14);
    const one = await uploadObject(lakefs.s3, { ...loc, path: "files/small.bin" }, { file: tempFile(small) }, { partSize: 5 * MiB });
    assert.equal(one.size, small.length);
    assert.deepEqual(hashes.get("PutObjectCommand"), ["UNSIGNED-PAYLOAD"]);
    assert.equal(sha256(await readObjectBytes(lakefs.s3, { ...loc, path: "files/small.bin" })), sha256(small));
    assert.equal(one.etag, (await statObject(lakefs.s3, { ...loc, path: "files/small.bin" })).etag);
    const empty = await uploadObject(lakefs.s3, { ...loc, path: "files/empty.bin" }, { file: tempFile(new Uint8Array(0)) });
    assert.equal(empty.size, 0);
    assert.equal((await readObjectBytes(lakefs.s3, { ...loc, path: "files/empty.bin" })).length, 0);
    lakefs.destroy();
  });

  it("a file that shrinks while it is read fails with BodyChanged, aborts the upload and leaves v1 in place", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const rec = recordCommands(lakefs.s3);
    const loc = { repository: repo, ref: "main", path: "files/versioned.bin" };
    await uploadObject(lakefs.s3, loc, "version 1");
    const file = tempFile(testData(20 * MiB, 15));
    const err = await rejection(
      uploadObject(lakefs.s3, loc, { file }, {
        partSize: 5 * MiB,
        queueSize: 1,
        onProgress: (p) => {
          if (p.part === 1) truncateSync(file, 7 * MiB);
        },
      }),
    );
    assert.ok(err instanceof LakeFSError, String(err));
    assert.equal(err.code, "BodyChanged");
    assert.match(err.message, /shrank/);
    assert.ok(rec.names.includes("AbortMultipartUploadCommand"), "the multipart upload was aborted");
    assert.ok(!rec.names.includes("CompleteMultipartUploadCommand"));
    assert.equal(await readObjectText(lakefs.s3, loc), "version 1");
    assertNoOrphanParts(repo, 1);
    lakefs.destroy();
  });

  it("a { file } upload aborted through its AbortSignal, refused by ifNoneMatch or failed by onProgress is aborted and leaves the path as it was", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const rec = recordCommands(lakefs.s3);
    const file = tempFile(testData(16 * MiB, 16));
    const loc = { repository: repo, ref: "main", path: "files/aborted.bin" };
    const ac = new AbortController();
    const reason = new Error("user pressed cancel");
    const err = await rejection(
      uploadObject(lakefs.s3, loc, { file }, { partSize: 5 * MiB, queueSize: 1, signal: ac.signal, onProgress: () => ac.abort(reason) }),
    );
    assert.ok(err instanceof AbortError, String(err));
    assert.equal(err.cause, reason);
    assert.ok(rec.names.includes("AbortMultipartUploadCommand"));
    assert.ok(!rec.names.includes("CompleteMultipartUploadCommand"));
    assert.equal(await objectExists(lakefs.s3, loc), false);
    assertNoOrphanParts(repo, 1);

    const once = { ...loc, path: "files/once.bin" };
    await uploadObject(lakefs.s3, once, "first");
    const err2 = await rejection(uploadObject(lakefs.s3, once, { file }, { partSize: 5 * MiB, ifNoneMatch: "*" }));
    assert.ok(err2 instanceof PreconditionFailedError, String(err2));
    assert.equal(await readObjectText(lakefs.s3, once), "first");

    const boom = new Error("progress bar crashed");
    const err3 = await rejection(
      uploadObject(lakefs.s3, once, { file }, {
        partSize: 5 * MiB,
        onProgress: () => {
          throw boom;
        },
      }),
    );
    assert.ok(err3 instanceof LakeFSError && err3.code === "CallbackFailed", String(err3));
    assert.equal(err3.cause, boom);
    assert.equal(await readObjectText(lakefs.s3, once), "first");
    assertNoOrphanParts(repo, 4);
    lakefs.destroy();
  });
});

describe("parallel ranged downloads", () => {
  it("downloads to a file in order with bounded parallelism, byte-exact, with progress", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const data = testData(20 * MiB + 17, 21);
    const loc = { repository: repo, ref: "main", path: "dl/data.bin" };
    const up = await uploadObject(lakefs.s3, loc, data, { partSize: 5 * MiB });
    const rec = recordCommands(lakefs.s3);
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-dl-"));
    const dest = join(dir, "out.bin");
    const events: TransferProgress[] = [];
    const out = await downloadObject(lakefs.s3, loc, dest, { partSize: 3 * MiB, concurrency: 3, onProgress: (p) => events.push(p) });
    assert.equal(out.size, data.length);
    assert.equal(out.etag, up.etag);
    assert.equal(sha256(readFileSync(dest)), sha256(data));
    assert.equal(rec.names.filter((n) => n === "GetObjectCommand").length, 7);
    assert.ok(!rec.names.includes("HeadObjectCommand"), "the size comes from the first range's Content-Range");
    // Part 0's body is read after its GetObject returned, so at most `concurrency` ranges are ever outstanding.
    assert.ok((rec.maxInFlight.get("GetObjectCommand") ?? 0) <= 3);
    assert.deepEqual(
      events.map((e) => e.loaded),
      [1, 2, 3, 4, 5, 6].map((i) => i * 3 * MiB).concat(data.length),
    );
    assert.ok(events.every((e) => e.total === data.length));
    assert.deepEqual(readdirSync(dir), ["out.bin"], "no temporary file left");
    lakefs.destroy();
  });

  it("downloads to a Writable stream and ends it; small and empty objects too", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const data = testData(9 * MiB + 5, 8);
    const loc = { repository: repo, ref: "main", path: "dl/stream.bin" };
    await uploadObject(lakefs.s3, loc, data);
    const hash = createHash("sha256");
    let finished = false;
    const sink = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        setImmediate(cb);
      },
      final(cb) {
        finished = true;
        cb();
      },
    });
    const out = await downloadObject(lakefs.s3, loc, sink, { partSize: 2 * MiB });
    assert.equal(out.size, data.length);
    assert.ok(finished, "the stream was ended and flushed");
    assert.equal(hash.digest("hex"), sha256(data));

    await uploadObject(lakefs.s3, { ...loc, path: "dl/tiny" }, "tiny");
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-dl-"));
    assert.deepEqual(await downloadObject(lakefs.s3, { ...loc, path: "dl/tiny" }, join(dir, "tiny")), { size: 4, etag: (await statObject(lakefs.s3, { ...loc, path: "dl/tiny" })).etag });
    assert.equal(readFileSync(join(dir, "tiny"), "utf8"), "tiny");

    await uploadObject(lakefs.s3, { ...loc, path: "dl/empty" }, "");
    assert.equal((await downloadObject(lakefs.s3, { ...loc, path: "dl/empty" }, join(dir, "empty"))).size, 0);
    assert.equal(readFileSync(join(dir, "empty")).length, 0);

    const pass = new PassThrough();
    const chunks: Buffer[] = [];
    pass.on("data", (c: Buffer) => chunks.push(c));
    await downloadObject(lakefs.s3, { ...loc, path: "dl/tiny" }, pass, { end: false });
    assert.equal(pass.writableEnded, false);
    assert.equal(Buffer.concat(chunks).toString(), "tiny");
    lakefs.destroy();
  });

  it("detects an object overwritten during the download (ETag check) and leaves no file", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const loc = { repository: repo, ref: "main", path: "dl/moving.bin" };
    await uploadObject(lakefs.s3, loc, testData(6 * MiB, 1));
    let overwritten = false;
    // Overwrites the object as soon as the first part arrives; later ranges then see another version.
    const sink = new Writable({
      write(_chunk: Buffer, _enc, cb) {
        if (overwritten) return cb();
        overwritten = true;
        uploadObject(lakefs.s3, loc, testData(6 * MiB, 2)).then(() => cb(), cb);
      },
    });
    const err = await rejection(downloadObject(lakefs.s3, loc, sink, { partSize: 1 * MiB, concurrency: 1 }));
    assert.ok(err instanceof PreconditionFailedError, String(err));
    assert.match(err.message, /changed while it was downloaded/);

    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-dl-"));
    const dest = join(dir, "keep.bin");
    writeFileSync(dest, "previous content");
    const missing = await rejection(downloadObject(lakefs.s3, { ...loc, path: "dl/nothing" }, dest));
    assert.ok(missing instanceof ObjectNotFoundError, String(missing));
    assert.equal(readFileSync(dest, "utf8"), "previous content");
    assert.deepEqual(readdirSync(dir), ["keep.bin"]);
    lakefs.destroy();
  });

  it("an aborted download rejects with AbortError, stops its requests and removes the partial file", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const loc = { repository: repo, ref: "main", path: "dl/abort.bin" };
    await uploadObject(lakefs.s3, loc, testData(16 * MiB, 6));
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-dl-"));
    const ac = new AbortController();
    const err = await rejection(
      downloadObject(lakefs.s3, loc, join(dir, "out.bin"), {
        partSize: 1 * MiB,
        concurrency: 2,
        signal: ac.signal,
        onProgress: (p) => {
          if (p.loaded >= 3 * MiB) ac.abort();
        },
      }),
    );
    assert.ok(err instanceof AbortError, String(err));
    assert.deepEqual(readdirSync(dir), []);
    lakefs.destroy();
  });
});
