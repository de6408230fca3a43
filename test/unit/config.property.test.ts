/**
 * Property-based tests (fast-check) of configuration resolution in
 * src/config: endpoint normalisation, precedence of option > env > lakectl
 * file for every setting that has all three, numeric option checks, and a
 * resolved configuration that never shows its secrets.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import fc from "fast-check";
import { ConfigurationError, LakeFSError } from "../../src/index.js";
import { resolveConfig } from "../../src/config/resolve-config.js";
import { normalizeEndpoint } from "../../src/config/normalize-endpoint.js";

const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-config-prop-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const host = fc.oneof(fc.domain(), fc.ipV4(), fc.constant("localhost"));
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const scheme = fc.constantFrom("http", "https");
const suffix = fc.constantFrom("", "/", "//", "/api/v1", "/api/v1/", "/api/v1//");
const secret = fc.stringMatching(/^[A-Za-z0-9/+]{12,40}$/).map((s) => `S3CR3T-${s}`);
const keyId = fc.stringMatching(/^AKIA[A-Z0-9]{12,16}$/);

function expectedServerUrl(s: string, h: string, p: number | undefined): string {
  const url = new URL(`${s}://${h}${p === undefined ? "" : `:${p}`}`);
  return `${url.protocol}//${url.host}`;
}

describe("configuration (property)", () => {
  it("normalizeEndpoint: scheme://host[:port] with or without /api/v1 and trailing slashes gives the same server and API URLs, idempotently", () => {
    fc.assert(
      fc.property(scheme, host, port, suffix, (s, h, p, tail) => {
        const endpoint = `${s}://${h}${p === undefined ? "" : `:${p}`}${tail}`;
        const { serverUrl, apiUrl } = normalizeEndpoint(endpoint);
        assert.equal(serverUrl, expectedServerUrl(s, h, p));
        assert.equal(apiUrl, `${serverUrl}/api/v1`);
        assert.deepEqual(normalizeEndpoint(serverUrl), { serverUrl, apiUrl });
        assert.deepEqual(normalizeEndpoint(apiUrl), { serverUrl, apiUrl });
      }),
      { numRuns: 300 },
    );
  });

  it("normalizeEndpoint: any other string gives a result or a ConfigurationError, never another error, and never echoes a password", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.tuple(scheme, host, fc.webPath()).map(([s, h, p]) => `${s}://${h}${p}`),
          fc.tuple(scheme, host, secret).map(([s, h, pw]) => `${s}://user:${pw}@${h}`),
        ),
        (endpoint) => {
          try {
            const { serverUrl } = normalizeEndpoint(endpoint);
            assert.match(serverUrl, /^https?:\/\/[^/]+$/, "a server URL has no path");
          } catch (err) {
            assert.ok(err instanceof ConfigurationError, String(err));
            const pw = /:\/\/[^:/]+:([^@/]+)@/.exec(endpoint)?.[1];
            if (pw && pw.length >= 8) assert.ok(!err.message.includes(pw), err.message);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("precedence: option > env > lakectl file, for the endpoint and the credentials, each source named", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ option: fc.boolean(), env: fc.boolean(), file: fc.boolean() }),
        fc.record({ option: fc.boolean(), env: fc.boolean(), file: fc.boolean() }),
        keyId,
        secret,
        async (endpointFrom, credentialsFrom, id, pw) => {
          fc.pre((endpointFrom.option || endpointFrom.env || endpointFrom.file) && (credentialsFrom.option || credentialsFrom.env || credentialsFrom.file));
          const file = join(dir, `lakectl-${Math.random().toString(36).slice(2)}.yaml`);
          writeFileSync(
            file,
            [
              "server:",
              `  endpoint_url: ${endpointFrom.file ? "http://file.example:8000" : '""'}`,
              "credentials:",
              `  access_key_id: ${credentialsFrom.file ? `${id}F` : '""'}`,
              `  secret_access_key: ${credentialsFrom.file ? `"${pw}-file"` : '""'}`,
              "",
            ].join("\n"),
          );
          const env: Record<string, string> = {};
          if (endpointFrom.env) env.LAKECTL_SERVER_ENDPOINT_URL = "http://env.example:8000";
          if (credentialsFrom.env) {
            env.LAKECTL_CREDENTIALS_ACCESS_KEY_ID = `${id}E`;
            env.LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY = `${pw}-env`;
          }
          const config = await resolveConfig({
            ...(endpointFrom.option ? { endpoint: "http://option.example:8000" } : {}),
            ...(credentialsFrom.option ? { accessKeyId: `${id}O`, secretAccessKey: `${pw}-option` } : {}),
            env,
            lakectlConfigFile: file,
          });
          const endpointWinner = endpointFrom.option ? "option" : endpointFrom.env ? "env" : "file";
          assert.equal(config.serverUrl, `http://${endpointWinner}.example:8000`);
          assert.equal(config.sources.endpoint.kind, endpointWinner === "file" ? "lakectl-file" : endpointWinner);
          const identity = await config.credentials();
          const credentialsWinner = credentialsFrom.option ? "option" : credentialsFrom.env ? "env" : "file";
          assert.equal(identity.accessKeyId, `${id}${credentialsWinner[0]!.toUpperCase()}`);
          assert.equal(identity.secretAccessKey, `${pw}-${credentialsWinner}`);
          assert.equal(config.sources.credentials.kind, credentialsWinner === "file" ? "lakectl-file" : credentialsWinner);
          // The winning secret is known for redaction, and shows nowhere.
          assert.ok(config.secrets.includes(identity.secretAccessKey));
          for (const shown of [inspect(config, { depth: 10 }), JSON.stringify(config)]) {
            for (const from of ["option", "env", "file"]) assert.ok(!shown.includes(`${pw}-${from}`), shown);
          }
          rmSync(file);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("numeric options: accepted exactly when they are integers in range; anything else is a ConfigurationError naming the option", async () => {
    const value = fc.oneof(fc.integer({ min: -10, max: 100_000 }), fc.double({ noNaN: false }), fc.constantFrom(0, 1, Number.NaN, Infinity, -0.5, 2 ** 53));
    const option = fc.constantFrom("connectionTimeout", "requestTimeout", "socketTimeout", "maxSockets", "maxAttempts");
    await fc.assert(
      fc.asyncProperty(option, value, async (name, n) => {
        const allowZero = name === "requestTimeout" || name === "socketTimeout";
        const valid = Number.isSafeInteger(n) && n >= (allowZero ? 0 : 1);
        try {
          const config = await resolveConfig({ endpoint: "http://x.example", accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret-example-1", lakectlConfigFile: false, env: {}, [name]: n });
          assert.ok(valid, `${name}=${n} was accepted`);
          assert.equal(config[name], n);
        } catch (err) {
          assert.ok(!valid, `${name}=${n}: ${String(err)}`);
          assert.ok(err instanceof ConfigurationError && err.message.includes(name), String(err));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("any configuration input resolves or fails with a LakeFSError (never a TypeError)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            endpoint: fc.oneof(fc.string(), fc.webUrl()),
            accessKeyId: fc.string(),
            secretAccessKey: fc.string(),
            region: fc.string(),
            proxy: fc.oneof(fc.string(), fc.constant(false), fc.webUrl()),
            checksums: fc.string(),
            caCert: fc.constant("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
          },
          { requiredKeys: [] },
        ),
        async (input) => {
          try {
            await resolveConfig({ ...input, lakectlConfigFile: false, env: {} } as never);
          } catch (err) {
            assert.ok(err instanceof LakeFSError, `${JSON.stringify(input)}: ${String(err)}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
