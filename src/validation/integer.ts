import { ValidationError } from "../errors/input-errors.js";

/**
 * The bounds and error of one integer option checked by {@link validateInteger}.
 *
 * @internal
 */
export interface IntegerRule {
  /** Smallest value allowed. Default 0. */
  readonly min?: number;
  /** Largest value allowed. Default `Number.MAX_SAFE_INTEGER`. */
  readonly max?: number;
  /** The error's `code`. Default `InvalidOption`. */
  readonly code?: string;
  /** What the option means, appended to the message (e.g. `1-based; 0 for a commit that is not a merge`). */
  readonly note?: string;
  /** Builds the error from the message. Default: a {@link ValidationError} with `code`. */
  readonly error?: (message: string) => Error;
}

function expectation(min: number, max: number): string {
  if (max !== Number.MAX_SAFE_INTEGER) return `an integer from ${min} to ${max}`;
  if (min === 0) return "a non-negative integer";
  if (min === 1) return "a positive integer";
  return `an integer of at least ${min}`;
}

/**
 * Returns `value` when it is a safe integer within the rule's bounds, else
 * throws the rule's error (a {@link ValidationError} by default) naming the
 * option and the bounds. The one check behind every count, size, timeout and
 * page-size option.
 *
 * @internal
 */
export function validateInteger(name: string, value: number, rule: IntegerRule = {}): number {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = rule;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  const note = rule.note ? ` (${rule.note})` : "";
  const message = `Invalid ${name} ${String(value)}: it must be ${expectation(min, max)}${note}`;
  throw rule.error ? rule.error(message) : new ValidationError(message, { code: rule.code ?? "InvalidOption" });
}
