/**
 * uploadObject's body preparation reads an `fs.createReadStream(path)` 1 MiB
 * at a time, as it reads `{ file }`, and hands on the same bytes. Local files
 * only, no lakeFS.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { prepareUploadBody } from "../../src/gateway/objects/upload-body.js";

const MiB = 1024 * 1024;

async function chunksOf(body: unknown): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of body as AsyncIterable<Buffer>) out.push(c);
  return out;
}

describe("prepareUploadBody with an fs.ReadStream", () => {
  const dir = mkdtempSync(join(tmpdir(), "upload-body-"));
  const file = join(dir, "src.bin");
  const data = randomBytes(3 * MiB + 5);
  writeFileSync(file, data);

  it("reads a default file stream in 1 MiB chunks, byte-exact", async () => {
    const prepared = await prepareUploadBody(createReadStream(file), new AbortController().signal, 1e12, () => {});
    const chunks = await chunksOf(prepared.body);
    assert.deepEqual(chunks.map((c) => c.length), [MiB, MiB, MiB, 5]);
    assert.ok(Buffer.concat(chunks).equals(data));
    assert.equal(prepared.bytesRead(), data.length);
  });

  it("keeps the stream's own range and a larger highWaterMark", async () => {
    const ranged = await prepareUploadBody(createReadStream(file, { start: 10, end: MiB + 9 }), new AbortController().signal, 1e12, () => {});
    assert.ok(Buffer.concat(await chunksOf(ranged.body)).equals(data.subarray(10, MiB + 10)));
    const wide = await prepareUploadBody(createReadStream(file, { highWaterMark: 2 * MiB }), new AbortController().signal, 1e12, () => {});
    assert.deepEqual((await chunksOf(wide.body)).map((c) => c.length), [2 * MiB, MiB + 5]);
    rmSync(dir, { recursive: true, force: true });
  });
});
