/**
 * Contract suite (issue 23), part 4: presigned URLs that expire mid-transfer.
 * lakeFS on MinIO presigns for 3 seconds here (`pre_signed_expiry`); the fault
 * relay in front of the store holds one request of the transfer for 4 seconds,
 * so that it reaches MinIO (which checks the expiry, as S3 does) with an
 * expired URL. The transfer must ask lakeFS for a new URL and complete; an
 * object overwritten while its URL expired must fail as on the gateway
 * (PreconditionFailedError). Paths without presigned URLs (REST, the S3
 * gateway) have nothing to expire; the single presigned PUT asks for its URL
 * right before sending it.
 *
 * Servers: lakeFS on MinIO, Toxiproxy and fault relays in front of both
 * (test/support/contract/).
 */
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { PreconditionFailedError } from "../../src/index.js";
import { contractTable, describeError, sha256, useContract, type Scenario } from "../support/contract/harness.js";
import { DOWN_PATHS, DOWNLOAD_SIZE, UP_PATHS, UPLOAD_PART_SIZE, bodyFor, readOutcome, uploadOn, whichVersion, type DownPath, type UpPath } from "../support/contract/paths.js";

const EXPIRY_S = 3;
const contract = useContract({ preSignedExpiry: `${EXPIRY_S}s` });

/** How long the relay holds the request: past the URL's expiry. */
const HOLD_MS = (EXPIRY_S + 1) * 1000;

const noUrl = (path: UpPath | DownPath): string | undefined =>
  path.route !== "presigned"
    ? "no presigned URL on this path"
    : path.direction === "up" && !path.multipart
      ? "the single presigned PUT asks for its URL right before sending; the store checks the expiry when the request arrives"
      : undefined;

const expiredUpload: Scenario<UpPath> = {
  id: "url-expired",
  title: "a part URL that expires before its part reaches the store is presigned again: the upload completes",
  notApplicable: noUrl,
  async run(c, path) {
    const previous = randomBytes(4096);
    await contract.direct.repository(c.target.repository).branch(c.target.branch).object(c.target.key).upload(previous, { dataPath: "gateway" });
    const content = randomBytes(path.size);
    const body = await bodyFor(path, content, c.dir);
    await c.start();
    const data = path.data(c.match);
    c.front(data).inject(data.match, { kind: "pause", stream: "request", bytes: 0, onPause: () => sleep(HOLD_MS) }, 1);
    const presignPart = new RegExp(`^PUT /api/v1/repositories/${c.target.repository}/branches/${c.target.branch}/staging/pmpu/[^/?]+/parts/\\d+\\?`);
    let err: unknown;
    try {
      await uploadOn(c.client(), path, c.target, body);
    } catch (e) {
      err = e;
    }
    const parts = Math.ceil(path.size / UPLOAD_PART_SIZE);
    const urls = contract.front("lakefs").count(presignPart);
    await c.settle();
    c.expect(c.front(data).unused() === 0, `${data.what} was held past the URL's expiry`);
    if (err !== undefined) {
      c.fail("expected the expired part URL to be presigned again and the upload to complete", describeError(err));
      await c.expectObject(sha256(previous), "the previous version");
    } else {
      await c.expectObject(sha256(content), "the uploaded object");
      c.expect(urls >= parts + 1, `asked lakeFS for ${urls} part URLs for ${parts} parts: expected one more after the store refused the expired one`);
    }
  },
};

const expiredDownload: Scenario<DownPath> = {
  id: "url-expired",
  title: "a URL that expires mid-download is presigned again: the download completes",
  notApplicable: noUrl,
  async run(c, path) {
    const content = randomBytes(DOWNLOAD_SIZE);
    await contract.direct.repository(c.target.repository).branch(c.target.branch).object(c.target.key).upload(content, { dataPath: "gateway" });
    await c.start();
    const data = path.data(c.match);
    // The first range passes; the second is held past the expiry.
    c.front(data).inject(data.match, { kind: "pause", stream: "request", bytes: 0 }, 1);
    c.front(data).inject(data.match, { kind: "pause", stream: "request", bytes: 0, onPause: () => sleep(HOLD_MS) }, 1);
    const stat = path.lakefs(c.match)[0]!;
    const outcome = await readOutcome(c.client(), path, c.target, c.dir);
    const stats = c.front(stat).count(stat.match);
    await c.settle();
    c.expect(c.front(data).unused() === 0, `a ${data.what} was held past the URL's expiry`);
    if (!outcome.ok) {
      c.fail("expected the expired URL to be presigned again and the download to complete", describeError(outcome.err));
      c.expectFolder();
    } else {
      c.expect(sha256(outcome.bytes) === sha256(content), `read ${outcome.bytes.length} bytes (SHA-256 ${sha256(outcome.bytes).slice(0, 12)}…), the object has ${content.length}`);
      c.expect(stats >= 2, `${stats} ${stat.what} request(s): expected a second one for a new URL`);
    }
  },
};

/**
 * As `expiredDownload`, and the object is overwritten (same size) while the
 * range is held: the new URL is the new version's. The download must fail as
 * on the gateway (PreconditionFailedError), writing nothing.
 */
const overwrittenWhileExpired: Scenario<DownPath> = {
  id: "overwritten-url-expired",
  title: "an object overwritten while its URL expires mid-download: PreconditionFailedError (as on the gateway), nothing written",
  notApplicable: (path) => noUrl(path) ?? undefined,
  async run(c, path) {
    const first = randomBytes(DOWNLOAD_SIZE);
    const second = randomBytes(DOWNLOAD_SIZE);
    await contract.direct.repository(c.target.repository).branch(c.target.branch).object(c.target.key).upload(first, { dataPath: "gateway" });
    await c.start();
    const helper = c.client();
    const data = path.data(c.match);
    c.front(data).inject(data.match, { kind: "pause", stream: "request", bytes: 0 }, 1);
    c.front(data).inject(
      data.match,
      {
        kind: "pause",
        stream: "request",
        bytes: 0,
        onPause: async () => {
          await helper.repository(c.target.repository).branch(c.target.branch).object(c.target.key).upload(second, { dataPath: "gateway" });
          await sleep(HOLD_MS);
        },
      },
      1,
    );
    const outcome = await readOutcome(c.client(), path, c.target, c.dir);
    await c.settle();
    c.expect(c.front(data).unused() === 0, `a ${data.what} was held while the object was overwritten`);
    if (outcome.ok) {
      c.expect(false, `expected PreconditionFailedError, the download resolved with ${whichVersion(outcome.bytes, first, second)}`);
    } else {
      c.expect(outcome.err instanceof PreconditionFailedError, `expected PreconditionFailedError (the gateway's), got ${describeError(outcome.err)}`);
    }
    if (path.sink === "file") c.expectFolder();
  },
};

contractTable(contract, UP_PATHS, [expiredUpload]);
contractTable(contract, DOWN_PATHS, [expiredDownload, overwrittenWhileExpired]);
