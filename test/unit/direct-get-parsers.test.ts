/**
 * The pure parts of the direct receiver (src/http/direct): the response head
 * parser, body framing (Content-Length, chunked, until close) and the request
 * head. Every input is also fed split at every byte, as a socket may cut it.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { HttpRequest } from "@smithy/protocol-http";
import { bodyFraming } from "../../src/http/direct/body-framing.js";
import { requestHead } from "../../src/http/direct/request-head.js";
import { MAX_HEAD_BYTES, parseResponseHead } from "../../src/http/direct/response-head.js";

/** Runs `framing` over `wire` cut into the given pieces; returns the body and the bytes left over. */
function frame(status: number, headers: Record<string, string>, pieces: Buffer[]): { body: string; rest: number; done: boolean } {
  const framing = bodyFraming(status, headers);
  const out: Buffer[] = [];
  let rest = 0;
  for (const piece of pieces) {
    const taken = framing.take(piece, (chunk) => {
      assert.equal(chunk.buffer, piece.buffer, "chunks are views of the received bytes, not copies");
      out.push(chunk);
    });
    rest += piece.length - taken;
  }
  return { body: Buffer.concat(out).toString(), rest, done: framing.done };
}

/** Every way of cutting `wire` in two, plus one byte at a time. */
function cuts(wire: Buffer): Buffer[][] {
  const all: Buffer[][] = [];
  for (let i = 0; i <= wire.length; i++) all.push([wire.subarray(0, i), wire.subarray(i)]);
  all.push([...wire].map((b) => Buffer.from([b])));
  return all;
}

describe("parseResponseHead", () => {
  const head = "HTTP/1.1 206 Partial Content\r\nContent-Length: 5\r\nETag: \"abc\"\r\nX-Dup: a\r\nx-dup: b\r\n\r\n";

  it("parses status, reason and headers (lower-cased, repeats joined) and the head's length", () => {
    const parsed = parseResponseHead(Buffer.from(`${head}hello`));
    assert.deepEqual(parsed, {
      status: 206,
      reason: "Partial Content",
      http10: false,
      headers: { "content-length": "5", etag: '"abc"', "x-dup": "a,b" },
      length: head.length,
    });
  });

  it("waits for the blank line wherever the socket cuts the head", () => {
    for (let i = 0; i < head.length; i++) assert.equal(parseResponseHead(Buffer.from(head.slice(0, i))), undefined, `cut at ${i}`);
  });

  it("refuses what is not an HTTP/1.x response, and heads over the limit", () => {
    assert.throws(() => parseResponseHead(Buffer.from("SSH-2.0-OpenSSH\r\n")), { code: "HPE_INVALID_CONSTANT" });
    assert.throws(() => parseResponseHead(Buffer.from("HTTP/2 200\r\n\r\n")), { code: "HPE_INVALID_CONSTANT" });
    assert.throws(() => parseResponseHead(Buffer.from("HTTP/1.1 200 OK\r\nbad header\r\n\r\n")), { code: "HPE_INVALID_CONSTANT" });
    assert.throws(() => parseResponseHead(Buffer.from(`HTTP/1.1 200 OK\r\nx: ${"a".repeat(MAX_HEAD_BYTES)}`)), { code: "HPE_HEADER_OVERFLOW" });
  });

  it("tells HTTP/1.0 answers apart (they close unless they say keep-alive)", () => {
    assert.equal(parseResponseHead(Buffer.from("HTTP/1.0 200 OK\r\n\r\n"))?.http10, true);
  });
});

describe("bodyFraming", () => {
  it("Content-Length: exactly that many bytes, the rest left over, however the bytes arrive", () => {
    const wire = Buffer.from("hello, world!EXTRA");
    for (const pieces of cuts(wire)) assert.deepEqual(frame(200, { "content-length": "13" }, pieces), { body: "hello, world!", rest: 5, done: true });
  });

  it("chunked: sizes, extensions and trailers split anywhere; what follows the last chunk is left over", () => {
    const wire = Buffer.from("5;ext=1\r\nhello\r\n8\r\n, world!\r\n0\r\nTrailer: x\r\n\r\nNEXT");
    for (const pieces of cuts(wire)) assert.deepEqual(frame(200, { "transfer-encoding": "chunked" }, pieces), { body: "hello, world!", rest: 4, done: true });
  });

  it("chunked wins over Content-Length; another coding, or no length, ends at close", () => {
    assert.equal(frame(200, { "transfer-encoding": "chunked", "content-length": "3" }, [Buffer.from("2\r\nab\r\n0\r\n\r\n")]).body, "ab");
    const close = bodyFraming(200, { "transfer-encoding": "gzip" });
    assert.equal(close.endsAtClose, true);
    assert.equal(bodyFraming(200, {}).endsAtClose, true);
  });

  it("no body for 204 and 304; repeated equal lengths are one length", () => {
    assert.equal(bodyFraming(204, { "content-length": "9" }).done, true);
    assert.equal(bodyFraming(304, {}).done, true);
    assert.equal(bodyFraming(200, { "content-length": "4, 4" }).remaining, 4);
  });

  it("refuses malformed framing with Node's parser codes", () => {
    assert.throws(() => bodyFraming(200, { "content-length": "4, 5" }), { code: "HPE_UNEXPECTED_CONTENT_LENGTH" });
    assert.throws(() => bodyFraming(200, { "content-length": "-1" }), { code: "HPE_UNEXPECTED_CONTENT_LENGTH" });
    assert.throws(() => frame(200, { "transfer-encoding": "chunked" }, [Buffer.from("zz\r\n")]), { code: "HPE_INVALID_CHUNK_SIZE" });
    assert.throws(() => frame(200, { "transfer-encoding": "chunked" }, [Buffer.from("2\r\nabX\r\n")]), { code: "HPE_INVALID_CHUNK_SIZE" });
  });
});

describe("requestHead", () => {
  it("writes the path, the query encoded as the SDK signs it, the headers and a host", () => {
    const request = new HttpRequest({
      method: "GET",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 8000,
      path: "/repo/main/a%20b",
      query: { "x-id": "GetObject", "versionId": "v(1)!", flag: null as unknown as string },
      headers: { range: "bytes=0-9" },
    });
    assert.equal(
      requestHead(request),
      "GET /repo/main/a%20b?x-id=GetObject&versionId=v%281%29%21&flag HTTP/1.1\r\nrange: bytes=0-9\r\nhost: 127.0.0.1:8000\r\n\r\n",
    );
  });

  it("refuses header names and values, and paths, that could split the request", () => {
    const base = { method: "GET", protocol: "http:", hostname: "h", path: "/" };
    assert.throws(() => requestHead(new HttpRequest({ ...base, headers: { range: "bytes=0-1\r\nx: y" } })), { code: "ERR_INVALID_CHAR" });
    assert.throws(() => requestHead(new HttpRequest({ ...base, headers: { "bad name": "x" } })), { code: "ERR_INVALID_CHAR" });
    assert.throws(() => requestHead(new HttpRequest({ ...base, path: "/a b", headers: {} })), { code: "ERR_INVALID_CHAR" });
  });
});
