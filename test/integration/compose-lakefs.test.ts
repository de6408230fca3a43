/**
 * docker-compose.yml's lakefs service sets only LAKEFS_* variables that the default lakeFS
 * reads, with the intended values: checked with lakeFS's own config loader (`lakefs flare`),
 * which needs the lakeFS binary, so it is no unit test.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateComposeFile, COMPOSE_FILE } from "../../scripts/validate-compose.js";
// @ts-expect-error: plain ESM helper without declarations
import { LAKEFS_VERSION, ensureLakeFSBinaries } from "../../tools/lakefs/build.mjs";

/** A minimal environment, so the caller's variables cannot change the outcome. */
const cleanEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: tmpdir() };

describe("docker-compose.yml with lakeFS's config loader", () => {
  it("sets only LAKEFS_* variables that the default lakeFS reads, with the intended values", () => {
    const { config } = validateComposeFile(COMPOSE_FILE, {});
    const env = (config as { services: { lakefs: { environment: Record<string, string> } } }).services.lakefs.environment;
    const { lakefs } = ensureLakeFSBinaries({ quiet: true, version: LAKEFS_VERSION }) as { lakefs: string };
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-flare-"));
    try {
      // `lakefs flare` loads the configuration exactly as `lakefs run` does and logs it, without connecting anywhere.
      const out = spawnSync(lakefs, ["flare", "--stdout", "--include-env-vars=false"], {
        cwd: dir,
        encoding: "utf8",
        env: { PATH: cleanEnv.PATH, HOME: dir, ...env },
        timeout: 60_000,
      });
      const log = `${out.stdout}${out.stderr}`;
      assert.equal(out.status, 0, log);
      const line = log.split("\n").find((l) => l.includes("msg=Config "));
      assert.ok(line, `no "Config" log line in:\n${log.slice(0, 2000)}`);
      const loaded = new Map<string, string>();
      for (const m of line.matchAll(/([a-z0-9_.]+)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
        loaded.set(m[1]!, m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!);
      }
      const envNameOf = (key: string) => `LAKEFS_${key.toUpperCase().replace(/\./g, "_")}`;
      for (const [name, value] of Object.entries(env)) {
        if (!name.startsWith("LAKEFS_")) continue;
        const key = [...loaded.keys()].find((k) => envNameOf(k) === name);
        assert.ok(key, `${name} is no lakeFS ${LAKEFS_VERSION} configuration key: lakeFS ignores it`);
        const got = loaded.get(key)!;
        if (got === "******") continue; // a secret, set (an unset one logs as ------)
        assert.equal(got, String(value), `${name} → ${key}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
