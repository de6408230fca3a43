/**
 * docker-compose.yml is for users with Docker; no engine runs here, so it is
 * checked three ways: the compose-spec JSON schema (vendored, the one Docker
 * Compose embeds) plus cross-references, the real Docker Compose binary's
 * `config` when .venv has it (CI installs it; LAKEFS_S3_REQUIRE_DOCKER_COMPOSE=1
 * turns a missing binary into a failure). lakeFS's own config loader checks every
 * LAKEFS_* variable of the lakefs service in test/integration/compose-lakefs.test.ts:
 * it needs the lakeFS binary, and unit tests need no Go.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  COMPOSE_FILE,
  SCHEMA_FILE,
  dockerComposeConfig,
  extractSchemaFromBinary,
  findDockerCompose,
  validateComposeFile,
  validateComposeText,
} from "../../scripts/validate-compose.js";
// @ts-expect-error: plain ESM helper without declarations
import { LAKEFS_VERSION } from "../../tools/lakefs/build.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const original = readFileSync(COMPOSE_FILE, "utf8");
/** A minimal environment, so the caller's variables cannot change the outcome. */
const cleanEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: tmpdir() };
const binary = findDockerCompose();
const requireBinary = process.env.LAKEFS_S3_REQUIRE_DOCKER_COMPOSE === "1";

/** Replaces `from` (which must occur) in the real file's text. */
function broken(from: string | RegExp, to: string): string {
  const out = original.replace(from, to);
  assert.notEqual(out, original, `the mutation ${String(from)} no longer applies to docker-compose.yml`);
  return out;
}

/** Deliberately broken copies of the real file, each with the message it must produce. */
const BROKEN: { name: string; text: () => string; expect: RegExp }[] = [
  {
    name: "unknown service key",
    text: () => broken(/\n  lakefs:\n    image:/, "\n  lakefs:\n    imagee: treeverse/lakefs:1.86.0\n    image:"),
    expect: /additional property "imagee" is not allowed/,
  },
  {
    name: "depends_on an undefined service",
    text: () => broken("      minio-setup:\n        condition: service_completed_successfully", "      minio-init:\n        condition: service_completed_successfully"),
    expect: /depends on undefined service "minio-init"/,
  },
  {
    name: "healthcheck interval that is no duration",
    text: () => broken(/(?<head>\n  lakefs:[\s\S]*?interval: )2s/, "$<head>5 parsecs"),
    expect: /healthcheck\.interval: "5 parsecs" is not a duration/,
  },
  {
    name: "ports that is no list",
    text: () => broken(/ports:\n      - "\$\{BIND_ADDRESS:-127.0.0.1\}:\$\{LAKEFS_PORT:-8000\}:8000"/, "ports: {lakefs: 8000}"),
    expect: /services\.lakefs\.ports: must be array/,
  },
  {
    name: "service_healthy on a service without healthcheck",
    text: () => broken(/(\n  postgres:[\s\S]*?)    healthcheck:\n(?:      .*\n)+/, "$1"),
    expect: /condition service_healthy, but service postgres defines no healthcheck/,
  },
  {
    name: "YAML that does not parse",
    text: () => broken("\nvolumes:\n", "\nvolumes:\n  - [unclosed\n"),
    expect: /^YAML: /,
  },
];

describe("docker-compose.yml", () => {
  it("is valid against the vendored compose-spec schema, with every variable defaulted", () => {
    const { errors, warnings, config } = validateComposeFile(COMPOSE_FILE, {});
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, [], "every ${VAR} should have a default");
    const services = (config as { services: Record<string, { image?: string }> }).services;
    assert.deepEqual(Object.keys(services).sort(), ["lakefs", "minio", "minio-setup", "postgres"]);
    assert.equal(services.lakefs?.image, `treeverse/lakefs:${LAKEFS_VERSION}`, "the image tag follows tools/lakefs/go.mod");
  });

  it("lets the environment override defaults", () => {
    const { errors, config } = validateComposeFile(COMPOSE_FILE, { LAKEFS_PORT: "18000", LAKEFS_INSTALLATION_USER_NAME: "alice" });
    assert.deepEqual(errors, []);
    const lakefs = (config as { services: { lakefs: { ports: string[]; environment: Record<string, string> } } }).services.lakefs;
    assert.deepEqual(lakefs.ports, ["127.0.0.1:18000:8000"]);
    assert.equal(lakefs.environment.LAKEFS_INSTALLATION_USER_NAME, "alice");
  });

  for (const b of BROKEN) {
    it(`rejects a broken copy: ${b.name}`, () => {
      const { errors } = validateComposeText(b.text(), {});
      assert.ok(errors.some((e) => b.expect.test(e)), `expected ${b.expect} among:\n${errors.join("\n")}`);
    });
  }

  it("the CLI exits 0 on the real file and 1 on a broken copy", () => {
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-compose-"));
    try {
      const bad = join(dir, "docker-compose.yml");
      writeFileSync(bad, BROKEN[0]!.text());
      const run = (file: string) =>
        spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "validate-compose.ts"), "--docker-compose=off", file], {
          cwd: root,
          encoding: "utf8",
          env: { ...process.env, ...cleanEnv },
        });
      const good = run(COMPOSE_FILE);
      assert.equal(good.status, 0, `${good.stdout}${good.stderr}`);
      assert.match(good.stdout, /valid \(compose-spec schema/);
      const failed = run(bad);
      assert.equal(failed.status, 1, `${failed.stdout}${failed.stderr}`);
      assert.match(failed.stderr, /INVALID[\s\S]*imagee/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("passes the real Docker Compose `config` and fails on broken copies", { skip: !binary && !requireBinary && "Docker Compose binary not in .venv (bash .ci/run installs it)" }, () => {
    assert.ok(binary, "Docker Compose binary not found although LAKEFS_S3_REQUIRE_DOCKER_COMPOSE=1");
    const good = dockerComposeConfig(binary, COMPOSE_FILE, cleanEnv);
    assert.ok(good.ok, good.output);
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-compose-"));
    try {
      // Not the YAML-only and healthcheck cases: Compose itself accepts a
      // service_healthy dependency on a service without a healthcheck until `up`.
      for (const b of BROKEN.filter((x) => !/healthcheck|YAML/.test(x.name))) {
        const file = join(dir, "docker-compose.yml");
        writeFileSync(file, b.text());
        const result = dockerComposeConfig(binary, file, cleanEnv);
        assert.equal(result.ok, false, `docker compose accepted the broken copy "${b.name}"`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("vendors the schema the Docker Compose binary embeds", { skip: !binary && !requireBinary && "Docker Compose binary not in .venv" }, () => {
    assert.ok(binary);
    assert.equal(readFileSync(SCHEMA_FILE, "utf8"), extractSchemaFromBinary(binary), "run: node --import tsx scripts/validate-compose.ts --update-schema");
  });
});
