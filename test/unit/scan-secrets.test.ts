/**
 * `scripts/scan-secrets.ts`, the sweep `.ci/run` runs over every log of a test
 * run: it finds the suite's secrets in each form, names the line, and never
 * prints the secret it found.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_CREDENTIALS } from "../../tools/lakefs/server.js";
import { PROXY_PASSWORD, PROXY_USER, SESSION_TOKEN } from "../support/test-secrets.js";

const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-scan-"));

function scan(name: string, text: string): { status: number | null; out: string } {
  const file = join(dir, name);
  writeFileSync(file, text);
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/scan-secrets.ts", file], { encoding: "utf8" });
  return { status: result.status, out: result.stdout + result.stderr };
}

describe("scan-secrets", () => {
  it("passes a log without secrets, naming what it searched", () => {
    const { status, out } = scan("clean.log", `ok 1 - uploads\naccess key ${TEST_CREDENTIALS.accessKeyId} (the id is not secret)\n`);
    assert.equal(status, 0, out);
    assert.match(out, /no secret in 1 files, 3 lines/);
  });

  it("finds each form (plain, URL-encoded, Basic auth) on its line and never prints it", () => {
    const basic = Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString("base64");
    const log = ["fine", `token=${SESSION_TOKEN}`, `proxy http://u:${encodeURIComponent(PROXY_PASSWORD)}@host`, `Proxy-Authorization: Basic ${basic}`].join("\n");
    const { status, out } = scan("leaky.log", log);
    assert.equal(status, 1, out);
    assert.deepEqual(
      out.split("\n").filter((l) => l.includes("leaky.log:")).map((l) => Number(/leaky\.log:(\d+):/.exec(l)?.[1])),
      [2, 3, 4],
    );
    for (const secret of [SESSION_TOKEN, PROXY_PASSWORD, encodeURIComponent(PROXY_PASSWORD), basic]) assert.ok(!out.includes(secret), out);
  });

  it("without files it is a usage error", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/scan-secrets.ts"], { encoding: "utf8" });
    assert.equal(result.status, 2);
  });
});
