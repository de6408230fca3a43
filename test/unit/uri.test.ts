import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ValidationError, formatLakeFSUri, parseLakeFSUri } from "../../src/index.js";

const repoName = fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,20}$/);
const branchName = fc.stringMatching(/^\w[-\w]{0,20}$/);
const segment = fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" }).filter((s) => !s.includes("/") && s !== "." && s !== ".." && !/[\u0000-\u001f\u007f]/.test(s));
const objectPath = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join("/"));

describe("lakeFS URIs", () => {
  it("parses the three shapes", () => {
    assert.deepEqual(parseLakeFSUri("lakefs://my-repo"), { repository: "my-repo" });
    assert.deepEqual(parseLakeFSUri("lakefs://my-repo/main/"), { repository: "my-repo", ref: "main", path: "" });
    assert.deepEqual(parseLakeFSUri("s3://my-repo/main~1/data/a b+c.csv"), { repository: "my-repo", ref: "main~1", path: "data/a b+c.csv" });
    assert.deepEqual(parseLakeFSUri("lakefs://my-repo/main/dir/"), { repository: "my-repo", ref: "main", path: "dir/" });
  });

  it("rejects bad input with a ValidationError that names the part", () => {
    const cases: Array<[string, RegExp]> = [
      ["http://repo/main/x", /scheme must be lakefs:\/\/ or s3:\/\//],
      ["lakefs://Bad_Repo/main/x", /Invalid repository name/],
      ["lakefs://ab/main/x", /Invalid repository name/],
      ["lakefs:/repo/main", /expected lakefs:\/\/repository\/ref\/path/],
      ["lakefs://repo1/main/a/../b", /'\.' and '\.\.' segments/],
      ["lakefs://repo1/main/a\u0001b", /control character/],
      [`lakefs://repo1/main/${"x".repeat(1100)}`, /too long/],
    ];
    for (const [uri, message] of cases) {
      assert.throws(() => parseLakeFSUri(uri), (err: unknown) => err instanceof ValidationError && message.test(err.message), uri);
    }
    assert.throws(() => formatLakeFSUri({ repository: "repo1", path: "x" }), ValidationError);
  });

  it("format and parse are inverse (property)", () => {
    fc.assert(
      fc.property(repoName, branchName, objectPath, fc.constantFrom("lakefs", "s3") as fc.Arbitrary<"lakefs" | "s3">, (repository, ref, path, scheme) => {
        const uri = formatLakeFSUri({ repository, ref, path }, { scheme });
        assert.deepEqual(parseLakeFSUri(uri), { repository, ref, path });
      }),
      { numRuns: 300 },
    );
  });

  it("never throws anything but ValidationError on arbitrary strings (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          parseLakeFSUri(`lakefs://${text}`);
        } catch (err) {
          assert.ok(err instanceof ValidationError, String(err));
        }
      }),
      { numRuns: 500 },
    );
  });
});
