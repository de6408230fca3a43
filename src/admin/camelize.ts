/**
 * A snake_case string literal in camelCase: `storage_namespace` →
 * `storageNamespace`. Each `_` is dropped and the character after it is
 * upper-cased (`a__b` → `aB`, `x_` → `x`).
 *
 * @public
 */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/**
 * `T` with its own keys in camelCase. Shallow on purpose: nested objects keep
 * their keys, so user metadata maps (whose keys are user data) are never
 * rewritten. Optional and readonly modifiers are kept.
 *
 * @public
 */
export type Camelize<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

/**
 * One key in camelCase, the runtime twin of {@link CamelCase}.
 *
 * @internal
 */
export function camelCaseKey(key: string): string {
  const [head = "", ...rest] = key.split("_");
  return head + rest.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("");
}

/**
 * Copies a wire object with its own keys in camelCase (shallow, see
 * {@link Camelize}); nested values are passed through as they are.
 *
 * @internal
 */
export function camelize<T extends object>(value: T): Camelize<T> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[camelCaseKey(key)] = field;
  return out as Camelize<T>;
}
