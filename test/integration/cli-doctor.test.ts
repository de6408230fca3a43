/**
 * `lakefs-s3 doctor` against the real lakeFS server, run as a child process
 * from the checkout: good settings, each kind of bad setting, TLS through
 * an nginx front with and without the CA, and a real proxy (tinyproxy).
 */
import { logSettled } from "../support/child-process.js";
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useLakeFS } from "../support/lakefs.js";
import { useHttpProxy } from "../support/proxy.js";
import { useTlsFront } from "../support/tls-front.js";
import { lakectlEnv, parseDoctor, runCli, statuses, type CliRun } from "../support/cli-support.js";

const lakefs = useLakeFS();
const tls = useTlsFront(lakefs);
const proxy = useHttpProxy();

/** The line of a text report that starts with this status and step title. */
function stepLine(run: CliRun, status: string, title: string): string {
  const lines = run.stdout.split("\n");
  const index = lines.findIndex((l) => l.startsWith(`${status}  ${title}`));
  assert.ok(index >= 0, `no "${status}  ${title}" line in:\n${run.stdout}\n${run.stderr}`);
  const fix = lines.slice(index + 1).find((l) => /^\s+fix: /.test(l));
  return `${lines[index]}\n${fix ?? ""}`;
}

function assertNoSecret(run: CliRun): void {
  const secret = lakefs.server.secretAccessKey;
  assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), "the secret access key was printed");
  assert.ok(!run.stdout.includes(lakefs.server.accessKeyId), "the full access key id was printed");
}

describe("lakefs-s3 doctor", () => {
  it("passes every check with good settings, showing where each came from, the key id masked and the secret never", async () => {
    const run = await runCli(["doctor"], { env: lakectlEnv(lakefs.server) });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assertNoSecret(run);
    assert.match(run.stdout, /endpoint\s+http:\/\/127\.0\.0\.1:\d+\s+\(env LAKECTL_SERVER_ENDPOINT_URL\)/);
    assert.match(run.stdout, /access key id\s+\*\*\*\*PLES\s+\(env LAKECTL_CREDENTIALS_ACCESS_KEY_ID\)/);
    assert.match(run.stdout, /secret access key\s+set \(never shown\)\s+\(env LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY\)/);
    assert.match(run.stdout, /^PASS  credentials \(REST\)\s+GET \/api\/v1\/user: authenticated as "lakefs-s3-admin"/m);
    assert.match(run.stdout, /^PASS  S3 gateway\s+ListBuckets .* signed with SigV4 accepted/m);
    assert.match(run.stdout, /^PASS  server version\s+lakeFS \d+\.\d+\.\d+/m);
    assert.match(run.stdout, /^PASS  clock\s+within \d+ s of the server's clock/m);
    assert.match(run.stdout, /^All checks passed: 9 passed, 0 warnings, 0 failed, 1 skipped\.$/m);
  });

  it("--json with good settings: ok, every step's status, the key id masked", async () => {
    const json = parseDoctor(await runCli(["doctor", "--json"], { env: lakectlEnv(lakefs.server) }));
    assert.equal(json.ok, true);
    assert.deepEqual(statuses(json), {
      configuration: "pass",
      proxy: "pass",
      dns: "pass",
      tcp: "pass",
      tls: "skip",
      api: "pass",
      clock: "pass",
      "rest-credentials": "pass",
      "s3-gateway": "pass",
      version: "pass",
    });
    assert.equal(json.settings["access key id"]?.value, "****PLES");
  });

  it("flags take over from the environment and are named as the source", async () => {
    const run = await runCli(["doctor", "--json", "--endpoint", lakefs.server.endpoint, "--access-key-id", lakefs.server.accessKeyId], {
      env: { LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: lakefs.server.secretAccessKey },
    });
    const json = parseDoctor(run);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(json.settings.endpoint?.source, "--endpoint");
    assert.equal(json.settings["access key id"]?.source, "--access-key-id");
    assert.equal(json.settings["secret access key"]?.source, "env LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY");
  });

  it("a wrong secret fails the credential checks, naming LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY", async () => {
    const run = await runCli(["doctor"], { env: lakectlEnv(lakefs.server, { LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: "not-the-right-secret-at-all" }) });
    assert.equal(run.code, 1);
    assert.ok(!run.stdout.includes("not-the-right-secret-at-all"));
    const rest = stepLine(run, "FAIL", "credentials (REST)");
    assert.match(rest, /lakeFS rejected access key \*\*\*\*PLES or its secret \(HTTP 401/);
    assert.match(rest, /fix: .*LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY/);
    const s3 = stepLine(run, "FAIL", "S3 gateway");
    assert.match(s3, /SignatureDoesNotMatch\): the secret access key is wrong/);
    assert.match(s3, /fix: Change the secret access key \(set by env LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY\)/);
    assert.match(run.stdout, /^SKIP  server version\s+skipped: needs credentials \(REST\), which failed$/m);
    assert.match(run.stdout, /^PASS  lakeFS API/m);
  });

  it("a wrong secret in a lakectl file is blamed on that file's key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-doctor-"));
    const file = join(dir, "lakectl.yaml");
    writeFileSync(
      file,
      `server:\n  endpoint_url: ${lakefs.server.endpoint}/api/v1\ncredentials:\n  access_key_id: ${lakefs.server.accessKeyId}\n  secret_access_key: wrong-secret-in-the-file\n`,
    );
    const run = await runCli(["doctor", "--json", "--config", file]);
    const json = parseDoctor(run);
    assert.equal(run.code, 1);
    const s3 = json.steps.find((s) => s.id === "s3-gateway");
    assert.equal(s3?.status, "fail");
    assert.equal(s3?.setting, `credentials.secret_access_key in ${file}`);
    assert.equal(json.settings.endpoint?.source, `server.endpoint_url in ${file}`);
    assert.equal(json.settings.endpoint?.value, lakefs.server.endpoint, "the /api/v1 suffix is removed");
  });

  it("an unreachable port fails TCP and skips everything after it", async () => {
    const run = await runCli(["doctor"], { env: lakectlEnv(lakefs.server, { LAKECTL_SERVER_ENDPOINT_URL: "http://127.0.0.1:1" }) });
    assert.equal(run.code, 1);
    const tcp = stepLine(run, "FAIL", "TCP");
    assert.match(tcp, /cannot connect to lakeFS at 127\.0\.0\.1:1: nothing accepts connections there \(ECONNREFUSED\)/);
    assert.match(tcp, /fix: Check the port in the endpoint \(set by env LAKECTL_SERVER_ENDPOINT_URL\)/);
    for (const title of ["TLS", "lakeFS API", "clock", "credentials (REST)", "S3 gateway", "server version"]) {
      assert.match(run.stdout, new RegExp(`^SKIP  ${title.replace(/[()]/g, "\\$&")}\\s+skipped: needs TCP, which failed$`, "m"));
    }
  });

  it("a host name that does not resolve fails DNS", async () => {
    const run = await runCli(["doctor", "--json"], { env: lakectlEnv(lakefs.server, { LAKECTL_SERVER_ENDPOINT_URL: "http://lakefs.invalid:8000" }) });
    const json = parseDoctor(run);
    assert.equal(run.code, 1);
    const dns = json.steps.find((s) => s.id === "dns")!;
    assert.equal(dns.status, "fail");
    assert.match(dns.summary, /cannot resolve host "lakefs\.invalid": /);
    assert.equal(dns.setting, "env LAKECTL_SERVER_ENDPOINT_URL");
    assert.deepEqual(
      json.steps.filter((s) => s.status === "skip").map((s) => [s.id, s.blockedBy]),
      ["tcp", "tls", "api", "clock", "rest-credentials", "s3-gateway", "version"].map((id) => [id, "dns"]),
    );
  });

  it("an endpoint with a bogus path fails the configuration and names the base URL to use", async () => {
    const run = await runCli(["doctor"], { env: lakectlEnv(lakefs.server, { LAKECTL_SERVER_ENDPOINT_URL: `${lakefs.server.endpoint}/bogus` }) });
    assert.equal(run.code, 1);
    const line = stepLine(run, "FAIL", "configuration");
    assert.ok(line.includes(`The lakeFS endpoint "${lakefs.server.endpoint}/bogus" (from env LAKECTL_SERVER_ENDPOINT_URL) has the path /bogus`), line);
    assert.ok(line.includes(`fix: Use ${lakefs.server.endpoint} `), line);
    // Flags are named as flags, not as library options.
    const flag = await runCli(["doctor", "--json", "--endpoint", `${lakefs.server.endpoint}/bogus`], { env: lakectlEnv(lakefs.server) });
    assert.match(parseDoctor(flag).steps[0]!.summary, /\(from --endpoint\) has the path \/bogus/);
  });

  it("no endpoint at all fails the configuration step and says what to set", async () => {
    const run = await runCli(["doctor"]);
    assert.equal(run.code, 1);
    const line = stepLine(run, "FAIL", "configuration");
    assert.match(line, /No lakeFS endpoint configured/);
    assert.match(line, /fix: Pass --endpoint URL or set env LAKECTL_SERVER_ENDPOINT_URL/);
  });

  describe("over TLS", () => {
    it("without the CA, the TLS check fails and names --ca-cert (option caCert)", async () => {
      const run = await runCli(["doctor", "--verbose"], { env: lakectlEnv(lakefs.server, { LAKECTL_SERVER_ENDPOINT_URL: tls.front.url }) });
      assert.equal(run.code, 1);
      const line = stepLine(run, "FAIL", "TLS");
      assert.match(line, /certificate "localhost" is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): its issuer "lakefs-s3 test CA" is not among the trusted CAs/);
      assert.match(line, /fix: Trust the issuing CA: pass its certificate with --ca-cert <file\.pem> \(library option caCert\)/);
      assert.match(run.stdout, /chain sent: "localhost"/);
      assert.match(run.stdout, /^SKIP  lakeFS API\s+skipped: needs TLS, which failed$/m);
    });

    it("with the CA, every check passes and the certificate details are shown", async () => {
      const run = await runCli(["doctor", "--verbose", "--ca-cert", tls.pki.caCertPath], { env: lakectlEnv(lakefs.server, { LAKECTL_SERVER_ENDPOINT_URL: tls.front.url }) });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /^PASS  TLS\s+verified: "localhost" issued by "lakefs-s3 test CA" \(CA from --ca-cert\), valid until \d{4}-\d\d-\d\d, TLSv1\.[23]$/m);
      assert.match(run.stdout, /names: DNS:localhost, IP Address:127\.0\.0\.1/);
      assert.match(run.stdout, /TLS trust\s+Node's default roots.* \+ 1 from --ca-cert \(lakefs-s3 test CA\)\s+\(--ca-cert\)/);
      assert.match(run.stdout, /^All checks passed: 10 passed/m);
    });

    it("a certificate for another host name fails the TLS check", async () => {
      const run = await runCli(["doctor", "--json", "--ca-cert", tls.pki.caCertPath], { env: lakectlEnv(lakefs.server, { LAKECTL_SERVER_ENDPOINT_URL: tls.front.wrongHostUrl }) });
      const step = parseDoctor(run).steps.find((s) => s.id === "tls")!;
      assert.equal(run.code, 1);
      assert.equal(step.status, "fail");
      assert.match(step.summary, /certificate does not name 127\.0\.0\.1/);
      assert.match(step.fix ?? "", /DNS:wrong\.example\.invalid/);
    });

    it("with --insecure, an untrusted certificate is a warning and the rest passes", async () => {
      const run = await runCli(["doctor", "--json", "--insecure"], { env: lakectlEnv(lakefs.server, { LAKECTL_SERVER_ENDPOINT_URL: tls.front.url }) });
      const json = parseDoctor(run);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(statuses(json).tls, "warn");
      assert.equal(statuses(json)["s3-gateway"], "pass");
      assert.match(run.stderr, /warning: TLS certificate verification is disabled/);
    });

    it("through a proxy from HTTPS_PROXY: DNS and TCP check the proxy, TLS goes through a CONNECT tunnel", async () => {
      const before = proxy.proxy.requests().length;
      const run = await runCli(["doctor", "--json", "--ca-cert", tls.pki.caCertPath], {
        env: lakectlEnv(lakefs.server, { LAKECTL_SERVER_ENDPOINT_URL: tls.front.url, HTTPS_PROXY: proxy.proxy.url }),
      });
      const json = parseDoctor(run);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const step = (id: string) => json.steps.find((s) => s.id === id)!;
      assert.match(step("proxy").summary, new RegExp(`requests go through ${proxy.proxy.url} \\(from env HTTPS_PROXY\\)`));
      assert.match(step("tcp").summary, new RegExp(`connected to 127\\.0\\.0\\.1:${proxy.proxy.port} `));
      assert.equal(step("tls").status, "pass");
      assert.equal(step("s3-gateway").status, "pass");
      await logSettled(() => proxy.proxy.requests().length);
      const seen = proxy.proxy.requests().slice(before);
      assert.ok(seen.includes(`CONNECT 127.0.0.1:${tls.front.port}`), `the proxy saw: ${seen.join(", ")}`);
    });

    it("NO_PROXY takes the endpoint out of the proxy, and the proxy check says so", async () => {
      const run = await runCli(["doctor", "--json", "--ca-cert", tls.pki.caCertPath], {
        env: lakectlEnv(lakefs.server, { LAKECTL_SERVER_ENDPOINT_URL: tls.front.url, HTTPS_PROXY: "http://127.0.0.1:1", NO_PROXY: "127.0.0.1" }),
      });
      const json = parseDoctor(run);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(json.steps.find((s) => s.id === "proxy")!.summary, /not used for 127\.0\.0\.1: NO_PROXY=127\.0\.0\.1 covers it/);
    });

    it("a dead proxy fails TCP and blames the proxy setting", async () => {
      const run = await runCli(["doctor", "--json", "--proxy", "http://127.0.0.1:1"], { env: lakectlEnv(lakefs.server) });
      const tcp = parseDoctor(run).steps.find((s) => s.id === "tcp")!;
      assert.equal(run.code, 1);
      assert.match(tcp.summary, /cannot connect to the proxy at 127\.0\.0\.1:1/);
      assert.equal(tcp.setting, "--proxy");
    });
  });

  it("--help documents the steps and the exit codes; unknown options are usage errors", async () => {
    const help = await runCli(["doctor", "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: lakefs-s3 doctor \[options\]/);
    assert.match(help.stdout, /--ca-cert FILE/);
    assert.match(help.stdout, /Exit status: 0 every check passed/);
    const bad = await runCli(["doctor", "--frobnicate"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /lakefs-s3 doctor: Unknown option '--frobnicate'\nRun "lakefs-s3 doctor --help" for usage\./);
  });
});
