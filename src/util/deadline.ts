/**
 * A deadline that follows the work, in the manner of Go's context.WithDeadline:
 * the waiter runs each poll inside `withDeadline(at, …)`, and the transport,
 * however deep below, reads `currentDeadline()` to bound every attempt, every
 * Retry-After and every backoff by the time left. Nothing between the two (the
 * API client, the commands' read helpers) has to pass it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<number>();

/** Runs `fn` with a deadline (ms since the epoch, on the caller's clock); an enclosing earlier deadline wins. */
export function withDeadline<T>(at: number, fn: () => Promise<T>): Promise<T> {
  const outer = store.getStore();
  return store.run(outer !== undefined && outer < at ? outer : at, fn);
}

/** The deadline the current work runs under (ms since the epoch), or undefined without one. */
export function currentDeadline(): number | undefined {
  return store.getStore();
}
