import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { bucketResolver, mapCopySource } from "../../src/gateway/branch-scope/bucket-mapping.js";
import { rewriteInput, rewriteOutput } from "../../src/gateway/branch-scope/rewrite.js";
import { ReadOnlyRefError, ValidationError } from "../../src/index.js";

// Rewriting is what these tests are about: the resolver maps every bucket name (strict binding is tested below and in branch-scope.test.ts).
const resolve = bucketResolver({ repository: "lake", branch: "dev", anyBucket: true });

describe("branch-scope rewriting", () => {
  it("prefixes keys, prefixes and markers, and scopes listings to the branch", () => {
    const put = rewriteInput({ Bucket: "my-data", Key: "a/b.csv" }, resolve, "PutObjectCommand");
    assert.deepEqual(put?.input, { Bucket: "lake", Key: "dev/a/b.csv" });
    const list = rewriteInput({ Bucket: "my-data", StartAfter: "a" }, resolve, "ListObjectsV2Command");
    assert.deepEqual(list?.input, { Bucket: "lake", StartAfter: "dev/a", Prefix: "dev/" });
    const del = rewriteInput({ Bucket: "my-data", Delete: { Objects: [{ Key: "x" }, { Key: "y/z" }] } }, resolve, "DeleteObjectsCommand");
    assert.deepEqual(del?.input.Delete, { Objects: [{ Key: "dev/x" }, { Key: "dev/y/z" }] });
    assert.equal(rewriteInput({}, resolve, "ListBucketsCommand"), undefined);
  });

  it("strips the prefix from outputs and restores the bucket name", () => {
    const state = { bucket: "my-data", keyPrefix: "dev/" };
    const out = rewriteOutput(
      {
        Name: "lake",
        Prefix: "dev/reports/",
        Contents: [{ Key: "dev/reports/a.csv", Size: 1 }],
        CommonPrefixes: [{ Prefix: "dev/reports/2026/" }],
        NextContinuationToken: "opaque",
        Errors: [{ Key: "dev/x", Code: "AccessDenied" }],
      },
      state,
    );
    assert.deepEqual(out, {
      Name: "my-data",
      Prefix: "reports/",
      Contents: [{ Key: "reports/a.csv", Size: 1 }],
      CommonPrefixes: [{ Prefix: "reports/2026/" }],
      NextContinuationToken: "opaque",
      Errors: [{ Key: "x", Code: "AccessDenied" }],
    });
  });

  it("rewrites CopySource with per-segment percent-encoding", () => {
    assert.equal(mapCopySource("my-data/tmp/a b+c.txt", resolve), "lake/dev/tmp/a%20b%2Bc.txt");
    assert.equal(mapCopySource("/my-data/tmp%2Fa%20b%2Bc.txt?versionId=1", resolve), "lake/dev/tmp/a%20b%2Bc.txt?versionId=1");
    assert.throws(() => mapCopySource("nokey", resolve), ValidationError);
  });

  it("a single target binds to the first bucket name (or the given ones) and refuses others naming both", () => {
    const strict = bucketResolver({ repository: "lake", branch: "dev" });
    assert.equal(strict("raw").branch, "dev");
    assert.equal(strict("raw").repository, "lake");
    assert.throws(() => strict("curated"), (err: unknown) => err instanceof ValidationError && err.code === "BucketNotBound" && /"curated".*bound to "raw"/.test(err.message));
    const given = bucketResolver({ repository: "lake", branch: "dev", bucket: ["a", "b"] });
    assert.equal(given("b").branch, "dev");
    assert.throws(() => given("c"), /bound to "a", "b"/);
    assert.deepEqual([...(given.owned?.() ?? new Map()).keys()], ["a", "b"]);
  });

  it("validates the mapping up front", () => {
    assert.throws(() => bucketResolver({ repository: "Bad", branch: "main" }), ValidationError);
    assert.throws(() => bucketResolver({ repository: "lake", branch: "main~1" }), ReadOnlyRefError);
    assert.throws(() => bucketResolver({}), /empty/);
  });

  it("input then output rewriting gives back the user's keys (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (key) => {
        const rewritten = rewriteInput({ Bucket: "b", Key: key }, resolve, "PutObjectCommand")!;
        assert.equal(rewritten.input.Key, `dev/${key}`);
        assert.deepEqual(rewriteOutput({ Key: rewritten.input.Key }, rewritten.state), { Key: key });
      }),
    );
  });
});
