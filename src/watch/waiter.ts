/**
 * A pure waiter in the manner of the AWS SDK's createWaiter: it calls `check`
 * until it says SUCCESS or FAILURE, sleeping per backoff.ts in between. No
 * I/O of its own; clock, sleep, randomness and the abort signal are injected.
 *
 * `maxWaitMs` is a deadline, not a poll budget: each check runs under it
 * (util/deadline.ts), so the requests a check makes are cut short, and their
 * retries and Retry-After pauses skipped, when they would end past it.
 */
import { withDeadline } from '../util/deadline.js';
import { DEFAULT_POLICY, nextDelay, windowAround, type BackoffPolicy, type ExpectedWindow } from './backoff.js';

/** How one poll is labelled by the acceptor. */
export type CheckState = 'SUCCESS' | 'FAILURE' | 'RETRY';
/** How a wait ended. */
export type WaitState = 'SUCCESS' | 'FAILURE' | 'TIMEOUT' | 'ABORTED';

/** The acceptor's verdict on one poll. */
export interface CheckResult<T> {
  state: CheckState;
  /** Carried into the result (the last job seen, for instance). */
  value?: T;
  /** The server's Retry-After (ms): the next poll is not sooner. */
  retryAfterMs?: number;
  /** This RETRY was a transient failure (counted like a thrown transient error). */
  transient?: boolean;
  /** Replaces the expected window (ms since the wait started), e.g. once the job's age is known. */
  expectedWindow?: ExpectedWindow;
}

/** Options of waitFor. */
export interface WaiterOptions {
  /** First and smallest delay between polls (ms). @default 1000 */
  minDelayMs?: number;
  /** Cap of the growing delay (ms). @default 30000 */
  maxDelayMs?: number;
  /** Give up (TIMEOUT) after this long (ms); 0 = no limit. */
  maxWaitMs: number;
  /** Aborting it ends the wait with ABORTED, even mid-sleep or mid-poll. */
  signal?: AbortSignal;
  /** Sleeps `ms`; must reject (or resolve) promptly when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Random number in [0, 1) for jitter. @default Math.random */
  random?: () => number;
  /** Expected time until the job ends (ms from now); a ±10 % window around it. */
  expectedMs?: number;
  /** Expected end window (ms from now); wins over expectedMs. */
  expectedWindow?: ExpectedWindow;
  /** Whether a thrown error is worth retrying (5xx, 429, network). @default () => false */
  isTransient?: (err: unknown) => boolean;
  /** Retry-After (ms) carried by a transient error, if any. */
  retryAfterMs?: (err: unknown) => number | undefined;
  /** Throw the last transient error after this many in a row. @default 20 */
  maxConsecutiveTransientErrors?: number;
  /** Called after each transient error, before sleeping (for --debug). */
  onTransientError?: (err: unknown, consecutive: number) => void;
  /** Other policy numbers (growth, jitter, dense window). */
  policy?: Partial<Omit<BackoffPolicy, 'minDelayMs' | 'maxDelayMs'>>;
}

/** How a wait ended and what it observed. */
export interface WaiterResult<T> {
  state: WaitState;
  /** The value of the last successful check, if any. */
  value?: T;
  /** Checks started, including failed ones. */
  polls: number;
  /** Transient errors survived. */
  transientErrors: number;
  /** From the start of the wait to its end (ms). */
  elapsedMs: number;
  /** The last transient error, if no check succeeded after it (what a TIMEOUT last saw). */
  lastError?: unknown;
  /** When `lastError` was seen (ms since the epoch). */
  lastErrorAt?: number;
}

const ABORT = Symbol('abort');

function validate(o: WaiterOptions, min: number, max: number, limit: number): void {
  const bad = (what: string) => {
    throw new RangeError(`waitFor: ${what}`);
  };
  if (!Number.isFinite(min) || min <= 0) bad(`minDelayMs must be a positive number, got ${min}`);
  if (!Number.isFinite(max) || max < min) bad(`maxDelayMs must be >= minDelayMs, got ${max}`);
  if (!Number.isFinite(o.maxWaitMs) || o.maxWaitMs < 0) bad(`maxWaitMs must be >= 0, got ${o.maxWaitMs}`);
  if (!Number.isInteger(limit) || limit < 1) bad(`maxConsecutiveTransientErrors must be >= 1, got ${limit}`);
  if (typeof o.sleep !== 'function' || typeof o.now !== 'function') bad('sleep and now are required');
  if (o.expectedMs !== undefined && !(o.expectedMs >= 0)) bad(`expectedMs must be >= 0, got ${o.expectedMs}`);
}

/** Polls `check` with backoff until it succeeds or fails, the deadline passes or the signal aborts. */
export async function waitFor<T>(opts: WaiterOptions, check: () => Promise<CheckResult<T>>): Promise<WaiterResult<T>> {
  const minDelayMs = opts.minDelayMs ?? DEFAULT_POLICY.minDelayMs;
  const maxDelayMs = opts.maxDelayMs ?? DEFAULT_POLICY.maxDelayMs;
  const maxTransient = opts.maxConsecutiveTransientErrors ?? 20;
  validate(opts, minDelayMs, maxDelayMs, maxTransient);
  const policy: BackoffPolicy = { ...DEFAULT_POLICY, ...opts.policy, minDelayMs, maxDelayMs };
  const { signal, now } = opts;
  const random = opts.random ?? Math.random;
  const isTransient = opts.isTransient ?? (() => false);
  const start = now();
  const deadline = opts.maxWaitMs > 0 ? start + opts.maxWaitMs : Infinity;
  let expected = opts.expectedWindow ?? (opts.expectedMs ? windowAround(opts.expectedMs) : undefined);
  let polls = 0;
  let transientErrors = 0;
  let consecutive = 0;
  let value: T | undefined;
  let lastError: { error: unknown; at: number } | undefined;

  // One listener for the whole wait, so an abort also cuts short a hung poll.
  let onAbort = () => {};
  const aborted = new Promise<typeof ABORT>((resolve) => {
    onAbort = () => resolve(ABORT);
  });
  signal?.addEventListener('abort', onAbort, { once: true });
  const done = (state: WaitState): WaiterResult<T> => ({
    state, value, polls, transientErrors, elapsedMs: now() - start,
    ...(lastError ? { lastError: lastError.error, lastErrorAt: lastError.at } : {}),
  });

  try {
    for (;;) {
      if (signal?.aborted) return done('ABORTED');
      polls++;
      const pending = (deadline === Infinity ? check() : withDeadline(deadline, check)).then(
        (r) => ({ ok: true as const, r }),
        (err: unknown) => ({ ok: false as const, err }),
      );
      const outcome = await Promise.race([pending, aborted]);
      if (outcome === ABORT) return done('ABORTED');
      let retryAfterMs: number | undefined;
      if (!outcome.ok) {
        if (!isTransient(outcome.err)) throw outcome.err;
        lastError = { error: outcome.err, at: now() };
        transientErrors++;
        if (++consecutive >= maxTransient) throw outcome.err;
        opts.onTransientError?.(outcome.err, consecutive);
        retryAfterMs = opts.retryAfterMs?.(outcome.err);
      } else {
        const r = outcome.r;
        lastError = undefined;
        if (r.value !== undefined) value = r.value;
        if (r.state === 'SUCCESS' || r.state === 'FAILURE') return done(r.state);
        if (r.transient) {
          transientErrors++;
          if (++consecutive >= maxTransient) throw new Error(`waitFor: ${consecutive} transient failures in a row`);
        } else {
          consecutive = 0;
        }
        retryAfterMs = r.retryAfterMs;
        if (r.expectedWindow) expected = r.expectedWindow;
      }
      const t = now();
      const remainingMs = deadline - t;
      if (remainingMs <= policy.finalPollLeadMs) return done('TIMEOUT');
      const delay = nextDelay({ attempt: polls, elapsedMs: t - start, remainingMs, retryAfterMs, expected, random }, policy);
      const slept = await Promise.race([
        opts.sleep(delay, signal).then(
          () => undefined,
          (err: unknown) => {
            if (signal?.aborted) return ABORT;
            throw err;
          },
        ),
        aborted,
      ]);
      if (slept === ABORT) return done('ABORTED');
      if (now() >= deadline) return done('TIMEOUT');
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
