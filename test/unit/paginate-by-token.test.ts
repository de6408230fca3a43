import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AbortError, collect } from "../../src/index.js";
import { paginateByToken, type TokenPage } from "../../src/http/paginate.js";

/** An in-memory listing of `total` numbers in pages of `size`; records every request. */
function listing(total: number, size: number) {
  const requests: Array<{ token: string | undefined; remaining: number }> = [];
  const fetchPage = async (token: string | undefined, remaining: number): Promise<TokenPage<number>> => {
    requests.push({ token, remaining });
    const from = token === undefined ? 0 : Number(token);
    const to = Math.min(total, from + Math.min(size, remaining));
    const items = Array.from({ length: to - from }, (_, i) => from + i);
    return { items, next: to < total ? String(to) : undefined };
  };
  return { fetchPage, requests };
}

describe("paginateByToken", () => {
  it("yields every item of every page in order, passing each page's token to the next request", async () => {
    const { fetchPage, requests } = listing(7, 3);
    assert.deepEqual(await collect(paginateByToken(fetchPage)), [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(
      requests.map((r) => r.token),
      [undefined, "3", "6"],
    );
  });

  it("starts at the start token", async () => {
    const { fetchPage, requests } = listing(7, 3);
    assert.deepEqual(await collect(paginateByToken(fetchPage, { start: "5" })), [5, 6]);
    assert.equal(requests[0]?.token, "5");
  });

  it("stops at the limit without fetching a further page, telling each request how many items remain", async () => {
    const { fetchPage, requests } = listing(100, 3);
    assert.deepEqual(await collect(paginateByToken(fetchPage, { limit: 5 })), [0, 1, 2, 3, 4]);
    assert.deepEqual(
      requests.map((r) => r.remaining),
      [5, 2],
    );
  });

  it("fetches nothing for a limit of 0", async () => {
    const { fetchPage, requests } = listing(10, 3);
    assert.deepEqual(await collect(paginateByToken(fetchPage, { limit: 0 })), []);
    assert.equal(requests.length, 0);
  });

  it("fetches the next page only when the consumer asks for more", async () => {
    const { fetchPage, requests } = listing(10, 3);
    for await (const item of paginateByToken(fetchPage)) {
      if (item === 1) break;
    }
    assert.equal(requests.length, 1);
  });

  it("throws an AbortError carrying the signal's reason before the next page once the signal is aborted", async () => {
    const { fetchPage, requests } = listing(10, 3);
    const controller = new AbortController();
    const reason = new Error("stop here");
    const seen: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const item of paginateByToken(fetchPage, { signal: controller.signal, operation: "listThings" })) {
          seen.push(item);
          if (item === 2) controller.abort(reason);
        }
      })(),
      (err: unknown) => err instanceof AbortError && err.cause === reason && err.message.startsWith("listThings:"),
    );
    assert.deepEqual(seen, [0, 1, 2]);
    assert.equal(requests.length, 1);
  });
});

describe("collect", () => {
  it("stops pulling from the iterable at the limit", async () => {
    let pulled = 0;
    async function* numbers(): AsyncGenerator<number> {
      for (let i = 0; ; i++) {
        pulled++;
        yield i;
      }
    }
    assert.deepEqual(await collect(numbers(), 3), [0, 1, 2]);
    assert.equal(pulled, 3);
  });

  it("collects everything without a limit, and nothing for a limit of 0", async () => {
    const { fetchPage, requests } = listing(4, 3);
    assert.deepEqual(await collect(paginateByToken(fetchPage)), [0, 1, 2, 3]);
    assert.deepEqual(await collect(paginateByToken(fetchPage), 0), []);
    assert.equal(requests.length, 2);
  });
});
