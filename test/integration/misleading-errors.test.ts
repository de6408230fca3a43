/**
 * Issue 16, "errors that never mislead", against the real lakeFS: each case
 * that used to send a user toward the wrong cause, with the error class, the
 * code and a message that names the real cause. Proxies (case 4) are in
 * network.test.ts and secrets.test.ts, Retry-After (case 10) in
 * retries.test.ts, strict branch scoping (case 8) in branch-scope.test.ts.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  CopyObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  AbortMultipartUploadCommand,
} from "@aws-sdk/client-s3";
import {
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  LakeFS,
  MergeConflictError,
  NotSupportedError,
  ValidationError,
  createS3Client,
} from "../../src/index.js";
import { probeRef } from "../../src/gateway/objects/probe-ref.js";
import { basicAuth, createRepositoryRaw, TEST_BLOCKSTORE, testClient, useLakeFS } from "../support/lakefs.js";
import { whenReady } from "../support/child-process.js";
import { lakeFSRejection, rejection } from "../support/rejection.js";

const ctx = useLakeFS();
let lakefs: LakeFS;
let repo: string;
const clients: LakeFS[] = [];

function client(options: Parameters<typeof testClient>[2] = {}): LakeFS {
  const c = testClient(ctx.server, ctx.server.endpoint, { maxAttempts: 1, ...options });
  clients.push(c);
  return c;
}

/** Branch names of the repository, read straight over REST (independent of the code under test). */
async function branchNames(prefix: string): Promise<string[]> {
  const res = await fetch(`${ctx.server.endpoint}/api/v1/repositories/${repo}/branches?prefix=${prefix}&amount=1000`, {
    headers: { authorization: basicAuth(ctx.server) },
  });
  return ((await res.json()) as { results: { id: string }[] }).results.map((b) => b.id);
}

before(async () => {
  await whenReady(() => ctx.server, "the lakeFS server");
  lakefs = client({ maxAttempts: 3 });
  repo = await createRepositoryRaw(ctx.server);
  const main = lakefs.repository(repo).branch("main");
  await main.object("a.txt").upload("A");
  await main.commit({ message: "seed" });
  await lakefs.repository(repo).tag("v1").create("main");
});
after(() => {
  for (const c of clients) c.destroy();
});

describe("1. credentials with surrounding whitespace", () => {
  it("a trailing space or newline on the key id or secret (any source) is trimmed: writes, reads and REST work", async () => {
    const dirty = client({ accessKeyId: `${ctx.server.accessKeyId} `, secretAccessKey: `${ctx.server.secretAccessKey}\n` });
    const main = dirty.repository(repo).branch("main");
    await main.object("dirty-creds.txt").upload("ok");
    assert.equal(await main.object("a.txt").text(), "A");
    assert.equal((await dirty.admin.getRepositoryProperties({ repository: repo })).id, repo);
    const provided = client({ credentials: async () => ({ accessKeyId: `\t${ctx.server.accessKeyId}\r\n`, secretAccessKey: ` ${ctx.server.secretAccessKey}` }) });
    assert.equal(await provided.repository(repo).branch("main").object("a.txt").text(), "A");
  });

  it("a key id that is only whitespace is refused with a ConfigurationError naming the setting's source", async () => {
    const err = await lakeFSRejection(client({ accessKeyId: " \n", secretAccessKey: ctx.server.secretAccessKey }).repository(repo).branch("main").object("a.txt").text());
    assert.ok(err instanceof ConfigurationError && err.code === "ConfigurationError", String(err));
    assert.match(err.message, /credentials from option accessKeyId\/secretAccessKey have no access key id or secret/);
  });

  it("the ref probe reads only 'no such ref' as a missing ref: a malformed key's 400 MissingFields says nothing about the ref", async () => {
    const { endpoint, secretAccessKey, accessKeyId } = ctx.server;
    const plain = (id: string) =>
      new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: id, secretAccessKey } });
    const malformed = plain(`${accessKeyId} `);
    const good = plain(accessKeyId);
    try {
      assert.equal(await probeRef(malformed, repo, "main", { branch: true }), undefined);
      assert.equal(await probeRef(good, repo, "main", { branch: true }), "branch");
      assert.equal(await probeRef(good, repo, "no-such-branch"), "no-ref");
      assert.equal(await probeRef(good, repo, "v1", { branch: true }), "ref");
    } finally {
      malformed.destroy();
      good.destroy();
    }
  });
});

describe("2. bad credentials on stat() and exists()", () => {
  // The handles stat over REST under dataPath "auto" and with a gateway HEAD under "gateway": same class on both.
  const expected = {
    auto: { code: "Unauthorized", status: 401, message: /statObject: lakeFS rejected the credentials \(401: error authenticating request\)/ },
    gateway: {
      code: "AccessDenied",
      status: 403,
      message: /HeadObject: lakeFS rejected the credentials \(the S3 gateway answered 403 without a body, the REST API 401\)/,
    },
  } as const;
  for (const dataPath of ["auto", "gateway"] as const) {
    it(`dataPath "${dataPath}": an unknown key or a wrong secret gives AuthenticationError, not PermissionDeniedError`, async () => {
      for (const bad of [{ accessKeyId: "AKIAUNKNOWNKEY000000" }, { secretAccessKey: "wJalrXUtnFEMI/WRONG/SECRETKEY0000000000000" }]) {
        const object = client({ ...bad, dataPath }).repository(repo).branch("main").object("a.txt");
        for (const call of [() => object.exists(), () => object.stat()]) {
          const err = await lakeFSRejection(call);
          assert.ok(err instanceof AuthenticationError, `${JSON.stringify(bad)}: ${String(err)}`);
          assert.equal(err.code, expected[dataPath].code);
          assert.equal(err.status, expected[dataPath].status);
          assert.match(err.message, expected[dataPath].message);
        }
      }
    });
  }
});

describe("3. two commits racing on one branch", () => {
  it("the loser gets ConflictError ConcurrentUpdate with a hint, not retryable, not a server fault; nothing is lost", async () => {
    const main = lakefs.repository(repo).branch("main");
    const conflicts: ConflictError[] = [];
    const written: string[] = [];
    // The race is real, so it may take a few rounds to lose one.
    for (let round = 0; round < 10 && conflicts.length === 0; round++) {
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, async (_, i) => {
          const path = `race/${round}-${i}.txt`;
          await main.object(path).upload(path);
          written.push(path);
          return main.commit({ message: `race ${round}-${i}` });
        }),
      );
      for (const r of results) {
        if (r.status === "fulfilled") continue;
        const err = r.reason as Error;
        if (err instanceof ConflictError) conflicts.push(err);
        // A commit whose changes a faster commit took answers "no changes".
        else assert.ok(err instanceof ValidationError && /no changes/.test(err.message), String(err));
      }
    }
    assert.ok(conflicts.length > 0, "the race was lost at least once");
    for (const err of conflicts) {
      assert.equal(err.name, "ConflictError");
      assert.equal(err.code, "ConcurrentUpdate");
      assert.equal(err.status, 500);
      assert.equal(err.retryable, false);
      assert.equal(err.fault, "client");
      assert.match(err.message, /commit: predicate failed \(a concurrent change to the branch won; the commit was not applied\)\. Retry the commit: nothing was lost/);
    }
    // Nothing was lost: every write is committed, or still uncommitted on the branch.
    await main.commit({ message: "settle the race", allowEmpty: true });
    for (const path of written) assert.equal(await main.object(path).text(), path);
  });
});

describe("5. key length counts the path after the ref only", () => {
  it("on a 21-character branch, a 1,024-byte path is written, listed, read and deleted through handles and deleteObjects; 1,025 bytes is KeyTooLong", async () => {
    const branch = await lakefs.repository(repo).branch("b".repeat(21)).create("main");
    const path = `long/${"k".repeat(1_019)}`;
    assert.equal(Buffer.byteLength(path), 1_024);
    await branch.object(path).upload("long");
    const listed: string[] = [];
    for await (const o of branch.objects({ prefix: "long/" })) listed.push(o.path);
    assert.deepEqual(listed, [path]);
    assert.equal(await branch.object(listed[0]!).text(), "long");
    const result = await branch.deleteObjects(listed);
    assert.deepEqual([result.deleted, result.errors], [[path], []]);
    assert.equal(await branch.object(path).exists(), false);
    const err = await rejection(() => branch.object(`${path}x`));
    assert.ok(err instanceof ValidationError && err.code === "KeyTooLong", String(err));
    assert.match(err.message, /the path after the ref is 1025 UTF-8 bytes, the limit is 1024/);
  });
});

describe("6. S3 operations the server's blockstore cannot serve", () => {
  it(`ListParts and ListMultipartUploads are decided per server from GET /api/v1/config, read once (this server: ${TEST_BLOCKSTORE})`, async () => {
    const s3 = lakefs.s3;
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: repo, Key: "main/mpu/listed.bin" }));
    try {
      await s3.send(new UploadPartCommand({ Bucket: repo, Key: "main/mpu/listed.bin", UploadId, PartNumber: 1, Body: "part" }));
      const facts = await lakefs.serverFacts();
      assert.equal(await lakefs.serverFacts(), facts, "one read, shared");
      assert.deepEqual(facts.storages.map((s) => s.blockstoreType), [TEST_BLOCKSTORE]);
      assert.match(facts.version ?? "", /^\d+\.\d+\.\d+/);
      if (TEST_BLOCKSTORE === "local") {
        for (const [operation, send, instead] of [
          ["ListParts", () => s3.send(new ListPartsCommand({ Bucket: repo, Key: "main/mpu/listed.bin", UploadId })), /Keep the ETag that each UploadPart returned/],
          ["ListMultipartUploads", () => s3.send(new ListMultipartUploadsCommand({ Bucket: repo })), /Keep the upload id that CreateMultipartUpload returned/],
        ] as const) {
          const err = await lakeFSRejection(send);
          assert.ok(err instanceof NotSupportedError, String(err));
          assert.deepEqual([err.code, err.status, err.operation], ["NotSupported", 0, operation]);
          assert.match(err.message, new RegExp(`^${operation} is not supported by this lakeFS server: its blockstore is "local"`));
          assert.match(err.message, instead);
        }
        // A standalone createS3Client() has its own reader and decides the same.
        const standalone = createS3Client({ endpoint: ctx.server.endpoint, accessKeyId: ctx.server.accessKeyId, secretAccessKey: ctx.server.secretAccessKey, lakectlConfigFile: false, proxy: false });
        try {
          await assert.rejects(standalone.send(new ListMultipartUploadsCommand({ Bucket: repo })), NotSupportedError);
        } finally {
          standalone.destroy();
        }
      } else {
        const parts = await s3.send(new ListPartsCommand({ Bucket: repo, Key: "main/mpu/listed.bin", UploadId }));
        assert.deepEqual(parts.Parts?.map((p) => p.PartNumber), [1]);
      }
    } finally {
      await s3.send(new AbortMultipartUploadCommand({ Bucket: repo, Key: "main/mpu/listed.bin", UploadId }));
    }
  });
});

describe("7. writes to a tag or commit id through lakefs.s3", () => {
  it("keep the S3 error (NoSuchBucket, 404) with a message that says the ref is read-only; a missing branch is named as such", async () => {
    const commitId = (await lakefs.repository(repo).branch("main").getCommit()).id;
    for (const [ref, expected] of [
      ["v1", /The ref "v1" of repository "[^"]+" is read-only \(a tag, commit id or ref expression\).*Write to a branch instead/],
      [commitId, /is read-only .*Write to a branch instead/],
      ["no-such-branch", /Branch "no-such-branch" does not exist in repository/],
    ] as const) {
      for (const send of [
        () => lakefs.s3.send(new PutObjectCommand({ Bucket: repo, Key: `${ref}/x.txt`, Body: "x" })),
        () => lakefs.s3.send(new CopyObjectCommand({ Bucket: repo, Key: `${ref}/copy.txt`, CopySource: `${repo}/main/a.txt` })),
      ]) {
        const err = await rejection(send);
        assert.ok(err instanceof S3ServiceException, String(err));
        assert.equal(err.name, "NoSuchBucket");
        assert.equal(err.$metadata.httpStatusCode, 404);
        assert.match(err.message, expected);
      }
    }
    // A missing repository keeps the server's words.
    const err = await rejection(lakefs.s3.send(new PutObjectCommand({ Bucket: "no-such-repo-16", Key: "main/x", Body: "x" })));
    assert.ok(err instanceof S3ServiceException && err.name === "NoSuchBucket" && /does not exist/.test(err.message) && !/read-only/.test(err.message), String(err));
  });
});

describe("9. a transaction's merge conflict", () => {
  async function conflictingTransaction(keep: boolean): Promise<MergeConflictError> {
    const main = lakefs.repository(repo).branch("main");
    await main.object("tx-conflict.txt").upload("base");
    await main.commit({ message: "base for the transaction" });
    const err = await rejection(
      main.transact(
        async (tx) => {
          await tx.object("tx-conflict.txt").upload("transaction side");
          // Someone else changes the same path on main meanwhile.
          await main.object("tx-conflict.txt").upload("main side");
          await main.commit({ message: "concurrent change" });
        },
        { deleteBranchOnError: !keep },
      ),
    );
    assert.ok(err instanceof MergeConflictError, String(err));
    return err;
  }

  it("says the transaction's branch was deleted and what to do, since it is gone", async () => {
    const err = await conflictingTransaction(false);
    assert.equal(err.code, "MergeConflict");
    assert.match(err.message, /transact: merging "tx-main-[0-9a-f]+" into "main" found a conflict/);
    assert.match(err.hint ?? "", /"main" is unchanged and the transaction's branch "tx-main-[0-9a-f]+" was deleted with its changes; run the transaction again/);
    assert.doesNotMatch(err.message, /Resolve the conflict on the source branch/);
    assert.deepEqual(await branchNames("tx-main-"), []);
  });

  it("with deleteBranchOnError: false, names the kept branch to resolve on", async () => {
    const err = await conflictingTransaction(true);
    const kept = /"(tx-main-[0-9a-f]+)"/.exec(err.hint ?? "")?.[1];
    assert.match(err.hint ?? "", /committed on branch "tx-main-[0-9a-f]+" \(kept: deleteBranchOnError is false\).*resolve the conflict there/);
    assert.deepEqual(await branchNames("tx-main-"), [kept]);
    await lakefs.repository(repo).branch(kept!).delete();
  });
});
