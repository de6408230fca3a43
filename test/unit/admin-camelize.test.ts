import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { CommitInfo, DiffEntry, RepositoryProperties, StorageConfigInfo } from "../../src/index.js";
import type { Camelize, CamelCase } from "../../src/rest.js";
import { camelCaseKey, camelize } from "../../src/admin/camelize.js";

// Type-level checks: these lines fail `tsc` when the mapping changes.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typeChecks: [
  Equal<CamelCase<"storage_namespace">, "storageNamespace">,
  Equal<CamelCase<"blockstore_namespace_ValidityRegex">, "blockstoreNamespaceValidityRegex">,
  Equal<CamelCase<"a__b">, "aB">,
  Equal<CamelCase<"plain">, "plain">,
  Equal<Camelize<{ read_only?: boolean; readonly meta_x: { inner_key: string } }>, { readOnly?: boolean; readonly metaX: { inner_key: string } }>,
  Equal<RepositoryProperties["storageNamespace"], string>,
  Equal<CommitInfo["metadata"], { [key: string]: string } | undefined>,
  Equal<DiffEntry["type"], "added" | "removed" | "changed" | "conflict" | "prefix_changed">,
  Equal<keyof StorageConfigInfo & "blockstoreNamespaceValidityRegex", "blockstoreNamespaceValidityRegex">,
] = [true, true, true, true, true, true, true, true, true];

describe("camelize", () => {
  it("the type-level checks hold", () => {
    assert.ok(typeChecks.every(Boolean));
  });

  it("renames the wire keys lakeFS sends", () => {
    assert.equal(camelCaseKey("storage_namespace"), "storageNamespace");
    assert.equal(camelCaseKey("blockstore_namespace_ValidityRegex"), "blockstoreNamespaceValidityRegex");
    assert.equal(camelCaseKey("id"), "id");
    assert.equal(camelCaseKey("a__b"), "aB");
    assert.equal(camelCaseKey("x_"), "x");
    assert.equal(camelCaseKey("_x"), "X");
  });

  it("is shallow: nested maps such as user metadata keep their keys", () => {
    const wire = {
      id: "c1",
      meta_range_id: "m",
      creation_date: 1_700_000_000,
      metadata: { user_key: "v", "Mixed-Key_2": "w" },
      parents: ["p_1"],
    };
    const out = camelize(wire);
    assert.deepEqual(out, {
      id: "c1",
      metaRangeId: "m",
      creationDate: new Date(1_700_000_000_000),
      metadata: { user_key: "v", "Mixed-Key_2": "w" },
      parents: ["p_1"],
    });
    assert.equal(out.metadata, wire.metadata, "nested values are passed through, not copied");
  });

  it("turns the date fields into Dates: epoch seconds (creation_date, mtime, physical_address_expiry) and ISO strings (update_time)", () => {
    const out = camelize({ creation_date: 1, mtime: 2, physical_address_expiry: 3, update_time: "2024-05-06T07:08:09Z", size_bytes: 4 });
    assert.deepEqual(out, {
      creationDate: new Date(1000),
      mtime: new Date(2000),
      physicalAddressExpiry: new Date(3000),
      updateTime: new Date("2024-05-06T07:08:09Z"),
      sizeBytes: 4,
    });
  });

  it("keys without '_' are unchanged; otherwise only the underscores go and the letters after them are upper-cased", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_]{0,30}$/), (key) => {
        const out = camelCaseKey(key);
        if (!key.includes("_")) assert.equal(out, key);
        assert.ok(!out.includes("_"));
        assert.equal(out.toLowerCase(), key.replaceAll("_", "").toLowerCase());
        // The first segment is kept exactly.
        assert.ok(out.startsWith(key.split("_")[0]!));
      }),
    );
  });

  it("copies every own key exactly once (values of fields that are not dates unchanged)", () => {
    const dateKeys = new Set(["creation_date", "mtime", "physical_address_expiry", "update_time"]);
    const key = fc.stringMatching(/^[a-z]+(_[a-z]+)*$/).filter((k) => !dateKeys.has(k));
    fc.assert(
      fc.property(fc.dictionary(key, fc.integer()), (wire) => {
        const out = camelize(wire) as Record<string, number>;
        assert.equal(Object.keys(out).length, new Set(Object.keys(wire).map(camelCaseKey)).size);
        for (const [key, value] of Object.entries(wire)) assert.equal(out[camelCaseKey(key)], value);
      }),
    );
  });
});
