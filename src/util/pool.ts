/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Runs at most `max` tasks at once; the rest wait their turn in order. */
export type Limiter = <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

/**
 * A limiter shared by every caller in the process. A finishing task hands its slot
 * straight to the next waiter, so nobody overtakes the queue. A caller still waiting
 * when `signal` aborts is taken out of the queue and rejected with the signal's reason.
 */
export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`createLimiter: max must be a positive integer, got ${max}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  const turn = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', stop);
        resolve();
      };
      const stop = () => {
        const i = waiting.indexOf(go);
        if (i >= 0) waiting.splice(i, 1);
        reject(signal!.reason);
      };
      waiting.push(go);
      signal?.addEventListener('abort', stop, { once: true });
    });
  const release = () => {
    const next = waiting.shift();
    if (next) next(); // the slot passes on: `active` stays the same
    else active--;
  };
  return async (task, signal) => {
    if (signal?.aborted) throw signal.reason;
    if (active < max) active++;
    else await turn(signal);
    try {
      return await task();
    } finally {
      release();
    }
  };
}
