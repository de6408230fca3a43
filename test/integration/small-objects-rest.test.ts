/**
 * Small objects over lakeFS's REST object endpoints (issue 18): under
 * `dataPath: "auto"` the handles upload in-memory bodies up to 1 MiB with one
 * raw-body REST POST and read `bytes()`/`text()`/`stat()`/`exists()` over
 * REST. Proved here against the real server: the path each call takes (a
 * relay records every request line), that an object written either way is
 * the same object to every reader (the gateway's HeadObject, the REST stat,
 * boto3, the handles on both paths), and that failures keep their classes.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { PassThrough, Readable } from "node:stream";
import { promisify } from "node:util";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { AbortError, ConfigurationError, LakeFSError, PreconditionFailedError, ValidationError, type Branch, type DataPath, type LakeFS } from "../../src/index.js";
import { startRequestLog, type RequestLog } from "../support/request-log.js";
import { createRepositoryRaw, testClient, uniqueRepoName, useLakeFS } from "../support/lakefs.js";
import { whenReady } from "../support/child-process.js";
import { lakeFSRejection } from "../support/rejection.js";

const run = promisify(execFile);
const ctx = useLakeFS();
const PYTHON = existsSync(".venv/bin/python") ? ".venv/bin/python" : "python3";
const MiB = 1024 * 1024;

/** boto3's view of one object: HeadObject's ETag, content type and metadata, and GetObject's bytes (hex). */
const BOTO3_HEAD = `
import sys, json, boto3
from botocore.config import Config
endpoint, key, secret, bucket, objkey = sys.argv[1:6]
s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=key, aws_secret_access_key=secret, region_name="us-east-1",
    config=Config(s3={"addressing_style": "path"}, request_checksum_calculation="when_required", response_checksum_validation="when_required"))
h = s3.head_object(Bucket=bucket, Key=objkey)
body = s3.get_object(Bucket=bucket, Key=objkey)["Body"].read()
print(json.dumps({"etag": h["ETag"].strip('"'), "contentType": h["ContentType"], "metadata": h["Metadata"], "hex": body.hex()}))
`;

let relay: RequestLog;
let lakefs: LakeFS;
let repo: string;
const clients: LakeFS[] = [];

function branchOn(dataPath: DataPath): Branch {
  const c = testClient(ctx.server, relay.endpoint, { dataPath });
  clients.push(c);
  return c.repository(repo).branch("main");
}

/** The kind of each request line: REST object calls by name, anything else on the gateway as "gateway <METHOD>". */
function kinds(lines: readonly string[]): string[] {
  // A new client's one GET /config (read when a call first needs the server's facts) is not the call's path.
  return lines.filter((line) => !line.startsWith("GET /api/v1/config")).map((line) => {
    const [method, url] = line.split(" ") as [string, string];
    if (/\/api\/v1\/repositories\/[^/]+\/branches\/[^/]+\/objects\?/.test(url)) return `rest ${method} upload`;
    if (/\/api\/v1\/repositories\/[^/]+\/refs\/[^/]+\/objects\/stat\?/.test(url)) return `rest ${method} stat`;
    if (/\/api\/v1\/repositories\/[^/]+\/refs\/[^/]+\/objects\?/.test(url)) return `rest ${method} object`;
    if (url.startsWith("/api/v1/")) return `rest ${method} ${url.split("?")[0]}`;
    return `gateway ${method}`;
  });
}

async function boto3View(key: string): Promise<{ etag: string; contentType: string; metadata: Record<string, string>; hex: string }> {
  const { stdout } = await run(PYTHON, ["-c", BOTO3_HEAD, ctx.server.endpoint, ctx.server.accessKeyId, ctx.server.secretAccessKey, repo, `main/${key}`]);
  return JSON.parse(stdout) as { etag: string; contentType: string; metadata: Record<string, string>; hex: string };
}

before(async () => {
  const server = await whenReady(() => ctx.server, "the lakeFS server");
  relay = await startRequestLog(server.endpoint);
  lakefs = testClient(server);
  repo = await createRepositoryRaw(server, uniqueRepoName("smallrest"));
  // The client's one GET /config happens here, not inside the counted calls.
  await branchOn("auto").object("warm.txt").upload("warm");
});
after(async () => {
  for (const c of clients) c.destroy();
  lakefs.destroy();
  await relay.close();
});

describe("the path each call takes", () => {
  it('"auto": a small upload is one REST POST, bytes()/text() one REST GET, stat()/exists() one REST stat', async () => {
    const object = branchOn("auto").object("path/auto.txt");
    assert.deepEqual(kinds(await relay.during(() => object.upload("hello", { contentType: "text/plain" }))), ["rest POST upload"]);
    assert.deepEqual(kinds(await relay.during(async () => assert.equal(await object.text(), "hello"))), ["rest GET object"]);
    assert.deepEqual(kinds(await relay.during(async () => assert.deepEqual(Buffer.from(await object.bytes({ range: { start: 1, end: 3 } })).toString(), "ell"))), [
      "rest GET object",
    ]);
    assert.deepEqual(kinds(await relay.during(async () => assert.equal((await object.stat()).size, 5))), ["rest GET stat"]);
    assert.deepEqual(kinds(await relay.during(async () => assert.equal(await object.exists(), true))), ["rest GET stat"]);
    assert.deepEqual(kinds(await relay.during(async () => assert.equal(await branchOn("auto").object("path/none").exists(), false))), ["rest GET stat", "rest GET /api/v1/repositories/" + repo + "/refs/main/commits"]);
  });

  it('"gateway": the same calls stay on the S3 gateway', async () => {
    const object = branchOn("gateway").object("path/gateway.txt");
    assert.deepEqual(kinds(await relay.during(() => object.upload("hello"))), ["gateway PUT"]);
    assert.deepEqual(kinds(await relay.during(() => object.text())), ["gateway GET"]);
    assert.deepEqual(kinds(await relay.during(() => object.stat())), ["gateway HEAD"]);
    assert.deepEqual(kinds(await relay.during(() => object.exists())), ["gateway HEAD"]);
  });

  it('"auto" keeps the other paths for user metadata, bodies over 1 MiB and streams; a body over 64 KiB first finds the branch', async () => {
    const main = branchOn("auto");
    // The gateway, or on a blockstore that presigns (MinIO leg) the presigned path: staging/backing, then a link.
    const notRest = (lines: string[]) => {
      const k = kinds(lines);
      assert.ok(!k.includes("rest POST upload"), k.join(", "));
      assert.ok(k.includes("gateway PUT") || lines.some((l) => l.startsWith("PUT ") && l.includes("/staging/backing")), k.join(", "));
    };
    notRest(await relay.during(() => main.object("path/meta.txt").upload("m", { metadata: { owner: "ana" } })));
    notRest(await relay.during(() => main.object("path/big.bin").upload(Buffer.alloc(MiB + 1, 1))));
    notRest(await relay.during(() => main.object("path/stream.bin").upload(Readable.from([Buffer.from("streamed")]))));
    assert.deepEqual(kinds(await relay.during(() => main.object("path/one-mib.bin").upload(new Blob([Buffer.alloc(MiB, 2)])))), [
      `rest GET /api/v1/repositories/${repo}/branches/main`,
      "rest POST upload",
    ]);
  });
});

describe("a dataPath that is none of the three", () => {
  it("on the client: ConfigurationError when the client is made, naming the value", () => {
    assert.throws(
      () => testClient(ctx.server, relay.endpoint, { dataPath: "fast" as DataPath }),
      (err: unknown) => err instanceof ConfigurationError && err.code === "InvalidOption" && /Invalid dataPath "fast": use "auto", "gateway" or "presigned"/.test(err.message),
    );
  });

  it("per call: ValidationError InvalidOption from every object call, and nothing is sent", async () => {
    const object = branchOn("auto").object("path/never.txt");
    const dataPath = "fast" as DataPath;
    const calls: [string, () => Promise<unknown>][] = [
      ["upload", () => object.upload("x", { dataPath })],
      ["bytes", () => object.bytes({ dataPath })],
      ["text", () => object.text({ dataPath })],
      ["stat", () => object.stat({ dataPath })],
      ["exists", () => object.exists({ dataPath })],
      ["download", () => object.download(new PassThrough(), { dataPath })],
    ];
    for (const [name, call] of calls) {
      const lines = await relay.during(async () => {
        const err = await lakeFSRejection(call);
        assert.ok(err instanceof ValidationError, `${name}: ${err.name}: ${err.message}`);
        assert.equal(err.code, "InvalidOption", name);
        assert.match(err.message, /Invalid dataPath "fast"/, name);
      });
      assert.deepEqual(lines, [], `${name} sent ${lines.join(", ")}`);
    }
  });
});

describe("an object written over REST and one written through the gateway are the same object to every reader", () => {
  const body = "same bytes either way\n".repeat(100);
  const cases = [
    { name: "with a content type", options: { contentType: "text/csv" } },
    { name: "without a content type (both default)", options: {} },
  ];
  for (const { name, options } of cases) {
    it(name, async () => {
      const viaRest = branchOn("auto").object(`same/${name}/rest.txt`);
      const viaGateway = branchOn("gateway").object(`same/${name}/gateway.txt`);
      const restResult = await viaRest.upload(body, options);
      const gatewayResult = await viaGateway.upload(body, options);
      assert.equal(restResult.etag, gatewayResult.etag, "upload results");
      assert.equal(restResult.size, gatewayResult.size);
      const views = [];
      for (const object of [viaRest, viaGateway]) {
        const head = await lakefs.s3.send(new HeadObjectCommand({ Bucket: repo, Key: `main/${object.path}` }));
        const restStat = await lakefs.admin.statObject({ repository: repo, ref: "main", path: object.path });
        const handleRest = await branchOn("auto").object(object.path).stat();
        const handleGateway = await branchOn("gateway").object(object.path).stat();
        const boto3 = await boto3View(object.path);
        assert.equal(head.ETag?.replace(/"/g, ""), restResult.etag, "gateway HeadObject ETag");
        assert.equal(restStat.etag, restResult.etag, "REST stat checksum");
        assert.equal(handleRest.etag, restResult.etag);
        assert.equal(handleGateway.etag, restResult.etag);
        assert.equal(boto3.etag, restResult.etag, "boto3 ETag");
        assert.equal(Buffer.from(boto3.hex, "hex").toString(), body, "boto3 bytes");
        assert.equal(await branchOn("auto").object(object.path).text(), body);
        assert.equal(await branchOn("gateway").object(object.path).text(), body);
        views.push({
          contentTypes: [head.ContentType, restStat.contentType, handleRest.contentType, handleGateway.contentType, boto3.contentType],
          metadata: [head.Metadata, restStat.metadata, handleRest.metadata, handleGateway.metadata, boto3.metadata],
          size: [head.ContentLength, restStat.size, handleRest.size, handleGateway.size],
        });
      }
      assert.deepEqual(views[0], views[1], "every reader sees the same content type, metadata and size");
      const expectedType = "contentType" in options ? options.contentType : "application/octet-stream";
      assert.deepEqual(new Set(views[0]!.contentTypes), new Set([expectedType]));
    });
  }

  it("a multipart object's stat() is the same on both paths (ETag without the -N suffix, size, content type, mtime)", async () => {
    const big = branchOn("gateway").object("same/multipart.bin");
    const result = await big.upload(Buffer.alloc(11 * MiB, 5), { partSize: 5 * MiB, contentType: "application/x-parts" });
    const viaRest = await branchOn("auto").object(big.path).stat();
    const viaGateway = await branchOn("gateway").object(big.path).stat();
    assert.equal(viaRest.etag, result.etag);
    assert.equal(viaGateway.etag, result.etag);
    assert.equal(viaRest.size, viaGateway.size);
    assert.equal(viaRest.contentType, viaGateway.contentType);
    assert.equal(viaRest.lastModified?.getTime(), viaGateway.lastModified?.getTime());
  });

  it("user metadata written under auto (through the gateway) reads back the same on both paths and in boto3", async () => {
    await branchOn("auto").object("same/meta.txt").upload("m", { metadata: { owner: "ana", team: "data" } });
    const expected = { owner: "ana", team: "data" };
    assert.deepEqual((await branchOn("auto").object("same/meta.txt").stat()).metadata, expected);
    assert.deepEqual((await branchOn("gateway").object("same/meta.txt").stat()).metadata, expected);
    // lakeFS's gateway writes the headers in Go's canonical case (X-Amz-Meta-Owner), and boto3 keeps that case.
    const boto3 = Object.fromEntries(Object.entries((await boto3View("same/meta.txt")).metadata).map(([k, v]) => [k.toLowerCase(), v]));
    assert.deepEqual(boto3, expected);
  });
});

describe("failures keep their classes on both paths", () => {
  for (const dataPath of ["auto", "gateway"] as const) {
    it(`dataPath "${dataPath}": ifNoneMatch on an existing object, ifMatch on a read, ranges past the end, abort`, async () => {
      const main = branchOn(dataPath);
      const object = main.object(`fail/${dataPath}.txt`);
      await object.upload("exists");
      const taken = await lakeFSRejection(() => object.upload("again", { ifNoneMatch: "*" }));
      assert.ok(taken instanceof PreconditionFailedError, String(taken));
      assert.equal(await object.text(), "exists", "the object kept its bytes");
      const ifMatch = await lakeFSRejection(() => object.bytes({ ifMatch: "0123456789abcdef0123456789abcdef" }));
      assert.ok(ifMatch instanceof PreconditionFailedError, String(ifMatch));
      assert.equal(Buffer.from(await object.bytes({ ifMatch: (await object.stat()).etag! })).toString(), "exists");
      const pastEnd = await lakeFSRejection(() => object.bytes({ range: { start: 100 } }));
      assert.ok(pastEnd instanceof LakeFSError && pastEnd.status === 416, String(pastEnd));
      await main.object(`fail/${dataPath}-empty`).upload("");
      const emptyRange = await lakeFSRejection(() => main.object(`fail/${dataPath}-empty`).bytes({ range: { start: 0 } }));
      assert.ok(emptyRange instanceof LakeFSError && emptyRange.status === 416, String(emptyRange));
      assert.equal((await main.object(`fail/${dataPath}-empty`).bytes()).byteLength, 0);
      for (const call of [() => object.upload("x", { signal: AbortSignal.abort() }), () => object.bytes({ signal: AbortSignal.abort() }), () => object.stat({ signal: AbortSignal.abort() })]) {
        const err = await lakeFSRejection(call);
        assert.ok(err instanceof AbortError, String(err));
      }
    });
  }
});
