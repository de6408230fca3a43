/**
 * Property-based tests (fast-check) of the lakeFS URI parser and formatter
 * in src/uri: any string either parses or throws a ValidationError; what
 * parses formats back to a URI that parses to the same parts; formatting
 * valid parts and parsing them gives the parts back, for either scheme and
 * for paths of any Unicode text.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { LakeFSError, ValidationError, formatLakeFSUri, parseLakeFSUri, type LakeFSUri } from "../../src/index.js";

const repoName = fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,30}$/);
const ref = fc.oneof(
  fc.stringMatching(/^\w[-\w]{0,20}$/),
  fc.stringMatching(/^[0-9a-f]{64}$/),
  fc.stringMatching(/^\w{1,10}(~[0-9]|\^[0-9]?){1,3}$/),
  fc.stringMatching(/^v[0-9]\.[0-9]\.[0-9]$/),
);
const segment = fc
  .string({ minLength: 1, maxLength: 16, unit: fc.oneof(fc.constant("x"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })) })
  .filter((s) => !s.includes("/") && s !== "." && s !== ".." && !/[\u0000-\u001f\u007f]/.test(s));
const path = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join("/"));
const scheme = fc.constantFrom("lakefs", "s3") as fc.Arbitrary<"lakefs" | "s3">;

function tryParse(uri: string): LakeFSUri | LakeFSError {
  try {
    return parseLakeFSUri(uri);
  } catch (err) {
    assert.ok(err instanceof ValidationError, `parseLakeFSUri(${JSON.stringify(uri)}) threw ${String(err)}`);
    return err;
  }
}

describe("lakeFS URIs (property)", () => {
  it("any string parses or throws a ValidationError, and what parses round-trips through formatLakeFSUri", () => {
    const uriLike = fc.oneof(
      fc.string(),
      fc.tuple(fc.constantFrom("lakefs://", "s3://", "LAKEFS://", "http://", "lakefs:/", ""), fc.string({ unit: fc.constantFrom("a", "b", "1", "-", "/", "~", ".", "é", " ", "\u0001") })).map(([s, rest]) => s + rest),
      fc.tuple(repoName, ref, path).map(([r, f, p]) => `lakefs://${r}/${f}/${p}`),
    );
    fc.assert(
      fc.property(uriLike, (uri) => {
        const parsed = tryParse(uri);
        if (parsed instanceof LakeFSError) return;
        const again = parseLakeFSUri(formatLakeFSUri(parsed));
        assert.deepEqual(again, parsed);
      }),
      { numRuns: 1000 },
    );
  });

  it("format then parse gives the parts back, for both schemes, with Unicode paths and prefixes ending in /", () => {
    fc.assert(
      fc.property(repoName, ref, path, fc.boolean(), scheme, (repository, r, p, prefix, s) => {
        const parts = { repository, ref: r, path: prefix ? `${p}/` : p };
        if (Buffer.byteLength(`${r}/${parts.path}`) > 1024) return;
        const uri = formatLakeFSUri(parts, { scheme: s });
        assert.ok(uri.startsWith(`${s}://${repository}/${r}/`));
        assert.deepEqual(parseLakeFSUri(uri), parts);
      }),
      { numRuns: 500 },
    );
  });

  it("the scheme is case-insensitive and s3:// means the same as lakefs://", () => {
    fc.assert(
      fc.property(repoName, ref, path, fc.constantFrom("lakefs", "LakeFS", "LAKEFS", "s3", "S3"), (repository, r, p, s) => {
        assert.deepEqual(parseLakeFSUri(`${s}://${repository}/${r}/${p}`), parseLakeFSUri(`lakefs://${repository}/${r}/${p}`));
      }),
    );
  });

  it("a repository-only or ref-only URI parses to just those parts", () => {
    fc.assert(
      fc.property(repoName, ref, (repository, r) => {
        assert.deepEqual(parseLakeFSUri(`lakefs://${repository}`), { repository });
        assert.deepEqual(parseLakeFSUri(`lakefs://${repository}/`), { repository });
        assert.deepEqual(parseLakeFSUri(`lakefs://${repository}/${r}`), { repository, ref: r, path: "" });
      }),
    );
  });
});
