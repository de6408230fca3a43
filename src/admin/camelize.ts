/**
 * A snake_case string literal in camelCase: `storage_namespace` →
 * `storageNamespace`. Each `_` is dropped and the character after it is
 * upper-cased (`a__b` → `aB`, `x_` → `x`).
 *
 * @public
 */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

// The wire fields that hold a date: Unix epoch seconds, or (update_time) an ISO 8601 string.
// camelize() turns each into a Date, the one date type of the public API.
const EPOCH_SECONDS_KEYS: ReadonlySet<string> = new Set(["creation_date", "mtime", "physical_address_expiry"]);
const ISO_DATE_KEYS: ReadonlySet<string> = new Set(["update_time"]);

/**
 * `T` with its own keys in camelCase and its date fields (`creation_date`,
 * `mtime`, `physical_address_expiry`, `update_time`) as `Date`s. Shallow on purpose: nested objects keep their keys, so user
 * metadata maps (whose keys are user data) are never rewritten. Optional and
 * readonly modifiers are kept.
 *
 * @public
 */
export type Camelize<T> = {
  [K in keyof T as K extends string ? CamelCase<K> : K]: K extends "creation_date" | "mtime" | "physical_address_expiry" | "update_time" ? Date | Extract<T[K], undefined> : T[K];
};

/**
 * One key in camelCase, the runtime twin of {@link CamelCase}.
 *
 * @internal
 */
export function camelCaseKey(key: string): string {
  const [head = "", ...rest] = key.split("_");
  return head + rest.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("");
}

/** A wire date field's value as a `Date`; other fields (and absent dates) unchanged. */
function fieldValue(key: string, field: unknown): unknown {
  if (typeof field === "number" && EPOCH_SECONDS_KEYS.has(key)) return new Date(field * 1000);
  if (typeof field === "string" && ISO_DATE_KEYS.has(key)) return new Date(field);
  return field;
}

/**
 * Copies a wire object with its own keys in camelCase and its date fields as
 * `Date`s (shallow, see {@link Camelize}): the one place where REST results
 * become the public shapes. Nested values are passed through as they are.
 *
 * @internal
 */
export function camelize<T extends object>(value: T): Camelize<T> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[camelCaseKey(key)] = fieldValue(key, field);
  return out as Camelize<T>;
}
