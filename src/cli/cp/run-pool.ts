import { linkAbort, runPool as runTransferPool } from "../../internal.js";

/**
 * Runs `work` over `items` with at most `concurrency` in flight, in order of
 * the list, on the transfer engine's one pool: the first failure aborts the
 * signal passed to the others and, once every started item has settled, is
 * thrown; items not started yet are not started. The outer signal (Ctrl-C)
 * aborts the same way.
 */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  outer: AbortSignal,
  work: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const link = linkAbort(outer);
  const results: R[] = new Array(items.length);
  try {
    await runTransferPool({
      count: items.length,
      concurrency,
      link,
      task: async (index, signal) => {
        results[index] = await work(items[index]!, signal);
      },
    });
  } finally {
    link.dispose();
  }
  return results;
}
