/**
 * Objects as files against a real lakeFS, with real data libraries from npm:
 * `open()` (an `ObjectReader`, an `AsyncBuffer` for hyparquet, `readLines()`)
 * and `createWriteStream()` (hyparquet-writer and csv-stringify piped into it,
 * the result read back by hyparquet, by `readLines()` and by boto3).
 *
 * Each case runs on the gateway and on the presigned data path, against one
 * lakeFS on MinIO that this file starts whatever LAKEFS_S3_TEST_BLOCKSTORE
 * says (on MinIO "auto" presigns, so the first leg is pinned to the gateway).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { ListMultipartUploadsCommand } from "@aws-sdk/client-s3";
import { stringify } from "csv-stringify";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type AsyncBuffer } from "hyparquet";
import { parquetWrite, parquetWriteBuffer, type ColumnSource } from "hyparquet-writer";
import {
  AbortError,
  PreconditionFailedError,
  ValidationError,
  type Branch,
  type DataPath,
  type LakeFS,
  type ObjectReader,
} from "../../src/index.js";
import { TEST_BUCKET, testClient, uniqueRepoName, useLakeFS } from "../support/lakefs.js";
import { parquetStreamWriter } from "../support/parquet-stream-writer.js";
import { startRequestLog, type RequestLog } from "../support/request-log.js";
import { fdsSettled, openFds } from "../support/open-fds.js";

const run = promisify(execFile);
const ctx = useLakeFS({ blockstore: "minio" });
const MiB = 1024 * 1024;
const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
const PYTHON = process.env.LAKEFS_S3_PYTHON ?? ".venv/bin/python";

/** Rows of the Parquet fixtures: an id, a value that does not compress, a name. */
function columns(rows: number): ColumnSource[] {
  return [
    { name: "id", data: Int32Array.from({ length: rows }, (_, i) => i), type: "INT32" },
    { name: "value", data: Float64Array.from({ length: rows }, (_, i) => Math.sin(i) * 1e6), type: "DOUBLE" },
    { name: "name", data: Array.from({ length: rows }, (_, i) => `row-${i}`), type: "STRING" },
  ];
}

/** Resolves on the stream's 'close' (`events.once` would reject on the 'error' before it). */
function closed(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => stream.once("close", () => resolve()));
}

/** No multipart upload left at the store. */
async function assertNoMultipartLeft(repo: string): Promise<void> {
  const uploads = await ctx.minio!.client.send(new ListMultipartUploadsCommand({ Bucket: TEST_BUCKET, Prefix: repo }));
  assert.deepEqual(uploads.Uploads ?? [], [], "no multipart upload left on MinIO");
}

/** The GETs that reached the store, as MinIO counts them (lakeFS's own reads on the gateway leg included). */
async function dataGets(): Promise<number> {
  return (await ctx.minio!.requestCounts()).GetObject ?? 0;
}

const legs: { name: string; dataPath: DataPath; skip: string | false }[] = [
  { name: "the gateway", dataPath: "gateway", skip: false },
  { name: "the presigned data path", dataPath: "presigned", skip: false },
];

for (const leg of legs) {
  describe(`objects as files on ${leg.name}`, { skip: leg.skip }, () => {
    let log: RequestLog;
    let lakefs: LakeFS;
    let repo: string;
    let branch: Branch;
    let dir: string;
    const dataPath = leg.dataPath;

    before(async () => {
      log = await startRequestLog(ctx.server.endpoint);
      lakefs = testClient(ctx.server, log.endpoint, { dataPath });
      repo = uniqueRepoName("files");
      branch = (await lakefs.repository(repo).create({ storageNamespace: ctx.namespace(repo) })).branch("main");
      dir = mkdtempSync(join(tmpdir(), "lakefs-s3-files-"));
    });

    after(async () => {
      lakefs.destroy();
      await log.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("hyparquet reads one column of one row group: the footer and that column chunk, not the file", async (t) => {
      const rows = 240_000;
      const file = new Uint8Array(parquetWriteBuffer({ columnData: columns(rows), rowGroupSize: 60_000 }));
      await branch.object("tables/events.parquet").upload(file);

      const getsBefore = await dataGets();
      await using reader = await branch.object("tables/events.parquet").open();
      assert.equal(reader.byteLength, file.byteLength);
      const asked: [number, number][] = [];
      const counted: AsyncBuffer = {
        byteLength: reader.byteLength,
        slice: (start, end) => {
          asked.push([start, end ?? reader.byteLength]);
          return reader.slice(start, end);
        },
      };
      const metadata = await parquetMetadataAsync(counted);
      assert.equal(metadata.row_groups.length, 4);
      const group = metadata.row_groups[1]!;
      const chunk = group.columns.find((c) => c.meta_data?.path_in_schema[0] === "value")!.meta_data!;
      const chunkStart = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset);
      const chunkBytes = Number(chunk.total_compressed_size);

      const got = await parquetReadObjects({ file: counted, metadata, columns: ["value"], rowStart: 60_000, rowEnd: 120_000 });
      const expected = columns(rows)[1]!.data as Float64Array;
      assert.equal(got.length, 60_000);
      assert.ok(got.every((row, i) => row.value === expected[60_000 + i]), "the values of row group 1");

      // hyparquet asked for the footer (its last 512 KiB) and the one chunk; the reader fetched just that, plus the byte of the open.
      const footer = asked[0]!;
      assert.deepEqual(asked, [footer, [chunkStart, chunkStart + chunkBytes]]);
      assert.equal(footer[1], file.byteLength, "the first slice is the file's tail");
      const wanted = footer[1] - footer[0] + chunkBytes;
      assert.equal(reader.bytesFetched, 1 + wanted, "nothing read ahead or twice");
      assert.ok(reader.bytesFetched < file.byteLength / 4, `${reader.bytesFetched} of ${file.byteLength} bytes`);
      assert.equal((await dataGets()) - getsBefore, 3, "three ranged GETs: the open, the footer, the chunk");
      t.diagnostic(
        `one column of one row group: ${reader.bytesFetched} bytes fetched of ${file.byteLength} (${((100 * reader.bytesFetched) / file.byteLength).toFixed(1)} %): ` +
          `footer slice ${footer[1] - footer[0]}, column chunk ${chunkBytes}, open 1`,
      );
    });

    it("hyparquet-writer streams a Parquet file through createWriteStream(); hyparquet and boto3 read it back", async () => {
      const rows = 400_000;
      const data = columns(rows);
      const out = branch.object("tables/written.parquet").createWriteStream({ contentType: "application/vnd.apache.parquet", metadata: { writer: "hyparquet-writer" }, partSize: 5 * MiB });
      let finished = false;
      out.on("finish", () => (finished = true));
      await parquetWrite({ writer: parquetStreamWriter(out), columnData: data, rowGroupSize: 100_000 });
      assert.ok(finished, "'finish' came before the writer's finish() returned");
      const result = await out.result;
      assert.ok(result.size! > 5 * MiB, `a multipart upload (${result.size} bytes)`);
      const stat = await branch.object("tables/written.parquet").stat();
      assert.equal(stat.size, result.size);
      assert.equal(stat.etag, result.etag);
      assert.equal(stat.contentType, "application/vnd.apache.parquet");
      assert.deepEqual(stat.metadata, { writer: "hyparquet-writer" });

      // hyparquet, through open().
      await using reader = await branch.object("tables/written.parquet").open();
      const back = await parquetReadObjects({ file: reader });
      assert.equal(back.length, rows);
      const ids = data[0]!.data as Int32Array;
      const values = data[1]!.data as Float64Array;
      const names = data[2]!.data as string[];
      assert.ok(back.every((r, i) => r.id === ids[i] && r.value === values[i] && r.name === names[i]), "every row read back");

      // boto3, through the gateway: the same bytes, which hyparquet parses from the downloaded file too.
      const local = join(dir, "boto3.parquet");
      const script = `
import sys, boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=sys.argv[1], aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3], region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path"}))
s3.download_file(sys.argv[4], sys.argv[5], sys.argv[6])
`;
      await run(PYTHON, ["-c", script, ctx.server.endpoint, ctx.server.accessKeyId, ctx.server.secretAccessKey, repo, "main/tables/written.parquet", local]);
      const downloaded = readFileSync(local);
      assert.equal(sha(downloaded), sha(new Uint8Array(await reader.slice(0))), "boto3 got the bytes open() reads");
      const fromFile = await parquetReadObjects({ file: await asyncBufferFromFile(local), columns: ["id", "name"] });
      assert.equal(fromFile.length, rows);
      assert.ok(fromFile.every((r, i) => r.id === ids[i] && r.name === names[i]));
    });

    it("csv-stringify piped into createWriteStream() reads back line by line with readLines()", async () => {
      const rows = 300_000;
      const records = (function* () {
        for (let i = 0; i < rows; i++) yield { id: i, city: `city-${i % 97}`, note: i % 5 === 0 ? "a, quoted \"one\"" : "plain" };
      })();
      const out = branch.object("csv/cities.csv").createWriteStream({ contentType: "text/csv", partSize: 5 * MiB, queueSize: 2 });
      await pipeline(Readable.from(records), stringify({ header: true, columns: ["id", "city", "note"], record_delimiter: "unix" }), out);
      const result = await out.result;
      assert.ok(result.size! > 5 * MiB, `more than one part (${result.size} bytes)`);

      await using reader = await branch.object("csv/cities.csv").open({ readAhead: MiB });
      let n = 0;
      for await (const line of reader.readLines()) {
        const i = n - 1;
        const expected = n === 0 ? "id,city,note" : `${i},city-${i % 97},${i % 5 === 0 ? '"a, quoted ""one"""' : "plain"}`;
        if (line !== expected) assert.fail(`line ${n}: ${JSON.stringify(line)} !== ${JSON.stringify(expected)}`);
        n++;
      }
      assert.equal(n, rows + 1);
      assert.equal(reader.bytesFetched, reader.size + 1, "every byte fetched once (and the byte of the open)");
    });

    it("read() is FileHandle.read: positions, the reader's own position, the end; slice() is ArrayBuffer.slice", async () => {
      const body = Buffer.from(Array.from({ length: 3000 }, (_, i) => `line ${i}\n`).join(""));
      await branch.object("text/lines.txt").upload(body);
      await using reader = await branch.object("text/lines.txt").open({ readAhead: 4096 });
      const buf = Buffer.alloc(10);
      assert.deepEqual(await reader.read(buf, 0, 10, 5), { bytesRead: 10, buffer: buf });
      assert.equal(buf.toString(), body.subarray(5, 15).toString());
      // Without a position: the reader's own, moving on.
      const a = await reader.read(Buffer.alloc(7));
      const b = await reader.read(Buffer.alloc(7));
      assert.equal(Buffer.concat([a.buffer, b.buffer]).toString(), body.subarray(0, 14).toString());
      // Sequential reads through the read-ahead, then past the end.
      const all: Buffer[] = [];
      for (let at = 0; ; ) {
        const { bytesRead, buffer } = await reader.read(Buffer.alloc(1000), 0, 1000, at);
        if (bytesRead === 0) break;
        all.push(buffer.subarray(0, bytesRead));
        at += bytesRead;
      }
      assert.ok(Buffer.concat(all).equals(body));
      assert.equal(Buffer.from(await reader.slice(-8)).toString(), body.subarray(-8).toString());
      assert.equal((await reader.slice(10, 5)).byteLength, 0);
      assert.equal(Buffer.from(await reader.slice(0, 1e12)).length, body.length);

      const empty = await branch.object("text/empty.txt").upload("");
      assert.equal(empty.size, 0);
      await using none = await branch.object("text/empty.txt").open();
      assert.equal(none.size, 0);
      assert.equal((await none.read(Buffer.alloc(4))).bytesRead, 0);
      for await (const line of none.readLines()) assert.fail(`an empty object has no line, not ${line}`);
    });

    it("an object overwritten while open never mixes two versions", async () => {
      const v1 = Buffer.alloc(2 * MiB, "1");
      const v2 = Buffer.alloc(2 * MiB, "2");
      const object = branch.object("text/changing.bin");
      await object.upload(v1);
      await using reader = await object.open({ readAhead: 0 });
      assert.equal(Buffer.from(await reader.slice(0, 10)).toString(), "1111111111");
      await object.upload(v2);
      if (dataPath === "presigned") {
        // The store keeps the opened version's bytes at its address (until its URL expires, when the
        // new stat shows the change): every read still comes from version 1.
        assert.ok(Buffer.from(await reader.slice(MiB, 2 * MiB)).equals(v1.subarray(MiB)));
      } else {
        await assert.rejects(reader.slice(MiB, 2 * MiB), (err: unknown) => {
          assert.ok(err instanceof PreconditionFailedError, String(err));
          assert.match(err.message, /changed while it was open/);
          return true;
        });
      }
      await using fresh = await object.open();
      assert.ok(Buffer.from(await fresh.slice(0)).equals(v2));
    });

    it("bad options fail with ValidationError before anything is sent; read() after close() fails too", async () => {
      const object = branch.object("text/lines.txt");
      const sent = log.requests.length;
      await assert.rejects(object.open({ readAhead: -1 }), ValidationError);
      await assert.rejects(object.open({ readAhead: 1.5 }), ValidationError);
      assert.throws(() => branch.object("x.bin").createWriteStream({ partSize: 1024 }), ValidationError);
      assert.throws(() => branch.object("x.bin").createWriteStream({ queueSize: 0 }), ValidationError);
      assert.throws(() => branch.object("x.bin").createWriteStream({ metadata: { "bad key": "v" } }), ValidationError);
      assert.equal(log.requests.length, sent, "nothing was sent");

      const reader = await object.open();
      const sentAfterOpen = log.requests.length;
      await assert.rejects(reader.read(Buffer.alloc(4), 0, 8, 0), ValidationError);
      await assert.rejects(reader.read(Buffer.alloc(4), 0, 4, -1), ValidationError);
      await assert.rejects(reader.read(Buffer.alloc(4), 5), ValidationError);
      await assert.rejects(reader.slice(0.5, 2), ValidationError);
      await reader.close();
      await reader.close();
      assert.equal(reader.closed, true);
      await assert.rejects(reader.read(Buffer.alloc(4)), (err: unknown) => err instanceof ValidationError && err.code === "ReaderClosed");
      await assert.rejects(reader.slice(0, 4), (err: unknown) => err instanceof ValidationError && err.code === "ReaderClosed");
      assert.throws(() => reader.readLines(), ValidationError);
      assert.equal(log.requests.length, sentAfterOpen, "nothing was sent");
    });

    it("an abort mid-read rejects with AbortError; the reader reads on afterwards", async () => {
      const body = Buffer.alloc(3 * MiB, "a");
      await branch.object("text/abort.bin").upload(body);
      await using reader = await branch.object("text/abort.bin").open({ readAhead: 0 });
      const controller = new AbortController();
      const reading = reader.read(Buffer.alloc(3 * MiB), 0, 3 * MiB, 0, { signal: controller.signal });
      controller.abort(new Error("enough"));
      await assert.rejects(reading, (err: unknown) => err instanceof AbortError && (err.cause as Error).message === "enough");
      await assert.rejects(reader.slice(0, 4, { signal: AbortSignal.abort() }), AbortError);
      await assert.rejects(branch.object("text/abort.bin").open({ signal: AbortSignal.abort() }), AbortError);

      // Mid-way through readLines(): the next chunk is refused.
      const lines = new AbortController();
      await branch.object("text/lines-abort.txt").upload(Buffer.from("x\n".repeat(100_000)));
      await using lineReader = await branch.object("text/lines-abort.txt").open();
      let seen = 0;
      await assert.rejects(async () => {
        for await (const line of lineReader.readLines({ signal: lines.signal })) {
          assert.equal(line, "x");
          if (++seen === 10) lines.abort();
        }
      }, AbortError);
      assert.ok(seen >= 10 && seen < 100_000);
      assert.ok(Buffer.from(await reader.slice(0)).equals(body), "the reader still reads");
    });

    it("destroy() or an abort of the writer leaves no object and no multipart upload", async () => {
      const object = branch.object("written/destroyed.bin");
      // Destroyed after a part went up: the multipart upload is aborted before 'close'.
      let partSent!: () => void;
      const firstPart = new Promise<void>((resolve) => (partSent = resolve));
      const out = object.createWriteStream({ partSize: 5 * MiB, queueSize: 1, onProgress: () => partSent() });
      out.on("error", () => undefined);
      const chunk = Buffer.alloc(MiB, "d");
      void (async () => {
        for (let i = 0; i < 12 && !out.destroyed; i++) if (!out.write(chunk)) await Promise.race([once(out, "drain"), once(out, "close")]);
      })().catch(() => undefined);
      await firstPart;
      out.destroy(new Error("changed my mind"));
      await closed(out);
      await assert.rejects(out.result, /changed my mind/);
      assert.equal(await object.exists(), false);
      await assertNoMultipartLeft(repo);

      // Aborted through its signal mid-way.
      const controller = new AbortController();
      const aborted = object.createWriteStream({ partSize: 5 * MiB, queueSize: 1, signal: controller.signal, onProgress: () => controller.abort() });
      await assert.rejects(pipeline(Readable.from((function* () { for (let i = 0; i < 12; i++) yield chunk; })()), aborted), AbortError);
      await assert.rejects(aborted.result, AbortError);
      assert.equal(await object.exists(), false);
      await assertNoMultipartLeft(repo);

      // Destroyed before a byte was written: nothing was sent at all.
      const sent = log.requests.length;
      const idle = object.createWriteStream();
      idle.destroy();
      await closed(idle);
      await assert.rejects(idle.result, AbortError);
      assert.equal(log.requests.length, sent);

      // The web stream: abort() leaves nothing; close() resolves once the object is written.
      const web = object.createWritableStream();
      const w = web.getWriter();
      await w.write(new Uint8Array([1, 2, 3]));
      await w.abort(new Error("web abort"));
      await assert.rejects(web.result);
      assert.equal(await object.exists(), false);
      const done = branch.object("written/web.bin").createWritableStream();
      const dw = done.getWriter();
      await dw.write(new TextEncoder().encode("hello "));
      await dw.write(new TextEncoder().encode("web"));
      await dw.close();
      assert.equal((await done.result).size, 9);
      assert.equal(await branch.object("written/web.bin").text(), "hello web");
    });

    it("ifNoneMatch '*' (mode x): a write stream onto an existing object fails and leaves it as it was", { skip: dataPath === "presigned" && "presigned links carry If-None-Match only on a single PUT: streams take the gateway under auto" }, async () => {
      const object = branch.object("written/exclusive.txt");
      const first = object.createWriteStream({ ifNoneMatch: "*" });
      await pipeline(Readable.from(["first"]), first);
      assert.equal(await object.text(), "first");
      const second = object.createWriteStream({ ifNoneMatch: "*" });
      await assert.rejects(pipeline(Readable.from(["second"]), second), PreconditionFailedError);
      await assert.rejects(second.result, PreconditionFailedError);
      assert.equal(await object.text(), "first");
    });

    it("file descriptors are back to baseline after readers and writers, closed, destroyed and aborted", async () => {
      const before = openFds();
      const client = testClient(ctx.server, ctx.server.endpoint, { dataPath });
      const main = client.repository(repo).branch("main");
      for (let i = 0; i < 5; i++) {
        const reader: ObjectReader = await main.object("text/lines.txt").open();
        await reader.read(Buffer.alloc(100), 0, 100, 1000);
        for await (const _ of reader.readLines()) break;
        await reader.close();
        const out = main.object(`written/fd-${i}.txt`).createWriteStream();
        await pipeline(Readable.from([`fd ${i}`]), out);
        const gone = main.object("written/fd-gone.txt").createWriteStream();
        gone.write("x");
        gone.destroy();
        await closed(gone);
      }
      client.destroy();
      assert.deepEqual(await fdsSettled(before, 5_000), [], "descriptors and sockets opened since the start are all closed");
    });
  });
}
