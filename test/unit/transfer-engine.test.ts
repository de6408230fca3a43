/**
 * The transfer engine's parts, which need no server: options, the planner,
 * the pool, progress in order, the sinks, the upload sources behind the body
 * guard, Content-MD5 and presigned URL expiry.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { ValidationError } from "../../src/errors/input-errors.js";
import { LakeFSError } from "../../src/errors/lakefs-error.js";
import { linkAbort } from "../../src/http/abort.js";
import { contentMd5 } from "../../src/store/content-md5.js";
import { presignedUrlExpiry } from "../../src/store/presigned-upload-target.js";
import { fileSink, streamSink } from "../../src/transfer/download-sink.js";
import { checkDownloadOptions, checkUploadOptions } from "../../src/transfer/options.js";
import { partLength, partSpan, planTransfer, uploadPartSize } from "../../src/transfer/plan.js";
import { InOrderProgress, runPool } from "../../src/transfer/pool.js";
import { PositionalBatch } from "../../src/transfer/positional-batch.js";
import { openUploadSource } from "../../src/transfer/upload-source.js";

const MiB = 1024 * 1024;
const BAD_INTEGERS = [0, -1, Number.NaN, 1.5, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER * 2];

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-engine-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const md5 = (bytes: Uint8Array): string => createHash("md5").update(bytes).digest("base64");

describe("transfer options", () => {
  it("refuse every bad integer with ValidationError InvalidOption naming the option", () => {
    for (const value of BAD_INTEGERS) {
      for (const name of ["concurrency", "partSize"] as const) {
        assert.throws(() => checkDownloadOptions("/tmp/x", { [name]: value }), (err: unknown) => err instanceof ValidationError && err.code === "InvalidOption" && err.message.includes(name), `download ${name}=${value}`);
      }
      for (const name of ["partSize", "queueSize"] as const) {
        assert.throws(() => checkUploadOptions({ [name]: value }), (err: unknown) => err instanceof ValidationError && err.code === "InvalidOption" && err.message.includes(name), `upload ${name}=${value}`);
      }
    }
    assert.throws(() => checkDownloadOptions("/tmp/x", { concurrency: 65 }), ValidationError);
    assert.throws(() => checkUploadOptions({ partSize: 5 * MiB - 1 }), ValidationError);
    assert.throws(() => checkUploadOptions({ queueSize: 1001 }), ValidationError);
  });

  it("refuse a bad destination, callback or flag, and fill the defaults", () => {
    assert.throws(() => checkDownloadOptions("", {}), ValidationError);
    assert.throws(() => checkDownloadOptions({} as never, {}), ValidationError);
    assert.throws(() => checkDownloadOptions("/tmp/x", { onProgress: 1 as never }), ValidationError);
    assert.throws(() => checkDownloadOptions("/tmp/x", { end: "yes" as never }), ValidationError);
    assert.throws(() => checkUploadOptions({ ifNoneMatch: "etag" as never }), ValidationError);
    assert.throws(() => checkUploadOptions({ contentType: "a\r\nb" }), ValidationError);
    assert.deepEqual({ ...checkDownloadOptions("/tmp/x", {}), onProgress: undefined }, { concurrency: 4, partSize: 8 * MiB, end: true, onProgress: undefined });
    assert.deepEqual(checkUploadOptions({}), { partSize: 8 * MiB, queueSize: 4 });
  });
});

describe("the planner", () => {
  it("covers the size with parts of partSize, the last one shorter, an empty body as one part", () => {
    const plan = planTransfer(10, 4);
    assert.equal(plan.parts, 3);
    assert.deepEqual([0, 1, 2].map((i) => partSpan(plan, i)), [{ start: 0, end: 3 }, { start: 4, end: 7 }, { start: 8, end: 9 }]);
    assert.deepEqual([0, 1, 2].map((i) => partLength(plan, i)), [4, 4, 2]);
    assert.equal(planTransfer(0, 4).parts, 1);
    assert.equal(planTransfer(8, 4).parts, 2);
  });

  it("keeps the requested upload part size while 10,000 parts suffice, else raises it in whole MiB", () => {
    assert.equal(uploadPartSize(1024 * MiB, 8 * MiB), 8 * MiB);
    assert.equal(uploadPartSize(100_000 * MiB, 8 * MiB), 10 * MiB);
    assert.ok(Math.ceil((100_000 * MiB) / uploadPartSize(100_000 * MiB, 5 * MiB)) <= 10_000);
  });
});

describe("the pool", () => {
  it("runs every task once with at most `concurrency` in flight", async () => {
    const link = linkAbort(undefined);
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await runPool({
      count: 20,
      concurrency: 3,
      link,
      task: async (i) => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        done.push(i);
      },
    });
    assert.equal(peak, 3);
    assert.deepEqual(done.sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i));
  });

  it("throws the first failure, aborts the tasks in flight, starts no new one and waits for them all", async () => {
    const link = linkAbort(undefined);
    const first = new Error("first");
    let stoppedAfterAbort = 0;
    const started: number[] = [];
    await assert.rejects(
      runPool({
        count: 100,
        concurrency: 4,
        link,
        task: async (i, signal) => {
          started.push(i);
          if (i === 2) throw first;
          await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
          await new Promise((r) => setTimeout(r, 5));
          stoppedAfterAbort++;
          throw new Error(`later ${i}`);
        },
      }),
      (err) => err === first,
    );
    assert.equal(link.firstFailure, first);
    assert.equal(stoppedAfterAbort, 3, "the other three tasks had stopped before the pool threw");
    assert.deepEqual(started.sort((a, b) => a - b), [0, 1, 2, 3]);
  });

  it("stops on an abort of the outer signal with its reason", async () => {
    const outer = new AbortController();
    const link = linkAbort(outer.signal);
    const reason = new Error("stop");
    setTimeout(() => outer.abort(reason), 5);
    await assert.rejects(
      runPool({ count: 1000, concurrency: 2, link, task: () => new Promise((r) => setTimeout(r, 2)) }),
      (err) => err === reason,
    );
    link.dispose();
  });

  it("reports parts as if in order, whatever order they finish in", () => {
    const seen: [number, number][] = [];
    const progress = new InOrderProgress((i) => [4, 4, 2][i]!, (loaded, part) => seen.push([loaded, part]));
    progress.complete(2);
    progress.complete(0);
    assert.deepEqual(seen, [[4, 1]]);
    progress.complete(1);
    assert.deepEqual(seen, [[4, 1], [8, 2], [10, 3]]);
  });
});

describe("the linked abort", () => {
  it("keeps the first failure, aborts once, and detaches from the outer signal", () => {
    const outer = new AbortController();
    const link = linkAbort(outer.signal);
    const a = new Error("a");
    link.fail(a);
    link.fail(new Error("b"));
    assert.equal(link.firstFailure, a);
    assert.equal(link.signal.reason, a);
    link.dispose();
    const other = linkAbort(outer.signal);
    other.dispose();
    outer.abort();
    assert.equal(other.signal.aborted, false, "a disposed link no longer follows the outer signal");
  });
});

describe("download sinks", () => {
  it("a file sink writes batches in place and renames into place only on finish", async (t) => {
    const dir = tempDir(t);
    const path = join(dir, "out.bin");
    const sink = await fileSink(path);
    const batch = new PositionalBatch(sink.writeAt!.bind(sink), 3);
    await batch.add(Buffer.from("def"));
    await batch.flush();
    await sink.writeAt!([Buffer.from("abc")], 0);
    assert.equal(existsSync(path), false, "nothing at the path before finish");
    await sink.finish();
    assert.equal(readFileSync(path, "utf8"), "abcdef");
    assert.deepEqual(readdirSync(dir), ["out.bin"]);
  });

  it("a failed file sink leaves no temporary file and an existing file untouched", async (t) => {
    const dir = tempDir(t);
    const path = join(dir, "out.bin");
    writeFileSync(path, "before");
    const sink = await fileSink(path);
    await sink.write(Buffer.from("partial"));
    await sink.fail();
    assert.deepEqual(readdirSync(dir), ["out.bin"]);
    assert.equal(readFileSync(path, "utf8"), "before");
  });

  it("a stream sink waits for drain, ends the stream on finish, and reports a stream error as DestinationError", async () => {
    const out = new PassThrough({ highWaterMark: 4 });
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    const sink = streamSink(out, true, () => undefined);
    await sink.write(Buffer.from("12345678"));
    await sink.finish();
    sink.dispose();
    assert.equal(Buffer.concat(chunks).toString(), "12345678");
    const broken = new PassThrough();
    const failures: unknown[] = [];
    const sink2 = streamSink(broken, true, (err) => failures.push(err));
    broken.destroy(new Error("disk full"));
    await new Promise((r) => setImmediate(r));
    await assert.rejects(sink2.write(Buffer.from("x")), (err) => err instanceof LakeFSError && err.code === "DestinationError");
    assert.equal(failures.length, 1);
    sink2.dispose();
  });
});

describe("upload sources behind the body guard", () => {
  const data = randomBytes(3 * MiB + 5);
  const options = (signal = new AbortController().signal) => ({ signal, maxBytes: 1e12, wholeInMemory: 2 * MiB, onFailure: () => undefined });

  it("hand out the same bytes by part for every kind of body", async (t) => {
    const dir = tempDir(t);
    const file = join(dir, "body.bin");
    writeFileSync(file, data);
    for (const body of [data, new Blob([data]), { file }, { file: pathToFileURL(file) }, Readable.from([data.subarray(0, 7), data.subarray(7)]), createReadStream(file)]) {
      const source = await openUploadSource(body, options());
      const parts: Buffer[] = [];
      for (let i = 0; ; i++) {
        const part = await source.part(i, MiB);
        if (!part || part.byteLength === 0) break;
        parts.push(Buffer.from(part));
        source.release(part);
        if (source.size !== undefined && (i + 1) * MiB >= source.size) break;
      }
      assert.ok(Buffer.concat(parts).equals(data), `parts of ${body.constructor.name}`);
      assert.equal(await source.ended(), true);
      await source.close();
    }
  });

  it("say whether a stream held more than its first part", async () => {
    const small = await openUploadSource(Readable.from([data.subarray(0, 100)]), options());
    assert.equal((await small.part(0, MiB))?.byteLength, 100);
    assert.equal(await small.ended(), true);
    const large = await openUploadSource(Readable.from([data]), options());
    assert.equal((await large.part(0, MiB))?.byteLength, MiB);
    assert.equal(await large.ended(), false);
    assert.equal((await large.part(1, MiB))?.byteLength, MiB, "the byte read to tell is not lost");
    await large.close();
  });

  it("type a stream's failure as BodyReadError, a missing file as ValidationError, and destroy the caller's stream on close", async (t) => {
    const failing = new Readable({ read() { this.destroy(new Error("disk gone")); } });
    const source = await openUploadSource(failing, options());
    await assert.rejects(source.part(0, MiB), (err) => err instanceof LakeFSError && err.code === "BodyReadError");
    await source.close();
    await assert.rejects(openUploadSource({ file: join(tempDir(t), "missing.bin") }, options()), (err) => err instanceof ValidationError && err.code === "InvalidBody");
    const unread = new PassThrough();
    const opened = await openUploadSource(unread, options());
    await opened.close();
    assert.equal(unread.destroyed, true);
  });

  it("fail a stream larger than maxBytes with BodyTooLarge", async () => {
    const source = await openUploadSource(Readable.from([data]), { ...options(), maxBytes: MiB });
    await assert.rejects(source.part(0, 2 * MiB), (err) => err instanceof ValidationError && err.code === "BodyTooLarge");
    await source.close();
  });

  it("fail a file that shrank while it was read with BodyChanged, and close it", async (t) => {
    const file = join(tempDir(t), "shrinks.bin");
    writeFileSync(file, data);
    const source = await openUploadSource({ file }, options());
    writeFileSync(file, data.subarray(0, MiB));
    await assert.rejects(source.part(2, MiB), (err) => err instanceof LakeFSError && err.code === "BodyChanged");
    await assert.rejects(source.checkUnchanged(), (err) => err instanceof LakeFSError && err.code === "BodyChanged");
    await source.close();
  });
});

describe("Content-MD5 of a presigned PUT's body", () => {
  it("is the base64 MD5 of the bytes, in memory or streamed, and stops on abort", async () => {
    const bytes = randomBytes(3 * MiB + 5);
    assert.equal(await contentMd5(bytes), md5(bytes));
    assert.equal(await contentMd5(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)])), md5(bytes));
    const controller = new AbortController();
    controller.abort();
    const stream = Readable.from([bytes]);
    await assert.rejects(contentMd5(stream, controller.signal), { name: "AbortError" });
    assert.equal(stream.destroyed, true);
  });
});

describe("presigned URL expiry", () => {
  it("reads a SigV4 URL's expiry from X-Amz-Date and X-Amz-Expires, and none from other stores", () => {
    const url = "http://127.0.0.1:9000/b/k?partNumber=1&X-Amz-Date=20261204T052000Z&X-Amz-Expires=900&X-Amz-Signature=abc";
    assert.equal(presignedUrlExpiry(url), Date.UTC(2026, 11, 4, 5, 35, 0));
    assert.equal(presignedUrlExpiry("https://acct.blob.core.windows.net/c/k?se=2026-12-04T06%3A00%3A00Z&sig=abc"), undefined);
  });
});
