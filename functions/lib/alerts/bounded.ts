/**
 * Runs `work` for each item, `concurrency` at a time. The first failure, or the signal's abort (the
 * function is out of time), stops every worker before its next item: nothing is written after the
 * caller has been answered.
 */
export async function eachBounded<T>(items: AsyncIterator<T> | Iterator<T>, concurrency: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let failed = false;
  const worker = async () => {
    while (!failed) {
      signal?.throwIfAborted();
      const next = await items.next();
      if (next.done || failed) return;
      try {
        await work(next.value);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
