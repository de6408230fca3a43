import { linkAbort } from "../../internal.js";

/**
 * Runs `work` over `items` with at most `concurrency` in flight, in order of
 * the list. The first failure aborts the signal passed to the others and,
 * once every started item has settled, is thrown; items not started yet are
 * not started. The outer signal (Ctrl-C) aborts the same way.
 */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  outer: AbortSignal,
  work: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const link = linkAbort(outer);
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!link.signal.aborted && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, link.signal);
      } catch (err) {
        failure ??= { error: err };
        link.abort(err);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  } finally {
    link.dispose();
  }
  if (failure) throw failure.error;
  if (outer.aborted) throw outer.reason;
  return results;
}
