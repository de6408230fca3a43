/**
 * The `lakefs-s3` command line itself: top-level help and version, `--help`
 * on every command, and exit status 2 for usage errors (nothing is sent).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, runCli } from "../support/cli-support.js";

const COMMANDS = ["doctor", "env", "cp", "tour"];
const CONNECTION_FLAGS = ["--endpoint URL", "--access-key-id ID", "--secret-access-key KEY", "--ca-cert FILE", "--insecure", "--proxy URL|none", "--config FILE"];

describe("lakefs-s3 usage", () => {
  it("--help lists the commands, the connection flags and the exit codes", async () => {
    const run = await runCli(["--help"]);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, "");
    assert.match(run.stdout, /^Usage: lakefs-s3 <command> \[options\]/);
    for (const name of COMMANDS) assert.match(run.stdout, new RegExp(`^  ${name} `, "m"));
    for (const flag of CONNECTION_FLAGS) assert.ok(run.stdout.includes(flag), flag);
    assert.match(run.stdout, /Exit status: 0 success, 1 failure, 2 usage error/);
  });

  it("every command has --help (also as `help <command>`) with the connection flags", async () => {
    for (const name of COMMANDS) {
      const run = await runCli([name, "--help"]);
      assert.equal(run.code, 0, `${name}: ${run.stderr}`);
      assert.match(run.stdout, new RegExp(`^Usage: lakefs-s3 ${name}`));
      for (const flag of CONNECTION_FLAGS) assert.ok(run.stdout.includes(flag), `${name} --help lacks ${flag}`);
      assert.match(run.stdout, /Exit status: /);
      const viaHelp = await runCli(["help", name]);
      assert.equal(viaHelp.stdout, run.stdout);
    }
  });

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    const run = await runCli(["--version"]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout.trim(), version);
  });

  it("usage errors exit with status 2 and point at --help", async () => {
    const cases: [string[], RegExp][] = [
      [[], /^Usage: lakefs-s3 <command>/],
      [["frobnicate"], /^lakefs-s3: unknown command "frobnicate" \(commands: doctor, env, cp, tour\)\nRun "lakefs-s3 --help" for usage\./],
      [["--endpoint", "http://x", "doctor"], /options go after the command/],
      [["help", "nope"], /unknown command "nope"/],
      [["doctor", "extra"], /^lakefs-s3 doctor: unexpected argument "extra"/],
      [["doctor", "--endpoint"], /Option '--endpoint <value>' argument missing/],
      [["doctor", "--config", "/nonexistent/lakectl.yaml"], /--config \/nonexistent\/lakectl\.yaml: no such file/],
      [["doctor", "--access-key-id", "AKIAEXAMPLE"], /--access-key-id needs its secret: set env LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY/],
      [["tour", "--storage-namespace", "bucket"], /--storage-namespace must be a URI/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      assert.equal(run.code, 2, `${args.join(" ")}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, message, args.join(" "));
      assert.equal(run.stdout, "", args.join(" "));
    }
  });

  it("--secret-access-key works but warns that the environment is the better place", async () => {
    const run = await runCli(["doctor", "--json", "--endpoint", "http://127.0.0.1:1", "--access-key-id", "AKIAEXAMPLEKEY", "--secret-access-key", "secret-on-the-command-line"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /warning: --secret-access-key shows the secret in the process list and shell history; prefer env LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY/);
    assert.ok(!run.stdout.includes("secret-on-the-command-line"));
    const report = JSON.parse(run.stdout) as { settings: Record<string, { value: string; source?: string }> };
    assert.equal(report.settings["secret access key"]?.source, "--secret-access-key");
    assert.equal(report.settings["access key id"]?.value, "****EKEY");
  });
});
