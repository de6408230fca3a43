import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ListObjectsV2CommandOutput } from "@aws-sdk/client-s3";
import { pageEntries } from "../../src/gateway/objects/list-objects.js";

const when = new Date("2026-01-02T03:04:05Z");
const strip = (key: string): string => key.replace(/^main\//, "");

/** A ListObjectsV2 page as the SDK parses it from the gateway's XML. */
function page(keys: readonly string[], prefixes: readonly string[]): ListObjectsV2CommandOutput {
  return {
    $metadata: { httpStatusCode: 200 },
    Contents: keys.map((Key) => ({ Key, Size: Key.length, ETag: `"etag-${Key}"`, LastModified: when })),
    CommonPrefixes: prefixes.map((Prefix) => ({ Prefix })),
  };
}

const paths = (p: ListObjectsV2CommandOutput) => [...pageEntries(p, strip)].map((e) => `${e.type}:${e.path}`);

describe("pageEntries (the merge of objects and common prefixes in one listing page)", () => {
  it("interleaves objects and prefixes in key order", () => {
    assert.deepEqual(paths(page(["main/a.csv", "main/c.csv", "main/e.csv"], ["main/b/", "main/d/"])), [
      "object:a.csv",
      "prefix:b/",
      "object:c.csv",
      "prefix:d/",
      "object:e.csv",
    ]);
  });

  it("orders by UTF-8 bytes as S3 does, not by UTF-16 code units", () => {
    // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (4 bytes, F0 9F 98 80) in bytes, after it in UTF-16.
    assert.deepEqual(paths(page(["main/\u{1F600}.txt"], ["main/\uFF5E/"])), ["prefix:\uFF5E/", "object:\u{1F600}.txt"]);
    assert.deepEqual(paths(page(["main/\uFF5E.txt"], ["main/\u{1F600}/"])), ["object:\uFF5E.txt", "prefix:\u{1F600}/"]);
  });

  it("puts an object before a prefix with the same text", () => {
    assert.deepEqual(paths(page(["main/x/"], ["main/x/"])), ["object:x/", "prefix:x/"]);
  });

  it("gives objects their size, unquoted ETag and date, paths relative to the ref", () => {
    assert.deepEqual([...pageEntries(page(["main/data/a.csv"], []), strip)], [
      { type: "object", path: "data/a.csv", size: "main/data/a.csv".length, etag: "etag-main/data/a.csv", lastModified: when },
    ]);
  });

  it("handles pages with only objects, only prefixes, or nothing (the SDK leaves the lists undefined)", () => {
    assert.deepEqual(paths(page(["main/a", "main/b"], [])), ["object:a", "object:b"]);
    assert.deepEqual(paths(page([], ["main/p/", "main/q/"])), ["prefix:p/", "prefix:q/"]);
    assert.deepEqual(paths({ $metadata: {} }), []);
  });

  it("fills in missing fields of a sparse entry rather than failing", () => {
    const [entry] = [...pageEntries({ $metadata: {}, Contents: [{ Key: "main/k" }] }, strip)];
    assert.deepEqual(entry, { type: "object", path: "k", size: 0, etag: "", lastModified: new Date(0) });
  });
});
