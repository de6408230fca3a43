import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ValidationError } from "../../src/index.js";
import { pageAmount } from "../../src/admin/page-query.js";

describe("pageAmount", () => {
  it("asks for the server default when neither pageSize nor limit is given", () => {
    assert.equal(pageAmount({}), undefined);
  });

  it("uses pageSize when given, whatever the limit", () => {
    assert.equal(pageAmount({ pageSize: 1 }), 1);
    assert.equal(pageAmount({ pageSize: 1000 }), 1000);
    assert.equal(pageAmount({ pageSize: 7, limit: 3 }), 7);
    assert.equal(pageAmount({ pageSize: 7, limit: 5000 }), 7);
  });

  it("uses a limit smaller than a full page, so that no more is fetched than wanted", () => {
    assert.equal(pageAmount({ limit: 1 }), 1);
    assert.equal(pageAmount({ limit: 999 }), 999);
  });

  it("asks for the server default for a limit of 0 or of a full page and more", () => {
    assert.equal(pageAmount({ limit: 0 }), undefined);
    assert.equal(pageAmount({ limit: 1000 }), undefined);
    assert.equal(pageAmount({ limit: 25_000 }), undefined);
  });

  it("refuses a pageSize that is not an integer from 1 to 1,000, naming it", () => {
    for (const pageSize of [0, -1, 1001, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(
        () => pageAmount({ pageSize }),
        (err: unknown) => err instanceof ValidationError && err.code === "InvalidPageSize" && err.message.includes(`pageSize ${pageSize}`),
        String(pageSize),
      );
    }
  });

  it("refuses a limit that is not a non-negative integer, naming it", () => {
    for (const limit of [-1, 2.5, Number.NaN]) {
      assert.throws(
        () => pageAmount({ limit }),
        (err: unknown) => err instanceof ValidationError && err.code === "InvalidLimit" && err.message.includes(`limit ${limit}`),
        String(limit),
      );
    }
  });
});
