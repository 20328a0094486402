/**
 * The polling delay policy: pure arithmetic, no clock, no I/O.
 *
 * Without history it is a capped exponential backoff (1 s × 1.5ⁿ up to 30 s)
 * with ±10 % jitter. With a learned window for the job (history.ts) it polls
 * sparsely until the window opens, densely inside it (sqrt(2 × width × 125 ms)
 * apart: 3.9 s for a 1-minute window, 8.7 s for 5 minutes), and backs off
 * again if the job overruns it: that is how a 10-minute job costs fewer polls
 * than a fixed 10 s poller yet is noticed faster than by a fixed 5 s poller
 * (`npm run bench`, docs/performance.md).
 */

/** When a job of this type is expected to end, in ms since the wait started. */
export interface ExpectedWindow {
  /** Earliest expected end (ms since the wait started). */
  startMs: number;
  /** Latest expected end (ms since the wait started); >= startMs. */
  endMs: number;
}

/** Tunables of the policy. */
export interface BackoffPolicy {
  /** First and smallest delay (ms); `--interval`. @default 1000 */
  minDelayMs: number;
  /** Largest delay between polls without history (ms); `maxInterval`. @default 30000 */
  maxDelayMs: number;
  /** Growth factor per poll. @default 1.5 */
  factor: number;
  /** Total jitter width as a fraction of the delay (0.2 = ±10 %). @default 0.2 */
  jitter: number;
  /** The final poll happens this long before the deadline (ms). @default 100 */
  finalPollLeadMs: number;
  /**
   * Inside the expected window, what one poll is worth in detection delay (ms). The dense
   * delay minimises polls + delay / pollWorthMs for an end anywhere in a window of width W:
   * sqrt(2 × W × pollWorthMs), so a wider window gets more polls, but only as its square root.
   * @default 125
   */
  pollWorthMs: number;
  /** Before the window, delays may grow to this fraction of the window start (if above maxDelayMs). @default 0.1 */
  sparseCapFraction: number;
  /**
   * No delay is longer than this (ms), learned windows included (only the server's Retry-After
   * and minDelayMs win): the watcher's cap while production is down in a switchover. @default Infinity
   */
  hardCapMs: number;
}

/** The default policy numbers. */
export const DEFAULT_POLICY: Readonly<BackoffPolicy> = Object.freeze({
  minDelayMs: 1_000,
  maxDelayMs: 30_000,
  factor: 1.5,
  jitter: 0.2,
  finalPollLeadMs: 100,
  pollWorthMs: 125,
  sparseCapFraction: 0.1,
  hardCapMs: Infinity,
});

/** What the policy knows after a poll. */
export interface BackoffState {
  /** Polls made so far, including failed ones (>= 1). */
  attempt: number;
  /** Time since the wait started (ms). */
  elapsedMs: number;
  /** Time left until the deadline (ms); Infinity without a deadline. */
  remainingMs: number;
  /** The server's Retry-After (ms), a lower bound on the delay. */
  retryAfterMs?: number;
  /** Learned end-of-job window, if any. */
  expected?: ExpectedWindow;
  /** Random number in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

/** Which regime produced a delay (for tests and --debug). */
export type BackoffPhase = 'backoff' | 'sparse' | 'dense' | 'overrun';

/** The capped exponential delay for the n-th poll (1-based), before jitter (ms). */
export function exponentialDelay(attempt: number, policy: BackoffPolicy, capMs = policy.maxDelayMs): number {
  const n = Math.max(0, attempt - 1);
  return Math.min(capMs, policy.minDelayMs * Math.pow(policy.factor, n));
}

/** Builds a window of ±fraction around a single expected duration (ms). */
export function windowAround(expectedMs: number, fraction = 0.1): ExpectedWindow {
  return { startMs: expectedMs * (1 - fraction), endMs: expectedMs * (1 + fraction) };
}

/** The phase and un-jittered delay (ms) for a state, before Retry-After and deadline. */
export function baseDelay(state: BackoffState, policy: BackoffPolicy = DEFAULT_POLICY): { phase: BackoffPhase; delayMs: number } {
  const { expected, elapsedMs: t } = state;
  const min = policy.minDelayMs;
  if (!expected || !(expected.endMs > 0)) {
    return { phase: 'backoff', delayMs: exponentialDelay(state.attempt, policy) };
  }
  const start = Math.max(0, expected.startMs);
  const end = Math.max(start, expected.endMs);
  if (start - t >= min) {
    // Sparse: grow as usual (so early failures are still seen quickly), allow a
    // larger cap for long jobs, and never jump past the window's start.
    const cap = Math.max(policy.maxDelayMs, start * policy.sparseCapFraction);
    return { phase: 'sparse', delayMs: Math.min(exponentialDelay(state.attempt, policy, cap), start - t) };
  }
  if (t < end) {
    const dense = Math.min(policy.maxDelayMs, Math.max(min, Math.sqrt(2 * (end - start) * policy.pollWorthMs)));
    return { phase: 'dense', delayMs: dense };
  }
  // Overrun: the delay grows with the time past the window, i.e. geometrically by `factor` per poll.
  const overrun = Math.min(policy.maxDelayMs, Math.max(min, (t - end) * (policy.factor - 1)));
  return { phase: 'overrun', delayMs: overrun };
}

/**
 * The delay before the next poll (ms): the phase delay with jitter, never below
 * minDelayMs or the server's Retry-After, and clamped so that the final poll
 * happens `finalPollLeadMs` before the deadline. When Retry-After forbids any
 * poll before the deadline it returns `remainingMs` (sleep out the deadline).
 */
export function nextDelay(state: BackoffState, policy: BackoffPolicy = DEFAULT_POLICY): number {
  const { delayMs } = baseDelay(state, policy);
  const r = Math.min(Math.max(state.random(), 0), 1);
  let delay = delayMs * (1 - policy.jitter / 2 + policy.jitter * r);
  delay = Math.min(delay, policy.hardCapMs ?? Infinity);
  delay = Math.max(delay, policy.minDelayMs, state.retryAfterMs ?? 0);
  const room = state.remainingMs - policy.finalPollLeadMs;
  if ((state.retryAfterMs ?? 0) > room) return Math.max(0, state.remainingMs);
  if (delay > room) delay = room;
  return Math.max(0, Math.round(delay));
}
