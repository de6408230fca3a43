/**
 * The object reader's parts that need no server: the read-ahead's windows
 * (what each read fetches, the memory bound) over an in-memory range source
 * (the engine's adapter interface, as the gateway and the store implement
 * it), the version check, and line splitting.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { PreconditionFailedError } from "../../src/errors/input-errors.js";
import type { ByteSpan, RangeSource } from "../../src/model/transfer-adapter.js";
import { openObjectReader } from "../../src/transfer/object-reader.js";
import { checkOpenOptions } from "../../src/transfer/open-options.js";
import { splitLines } from "../../src/transfer/split-lines.js";
import { ValidationError } from "../../src/errors/input-errors.js";

const KiB = 1024;

/** A range source over bytes in memory that records every span it is asked for and the bytes in flight at most. */
function memorySource(initial: Uint8Array): RangeSource & { spans: ByteSpan[]; peakInFlight: number; data: Uint8Array; etag: string } {
  let inFlight = 0;
  const source = {
    operation: "open",
    maxAttempts: 1,
    retriesAnswers: true,
    spans: [] as ByteSpan[],
    peakInFlight: 0,
    data: initial,
    etag: "v1",
    async open(span: ByteSpan, etag: string | undefined) {
      if (etag !== undefined && etag !== source.etag) throw new PreconditionFailedError("changed");
      source.spans.push(span);
      const bytes = Buffer.from(source.data.subarray(span.start, span.end + 1));
      inFlight += bytes.length;
      source.peakInFlight = Math.max(source.peakInFlight, inFlight);
      const body = Readable.from([bytes]).once("close", () => (inFlight -= bytes.length));
      return { body, size: source.data.byteLength, etag: source.etag };
    },
  };
  return source;
}

const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31) % 251);
const spanLength = (s: ByteSpan): number => s.end - s.start + 1;

describe("ObjectReader read-ahead", () => {
  it("random reads fetch exactly their bytes, straight into the caller's buffer", async () => {
    const data = bytes(1024 * KiB);
    const source = memorySource(data);
    const reader = await openObjectReader(source, checkOpenOptions({}), { what: "repo/main/x" });
    assert.deepEqual(source.spans, [{ start: 0, end: 0 }], "the open reads one byte");
    for (const at of [900 * KiB, 10 * KiB, 500 * KiB]) {
      const { bytesRead, buffer } = await reader.read(Buffer.alloc(4 * KiB), 0, 4 * KiB, at);
      assert.equal(bytesRead, 4 * KiB);
      assert.ok(buffer.equals(data.subarray(at, at + 4 * KiB)));
    }
    assert.deepEqual(source.spans.slice(1).map(spanLength), [4 * KiB, 4 * KiB, 4 * KiB]);
    assert.equal(reader.bytesFetched, 1 + 12 * KiB);
  });

  it("sequential reads grow a window up to readAhead, fetch the next one ahead, and hold at most 2 × readAhead", async () => {
    const data = bytes(8192 * KiB);
    const source = memorySource(data);
    const readAhead = 1024 * KiB;
    const reader = await openObjectReader(source, checkOpenOptions({ readAhead }), { what: "repo/main/x" });
    const out: Buffer[] = [];
    for (let at = 0; at < data.byteLength; at += 16 * KiB) out.push((await reader.read(Buffer.alloc(16 * KiB), 0, 16 * KiB, at)).buffer);
    assert.ok(Buffer.concat(out).equals(data));
    const sizes = source.spans.slice(1).map(spanLength);
    assert.equal(sizes[0], 16 * KiB, "the first read of a run is fetched as asked");
    assert.ok(sizes.length < 8192 / 16 / 4, `far fewer requests than reads (${sizes.length})`);
    assert.equal(Math.max(...sizes), readAhead, "windows grow to readAhead and no further");
    assert.ok(sizes.slice(1, -1).every((s, i) => s >= sizes[i]!), "and never shrink before the end");
    assert.equal(reader.bytesFetched, 1 + data.byteLength, "every byte fetched once");
    assert.ok(source.peakInFlight <= 2 * readAhead, `bytes in flight at most 2 × readAhead (${source.peakInFlight})`);
  });

  it("readAhead 0 fetches every read as asked", async () => {
    const source = memorySource(bytes(256 * KiB));
    const reader = await openObjectReader(source, checkOpenOptions({ readAhead: 0 }), { what: "repo/main/x" });
    for (let at = 0; at < 256 * KiB; at += 64 * KiB) await reader.read(Buffer.alloc(64 * KiB), 0, 64 * KiB, at);
    assert.deepEqual(source.spans.slice(1).map(spanLength), [64 * KiB, 64 * KiB, 64 * KiB, 64 * KiB]);
  });

  it("a read of another version fails with PreconditionFailedError, never mixing bytes", async () => {
    const source = memorySource(bytes(64 * KiB));
    const reader = await openObjectReader(source, checkOpenOptions({}), { what: "repo/main/x" });
    source.etag = "v2";
    await assert.rejects(reader.slice(0, 10), (err: unknown) => err instanceof PreconditionFailedError && /changed while it was open/.test(err.message));
  });

  it("bad options are a ValidationError", () => {
    for (const readAhead of [-1, 1.5, Number.NaN, 2 * 1024 * 1024 * 1024]) assert.throws(() => checkOpenOptions({ readAhead }), ValidationError);
    assert.deepEqual(checkOpenOptions({}), { readAhead: 4 * 1024 * KiB });
  });
});

describe("splitLines", () => {
  async function lines(chunks: readonly (string | Uint8Array)[]): Promise<string[]> {
    const out: string[] = [];
    const source = (async function* () {
      for (const c of chunks) yield typeof c === "string" ? new TextEncoder().encode(c) : c;
    })();
    for await (const line of splitLines(source)) out.push(line);
    return out;
  }

  it("splits on \\n and \\r\\n across chunks, keeps a last line without a terminator", async () => {
    assert.deepEqual(await lines(["a,b\r", "\nc", "d\n\nlast"]), ["a,b", "cd", "", "last"]);
    assert.deepEqual(await lines(["one\n"]), ["one"]);
    assert.deepEqual(await lines([]), []);
  });

  it("decodes a character split between two chunks whole", async () => {
    const euro = new TextEncoder().encode("€\n");
    assert.deepEqual(await lines([euro.subarray(0, 1), euro.subarray(1)]), ["€"]);
  });
});
