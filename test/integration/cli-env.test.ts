/**
 * `lakefs-s3 env` output used by the real AWS CLI (and boto3 when the
 * Python peers are installed) against the real lakeFS server.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { whenReady } from "../support/child-process.js";
import { createRepositoryRaw, useLakeFS } from "../support/lakefs.js";
import { REPO_ROOT, lakectlEnv, runCli, runProcess } from "../support/cli-support.js";

const ctx = useLakeFS();
let repo: string;
let home: string;

/** What the AWS CLI needs besides PATH: pyenv's root when `aws` is a pyenv shim, and an empty HOME (no ~/.aws). */
function awsEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { HOME: home, PYENV_ROOT: process.env.PYENV_ROOT ?? join(homedir(), ".pyenv"), ...extra };
}

/** A Python with boto3: the project venv's, LAKEFS_S3_PYTHON, or python3. */
function boto3Python(): string | undefined {
  const candidates = [process.env.LAKEFS_S3_PYTHON, join(REPO_ROOT, ".venv", "bin", "python"), "python3"].filter((p): p is string => !!p);
  return candidates.find((python) => (python === "python3" || existsSync(python)) && spawnSync(python, ["-c", "import boto3"]).status === 0);
}

before(async () => {
  const server = await whenReady(() => ctx.server, "the lakeFS server of useLakeFS()");
  repo = await createRepositoryRaw(server);
  home = mkdtempSync(join(tmpdir(), "lakefs-s3-cli-env-"));
  // An object to list: written with the CLI itself.
  const file = join(home, "hello.txt");
  writeFileSync(file, "hello");
  const cp = await runCli(["cp", file, `lakefs://${repo}/main/docs/hello.txt`], { env: lakectlEnv(server) });
  assert.equal(cp.code, 0, cp.stderr);
});

describe("lakefs-s3 env", () => {
  it("--format env: eval'd in a shell, the AWS CLI lists the repositories and a branch through the gateway", async () => {
    const env = await runCli(["env"], { env: lakectlEnv(ctx.server) });
    assert.equal(env.code, 0, env.stderr);
    assert.match(env.stdout, new RegExp(`^export AWS_ENDPOINT_URL_S3='${ctx.server.endpoint}'$`, "m"));
    const script = `${env.stdout}\naws s3 ls && aws s3 ls "s3://${repo}/main/docs/"`;
    const aws = await runProcess("bash", ["-c", script], { env: awsEnv() });
    assert.equal(aws.code, 0, aws.stderr);
    assert.match(aws.stdout, new RegExp(`\\s${repo}$`, "m"));
    assert.match(aws.stdout, /\s5 hello\.txt$/m);
  });

  it("--format profile: the two parts in ~/.aws/config and ~/.aws/credentials make a working profile", async () => {
    const env = await runCli(["env", "--format", "profile", "--profile", "lakefs-test"], { env: lakectlEnv(ctx.server) });
    assert.equal(env.code, 0, env.stderr);
    const [config, credentials] = env.stdout.split("# ~/.aws/credentials");
    const dir = mkdtempSync(join(home, "aws-"));
    writeFileSync(join(dir, "config"), config!);
    writeFileSync(join(dir, "credentials"), credentials!);
    const aws = await runProcess("aws", ["--profile", "lakefs-test", "s3", "ls", `s3://${repo}/main/docs/`], {
      env: awsEnv({ AWS_CONFIG_FILE: join(dir, "config"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials") }),
    });
    assert.equal(aws.code, 0, aws.stderr);
    assert.match(aws.stdout, /\s5 hello\.txt$/m);
  });

  it("--format boto3: the snippet makes a client that reads the object", async (t) => {
    const python = boto3Python();
    if (!python) {
      t.skip("no Python with boto3 (bash .ci/run makes the project venv)");
      return;
    }
    const env = await runCli(["env", "--format", "boto3"], { env: lakectlEnv(ctx.server) });
    assert.equal(env.code, 0, env.stderr);
    const script = join(home, "client.py");
    writeFileSync(script, `${env.stdout}\nprint(s3.get_object(Bucket="${repo}", Key="main/docs/hello.txt")["Body"].read().decode())\n`);
    const run = await runProcess(python, [script], { env: { HOME: home } });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), "hello");
  });

  it("--mask-secret and --json: the settings without the secret, for scripts", async () => {
    const run = await runCli(["env", "--json", "--mask-secret"], { env: lakectlEnv(ctx.server) });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(!run.stdout.includes(ctx.server.secretAccessKey), "the secret was printed");
    const out = JSON.parse(run.stdout) as { format: string; settings: Record<string, unknown>; text: string };
    assert.equal(out.format, "env");
    assert.equal(out.settings.endpointUrl, ctx.server.endpoint);
    assert.equal(out.settings.secretAccessKey, "<masked>");
    assert.match(out.text, /^export AWS_SECRET_ACCESS_KEY='<masked>'$/m);
  });

  it("usage errors exit with status 2; an unresolvable configuration with status 1", async () => {
    for (const [args, message] of [
      [["env", "--format", "yaml"], /--format must be one of env, profile, boto3, not "yaml"/],
      [["env", "--profile", "x"], /--profile goes with --format profile/],
      [["env", "--format", "profile", "--profile", "bad name"], /--profile: AWS profile name "bad name" must be/],
    ] as const) {
      const run = await runCli(args, { env: lakectlEnv(ctx.server) });
      assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
    const none = await runCli(["env"]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^lakefs-s3 env: ConfigurationError: No lakeFS endpoint configured/);
  });
});
