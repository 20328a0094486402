import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { waitFor, type CheckResult } from '../../src/watch/waiter.js';
import { fakeClock } from '../helpers/fake-api.js';

const mid = () => 0.5;
const retry = (): CheckResult<string> => ({ state: 'RETRY' });
const base = (c: ReturnType<typeof fakeClock>) => ({ sleep: c.clock.sleep, now: c.clock.now, random: mid, maxWaitMs: 0 });

/** A check that says RETRY until `n` polls, then `final`. */
function scripted(n: number, final: CheckResult<string> = { state: 'SUCCESS', value: 'done' }) {
  let i = 0;
  return async () => (++i >= n ? final : retry());
}

describe('waitFor', () => {
  it('polls at once, then sleeps 1 s, 1.5 s, 2.25 s … up to the cap', async () => {
    const c = fakeClock();
    const r = await waitFor({ ...base(c), maxDelayMs: 5000 }, scripted(8));
    expect(r).toMatchObject({ state: 'SUCCESS', value: 'done', polls: 8, transientErrors: 0 });
    expect(c.sleeps).toEqual([1000, 1500, 2250, 3375, 5000, 5000, 5000]);
    expect(r.elapsedMs).toBe(c.sleeps.reduce((a, b) => a + b));
  });

  it('jitter keeps every delay within ±10 % of the schedule', async () => {
    const c = fakeClock();
    let k = 0;
    const rnd = () => [0, 0.999][k++ % 2];
    await waitFor({ ...base(c), random: rnd }, scripted(10));
    const nominal = [1000, 1500, 2250, 3375, 5062.5, 7593.75, 11390.6, 17085.9, 25628.9];
    c.sleeps.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(Math.max(1000, Math.round(nominal[i] * 0.9)));
      expect(d).toBeLessThanOrEqual(Math.round(nominal[i] * 1.1));
    });
    expect(c.sleeps[4]).not.toBe(c.sleeps[5] / 1.5); // jitter actually applied
  });

  it('reports FAILURE as soon as the acceptor says so', async () => {
    const c = fakeClock();
    const r = await waitFor(base(c), scripted(3, { state: 'FAILURE', value: 'bad' }));
    expect(r).toMatchObject({ state: 'FAILURE', value: 'bad', polls: 3 });
  });

  it('respects Retry-After from a RETRY result and from a transient error', async () => {
    const c = fakeClock();
    let i = 0;
    const r = await waitFor(
      { ...base(c), isTransient: () => true, retryAfterMs: (e) => (e as { ra: number }).ra },
      async () => {
        i++;
        if (i === 1) return { state: 'RETRY', retryAfterMs: 9000 };
        if (i === 2) throw Object.assign(new Error('429'), { ra: 4000 });
        return { state: 'SUCCESS' };
      },
    );
    expect(c.sleeps).toEqual([9000, 4000]);
    expect(r).toMatchObject({ state: 'SUCCESS', polls: 3, transientErrors: 1 });
  });

  it('makes the final poll just before the deadline, then times out', async () => {
    const c = fakeClock();
    let polledAt = 0;
    const r = await waitFor({ ...base(c), maxWaitMs: 10_000 }, async () => {
      polledAt = c.elapsed();
      return retry();
    });
    expect(r.state).toBe('TIMEOUT');
    expect(c.sleeps).toEqual([1000, 1500, 2250, 3375, 1775]);
    expect(polledAt).toBe(9900);
    expect(c.elapsed()).toBeLessThanOrEqual(10_000);
  });

  it('aborts mid-sleep with ABORTED and removes its abort listener', async () => {
    const c = fakeClock();
    const ac = new AbortController();
    let sleeping!: () => void;
    const started = new Promise<void>((r) => (sleeping = r));
    const sleep = (ms: number, signal?: AbortSignal) =>
      new Promise<void>((_res, rej) => {
        sleeping();
        signal?.addEventListener('abort', () => rej(signal.reason), { once: true });
      });
    const p = waitFor({ ...base(c), sleep, signal: ac.signal }, async () => retry());
    await started;
    expect(getEventListeners(ac.signal, 'abort').length).toBe(2); // ours + the sleep's
    ac.abort('SIGINT');
    const r = await p;
    expect(r).toMatchObject({ state: 'ABORTED', polls: 1 });
    expect(getEventListeners(ac.signal, 'abort').length).toBe(0);
  });

  it('aborts a hung poll and removes its listener on success too', async () => {
    const c = fakeClock();
    const ac = new AbortController();
    const p = waitFor({ ...base(c), signal: ac.signal }, () => new Promise<CheckResult<string>>(() => {}));
    await Promise.resolve();
    ac.abort('SIGTERM');
    expect((await p).state).toBe('ABORTED');
    const ok = new AbortController();
    await waitFor({ ...base(c), signal: ok.signal }, scripted(2));
    expect(getEventListeners(ok.signal, 'abort').length).toBe(0);
  });

  it('retries transient errors and throws non-transient ones', async () => {
    const c = fakeClock();
    const transient = Object.assign(new Error('502'), { status: 502 });
    const fatal = Object.assign(new Error('401'), { status: 401 });
    const isTransient = (e: unknown) => (e as { status: number }).status >= 500;
    let i = 0;
    const r = await waitFor({ ...base(c), isTransient }, async () => {
      if (++i <= 3) throw transient;
      return { state: 'SUCCESS' };
    });
    expect(r).toMatchObject({ state: 'SUCCESS', polls: 4, transientErrors: 3 });
    await expect(waitFor({ ...base(c), isTransient }, async () => { throw fatal; })).rejects.toBe(fatal);
  });

  it('gives up after too many transient errors in a row', async () => {
    const c = fakeClock();
    const e = new Error('down');
    await expect(
      waitFor({ ...base(c), isTransient: () => true, maxConsecutiveTransientErrors: 3 }, async () => { throw e; }),
    ).rejects.toBe(e);
    expect(c.sleeps.length).toBe(2);
  });

  it('validates its options', async () => {
    const c = fakeClock();
    await expect(waitFor({ ...base(c), minDelayMs: 0 }, scripted(1))).rejects.toThrow(RangeError);
    await expect(waitFor({ ...base(c), minDelayMs: 5000, maxDelayMs: 1000 }, scripted(1))).rejects.toThrow(/maxDelayMs/);
    await expect(waitFor({ ...base(c), maxWaitMs: -1 }, scripted(1))).rejects.toThrow(/maxWaitMs/);
  });
});
