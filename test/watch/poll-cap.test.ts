/**
 * Issue 15: while production is down in a switchover (from the stop phase on), the watcher
 * polls with a 2 s cap instead of the normal 30 s; and a timeout names the limit that was set.
 * The switchover runs against the emulator on one manual clock shared with the CLI: every
 * sleep the CLI asks for is recorded (with the phase it was in) and moves the clock, so
 * minutes of jobs take milliseconds and the intervals are asserted, not timed.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { createManualClock, startEmulator, type ManualClock, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { nextDelay, DEFAULT_POLICY } from '../../src/watch/backoff.js';
import { follow } from '../../src/commands/shared/wait.js';
import { WaitTimeoutError } from '../../src/errors.js';
import type { Context } from '../../src/context.js';
import { DOWN_POLL_CAP_MS } from '../../src/commands/group/switchover.js';

let emu: RunningEmulator;
let clock: ManualClock;
beforeAll(async () => {
  clock = createManualClock(Date.now());
  emu = await startEmulator({
    port: 0, seed: 'demo', clock,
    jobDurationMs: { default: 100, batchStopServers: 30_000, reverseProtectionGroupNoCG: 30_000, batchStartServers: 30_000 },
  });
});
afterAll(async () => {
  await emu.stop();
});

describe('switchover: the poll cap while production is down', () => {
  it('the stop phase backs off past 2 s; the reverse and start phases never wait longer than 2 s', async () => {
    const env = emulatorEnv(emu);
    let err = '';
    const stderr = new PassThrough();
    stderr.on('data', (c) => (err += String(c)));
    const stdout = new PassThrough();
    stdout.resume();
    const stdin = new PassThrough();
    stdin.end();
    const sleeps: { phase: number; ms: number }[] = [];
    const phase = () => Number([...err.matchAll(/Phase (\d)\/3/g)].pop()?.[1] ?? 0);
    const code = await main(['group', 'reverse', 'demo-erp', '--to', 'target', '--stop-servers', '--start-servers', '--yes'], {
      stdin, stdout, stderr, env, cwd: env.HOME, homeDir: env.HOME, handleSignals: false,
      clock: {
        now: () => clock.now(),
        sleep: async (ms) => {
          sleeps.push({ phase: phase(), ms });
          clock.advance(ms);
          await new Promise((r) => setImmediate(r));
        },
      },
    });
    expect(code, err).toBe(0);
    const inPhase = (n: number) => sleeps.filter((s) => s.phase === n).map((s) => s.ms);
    expect(Math.max(...inPhase(1))).toBeGreaterThan(DOWN_POLL_CAP_MS * 1.5);
    for (const n of [2, 3]) {
      expect(inPhase(n).length, `phase ${n}`).toBeGreaterThan(10); // a 30 s job, polled every <= 2 s
      expect(Math.max(...inPhase(n)), `phase ${n}`).toBeLessThanOrEqual(DOWN_POLL_CAP_MS);
    }
  });
});

describe('the backoff hard cap', () => {
  it('caps the sparse phase of a learned window (which may otherwise exceed maxDelayMs)', () => {
    const state = { attempt: 12, elapsedMs: 10_000, remainingMs: Infinity, expected: { startMs: 3_600_000, endMs: 3_700_000 }, random: () => 0.99 };
    expect(nextDelay(state)).toBeGreaterThan(30_000);
    expect(nextDelay(state, { ...DEFAULT_POLICY, hardCapMs: 2_000 })).toBe(2_000);
    // Retry-After from the service still wins.
    expect(nextDelay({ ...state, retryAfterMs: 5_000 }, { ...DEFAULT_POLICY, hardCapMs: 2_000 })).toBe(5_000);
  });
});

describe('a followed change that times out', () => {
  it('names the --timeout that was set, not only how long it watched', async () => {
    let t = 1_700_000_000_000;
    const ctx = {
      clock: { now: () => t, sleep: async (ms: number) => void (t += ms) },
      signal: new AbortController().signal,
      io: { err: new PassThrough() },
    } as unknown as Context;
    const e = await follow(ctx, { wait: true, timeoutMs: 3_000, intervalMs: 1_000, maxIntervalMs: 30_000 }, {
      label: 'group erp (g-1)', read: async () => 'reversing', judge: (s) => ({ status: s }), checkHint: 'sdrs group status g-1 --watch',
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WaitTimeoutError);
    expect((e as Error).message).toMatch(/^group erp \(g-1\) did not finish within the 3s --timeout \(followed for 2\.\ds; last seen reversing\)/);
  });
});
