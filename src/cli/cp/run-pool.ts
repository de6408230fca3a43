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
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(outer.reason);
  if (outer.aborted) onAbort();
  else outer.addEventListener("abort", onAbort, { once: true });
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!controller.signal.aborted && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, controller.signal);
      } catch (err) {
        failure ??= { error: err };
        controller.abort(err);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  } finally {
    outer.removeEventListener("abort", onAbort);
  }
  if (failure) throw failure.error;
  if (outer.aborted) throw outer.reason;
  return results;
}
