/**
 * Commit, merge, revert and cherry-pick are not safe to repeat. A loopback
 * TCP relay in front of the real server cuts the connection after the server
 * has answered such a request, so the client never sees the answer: the
 * AdminClient must raise OutcomeUnknownError and must not send it again.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { OutcomeUnknownError } from "../../src/index.js";
import { collect } from "../../src/index.js";
import { useLakeFS, type LakeFSServer } from "../support/lakefs.js";
import { adminHarness, rejection, type AdminHarness } from "../support/admin-support.js";

const ctx = useLakeFS();

/** Relays bytes to the server; cuts a connection once the server starts answering a request whose head matches `cut`. */
async function startCuttingRelay(server: LakeFSServer, cut: RegExp): Promise<{ endpoint: string; cuts: number; close(): Promise<void> }> {
  const target = new URL(server.endpoint);
  const sockets = new Set<Socket>();
  const state = { cuts: 0 };
  const relay: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    sockets.add(client).add(upstream);
    let cutPending = false;
    client.on("data", (chunk: Buffer) => {
      if (cut.test(chunk.toString("latin1"))) cutPending = true;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (cutPending) {
        state.cuts++;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  relay.listen(0, "127.0.0.1");
  await once(relay, "listening");
  const address = relay.address();
  if (address === null || typeof address === "string") throw new Error("relay has no port");
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    get cuts() {
      return state.cuts;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      relay.close();
      await once(relay, "close");
    },
  };
}

describe("AdminClient: calls that are not safe to repeat", () => {
  let direct: AdminHarness;
  before(() => {
    direct = adminHarness(ctx.server);
  });
  after(() => direct?.destroy());

  it("a commit whose answer is lost raises OutcomeUnknownError, and exactly one commit exists", async () => {
    const repo = await direct.newRepo("out");
    const head = await direct.admin.getBranch({ repository: repo, branch: "main" });
    const relay = await startCuttingRelay(ctx.server, /^POST \/api\/v1\/repositories\/[^/]+\/branches\/main\/commits/m);
    const cut = adminHarness({ ...ctx.server, endpoint: relay.endpoint });
    try {
      const err = await rejection(() => cut.admin.commit({ repository: repo, branch: "main", message: "once only", allowEmpty: true }));
      assert.ok(err instanceof OutcomeUnknownError, String(err));
      assert.equal(err.operation, "commit");
      assert.equal(relay.cuts, 1, "the commit was sent exactly once");
    } finally {
      cut.destroy();
      await relay.close();
    }
    // The server did commit: the branch moved by exactly one commit.
    const log = await collect(direct.admin.log({ repository: repo, ref: "main", limit: 2 }));
    assert.equal(log[0]!.message, "once only");
    assert.equal(log[1]!.id, head.commitId);
  });

  it("a merge whose answer is lost raises OutcomeUnknownError too", async () => {
    const repo = await direct.newRepo("out");
    await direct.admin.createBranch({ repository: repo, branch: "dev", source: "main" });
    await direct.put(repo, "dev", "m.txt", "m");
    await direct.admin.commit({ repository: repo, branch: "dev", message: "on dev" });
    const relay = await startCuttingRelay(ctx.server, /^POST \/api\/v1\/repositories\/[^/]+\/refs\/dev\/merge\/main/m);
    const cut = adminHarness({ ...ctx.server, endpoint: relay.endpoint });
    try {
      const err = await rejection(() => cut.admin.merge({ repository: repo, source: "dev", destination: "main" }));
      assert.ok(err instanceof OutcomeUnknownError, String(err));
      assert.equal(relay.cuts, 1);
    } finally {
      cut.destroy();
      await relay.close();
    }
    assert.equal((await direct.admin.statObject({ repository: repo, ref: "main", path: "m.txt" })).size, 1);
  });
});
