/** Statuses whose `Retry-After` the toolkit honours: throttling and a server that is briefly unavailable. */
const HONOURED = new Set([429, 503]);

/**
 * The wait a 429 or 503 answer asks for with `Retry-After`, in milliseconds:
 * either delay-seconds (`"2"`) or an HTTP date. `undefined` for another
 * status, a missing or unreadable header; a date in the past gives `0`.
 *
 * @internal
 */
export function retryAfterMs(status: number, headers: Readonly<Record<string, string | undefined>>, now: number = Date.now()): number | undefined {
  if (!HONOURED.has(status)) return undefined;
  const value = (headers["retry-after"] ?? headers["Retry-After"])?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // A signed number is neither form (Date.parse would read "-1" as a year).
  if (/^[-+]?\d+$/.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
