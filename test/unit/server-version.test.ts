import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compareServerVersions, parseServerVersion, serverVersionVerdict } from "../../src/client/server-version.js";

describe("server version policy", () => {
  it("parses release numbers with or without v and a pre-release suffix", () => {
    assert.deepEqual(parseServerVersion("1.86.0"), { major: 1, minor: 86, patch: 0 });
    assert.deepEqual(parseServerVersion("v1.82.3-rc.1"), { major: 1, minor: 82, patch: 3 });
    assert.equal(parseServerVersion("dev"), undefined);
    assert.equal(parseServerVersion("1.86"), undefined);
  });

  it("compares numerically, not as text", () => {
    const v = (s: string) => parseServerVersion(s)!;
    assert.ok(compareServerVersions(v("1.9.0"), v("1.86.0")) < 0);
    assert.ok(compareServerVersions(v("2.0.0"), v("1.86.9")) > 0);
    assert.equal(compareServerVersions(v("1.86.0"), v("v1.86.0")), 0);
  });

  it("refuses releases older than the oldest tested one, naming the version and the fix", () => {
    const verdict = serverVersionVerdict("1.80.0");
    assert.equal(verdict.supported, false);
    assert.match(verdict.message ?? "", /lakeFS 1\.80\.0 is older than 1\.82\.0.*upgrade/);
  });

  it("supports the older leg with a warning about the security fixes it lacks", () => {
    const verdict = serverVersionVerdict("1.82.0");
    assert.equal(verdict.supported, true);
    assert.match(verdict.message ?? "", /GHSA-gf2q-q6wc-x7fm/);
  });

  it("supports the tested release and its patches without a message", () => {
    for (const version of ["1.86.0", "1.86.2", "1.90.0"]) assert.deepEqual(serverVersionVerdict(version), { version, supported: true, message: undefined });
  });

  it("warns on a newer major release and on a version that is no release number", () => {
    assert.match(serverVersionVerdict("2.0.0").message ?? "", /newer than 1\.86\.0/);
    assert.equal(serverVersionVerdict("dev").supported, true);
    assert.match(serverVersionVerdict("dev").message ?? "", /not a release number/);
  });
});
