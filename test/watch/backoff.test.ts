import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, baseDelay, nextDelay, type BackoffState } from '../../src/watch/backoff.js';
import { expectedWindow, shiftWindow } from '../../src/watch/history.js';

const mid = () => 0.5; // no jitter
const st = (over: Partial<BackoffState>): BackoffState => ({ attempt: 1, elapsedMs: 0, remainingMs: Infinity, random: mid, ...over });

describe('nextDelay', () => {
  it('starts at 1 s, grows ×1.5 and caps at 30 s', () => {
    const seq = Array.from({ length: 12 }, (_, i) => nextDelay(st({ attempt: i + 1 })));
    expect(seq.slice(0, 5)).toEqual([1000, 1500, 2250, 3375, 5063]);
    expect(Math.max(...seq)).toBe(30_000);
    expect(seq.slice(-3)).toEqual([30_000, 30_000, 30_000]);
  });

  it('jitter stays within ±10 % and never below the minimum', () => {
    const lo = nextDelay(st({ attempt: 5, random: () => 0 }));
    const hi = nextDelay(st({ attempt: 5, random: () => 0.999999 }));
    expect(lo).toBe(Math.round(5062.5 * 0.9));
    expect(hi).toBeLessThanOrEqual(Math.round(5062.5 * 1.1));
    expect(hi).toBeGreaterThan(5062.5 * 1.09);
    expect(nextDelay(st({ attempt: 1, random: () => 0 }))).toBe(1000);
  });

  it('honours Retry-After as a lower bound', () => {
    expect(nextDelay(st({ attempt: 1, retryAfterMs: 7000 }))).toBe(7000);
    expect(nextDelay(st({ attempt: 12, retryAfterMs: 7000 }))).toBe(30_000);
  });

  it('moves the final poll just before the deadline', () => {
    expect(nextDelay(st({ attempt: 12, remainingMs: 4000 }))).toBe(4000 - DEFAULT_POLICY.finalPollLeadMs);
  });

  it('sleeps out the deadline when Retry-After leaves no room for another poll', () => {
    expect(nextDelay(st({ attempt: 1, remainingMs: 4000, retryAfterMs: 10_000 }))).toBe(4000);
  });

  it('uses --interval as the first delay and maxInterval as the cap', () => {
    const p = { ...DEFAULT_POLICY, minDelayMs: 5000, maxDelayMs: 8000 };
    expect(nextDelay(st({ attempt: 1 }), p)).toBe(5000);
    expect(nextDelay(st({ attempt: 9 }), p)).toBe(8000);
  });
});

describe('learned window', () => {
  const w = { startMs: 570_000, endMs: 630_000 };
  it('is sparse before the window, never jumping past its start, with a larger cap for long jobs', () => {
    expect(baseDelay(st({ attempt: 20, elapsedMs: 100_000, expected: w })).delayMs).toBe(57_000);
    expect(baseDelay(st({ attempt: 20, elapsedMs: 550_000, expected: w }))).toEqual({ phase: 'sparse', delayMs: 20_000 });
  });
  it('is dense inside the window and backs off after it', () => {
    // sqrt(2 × 60 s window × 125 ms): 3.9 s apart.
    expect(baseDelay(st({ attempt: 30, elapsedMs: 580_000, expected: w }))).toEqual({ phase: 'dense', delayMs: Math.sqrt(2 * 60_000 * 125) });
    expect(baseDelay(st({ attempt: 40, elapsedMs: 640_000, expected: w }))).toEqual({ phase: 'overrun', delayMs: 5000 });
    expect(baseDelay(st({ attempt: 40, elapsedMs: 900_000, expected: w })).delayMs).toBe(30_000);
  });
  it('spends more polls on a wider window, but only as its square root', () => {
    const dense = (width: number) => baseDelay(st({ attempt: 30, elapsedMs: 300_000, expected: { startMs: 300_000, endMs: 300_000 + width } })).delayMs;
    expect(dense(3_000)).toBe(1000); // never below --interval
    expect(Math.round(dense(300_000))).toBe(8660);
    expect(dense(4 * 300_000) / dense(300_000)).toBeCloseTo(2);
    expect(dense(3_600_000)).toBe(30_000); // capped like the backoff
  });
  it('derives the window from history percentiles and shifts it for a job already running', () => {
    expect(expectedWindow([600_000])).toEqual({ startMs: 570_000, endMs: 630_000 });
    expect(expectedWindow([])).toBeUndefined();
    expect(shiftWindow({ startMs: 570_000, endMs: 630_000 }, 600_000)).toEqual({ startMs: 0, endMs: 30_000 });
    expect(shiftWindow({ startMs: 570_000, endMs: 630_000 }, 700_000)).toBeUndefined();
  });
});
