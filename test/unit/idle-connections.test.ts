/**
 * How long a kept-alive connection may wait for its next request, from the
 * answer's `Keep-Alive` header: the rule both pools follow (the agents
 * through Node's `timeout` option, the direct receiver through this function).
 * idle-connections.test.ts in test/integration checks both pools against a real server.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Agent } from "node:http";
import { Socket } from "node:net";
import { IDLE_CONNECTION_MS, idleLimitMs } from "../../src/http/idle-connections.js";

describe("idleLimitMs", () => {
  it("is the client's limit when the server announces nothing, or more", () => {
    assert.equal(idleLimitMs(undefined), IDLE_CONNECTION_MS);
    assert.equal(idleLimitMs("max=100"), IDLE_CONNECTION_MS);
    assert.equal(idleLimitMs("timeout=75"), IDLE_CONNECTION_MS);
    assert.equal(idleLimitMs("timeout=6"), IDLE_CONNECTION_MS);
  });

  it("is a second less than a shorter announced timeout", () => {
    assert.equal(idleLimitMs("timeout=5"), 4_000);
    assert.equal(idleLimitMs("timeout=5, max=100"), 4_000);
    assert.equal(idleLimitMs("timeout=2"), 1_000);
  });

  it("reads the header as Node's agents do: a leading, lower-case timeout", () => {
    assert.equal(idleLimitMs("max=100, timeout=3"), IDLE_CONNECTION_MS);
    assert.equal(idleLimitMs("Timeout=2"), IDLE_CONNECTION_MS);
  });

  it("is 0 (close after the answer) when no more than a second is announced", () => {
    assert.equal(idleLimitMs("timeout=1"), 0);
    assert.equal(idleLimitMs("timeout=0"), 0);
  });

  it("is what Node's agent sets on an idle socket for the same header", () => {
    const agent = new Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS });
    for (const header of [undefined, "timeout=75", "timeout=5, max=100", "timeout=2", "max=100, timeout=3", "Timeout=2"]) {
      const socket = new Socket();
      // The agent reads the answer's header from the socket's request, as it does after every response.
      Object.assign(socket, { _httpMessage: { res: { headers: header === undefined ? {} : { "keep-alive": header } } } });
      assert.equal(agent.keepSocketAlive(socket), true);
      assert.equal(socket.timeout, idleLimitMs(header), String(header));
      socket.destroy();
    }
    agent.destroy();
  });
});
