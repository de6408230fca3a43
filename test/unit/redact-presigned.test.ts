import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { displayUrl, redact } from "../../src/errors/redact.js";

describe("redact masks presigned URLs of every store", () => {
  const cases = {
    "S3 SigV4": "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261204%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    GCS: "https://storage.googleapis.com/b/k?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40p.iam.gserviceaccount.com%2F20261204&X-Goog-Signature=deadbeefdeadbeefdeadbeefdeadbeef",
    "Azure SAS": "https://acct.blob.core.windows.net/c/k?sv=2023-11-03&se=2026-12-04T06%3A00%3A00Z&sr=b&sp=r&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%2B%2F%3D",
  };
  for (const [store, url] of Object.entries(cases)) {
    it(`${store}: no signature or credential left, the rest kept`, () => {
      for (const out of [redact(`GET ${url} failed`), displayUrl(url)]) {
        assert.doesNotMatch(out, /(Signature|Credential|sig)=(?!\*\*\*)/);
        assert.ok(out.includes(new URL(url).host), out);
      }
    });
  }

  it("leaves words that merely end in 'sig' alone", () => {
    assert.equal(redact("config=1&xsig=abc"), "config=1&xsig=abc");
  });
});
