import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { contentMd5 } from "../../src/handles/presigned-content-md5.js";

const md5 = (bytes: Uint8Array): string => createHash("md5").update(bytes).digest("base64");

describe("Content-MD5 of a presigned PUT's body", () => {
  const bytes = randomBytes(3 * 1024 * 1024 + 5); // more than one 1 MiB file read

  it("is the base64 MD5 of the bytes, whatever kind of body holds them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-md5-"));
    const file = join(dir, "body.bin");
    writeFileSync(file, bytes);
    assert.equal(await contentMd5(bytes), md5(bytes));
    assert.equal(await contentMd5(new Blob([bytes])), md5(bytes));
    assert.equal(await contentMd5({ file }), md5(bytes));
    assert.equal(await contentMd5({ file: pathToFileURL(file) }), md5(bytes));
  });

  it("hashes a string as its UTF-8 bytes", async () => {
    const text = "zürich ✓";
    assert.equal(await contentMd5(text), md5(Buffer.from(text, "utf8")));
  });

  it("stops reading a file when the call is aborted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-md5-"));
    const file = join(dir, "body.bin");
    writeFileSync(file, bytes);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(contentMd5({ file }, controller.signal), { name: "AbortError" });
  });
});
