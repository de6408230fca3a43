import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { displayUrl, redact } from "../../src/errors/redact.js";

describe("redact", () => {
  it("hides the password of a URL's user-info, keeping the user name", () => {
    assert.equal(redact("connect via http://alice:s3cr3t-pass@proxy.example:3128 failed"), "connect via http://alice:***@proxy.example:3128 failed");
    assert.equal(redact("https://bob@proxy:8443/"), "https://bob:***@proxy:8443/");
  });

  it("hides presigned-URL signatures, tokens and credentials", () => {
    const url =
      "https://host/repo/main/a?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAJ%2F20260101%2Fus-east-1&X-Amz-Signature=abcdef0123&X-Amz-Security-Token=tok123";
    const out = redact(url);
    assert.equal(
      out,
      "https://host/repo/main/a?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Security-Token=***",
    );
    assert.equal(redact("GET /b/k?AWSAccessKeyId=AKIA1&Signature=zzz&Expires=1"), "GET /b/k?AWSAccessKeyId=***&Signature=***&Expires=1");
  });

  it("hides authorization header values, as header lines and as key=value", () => {
    assert.equal(redact("authorization: Basic QUtJQTpzZWNyZXQ=\nhost: x"), "authorization: ***\nhost: x");
    assert.equal(redact("Proxy-Authorization: Basic dXNlcjpwdw==\r\n"), "Proxy-Authorization: ***\r\n");
    assert.equal(redact('{ authorization="Bearer eyJhbGciOi.abc", x: 1 }'), '{ authorization="***", x: 1 }');
  });

  it("hides each given secret wherever it occurs", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    assert.equal(redact(`bad key ${secret}, again ${secret}`, [secret, undefined]), "bad key ***, again ***");
  });

  it("leaves values shorter than 8 characters alone, so that ordinary words survive", () => {
    assert.equal(redact("the main branch", ["main", "", undefined]), "the main branch");
  });

  it("leaves text without secrets unchanged", () => {
    const text = "GetObject: lakeFS at http://127.0.0.1:8000 answered 404 (NoSuchKey)";
    assert.equal(redact(text), text);
  });
});

describe("displayUrl", () => {
  it("masks a password and drops the trailing slash", () => {
    assert.equal(displayUrl("http://user:pw@proxy.example:3128/"), "http://user:***@proxy.example:3128");
    assert.equal(displayUrl(new URL("https://lakefs.example.com/")), "https://lakefs.example.com");
  });

  it("masks signatures of a presigned URL given as an endpoint", () => {
    assert.equal(displayUrl("https://h/k?X-Amz-Signature=abc&x=1"), "https://h/k?X-Amz-Signature=***&x=1");
  });

  it("falls back to redact for text that is not a URL", () => {
    assert.equal(displayUrl("not a url authorization: Bearer abc"), "not a url authorization: ***");
  });
});
