import { availableParallelism } from 'node:os';

/** How many canisters to build at once: one per core, at most `cap`. */
export function defaultConcurrency(cap = 4): number {
  return Math.max(1, Math.min(cap, availableParallelism()));
}

/**
 * Runs `task` for every item with at most `limit` running at once; resolves to the
 * settled results in input order (a failure does not stop the other items).
 */
export async function runLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await task(items[index]!) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
