/**
 * Bad input, one table: every row gives an input, the error class it must
 * produce (exactly that class, by name), optionally its code, and whether the
 * toolkit must refuse it before sending a single byte. For every row the
 * repository's state (branches and their heads, tags, objects and their
 * ETags on every branch, uncommitted changes, the repository list) is read
 * before and after, and must not change.
 *
 * All calls go through a counting TCP relay in front of the real lakeFS, so
 * "nothing sent" is measured, not assumed.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListMultipartUploadsCommand, ListPartsCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import {
  AbortError,
  AuthenticationError,
  BranchNotFoundError,
  ConfigurationError,
  LakeFS,
  LakeFSError,
  MergeConflictError,
  NetworkError,
  NotSupportedError,
  ObjectNotFoundError,
  PermissionDeniedError,
  ProtectedBranchError,
  ReadOnlyRefError,
  RepositoryNotFoundError,
  TagNotFoundError,
  TlsError,
  ValidationError,
  type LakeFSClientConfig,
} from "../../src/index.js";
import { uploadObject } from "../../src/s3.js";
import { createRepositoryRaw, TEST_BLOCKSTORE, uniqueRepoName, useLakeFS, testClient } from "../support/lakefs.js";
import { freePort, whenReady } from "../support/child-process.js";
import { useTlsFront } from "../support/tls-front.js";

const ctx = useLakeFS();
const tls = useTlsFront(ctx);

// ─── a relay that counts what is sent ────────────────────────────────────────

interface Tripwire {
  readonly endpoint: string;
  /** Bytes the relay received from clients so far. */
  readonly bytes: number;
  close(): Promise<void>;
}

async function startTripwire(target: string): Promise<Tripwire> {
  const url = new URL(target);
  const sockets = new Set<Socket>();
  let bytes = 0;
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: url.hostname, port: Number(url.port) });
    sockets.add(client).add(upstream);
    client.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get bytes() {
      return bytes;
    },
    async close() {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, "close");
    },
  };
}

// ─── environment ─────────────────────────────────────────────────────────────

const MiB = 1024 * 1024;
let tripwire: Tripwire;
let good: LakeFS;
let direct: LakeFS;
/**
 * The data path the matrix runs on: "auto" (small objects over lakeFS's REST
 * object endpoints) and "gateway" (everything through the S3 gateway). Every
 * client the rows make uses it.
 */
type Path = "auto" | "gateway";
let path: Path = "auto";
/** A code or message that differs by data path (the REST API and the gateway name the same failure differently). */
type ByPath<T> = T | { readonly auto: T; readonly gateway: T };
function onPath<T>(value: ByPath<T> | undefined, on: Path = path): T | undefined {
  return typeof value === "object" && value !== null && "gateway" in value ? value[on] : (value as T | undefined);
}
let repo: string;
let commitId: string;
const extraClients: LakeFS[] = [];

function clientAt(endpoint: string, options: LakeFSClientConfig = {}): LakeFS {
  const lakefs = testClient(ctx.server, endpoint, { maxAttempts: 1, dataPath: path, ...options });
  extraClients.push(lakefs);
  return lakefs;
}

/** Everything the rows could change, read with an independent client. */
async function snapshot(): Promise<string> {
  const admin = direct.admin;
  const branches: string[] = [];
  for await (const b of admin.listBranches({ repository: repo })) branches.push(`${b.id}@${b.commitId}`);
  const tags: string[] = [];
  for await (const t of admin.listTags({ repository: repo })) tags.push(`${t.id}@${t.commitId}`);
  const objects: string[] = [];
  for (const b of ["main", "dev", "prod"]) {
    for await (const o of direct.repository(repo).branch(b).objects()) {
      if (o.type === "object") objects.push(`${b}:${o.path}:${o.etag}:${o.size}`);
    }
  }
  const uncommitted: string[] = [];
  for await (const d of admin.uncommitted({ repository: repo, branch: "main" })) uncommitted.push(`${d.type}:${d.path}`);
  const repositories: string[] = [];
  for await (const r of admin.listRepositories()) repositories.push(r.id);
  return JSON.stringify({ branches, tags, objects, uncommitted, repositories }, null, 1);
}

before(async () => {
  const server = await whenReady(() => ctx.server, "the lakeFS server");
  tripwire = await startTripwire(server.endpoint);
  direct = clientAt(server.endpoint, { maxAttempts: 3 });
  good = clientAt(tripwire.endpoint, { maxAttempts: 3 });
  repo = await createRepositoryRaw(server, uniqueRepoName("bad"));
  const r = direct.repository(repo);
  await r.branch("main").object("a.txt").upload("A");
  await r.branch("main").object("conflict.txt").upload("base");
  commitId = (await r.branch("main").commit({ message: "c1" })).id;
  await r.tag("v1").create("main");
  await r.branch("dev").create("main");
  await r.branch("dev").object("conflict.txt").upload("dev side");
  await r.branch("dev").commit({ message: "dev change" });
  await r.branch("main").object("conflict.txt").upload("main side");
  await r.branch("main").commit({ message: "main change" });
  await r.branch("prod").create("main");
  await r.setBranchProtectionRules([{ pattern: "prod" }]);
  // Rules apply after the server's cache expires (up to ~6 s): poll until a write is refused.
  const deadline = Date.now() + 20_000;
  for (let i = 0; ; i++) {
    try {
      await r.branch("prod").object("protection-probe.txt").upload(String(i));
    } catch (err) {
      if (err instanceof ProtectedBranchError) break;
      throw err;
    }
    if (Date.now() > deadline) throw new Error("the branch protection rule never applied");
    await new Promise((res) => setTimeout(res, 300));
  }
});
after(async () => {
  for (const c of extraClients) c.destroy();
  await tripwire?.close();
});

// ─── the matrix ──────────────────────────────────────────────────────────────

type ErrorClass = new (...args: never[]) => LakeFSError;

interface Row {
  /** The input, in words. */
  readonly input: string;
  /** The exact class expected (compared by name, so a subclass does not pass). */
  readonly expect: ErrorClass;
  readonly code?: ByPath<string>;
  /** The message must match (e.g. merge conflicts name the paths). */
  readonly message?: ByPath<RegExp>;
  /** Refused before a byte reaches the server. */
  readonly nothingSent?: boolean;
  /** Refused after at most this many bytes (a look-up), before any body byte reaches the server. */
  readonly maxBytesSent?: number;
  readonly run: () => Promise<unknown>;
}

const main = () => good.repository(repo).branch("main");
const aborted = () => AbortSignal.abort(new Error("caller gave up"));
/** A signal that aborts `ms` after the call starts. */
const abortAfter = (ms: number) => AbortSignal.timeout(ms);
const wrongSecret = () => clientAt(tripwire.endpoint, { secretAccessKey: "wJalrXUtnFEMI/WRONG/SECRETKEY0000000000000" });
const unknownKey = () => clientAt(tripwire.endpoint, { accessKeyId: "AKIAUNKNOWNKEY000000" });

const names: Row[] = [
  ...["", "AB-upper", "ab", "a".repeat(64), "-leading-dash", "under_score", "dot.name"].map(
    (name): Row => ({
      input: `repository name ${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}…(${name.length})` : name)}`,
      expect: ValidationError,
      code: "InvalidRepositoryName",
      nothingSent: true,
      run: async () => good.repository(name).branch("main").object("x").upload("x"),
    }),
  ),
  ...["", "feature/x", "-x", "has space", "ünïcode"].map(
    (name): Row => ({
      input: `branch name ${JSON.stringify(name)}`,
      expect: ValidationError,
      code: "InvalidBranchName",
      nothingSent: true,
      run: async () => good.repository(repo).branch(name).object("x").upload("x"),
    }),
  ),
  ...["", "v1..2", "v1.lock", "a b", "x^y", "a:b"].map(
    (name): Row => ({
      input: `tag name ${JSON.stringify(name)}`,
      expect: ValidationError,
      code: "InvalidTagName",
      nothingSent: true,
      run: async () => good.repository(repo).tag(name).create("main"),
    }),
  ),
];

const keys: Row[] = [
  { input: 'empty key ""', code: "InvalidObjectPath", run: async () => main().object("").upload("x") },
  { input: "path of 1,025 bytes (the ref not counted)", code: "KeyTooLong", run: async () => main().object("k".repeat(1025)).upload("x") },
  { input: "path of 512 × é + 1 byte (1,025 UTF-8 bytes)", code: "KeyTooLong", run: async () => main().object(`${"é".repeat(512)}x`).upload("x") },
  { input: "over-long key on a read", code: "KeyTooLong", run: async () => main().object("r".repeat(1100)).bytes() },
  { input: 'key "a/../b"', code: "InvalidObjectPath", run: async () => main().object("a/../b").upload("x") },
  { input: 'key "../escape"', code: "InvalidObjectPath", run: async () => main().object("../escape").upload("x") },
  { input: 'key "./x"', code: "InvalidObjectPath", run: async () => main().object("./x").upload("x") },
  { input: "key with NUL", code: "InvalidObjectPath", run: async () => main().object("a\u0000b").upload("x") },
  { input: "key with a newline", code: "InvalidObjectPath", run: async () => main().object("line\nbreak").upload("x") },
  { input: "key with DEL (0x7f)", code: "InvalidObjectPath", run: async () => main().object("del\u007f").upload("x") },
  { input: "key with a lone high surrogate", code: "InvalidObjectPath", run: async () => main().object("\uD800high").upload("x") },
  { input: "key with a lone low surrogate", code: "InvalidObjectPath", run: async () => main().object("low\uDC00").upload("x") },
].map((r): Row => ({ ...r, expect: ValidationError, nothingSent: true }));

const readOnly: Row[] = [
  { input: 'upload on repo.branch("main~1")', expect: ReadOnlyRefError, nothingSent: true, run: async () => good.repository(repo).branch("main~1").object("x").upload("x") },
  {
    input: 'uploadObject(lakefs.s3, { ref: "main^" })',
    expect: ReadOnlyRefError,
    nothingSent: true,
    run: () => uploadObject(good.s3, { repository: repo, ref: "main^", path: "x" }, "x"),
  },
  { input: 'admin.commit on "main~1"', expect: ReadOnlyRefError, nothingSent: true, run: () => good.admin.commit({ repository: repo, branch: "main~1", message: "m", allowEmpty: true }) },
  {
    input: 'presigned PUT on "main@"',
    expect: ReadOnlyRefError,
    nothingSent: true,
    run: async () => good.repository(repo).branch("main@").object("x").presign({ method: "PUT" }),
  },
  { input: 'upload on repo.branch("v1") where v1 is a tag', expect: ReadOnlyRefError, run: () => good.repository(repo).branch("v1").object("x").upload("x") },
  {
    input: 'upload of 1 MiB in one request on repo.branch("v1"), a tag',
    expect: ReadOnlyRefError,
    maxBytesSent: 16 * 1024,
    run: () => good.repository(repo).branch("v1").object("one").upload(randomBytes(MiB)),
  },
  {
    input: 'multipart upload (12 MiB) on repo.branch("v1"), a tag',
    expect: ReadOnlyRefError,
    maxBytesSent: 16 * 1024,
    run: () => good.repository(repo).branch("v1").object("big").upload(randomBytes(12 * MiB), { partSize: 5 * MiB }),
  },
  { input: "upload on repo.branch(<commit id>)", expect: ReadOnlyRefError, run: () => good.repository(repo).branch(commitId).object("x").upload("x") },
  { input: 'commit on repo.branch("v1"), a tag', expect: ReadOnlyRefError, run: () => good.repository(repo).branch("v1").commit({ message: "m", allowEmpty: true }) },
  { input: 'object delete on repo.branch("v1"), a tag', expect: ReadOnlyRefError, run: () => good.repository(repo).branch("v1").object("a.txt").delete() },
  { input: 'resetChanges on repo.branch(<commit id>)', expect: ReadOnlyRefError, run: () => good.repository(repo).branch(commitId).resetChanges() },
];

const missing: Row[] = [
  { input: "read from a missing repository", expect: RepositoryNotFoundError, run: () => good.repository("no-such-repo").branch("main").object("a.txt").bytes() },
  { input: "write to a missing repository", expect: RepositoryNotFoundError, run: () => good.repository("no-such-repo").branch("main").object("a.txt").upload("x") },
  { input: "admin.getRepositoryProperties of a missing repository", expect: RepositoryNotFoundError, run: () => good.admin.getRepositoryProperties({ repository: "no-such-repo" }) },
  { input: "read from a missing branch", expect: BranchNotFoundError, run: () => good.repository(repo).branch("nope").object("a.txt").bytes() },
  { input: "write to a missing branch", expect: BranchNotFoundError, run: () => good.repository(repo).branch("nope").object("a.txt").upload("x") },
  { input: "commit on a missing branch", expect: BranchNotFoundError, run: () => good.repository(repo).branch("nope").commit({ message: "m", allowEmpty: true }) },
  { input: "read of a missing object", expect: ObjectNotFoundError, run: () => main().object("missing.txt").bytes() },
  { input: "stat of a missing object", expect: ObjectNotFoundError, run: () => main().object("missing.txt").stat() },
  { input: "read from a missing tag", expect: TagNotFoundError, run: () => good.repository(repo).tag("nope").object("a.txt").bytes() },
  { input: "commit of a missing tag", expect: TagNotFoundError, run: () => good.repository(repo).tag("nope").getCommit() },
];

const access: Row[] = [
  { input: "upload to protected branch prod", expect: ProtectedBranchError, run: () => good.repository(repo).branch("prod").object("p.txt").upload("x") },
  { input: "object delete on protected branch prod", expect: ProtectedBranchError, run: () => good.repository(repo).branch("prod").object("a.txt").delete() },
  { input: "commit on protected branch prod", expect: ProtectedBranchError, run: () => good.repository(repo).branch("prod").commit({ message: "m", allowEmpty: true }) },
  { input: "deleting the repository's default branch", expect: PermissionDeniedError, message: /default branch/, run: () => main().delete() },
  { input: "wrong secret key, REST", expect: AuthenticationError, run: () => wrongSecret().admin.getRepositoryProperties({ repository: repo }) },
  { input: "wrong secret key, object read", expect: AuthenticationError, code: { auto: "Unauthorized", gateway: "SignatureDoesNotMatch" }, run: () => wrongSecret().repository(repo).branch("main").object("a.txt").bytes() },
  { input: "wrong secret key, S3 write", expect: AuthenticationError, run: () => wrongSecret().repository(repo).branch("main").object("w.txt").upload("x") },
  { input: "unknown access key id, REST", expect: AuthenticationError, run: () => unknownKey().admin.getRepositoryProperties({ repository: repo }) },
  { input: "unknown access key id, S3 (the gateway says AccessDenied)", expect: AuthenticationError, run: () => unknownKey().repository(repo).branch("main").object("a.txt").bytes() },
];

// Issue 16: inputs whose errors used to name the wrong cause.
const misleading: Row[] = [
  {
    input: "access key id that is only whitespace",
    expect: ConfigurationError,
    message: /credentials from option accessKeyId\/secretAccessKey have no access key id/,
    nothingSent: true,
    run: () => clientAt(tripwire.endpoint, { accessKeyId: " \n" }).repository(repo).branch("main").object("a.txt").bytes(),
  },
  {
    input: "unknown access key id, exists() (on the gateway a HEAD: a 403 without a body)",
    expect: AuthenticationError,
    code: { auto: "Unauthorized", gateway: "AccessDenied" },
    message: { auto: /statObject: lakeFS rejected the credentials/, gateway: /HeadObject: lakeFS rejected the credentials/ },
    run: () => unknownKey().repository(repo).branch("main").object("a.txt").exists(),
  },
  {
    input: "wrong secret key, stat() (on the gateway a HEAD)",
    expect: AuthenticationError,
    code: { auto: "Unauthorized", gateway: "AccessDenied" },
    message: { auto: /statObject: lakeFS rejected the credentials/, gateway: /HeadObject: lakeFS rejected the credentials/ },
    run: () => wrongSecret().repository(repo).branch("main").object("a.txt").stat(),
  },
  {
    input: 's3ForBranch bound to "raw", then a PutObject to bucket "curated"',
    expect: ValidationError,
    code: "BucketNotBound",
    message: /Bucket "curated" is not the bucket of this branch-scoped client: it is bound to "raw"/,
    nothingSent: true,
    run: () => good.s3ForBranch({ repository: repo, branch: "main", bucket: "raw" }).send(new PutObjectCommand({ Bucket: "curated", Key: "data.csv", Body: "x" })),
  },
  ...(TEST_BLOCKSTORE === "local"
    ? [
        {
          input: "ListParts through lakefs.s3 on a local blockstore",
          expect: NotSupportedError,
          code: "NotSupported",
          message: /ListParts is not supported by this lakeFS server: its blockstore is "local"/,
          // At most the one GET /api/v1/config of this client.
          maxBytesSent: 1024,
          run: () => good.s3.send(new ListPartsCommand({ Bucket: repo, Key: "main/a.txt", UploadId: "any" })),
        },
        {
          input: "ListMultipartUploads through lakefs.s3 on a local blockstore",
          expect: NotSupportedError,
          code: "NotSupported",
          message: /ListMultipartUploads is not supported by this lakeFS server: its blockstore is "local"/,
          maxBytesSent: 1024,
          run: () => good.s3.send(new ListMultipartUploadsCommand({ Bucket: repo })),
        },
      ]
    : []),
];

const endpoints: Row[] = [
  {
    input: "http:// to the HTTPS port of a TLS front, REST",
    expect: TlsError,
    code: "ServerRequiresTls",
    run: () => clientAt(tls.front.url.replace("https:", "http:")).admin.getRepositoryProperties({ repository: repo }),
  },
  {
    input: "http:// to the HTTPS port of a TLS front, S3",
    expect: TlsError,
    code: "ServerRequiresTls",
    run: () => clientAt(tls.front.url.replace("https:", "http:")).repository(repo).branch("main").object("a.txt").bytes(),
  },
  {
    input: "https:// to lakeFS's plain HTTP port",
    expect: TlsError,
    code: "ServerNotTls",
    run: () => clientAt(ctx.server.endpoint.replace("http:", "https:")).admin.getRepositoryProperties({ repository: repo }),
  },
  {
    input: "endpoint with a path other than /api/v1 (…/lakefs)",
    expect: ConfigurationError,
    nothingSent: true,
    run: () => clientAt(`${tripwire.endpoint}/lakefs`).repository(repo).branch("main").object("a.txt").upload("x"),
  },
  {
    input: "endpoint with /api/v2",
    expect: ConfigurationError,
    nothingSent: true,
    run: () => clientAt(`${tripwire.endpoint}/api/v2`).admin.getRepositoryProperties({ repository: repo }),
  },
  {
    input: "endpoint on a port with nothing listening",
    expect: NetworkError,
    code: "EndpointUnreachable",
    run: async () => clientAt(`http://127.0.0.1:${await freePort()}`).repository(repo).branch("main").object("x").upload("x"),
  },
];

const bodies: Row[] = [
  {
    input: "PutObject whose 10-byte body is shorter than ContentLength 20",
    expect: ValidationError,
    code: "ContentLengthMismatch",
    nothingSent: true,
    run: () => good.s3.send(new PutObjectCommand({ Bucket: repo, Key: "main/cl.txt", Body: Buffer.from("0123456789"), ContentLength: 20 })),
  },
  {
    input: "PutObject whose 10-byte body is longer than ContentLength 5",
    expect: ValidationError,
    code: "ContentLengthMismatch",
    nothingSent: true,
    run: () => good.s3.send(new PutObjectCommand({ Bucket: repo, Key: "main/cl.txt", Body: "0123456789", ContentLength: 5 })),
  },
  {
    input: "user metadata of 3 KiB (S3 limit 2 KiB)",
    expect: ValidationError,
    code: "MetadataTooLarge",
    nothingSent: true,
    run: () => main().object("meta.txt").upload("x", { metadata: { big: "v".repeat(3 * 1024) } }),
  },
  {
    input: "user metadata over 2 KiB in many small keys",
    expect: ValidationError,
    code: "MetadataTooLarge",
    nothingSent: true,
    run: () => main().object("meta.txt").upload("x", { metadata: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`key-${i}`, "v".repeat(50)])) }),
  },
  {
    input: 'user metadata key "bad key" (not an HTTP token)',
    expect: ValidationError,
    code: "InvalidMetadata",
    nothingSent: true,
    run: () => main().object("meta.txt").upload("x", { metadata: { "bad key": "v" } }),
  },
  {
    input: "a { file } body that does not exist",
    expect: ValidationError,
    code: "InvalidBody",
    nothingSent: true,
    run: () => main().object("f.txt").upload({ file: join(tmpdir(), `missing-${randomBytes(4).toString("hex")}`) }),
  },
];

const versionControl: Row[] = [
  {
    input: "merge dev into main with a conflicting change to conflict.txt",
    expect: MergeConflictError,
    message: /conflict\.txt/,
    run: () => good.repository(repo).branch("dev").mergeInto("main"),
  },
  { input: "commit with an empty message", expect: ValidationError, code: "InvalidCommitMessage", nothingSent: true, run: () => main().commit({ message: "  " }) },
];

const aborts: Row[] = [
  { input: "upload with an already aborted signal", nothingSent: true, run: () => main().object("ab.txt").upload("x", { signal: aborted() }) },
  {
    input: "multipart upload aborted mid-flight",
    run: () => {
      const ac = new AbortController();
      return main().object("ab-big.bin").upload(randomBytes(24 * MiB), { partSize: 5 * MiB, onProgress: () => ac.abort(), signal: ac.signal });
    },
  },
  { input: "bytes() with an aborted signal", nothingSent: true, run: () => main().object("a.txt").bytes({ signal: aborted() }) },
  { input: "stat() with an aborted signal", nothingSent: true, run: () => main().object("a.txt").stat({ signal: aborted() }) },
  {
    input: "objects() listing with an aborted signal",
    nothingSent: true,
    run: async () => {
      for await (const entry of main().objects({ signal: aborted() })) void entry;
    },
  },
  { input: "object delete with an aborted signal", nothingSent: true, run: () => main().object("a.txt").delete({ signal: aborted() }) },
  { input: "download() with an aborted signal", nothingSent: true, run: () => main().object("a.txt").download(join(tmpdir(), "never-written"), { signal: aborted() }) },
  { input: "commit with an aborted signal", nothingSent: true, run: () => main().commit({ message: "m", allowEmpty: true, signal: aborted() }) },
  { input: "merge with an aborted signal", nothingSent: true, run: () => good.repository(repo).branch("dev").mergeInto("main", { signal: aborted() }) },
  { input: "revert with an aborted signal", nothingSent: true, run: () => main().revert("main", { signal: aborted() }) },
  { input: "admin.getRepositoryProperties with an aborted signal", nothingSent: true, run: () => good.admin.getRepositoryProperties({ repository: repo, signal: aborted() }) },
  {
    input: "a read on a server that never answers, aborted after 200 ms",
    run: async () => {
      // A listener that accepts and stays silent: only the signal can end the call.
      const held = new Set<Socket>();
      const silent = createServer((s) => {
        held.add(s);
        s.resume();
      });
      silent.listen(0, "127.0.0.1");
      await once(silent, "listening");
      try {
        const { port } = silent.address() as { port: number };
        return await clientAt(`http://127.0.0.1:${port}`, { socketTimeout: 0 }).admin.getRepositoryProperties({ repository: repo, signal: abortAfter(200) });
      } finally {
        for (const s of held) s.destroy();
        silent.close();
      }
    },
  },
].map((r): Row => ({ ...r, expect: AbortError }));

const MATRIX: readonly Row[] = [...names, ...keys, ...readOnly, ...missing, ...access, ...misleading, ...endpoints, ...bodies, ...versionControl, ...aborts];

for (const dataPath of ["auto", "gateway"] as const) {
describe(`bad input on dataPath "${dataPath}": ${MATRIX.length} cases, each a typed error and no change`, () => {
  before(() => {
    path = dataPath;
    good = clientAt(tripwire.endpoint, { maxAttempts: 3 });
  });

  it("the matrix has at least 40 cases", () => {
    assert.ok(MATRIX.length >= 40, `${MATRIX.length} cases`);
  });

  for (const row of MATRIX) {
    it(`${row.input} → ${row.expect.name}${onPath(row.code, dataPath) ? ` (${onPath(row.code, dataPath)})` : ""}${row.nothingSent ? ", nothing sent" : ""}${row.maxBytesSent !== undefined ? ", no body sent" : ""}`, async () => {
      const before = await snapshot();
      const sentBefore = tripwire.bytes;
      let caught: unknown;
      try {
        await row.run();
      } catch (err) {
        caught = err;
      }
      assert.ok(caught !== undefined, "the call must fail");
      assert.ok(caught instanceof LakeFSError, `a LakeFSError, got ${String(caught)}`);
      assert.equal(caught.name, row.expect.name, `class (message: ${caught.message})`);
      assert.ok(caught instanceof row.expect);
      const code = onPath(row.code);
      const message = onPath(row.message);
      if (code) assert.equal(caught.code, code, `code (message: ${caught.message})`);
      if (message) assert.match(caught.message, message);
      assert.ok(caught.message.length > 10, "a message that says something");
      if (row.nothingSent) assert.equal(tripwire.bytes, sentBefore, "not a byte was sent");
      if (row.maxBytesSent !== undefined) assert.ok(tripwire.bytes - sentBefore <= row.maxBytesSent, `sent ${tripwire.bytes - sentBefore} bytes: the body went out`);
      assert.equal(await snapshot(), before, "nothing was written or changed");
    });
  }

});
}

describe("bad input: control", () => {
  it("the endpoint with /api/v1, or without, works", async () => {
    for (const endpoint of [`${tripwire.endpoint}/api/v1`, `${tripwire.endpoint}/api/v1/`, tripwire.endpoint]) {
      const lakefs = clientAt(endpoint);
      assert.equal(await lakefs.repository(repo).branch("main").object("a.txt").text(), "A");
      assert.equal((await lakefs.admin.getRepositoryProperties({ repository: repo })).id, repo);
    }
  });
});
