import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { multipartPartSize, presignedUrlExpiry } from "../../src/handles/presigned-multipart.js";

describe("presigned multipart planning", () => {
  it("reads a SigV4 URL's expiry from X-Amz-Date and X-Amz-Expires", () => {
    const url = "http://127.0.0.1:9000/b/k?partNumber=1&X-Amz-Date=20261204T052000Z&X-Amz-Expires=900&X-Amz-Signature=abc";
    assert.equal(presignedUrlExpiry(url), Date.UTC(2026, 11, 4, 5, 35, 0));
  });

  it("has no expiry for URLs it cannot read (other stores)", () => {
    assert.equal(presignedUrlExpiry("https://acct.blob.core.windows.net/c/k?se=2026-12-04T06%3A00%3A00Z&sig=abc"), undefined);
  });

  it("keeps the requested part size while 10,000 parts suffice, else raises it in whole MiB", () => {
    const MiB = 1024 * 1024;
    assert.equal(multipartPartSize(1024 * MiB, 8 * MiB), 8 * MiB);
    assert.equal(multipartPartSize(100_000 * MiB, 8 * MiB), 10 * MiB);
    assert.ok(Math.ceil((100_000 * MiB) / multipartPartSize(100_000 * MiB, 5 * MiB)) <= 10_000);
  });
});
