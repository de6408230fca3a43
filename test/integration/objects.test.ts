/**
 * The gateway object functions against a real lakeFS: round trips, ranged
 * and conditional reads, listing, bulk delete, copy, presigned URLs, and the
 * errors the gateway's answers are mapped to.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import {
  AbortError,
  BranchNotFoundError,
  LakeFS,
  LakeFSError,
  NotSupportedError,
  ObjectNotFoundError,
  PreconditionFailedError,
  ProtectedBranchError,
  ReadOnlyRefError,
  RefNotFoundError,
  RepositoryNotFoundError,
  ValidationError,
} from "../../src/index.js";
import {
  copyObject,
  deleteObject,
  deleteObjects,
  listObjects,
  objectExists,
  presignObject,
  readObjectBytes,
  readObjectStream,
  readObjectText,
  statObject,
  uploadObject,
  type ObjectEntry,
  type PrefixEntry,
} from "../../src/s3.js";
import { basicAuth, createRepositoryRaw, TEST_BLOCKSTORE, testClient, useLakeFS } from "../support/lakefs.js";
import { rejection } from "../support/rejection.js";

const ctx = useLakeFS();

function client(): LakeFS {
  return testClient(ctx.server);
}

/** Records the S3 commands a client sends. */
function recordCommands(s3: S3Client): string[] {
  const names: string[] = [];
  s3.middlewareStack.add(
    (next, context) => (args) => {
      names.push(context.commandName ?? "?");
      return next(args);
    },
    { step: "initialize", name: "recordCommandsForTest" },
  );
  return names;
}

/** A REST call straight with fetch, independent of the code under test. */
async function rest(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${ctx.server.endpoint}/api/v1${path}`, {
    method,
    headers: { authorization: basicAuth(ctx.server), "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return res.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as unknown) : text;
}

const createBranch = (repo: string, name: string, source = "main") => rest("POST", `/repositories/${repo}/branches`, { name, source });
const commit = async (repo: string, branch = "main") =>
  ((await rest("POST", `/repositories/${repo}/branches/${branch}/commits`, { message: "test commit" })) as { id: string }).id;
const createTag = (repo: string, id: string, ref: string) => rest("POST", `/repositories/${repo}/tags`, { id, ref });

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("object round trips", () => {
  it("uploads every body type and reads back bytes, text, stream and stat", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const repo = await createRepositoryRaw(ctx.server);
    const at = (path: string) => ({ repository: repo, ref: "main", path });
    const bytes = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 256);

    const put = await uploadObject(s3, at("t/string.txt"), "héllo wörld", { contentType: "text/plain; charset=utf-8", metadata: { Owner: "team-a", "x-note": "a b" } });
    assert.equal(put.size, Buffer.byteLength("héllo wörld"));
    await uploadObject(s3, at("t/bytes.bin"), bytes);
    await uploadObject(s3, at("t/blob.bin"), new Blob([bytes]));
    await uploadObject(s3, at("t/readable.bin"), Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
    await uploadObject(s3, at("t/web.bin"), new Blob([bytes]).stream());
    await uploadObject(s3, at("t/empty"), "");

    assert.equal(await readObjectText(s3, at("t/string.txt")), "héllo wörld");
    assert.equal(await readObjectText(s3, at("t/string.txt"), { encoding: "latin1" }), Buffer.from("héllo wörld").toString("latin1"));
    for (const name of ["bytes.bin", "blob.bin", "readable.bin", "web.bin"]) {
      assert.deepEqual(Buffer.from(await readObjectBytes(s3, at(`t/${name}`))), Buffer.from(bytes), name);
    }
    assert.equal((await readObjectBytes(s3, at("t/empty"))).length, 0);
    const chunks: Buffer[] = [];
    for await (const c of await readObjectStream(s3, at("t/bytes.bin"))) chunks.push(c as Buffer);
    assert.deepEqual(Buffer.concat(chunks), Buffer.from(bytes));

    const stat = await statObject(s3, at("t/string.txt"));
    assert.equal(stat.path, "t/string.txt");
    assert.equal(stat.size, put.size);
    assert.equal(stat.etag, put.etag);
    assert.match(stat.etag ?? "", /^[0-9a-f]{32}$/, "ETags come unquoted");
    assert.equal(stat.contentType, "text/plain; charset=utf-8");
    // The gateway stores metadata keys in lower case.
    assert.deepEqual(stat.metadata, { owner: "team-a", "x-note": "a b" });
    assert.ok(stat.lastModified instanceof Date && Math.abs(stat.lastModified.getTime() - Date.now()) < 60_000);
    assert.deepEqual((await statObject(s3, at("t/bytes.bin"))).metadata, {});

    assert.equal(await objectExists(s3, at("t/bytes.bin")), true);
    assert.equal(await objectExists(s3, at("t/nope")), false);
    lakefs.destroy();
  });

  it("the S3 stat and the REST stat are one ObjectStat: same size, ETag, content type, metadata and lastModified as a Date", async () => {
    const lakefs = client();
    const repo = await createRepositoryRaw(ctx.server);
    const location = { repository: repo, ref: "main", path: "same/stat.txt" };
    await uploadObject(lakefs.s3, location, "one stat type", { contentType: "text/plain", metadata: { owner: "team-b" } });
    const overS3 = await statObject(lakefs.s3, location);
    const overRest = await lakefs.admin.statObject(location);
    assert.deepEqual(
      { path: overRest.path, size: overRest.size, etag: overRest.etag, contentType: overRest.contentType, metadata: overRest.metadata },
      { path: overS3.path, size: overS3.size, etag: overS3.etag, contentType: overS3.contentType, metadata: overS3.metadata },
    );
    assert.ok(overRest.lastModified instanceof Date && overS3.lastModified instanceof Date);
    // HTTP dates have whole seconds, as lakeFS's mtime does.
    assert.equal(overRest.lastModified.getTime(), overS3.lastModified.getTime());
    // Where the data lives: local:// on the default leg, s3:// on the S3 and MinIO blockstore legs.
    assert.match(overRest.physicalAddress ?? "", TEST_BLOCKSTORE === "local" ? /^local:\/\// : /^s3:\/\//);
    assert.equal(overS3.physicalAddress, undefined, "the gateway does not tell the physical address");
    lakefs.destroy();
  });

  it("reads byte ranges with the Range header; past the end is 416", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const repo = await createRepositoryRaw(ctx.server);
    const loc = { repository: repo, ref: "main", path: "range.txt" };
    await uploadObject(s3, loc, "0123456789");
    assert.equal(await readObjectText(s3, loc, { range: { start: 2, end: 5 } }), "2345");
    assert.equal(await readObjectText(s3, loc, { range: { start: 7 } }), "789");
    assert.equal(await readObjectText(s3, loc, { range: { start: 8, end: 100 } }), "89");
    const past = await rejection(readObjectText(s3, loc, { range: { start: 10 } }));
    assert.ok(past instanceof LakeFSError && past.status === 416 && past.code === "InvalidRange", String(past));
    await uploadObject(s3, { ...loc, path: "empty" }, "");
    const empty = await rejection(readObjectBytes(s3, { ...loc, path: "empty" }, { range: { start: 0 } }));
    assert.ok(empty instanceof LakeFSError && empty.status === 416);
    const bad = await rejection(readObjectText(s3, loc, { range: { start: 5, end: 4 } }));
    assert.ok(bad instanceof ValidationError);
    lakefs.destroy();
  });

  it("ifMatch on reads is enforced by the toolkit (the gateway ignores If-Match on GET)", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const repo = await createRepositoryRaw(ctx.server);
    const loc = { repository: repo, ref: "main", path: "v.txt" };
    const v1 = await uploadObject(s3, loc, "v1");
    assert.equal(await readObjectText(s3, loc, { ifMatch: v1.etag }), "v1");
    assert.equal(await readObjectText(s3, loc, { ifMatch: `"${v1.etag}"` }), "v1");
    await uploadObject(s3, loc, "v2");
    const err = await rejection(readObjectText(s3, loc, { ifMatch: v1.etag }));
    assert.ok(err instanceof PreconditionFailedError, String(err));
    lakefs.destroy();
  });

  it("ifNoneMatch '*' writes once, then answers 412 PreconditionFailedError", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const repo = await createRepositoryRaw(ctx.server);
    const loc = { repository: repo, ref: "main", path: "once.txt" };
    await uploadObject(s3, loc, "first", { ifNoneMatch: "*" });
    const err = await rejection(uploadObject(s3, loc, "second", { ifNoneMatch: "*" }));
    assert.ok(err instanceof PreconditionFailedError, String(err));
    assert.equal(err.status, 412);
    assert.equal(err.code, "PreconditionFailed");
    assert.equal(await readObjectText(s3, loc), "first");
    lakefs.destroy();
  });

  it("deleting a missing key succeeds (204), deleting an existing one removes it", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const repo = await createRepositoryRaw(ctx.server);
    const loc = { repository: repo, ref: "main", path: "d/x.txt" };
    await deleteObject(s3, { ...loc, path: "d/never-existed" });
    await uploadObject(s3, loc, "x");
    await deleteObject(s3, loc);
    assert.equal(await objectExists(s3, loc), false);
    lakefs.destroy();
  });
});

describe("validation before sending", () => {
  it("refuses bad paths, refs, metadata and options without a request", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const sent = recordCommands(s3);
    const repo = "no-request-is-sent";
    const at = (path: string, ref = "main") => ({ repository: repo, ref, path });
    const cases: [string, () => Promise<unknown>, new (...args: never[]) => Error][] = [
      ["control char", () => uploadObject(s3, at("a\u0001b"), "x"), ValidationError],
      ["dot segment", () => uploadObject(s3, at("a/../b"), "x"), ValidationError],
      ["empty path", () => uploadObject(s3, at(""), "x"), ValidationError],
      ["1,025-byte path (the ref not counted)", () => uploadObject(s3, at("k".repeat(1025)), "x"), ValidationError],
      ["ref expression", () => uploadObject(s3, at("x", "main~1"), "x"), ReadOnlyRefError],
      ["bad repository", () => uploadObject(s3, { repository: "Bad_Repo", ref: "main", path: "x" }, "x"), ValidationError],
      ["non-ASCII metadata", () => uploadObject(s3, at("x"), "x", { metadata: { k: "ünïcode" } }), ValidationError],
      ["small partSize", () => uploadObject(s3, at("x"), "x", { partSize: 1024 }), ValidationError],
      ["delete on expression", () => deleteObject(s3, at("x", "main^")), ReadOnlyRefError],
      ["copy to expression", () => copyObject(s3, at("x"), at("y", "main~2")), ReadOnlyRefError],
      ["presign PUT on expression", () => presignObject(s3, at("x", "v1~1"), { method: "PUT" }), ReadOnlyRefError],
      ["expiresIn too long", () => presignObject(s3, at("x"), { expiresIn: 604_801 }), ValidationError],
      ["pageSize", () => collect(listObjects(s3, { repository: repo, ref: "main", pageSize: 0 })), ValidationError],
    ];
    for (const [name, call, type] of cases) {
      const err = await rejection(call());
      assert.ok(err instanceof type, `${name}: got ${String(err)}`);
      assert.equal((err as LakeFSError).status, 0, name);
    }
    // The longest allowed path (1,024 bytes after the ref) is accepted by the validation (and then fails on the missing repository).
    const ok = await rejection(uploadObject(s3, at("k".repeat(1024)), "x"));
    assert.ok(ok instanceof RepositoryNotFoundError, String(ok));
    assert.ok(sent.every((name) => name === "PutObjectCommand" || name === "ListObjectsV2Command"));
    assert.equal(sent.filter((name) => name === "PutObjectCommand").length, 1);
    lakefs.destroy();
  });

  it("an already-aborted signal rejects with AbortError and sends nothing", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const sent = recordCommands(s3);
    const repo = await createRepositoryRaw(ctx.server);
    const loc = { repository: repo, ref: "main", path: "x" };
    const reason = new Error("stop");
    const signal = AbortSignal.abort(reason);
    for (const call of [
      () => readObjectText(s3, loc, { signal }),
      () => statObject(s3, loc, { signal }),
      () => deleteObject(s3, loc, { signal }),
      () => copyObject(s3, loc, { ...loc, path: "y" }, { signal }),
      () => presignObject(s3, loc, { signal }),
      () => collect(listObjects(s3, { repository: repo, ref: "main" }, { signal })),
      () => deleteObjects(s3, { repository: repo, ref: "main" }, ["a"], { signal }),
    ]) {
      const err = await rejection(call());
      assert.ok(err instanceof AbortError, String(err));
      assert.equal(err.cause, reason);
    }
    assert.deepEqual(sent, []);
    lakefs.destroy();
  });

  it("aborting while a stream is read destroys it with AbortError", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const repo = await createRepositoryRaw(ctx.server);
    const loc = { repository: repo, ref: "main", path: "slow.bin" };
    await uploadObject(s3, loc, new Uint8Array(4 * 1024 * 1024));
    const ac = new AbortController();
    const stream = await readObjectStream(s3, loc, { signal: ac.signal });
    let read = 0;
    const err = await (async () => {
      try {
        for await (const chunk of stream) {
          read += (chunk as Buffer).length;
          ac.abort();
        }
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof AbortError, String(err));
    assert.ok(read < 4 * 1024 * 1024);
    lakefs.destroy();
  });
});

describe("errors from the gateway, named precisely", () => {
  describe("missing repository, ref, branch and object; writes to tags and commits", () => {
    let lakefs: LakeFS;
    let s3: S3Client;
    let main: { repository: string; ref: string; path: string };
    let commitId: string;
    let missingRepo: { repository: string; ref: string; path: string };

    before(async () => {
      lakefs = client();
      s3 = lakefs.s3;
      const repo = await createRepositoryRaw(ctx.server);
      main = { repository: repo, ref: "main", path: "a.txt" };
      await uploadObject(s3, main, "a");
      commitId = await commit(repo);
      await createTag(repo, "v1", "main");
      missingRepo = { ...main, repository: "no-such-repo-here" };
    });
    after(() => lakefs?.destroy());

    // Reads: the gateway answers NoSuchKey for a missing ref and a bare 404 to HEAD for everything.
    it("reads from a missing repository: RepositoryNotFoundError", async () => {
      for (const call of [() => readObjectText(s3, missingRepo), () => statObject(s3, missingRepo), () => objectExists(s3, missingRepo)]) {
        const err = await rejection(call());
        assert.ok(err instanceof RepositoryNotFoundError, String(err));
      }
    });

    it("reads from a missing ref: RefNotFoundError naming the ref", async () => {
      const noBranch = { ...main, ref: "no-branch" };
      for (const call of [() => readObjectText(s3, noBranch), () => statObject(s3, noBranch), () => objectExists(s3, noBranch)]) {
        const err = await rejection(call());
        assert.ok(err instanceof RefNotFoundError, String(err));
        assert.equal((err as RefNotFoundError).ref, "no-branch");
      }
    });

    it("a missing object: ObjectNotFoundError (404) on GET and HEAD", async () => {
      const missingObject = await rejection(readObjectText(s3, { ...main, path: "nope" }));
      assert.ok(missingObject instanceof ObjectNotFoundError, String(missingObject));
      assert.equal(missingObject.path, "nope");
      assert.equal(missingObject.status, 404);
      const missingHead = await rejection(statObject(s3, { ...main, path: "nope" }));
      assert.ok(missingHead instanceof ObjectNotFoundError, String(missingHead));
    });

    it("tags and commits read fine", async () => {
      assert.equal(await readObjectText(s3, { ...main, ref: "v1" }), "a");
      assert.equal(await readObjectText(s3, { ...main, ref: commitId }), "a");
    });

    // Writes: the gateway answers NoSuchBucket (404) for a tag, a commit and a missing branch alike.
    it("writes to a tag or a commit: ReadOnlyRefError; to a missing branch or repository: what is missing", async () => {
      const writeToTag = await rejection(uploadObject(s3, { ...main, ref: "v1" }, "x"));
      assert.ok(writeToTag instanceof ReadOnlyRefError, String(writeToTag));
      const writeToCommit = await rejection(uploadObject(s3, { ...main, ref: commitId }, "x"));
      assert.ok(writeToCommit instanceof ReadOnlyRefError, String(writeToCommit));
      const writeToMissing = await rejection(uploadObject(s3, { ...main, ref: "no-branch" }, "x"));
      assert.ok(writeToMissing instanceof BranchNotFoundError, String(writeToMissing));
      const writeToMissingRepo = await rejection(uploadObject(s3, missingRepo, "x"));
      assert.ok(writeToMissingRepo instanceof RepositoryNotFoundError, String(writeToMissingRepo));
    });

    // Deletes: the gateway answers 204 on a tag and a missing branch while deleting nothing.
    it("deletes on a tag: ReadOnlyRefError and nothing deleted; on a missing branch or repository: what is missing", async () => {
      const deleteOnTag = await rejection(deleteObject(s3, { ...main, ref: "v1" }));
      assert.ok(deleteOnTag instanceof ReadOnlyRefError, String(deleteOnTag));
      assert.equal(await readObjectText(s3, { ...main, ref: "v1" }), "a");
      const deleteOnMissing = await rejection(deleteObject(s3, { ...main, ref: "no-branch" }));
      assert.ok(deleteOnMissing instanceof BranchNotFoundError, String(deleteOnMissing));
      const deleteOnMissingRepo = await rejection(deleteObject(s3, missingRepo));
      assert.ok(deleteOnMissingRepo instanceof RepositoryNotFoundError, String(deleteOnMissingRepo));
    });

    it("without the branch check (verifyBranch: false), a delete on a tag 'succeeds' and deletes nothing", async () => {
      await deleteObject(s3, { ...main, ref: "v1" }, { verifyBranch: false });
      assert.equal(await readObjectText(s3, { ...main, ref: "v1" }), "a");
    });

    // Listings: the gateway answers a bare 400 for a missing ref.
    it("listing a missing ref or repository names what is missing", async () => {
      const listMissingRef = await rejection(collect(listObjects(s3, { repository: main.repository, ref: "no-branch" })));
      assert.ok(listMissingRef instanceof RefNotFoundError, String(listMissingRef));
      const listMissingRepo = await rejection(collect(listObjects(s3, { repository: "no-such-repo-here", ref: "main" })));
      assert.ok(listMissingRepo instanceof RepositoryNotFoundError, String(listMissingRepo));
    });
  });

  it("a protected branch refuses writes with ProtectedBranchError", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const repo = await createRepositoryRaw(ctx.server);
    // lakeFS caches branch protection rules per repository for a few seconds: set them before the first write.
    await rest("PUT", `/repositories/${repo}/settings/branch_protection`, [{ pattern: "main" }]);
    await createBranch(repo, "work");
    const work = { repository: repo, ref: "work", path: "w.txt" };
    await uploadObject(s3, work, "from work");
    const main = { repository: repo, ref: "main", path: "m.txt" };

    const put = await rejection(uploadObject(s3, main, "x"));
    assert.ok(put instanceof ProtectedBranchError, String(put));
    assert.equal(put.status, 403);
    assert.equal(put.branch, "main");
    const multipart = await rejection(uploadObject(s3, main, new Uint8Array(6 * 1024 * 1024), { partSize: 5 * 1024 * 1024 }));
    assert.ok(multipart instanceof ProtectedBranchError, String(multipart));
    const del = await rejection(deleteObject(s3, main));
    assert.ok(del instanceof ProtectedBranchError, String(del));
    // CopyObject to a protected branch answers 400 InvalidRequest "cannot write to protected branch".
    const copy = await rejection(copyObject(s3, work, main));
    assert.ok(copy instanceof ProtectedBranchError, String(copy));
    // DeleteObjects reports it per key.
    const bulk = await deleteObjects(s3, { repository: repo, ref: "main" }, ["m.txt", "n.txt"]);
    assert.deepEqual(bulk.deleted, []);
    assert.deepEqual(
      bulk.errors.map((e) => [e.path, e.code]),
      [
        ["m.txt", "ErrWriteToProtectedBranch"],
        ["n.txt", "ErrWriteToProtectedBranch"],
      ],
    );
    lakefs.destroy();
  });
});

describe("listing", () => {
  it("lists flat and with a delimiter, paths relative to the ref, objects and prefixes in key order", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const repo = await createRepositoryRaw(ctx.server);
    const paths = ["a.txt", "b/1.txt", "b/2.txt", "b/c/3.txt", "b-sibling.txt", "d/4.txt", "z.txt", "ünï/5.txt"];
    await Promise.all(paths.map((path, i) => uploadObject(s3, { repository: repo, ref: "main", path }, "x".repeat(i))));

    const flat = (await collect(listObjects(s3, { repository: repo, ref: "main" }))) as ObjectEntry[];
    assert.deepEqual(
      flat.map((e) => e.path),
      [...paths].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))),
    );
    const b2 = flat.find((e) => e.path === "b/2.txt")!;
    assert.equal(b2.type, "object");
    assert.equal(b2.size, 2);
    assert.equal(b2.etag, (await statObject(s3, { repository: repo, ref: "main", path: "b/2.txt" })).etag);
    assert.ok(b2.lastModified instanceof Date);

    const top = await collect(listObjects(s3, { repository: repo, ref: "main", delimiter: "/" }));
    assert.deepEqual(
      top.map((e) => `${e.type}:${e.path}`),
      ["object:a.txt", "object:b-sibling.txt", "prefix:b/", "prefix:d/", "object:z.txt", "prefix:ünï/"],
    );
    const inB = await collect(listObjects(s3, { repository: repo, ref: "main", prefix: "b/", delimiter: "/" }));
    assert.deepEqual(
      inB.map((e) => `${e.type}:${e.path}`),
      ["object:b/1.txt", "object:b/2.txt", "prefix:b/c/"],
    );
    const after = await collect(listObjects(s3, { repository: repo, ref: "main", startAfter: "b/2.txt" }));
    assert.deepEqual(
      after.map((e) => e.path),
      ["b/c/3.txt", "d/4.txt", "z.txt", "ünï/5.txt"],
    );
    // Another branch sees its own view.
    await createBranch(repo, "dev");
    await uploadObject(s3, { repository: repo, ref: "dev", path: "only-dev.txt" }, "d");
    const dev = await collect(listObjects(s3, { repository: repo, ref: "dev", prefix: "o" }));
    assert.deepEqual(
      dev.map((e) => e.path),
      ["only-dev.txt"],
    );
    lakefs.destroy();
  });

  it("pages with max-keys lazily and stops at the limit", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const repo = await createRepositoryRaw(ctx.server);
    const paths = Array.from({ length: 7 }, (_, i) => `p/${i}`);
    await Promise.all(paths.map((path) => uploadObject(s3, { repository: repo, ref: "main", path }, "x")));
    const sent = recordCommands(s3);

    const all = await collect(listObjects(s3, { repository: repo, ref: "main", pageSize: 2 }));
    assert.deepEqual(
      all.map((e) => e.path),
      paths,
    );
    assert.equal(sent.length, 4, "7 keys in pages of 2");

    sent.length = 0;
    const iterator = listObjects(s3, { repository: repo, ref: "main", pageSize: 3 })[Symbol.asyncIterator]();
    assert.equal(sent.length, 0, "nothing is fetched before the first next()");
    await iterator.next();
    await iterator.next();
    await iterator.next();
    assert.equal(sent.length, 1, "the second page waits for the fourth entry");
    await iterator.next();
    assert.equal(sent.length, 2);
    await iterator.return?.();

    sent.length = 0;
    const limited = await collect(listObjects(s3, { repository: repo, ref: "main", pageSize: 1000 }, { limit: 3 }));
    assert.deepEqual(
      limited.map((e) => e.path),
      paths.slice(0, 3),
    );
    assert.equal(sent.length, 1);

    sent.length = 0;
    const entries: (ObjectEntry | PrefixEntry)[] = [];
    for await (const e of listObjects(s3, { repository: repo, ref: "main", pageSize: 2 })) {
      entries.push(e);
      if (entries.length === 3) break;
    }
    assert.equal(sent.length, 2, "breaking out stops the paging");
    lakefs.destroy();
  });
});

describe("bulk delete", () => {
  it("deletes in batches of 1,000 streamed from an async iterable, reporting invalid paths", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const repo = await createRepositoryRaw(ctx.server);
    const real = ["keep/0.txt", "gone/1.txt", "gone/2.txt", "gone/3 + space.txt"];
    await Promise.all(real.map((path) => uploadObject(s3, { repository: repo, ref: "main", path }, "x")));
    const sent = recordCommands(s3);
    let pulled = 0;
    async function* paths(): AsyncGenerator<string> {
      for (const p of real.slice(1)) {
        pulled++;
        yield p;
      }
      yield "bad/../path";
      // Missing keys count as deleted, as in S3: 2,100 of them make three batches.
      for (let i = 0; i < 2100; i++) {
        pulled++;
        yield `missing/${i}`;
      }
    }
    const out = await deleteObjects(s3, { repository: repo, ref: "main" }, paths());
    assert.equal(pulled, 2103);
    assert.equal(sent.filter((n) => n === "DeleteObjectsCommand").length, 3);
    assert.equal(out.deleted.length, 2103);
    assert.deepEqual(out.deleted.slice(0, 3), real.slice(1));
    assert.deepEqual(out.errors, [{ path: "bad/../path", code: "InvalidObjectPath", message: out.errors[0]?.message }]);
    const left = await collect(listObjects(s3, { repository: repo, ref: "main" }));
    assert.deepEqual(
      left.map((e) => e.path),
      ["keep/0.txt"],
    );

    // Nothing to delete sends nothing; a tag is refused before the first batch.
    sent.length = 0;
    assert.deepEqual(await deleteObjects(s3, { repository: repo, ref: "main" }, []), { deleted: [], errors: [] });
    assert.equal(sent.length, 0);
    await commit(repo);
    await createTag(repo, "t1", "main");
    const onTag = await rejection(deleteObjects(s3, { repository: repo, ref: "t1" }, ["keep/0.txt"]));
    assert.ok(onTag instanceof ReadOnlyRefError, String(onTag));
    assert.ok(!sent.includes("DeleteObjectsCommand"));
    lakefs.destroy();
  });
});

describe("copy", () => {
  it("copies across branches and repositories, with '+', spaces and unicode in keys", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const repo = await createRepositoryRaw(ctx.server);
    const other = await createRepositoryRaw(ctx.server);
    await createBranch(repo, "feature");
    const keys = ["plus/1+1=2.txt", "space/a b c.txt", "unicode/データ ñ 😀.txt", "mixed/a+b c%20d.txt"];
    for (const [i, path] of keys.entries()) {
      await uploadObject(s3, { repository: repo, ref: "main", path }, `content ${i}`, { contentType: "text/x-test", metadata: { n: String(i) } });
    }
    for (const [i, path] of keys.entries()) {
      const from = { repository: repo, ref: "main", path };
      const out = await copyObject(s3, from, { repository: repo, ref: "feature", path: `copied/${path}` });
      assert.equal(out.etag, (await statObject(s3, from)).etag);
      assert.equal(await readObjectText(s3, { repository: repo, ref: "feature", path: `copied/${path}` }), `content ${i}`);
    }
    // Source metadata and content type are kept by default.
    const kept = await statObject(s3, { repository: repo, ref: "feature", path: `copied/${keys[0]}` });
    assert.equal(kept.contentType, "text/x-test");
    assert.deepEqual(kept.metadata, { n: "0" });
    // Replaced metadata.
    await copyObject(s3, { repository: repo, ref: "main", path: keys[1]! }, { repository: repo, ref: "main", path: "replaced.txt" }, { metadata: { fresh: "yes" } });
    const replaced = await statObject(s3, { repository: repo, ref: "main", path: "replaced.txt" });
    assert.deepEqual(replaced.metadata, { fresh: "yes" });
    assert.equal(replaced.contentType, "text/x-test");
    // Across repositories on the same storage, and from a tag.
    await commit(repo);
    await createTag(repo, "v1", "main");
    await copyObject(s3, { repository: repo, ref: "v1", path: keys[2]! }, { repository: other, ref: "main", path: "from-other-repo.txt" });
    assert.equal(await readObjectText(s3, { repository: other, ref: "main", path: "from-other-repo.txt" }), "content 2");

    // The gateway keeps the source's Content-Type on copy: refused up front.
    const ct = await rejection(copyObject(s3, { repository: repo, ref: "main", path: keys[0]! }, { repository: repo, ref: "main", path: "ct" }, { contentType: "text/new" }));
    assert.ok(ct instanceof NotSupportedError, String(ct));
    const missingSource = await rejection(copyObject(s3, { repository: repo, ref: "main", path: "nope" }, { repository: repo, ref: "main", path: "x" }));
    assert.ok(missingSource instanceof ObjectNotFoundError && missingSource.path === "nope", String(missingSource));
    const missingSourceRef = await rejection(copyObject(s3, { repository: repo, ref: "gone", path: "a" }, { repository: repo, ref: "main", path: "x" }));
    assert.ok(missingSourceRef instanceof RefNotFoundError, String(missingSourceRef));
    const toTag = await rejection(copyObject(s3, { repository: repo, ref: "main", path: keys[0]! }, { repository: repo, ref: "v1", path: "x" }));
    assert.ok(toTag instanceof ReadOnlyRefError, String(toTag));
    const toMissingBranch = await rejection(copyObject(s3, { repository: repo, ref: "main", path: keys[0]! }, { repository: repo, ref: "nob", path: "x" }));
    assert.ok(toMissingBranch instanceof BranchNotFoundError, String(toMissingBranch));
    lakefs.destroy();
  });
});

describe("presigned URLs", () => {
  it("GET and PUT URLs work with plain fetch, without credentials", async () => {
    const lakefs = client();
    const s3 = lakefs.s3;
    const repo = await createRepositoryRaw(ctx.server);
    const loc = { repository: repo, ref: "main", path: "shared/data file+1.txt" };
    await uploadObject(s3, loc, "shared content");

    const getUrl = await presignObject(s3, loc, { expiresIn: 60 });
    assert.match(getUrl, /X-Amz-Expires=60/);
    const got = await fetch(getUrl);
    assert.equal(got.status, 200);
    assert.equal(await got.text(), "shared content");

    const putLoc = { ...loc, path: "incoming/upload é.csv" };
    const putUrl = await presignObject(s3, putLoc, { method: "PUT", contentType: "text/csv" });
    assert.match(putUrl, /X-Amz-Expires=900/);
    const put = await fetch(putUrl, { method: "PUT", body: "a,b\n1,2\n", headers: { "content-type": "text/csv" } });
    assert.equal(put.status, 200, await put.text());
    assert.equal(await readObjectText(s3, putLoc), "a,b\n1,2\n");
    assert.equal((await statObject(s3, putLoc)).contentType, "text/csv");
    // The signed Content-Type must be sent as signed.
    const wrongType = await fetch(putUrl, { method: "PUT", body: "x", headers: { "content-type": "text/plain" } });
    assert.equal(wrongType.status, 403);

    // A tampered signature is refused.
    const tampered = await fetch(getUrl.replace(/X-Amz-Signature=[0-9a-f]/, (m) => m.slice(0, -1) + (m.endsWith("0") ? "1" : "0")));
    assert.equal(tampered.status, 403);
    lakefs.destroy();
  });
});
