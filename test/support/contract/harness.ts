/**
 * The contract suite's servers and per-test bookkeeping (issue 23).
 *
 * Servers, per test file: MinIO (it checks SigV4 on presigned URLs, as S3
 * does), lakeFS on it (`useLakeFS({ blockstore: "minio" })`, whatever
 * `LAKEFS_S3_TEST_BLOCKSTORE` says), Toxiproxy, and two fronts:
 *
 *   client ──► lakeFS front (fault relay) ──► Toxiproxy ──► lakeFS ──► MinIO
 *   client ──► store front (fault relay) ──► Toxiproxy ──────────────► MinIO
 *
 * lakeFS puts the store front in the presigned URLs it hands out
 * (`pre_signed_endpoint`), so the bytes that go straight to the store pass a
 * relay and a Toxiproxy proxy that a test can fault, while lakeFS's own store
 * requests do not. The fronts are idle (everything passes) unless a test arms them.
 *
 * Per test, a {@link ContractCase}: a fresh key and folder, clients that it
 * destroys, and the checks every scenario ends with: no descriptor or socket
 * of the test process left open (`/proc/self/fd`), no multipart upload left
 * at the store, no fault left armed, no error escaped as an uncaught exception
 * (caught for the case's duration with `process.setUncaughtExceptionCaptureCallback`).
 * Checks are collected, not thrown one by one, so that a failing test names
 * everything that went wrong. Cases run one at a time.
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { inspect } from "node:util";
import { LakeFSError, ObjectNotFoundError, type LakeFS, type LakeFSClientConfig } from "../../../src/index.js";
import { whenReady } from "../child-process.js";
import { startFaultRelay, type FaultRelay } from "../fault-relay.js";
import { TEST_BUCKET, testClient, uniqueRepoName, useLakeFS, type LakeFSServer } from "../lakefs.js";
import type { MinioStore } from "../minio.js";
import { fdsSettled, openFds, type FdSnapshot } from "../open-fds.js";
import { useToxiproxy, type ToxiproxyProxy } from "../toxiproxy.js";
import type { ContractPath, Front, MatchContext, RequestMatch, Target } from "./paths.js";
import { KNOWN_DEFECTS } from "./defects.js";

/** Options of {@link useContract}. */
export interface ContractOptions {
  /** How long lakeFS's presigned URLs stay valid (a Go duration). Default: lakeFS's 15m. */
  readonly preSignedExpiry?: string;
}

/** The servers of a contract test file, ready by the first test. */
export interface Contract {
  readonly server: LakeFSServer;
  readonly minio: MinioStore;
  /** The repository every test of the file writes to (`main`, keys unique per test). */
  readonly repository: string;
  /** `<bucket>/<prefix>` of the repository's namespace, as presigned URLs show it. */
  readonly storePrefix: string;
  /** A client straight on lakeFS (not through the fronts), for setting up and checking. */
  readonly direct: LakeFS;
  /** The fault relay in front of lakeFS or of the store. */
  front(which: Front): FaultRelay;
  /** The Toxiproxy proxy behind that relay. */
  proxy(which: Front): ToxiproxyProxy;
  /**
   * Runs one test's scenario on a new case (a fresh key and an empty folder: set up, then call
   * {@link ContractCase.start}) and ends it ({@link ContractCase.done}) whatever
   * happens: an error the scenario throws is one more finding, not a reason to skip the checks.
   */
  run(tag: string, scenario: (c: ContractCase) => Promise<void>): Promise<void>;
}

/** One test's key, folder, clients and checks. */
export interface ContractCase {
  readonly target: Target;
  /** What the rows' request patterns are matched against. */
  readonly match: MatchContext;
  /** An empty folder of this test's own (downloads go here; upload sources too). */
  readonly dir: string;
  /** A client through the lakeFS front, destroyed by {@link ContractCase.settle}. */
  client(options?: LakeFSClientConfig): LakeFS;
  /** Arms a fault on the front a request goes to. */
  front(request: RequestMatch): FaultRelay;
  /** Counts what is open and what the store holds: everything opened after this must be closed again. */
  start(): Promise<void>;
  /**
   * Destroys the case's clients and waits (up to 2 s, polling) until every
   * descriptor and socket opened since {@link ContractCase.start} is closed;
   * records a finding for what stays open.
   */
  settle(): Promise<void>;
  /** Runs a check; a failure is recorded (with `what`) instead of thrown. */
  check(what: string, fn: () => unknown): Promise<void>;
  /** Records a finding when `ok` is false. */
  expect(ok: boolean, what: string): void;
  /** Records an error as a finding. */
  fail(what: string, err: unknown): void;
  /** Checks that the object at the target has these bytes (a SHA-256), or is absent (`undefined`). */
  expectObject(sha: string | undefined, what?: string): Promise<void>;
  /** Checks that the folder holds nothing but `except` (no download, no temporary file); `what` prefixes the finding. */
  expectFolder(except?: readonly string[], what?: string): void;
  /**
   * Checks the store holds no multipart upload that was not there at
   * {@link ContractCase.start}, disarms the fronts, and throws every finding.
   */
  done(): Promise<void>;
}

/** SHA-256 in hex. */
export const sha256 = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");

/**
 * Starts the contract servers for this test file (before its first test) and stops them after
 * the last. The file must name MinIO and Toxiproxy in its text, for `npm test` to build them.
 */
export function useContract(options: ContractOptions = {}): Contract {
  const toxi = useToxiproxy();
  const holder = {} as {
    storeProxy: ToxiproxyProxy;
    storeFront: FaultRelay;
    lakefsProxy: ToxiproxyProxy;
    lakefsFront: FaultRelay;
    direct: LakeFS;
    repository: string;
  };
  const tag = randomBytes(3).toString("hex");
  const ctx = useLakeFS({
    blockstore: "minio",
    ...(options.preSignedExpiry !== undefined ? { preSignedExpiry: options.preSignedExpiry } : {}),
    preSignedEndpoint: async (store) => {
      const toxiproxy = await whenReady(() => toxi.toxiproxy, "Toxiproxy");
      holder.storeProxy = await toxiproxy.createProxy(`contract-store-${tag}`, new URL(store.endpoint).host);
      holder.storeFront = await startFaultRelay(holder.storeProxy.url);
      return holder.storeFront.endpoint;
    },
  });
  before(async () => {
    const server = await whenReady(() => ctx.server, "the lakeFS server");
    const toxiproxy = await whenReady(() => toxi.toxiproxy, "Toxiproxy");
    holder.lakefsProxy = await toxiproxy.createProxy(`contract-lakefs-${tag}`, `127.0.0.1:${server.port}`);
    holder.lakefsFront = await startFaultRelay(holder.lakefsProxy.url);
    holder.direct = testClient(server);
    const repository = uniqueRepoName("contract");
    await holder.direct.repository(repository).create({ storageNamespace: ctx.namespace(repository) });
    holder.repository = repository;
  });
  after(async () => {
    holder.direct?.destroy();
    await holder.lakefsFront?.close();
    await holder.storeFront?.close();
  });

  const contract: Contract = {
    get server() {
      return ctx.server;
    },
    get minio() {
      return ctx.minio!;
    },
    get repository() {
      return holder.repository;
    },
    get storePrefix() {
      return `${TEST_BUCKET}/${holder.repository}`;
    },
    get direct() {
      return holder.direct;
    },
    front: (which) => (which === "lakefs" ? holder.lakefsFront : holder.storeFront),
    proxy: (which) => (which === "lakefs" ? holder.lakefsProxy : holder.storeProxy),
    run(name, scenario) {
      // One case at a time, even when node:test ends a test early (a timeout) while its scenario still runs:
      // the next case waits, so that it never counts the previous one's descriptors or loses its armed faults.
      const mine = queue.then(async () => {
        const c = newCase(contract, name);
        // An error that escapes the call (an 'error' event nobody listens to) would crash a program; here it
        // is a finding of this case, rather than a failure node:test pins on the file or on another test.
        process.setUncaughtExceptionCaptureCallback((err) => c.fail("an error escaped the call as an uncaught exception (it would crash a program)", err));
        try {
          await scenario(c);
        } catch (err) {
          c.fail("the scenario threw", err);
        } finally {
          await c.settle();
          process.setUncaughtExceptionCaptureCallback(null);
        }
        await c.done();
      });
      queue = mine.catch(() => undefined);
      return mine;
    },
  };
  let queue: Promise<void> = Promise.resolve();
  return contract;
}

function newCase(contract: Contract, name: string): ContractCase {
  const key = `k-${name.replace(/[^a-z0-9-]+/gi, "-").toLowerCase().slice(0, 60)}-${randomBytes(3).toString("hex")}.bin`;
  const target: Target = { repository: contract.repository, branch: "main", key };
  const match: MatchContext = { ...target, storePrefix: contract.storePrefix };
  const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-contract-"));
  const clients: LakeFS[] = [];
  const findings: string[] = [];
  let fds: FdSnapshot | undefined;
  let uploadsBefore = new Set<string>();
  let settled = false;
  for (const which of ["lakefs", "store"] as const) contract.front(which).clear();

  const record = (what: string, err: unknown) => {
    const text = err instanceof assert.AssertionError ? err.message : inspect(err, { depth: 2 });
    findings.push(`${what}: ${text}`);
  };

  const self: ContractCase = {
    target,
    match,
    dir,
    client(options = {}) {
      const lakefs = testClient(contract.server, contract.front("lakefs").endpoint, options);
      clients.push(lakefs);
      return lakefs;
    },
    front: (request) => contract.front(request.front),
    async start() {
      uploadsBefore = new Set(await contract.minio.multipartUploads(TEST_BUCKET, `${target.repository}/`));
      fds = openFds();
    },
    async settle() {
      if (settled) return;
      settled = true;
      for (const c of clients.splice(0)) c.destroy();
      if (!fds) {
        findings.push("the scenario never called start(): nothing was counted");
        return;
      }
      const open = await fdsSettled(fds);
      if (open.length > 0) findings.push(`descriptors and sockets left open after the call: ${open.join("; ")}`);
    },
    async check(what, fn) {
      try {
        await fn();
      } catch (err) {
        record(what, err);
      }
    },
    expect(ok, what) {
      if (!ok) findings.push(what);
    },
    fail: record,
    async expectObject(sha, what = "the object at the path") {
      const object = contract.direct.repository(target.repository).branch(target.branch).object(target.key);
      try {
        const got = sha256(await object.bytes({ dataPath: "gateway" }));
        if (sha === undefined) findings.push(`${what}: expected no object, found one (SHA-256 ${got.slice(0, 12)}…)`);
        else if (got !== sha) findings.push(`${what}: expected SHA-256 ${sha.slice(0, 12)}…, found ${got.slice(0, 12)}…`);
      } catch (err) {
        if (sha !== undefined || !(err instanceof ObjectNotFoundError)) record(`${what}: reading it back`, err);
      }
    },
    expectFolder(except = [], what) {
      const left = readdirSync(dir).filter((f) => !except.includes(f));
      if (left.length > 0) findings.push(`${what ? `${what}: ` : ""}the download folder should be empty, holds: ${left.join(", ")}`);
    },
    async done() {
      if (!settled) await self.settle();
      await self.check("no multipart upload left at the store", async () => {
        const added = (await contract.minio.multipartUploads(TEST_BUCKET, `${target.repository}/`)).filter((u) => !uploadsBefore.has(u));
        assert.deepEqual(added, [], "uploads the store's ListMultipartUploads still shows under the repository's namespace");
      });
      for (const which of ["lakefs", "store"] as const) contract.front(which).clear();
      rmSync(dir, { recursive: true, force: true });
      if (findings.length > 0) throw new assert.AssertionError({ message: `${findings.length} contract check(s) failed:\n- ${findings.join("\n- ")}` });
    },
  };
  return self;
}

/** The error's class, code and message, for a finding. */
export function describeError(err: unknown): string {
  if (err instanceof LakeFSError) return `${err.name}/${err.code} (status ${err.status}): ${err.message.slice(0, 300)}`;
  if (err instanceof Error) return `${err.name} (not a LakeFSError): ${err.message.slice(0, 300)}`;
  return inspect(err);
}

/** One behaviour to hold on every path of a direction. */
export interface Scenario<P extends ContractPath> {
  /** Short id: part of the object key and of the known-defect table's keys. */
  readonly id: string;
  readonly title: string;
  /** Why the scenario cannot happen on this path (the test is skipped saying so), else `undefined`. */
  notApplicable?(path: P): string | undefined;
  run(c: ContractCase, path: P): Promise<void>;
}

/**
 * The table: one `describe` per scenario, one `it` per path. A pair that cannot happen is
 * skipped with its reason; a pair listed in {@link KNOWN_DEFECTS} runs as `todo` (reported,
 * not failing the run) until the fix lands and the entry is removed.
 */
export function contractTable<P extends ContractPath>(contract: Contract, paths: readonly P[], scenarios: readonly Scenario<P>[]): void {
  for (const scenario of scenarios) {
    describe(`${paths[0]?.direction ?? ""}: ${scenario.title}`, () => {
      for (const path of paths) {
        const reason = scenario.notApplicable?.(path);
        const todo = KNOWN_DEFECTS[`${scenario.id} ${path.direction}:${path.id}`];
        const options = reason !== undefined ? { skip: `n/a: ${reason}` } : todo !== undefined ? { todo } : {};
        it(path.name, options, () => contract.run(`${scenario.id}-${path.id}`, (c) => scenario.run(c, path)));
      }
    });
  }
}
