/**
 * Cold-start watching (issue 21): without any history, the job's sub-jobs estimate its end
 * (src/watch/cold.ts), and `--max-interval` bounds every gap between polls. Fake clock: no
 * real time passes, and nothing here asserts on wall time.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPREAD, refineLearned, subJobProgress } from '../../src/watch/cold.js';
import { watchJob, type WatchJobOptions } from '../../src/watch/job-watcher.js';
import { parseWaitFlags } from '../../src/commands/shared/command.js';
import { UsageError } from '../../src/errors.js';
import type { Job, SubJob } from '../../src/api/types.js';
import { fakeClock, group, job, testIO } from '../helpers/fake-api.js';

const JOB = 'ff80808290a1b2c30190a1b2c3d40001';
const T0 = 1_700_000_000_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A reverse that began at `begin`, lasts `durationMs`, with `n` sub-jobs ending evenly spread (the emulator's way), as read at `now`. */
function reverseAt(now: number, o: { begin?: number; durationMs: number; n: number; endTimes?: boolean; ends?: number[] }): Job {
  const begin = o.begin ?? T0;
  const done = now >= begin + o.durationMs;
  const subs: SubJob[] = Array.from({ length: o.n }, (_, i) => {
    const endAt = begin + o.durationMs * (o.ends?.[i] ?? (i + 1) / o.n);
    const fin = now >= endAt;
    return {
      status: fin ? 'SUCCESS' : 'RUNNING', job_id: `sub-${i}`, job_type: 'reverseProtectionGroupRepNoCG',
      begin_time: iso(begin), end_time: fin && o.endTimes !== false ? iso(endAt) : null, error_code: null, fail_reason: null,
      entities: { server_group_id: 'g-1' },
    };
  });
  return job({
    job_id: JOB, status: done ? 'SUCCESS' : 'RUNNING', begin_time: iso(begin), end_time: done ? iso(begin + o.durationMs) : null,
    entities: { server_group_id: 'g-1', sub_jobs: subs },
  });
}

describe('subJobProgress', () => {
  it('k of n sub-jobs done, with their end times: the end is expected near begin + (k-th end − begin) × n / k', () => {
    const p = subJobProgress();
    expect(p.observe(reverseAt(T0 + 10_000, { durationMs: 400_000, n: 4 }), T0 + 10_000)).toBeUndefined(); // none done yet
    const w = p.observe(reverseAt(T0 + 120_000, { durationMs: 400_000, n: 4 }), T0 + 120_000)!; // 1 of 4 done at 100 s
    expect(w.startMs).toBeCloseTo(T0 + 400_000 * (1 - SPREAD), -1);
    expect(w.endMs).toBeCloseTo(T0 + 400_000 * (1 + SPREAD), -1);
    const w2 = p.observe(reverseAt(T0 + 250_000, { durationMs: 400_000, n: 4 }), T0 + 250_000)!; // 2 of 4: narrower
    expect(w2.endMs - w2.startMs).toBeLessThan(w.endMs - w.startMs);
    expect((w2.startMs + w2.endMs) / 2).toBeCloseTo(T0 + 400_000, -3);
  });

  it('without end times, the k-th end lies between the previous poll and this one', () => {
    const p = subJobProgress();
    p.observe(reverseAt(T0 + 80_000, { durationMs: 200_000, n: 2, endTimes: false }), T0 + 80_000);
    const w = p.observe(reverseAt(T0 + 110_000, { durationMs: 200_000, n: 2, endTimes: false }), T0 + 110_000)!;
    // The first of two ended between 80 s and 110 s: the job ends between 160 s and 220 s (± the spread).
    expect(w.startMs).toBeCloseTo(T0 + 160_000 * (1 - SPREAD), -1);
    expect(w.endMs).toBeCloseTo(T0 + 220_000 * (1 + SPREAD), -1);
    // A later poll with no new sub-job done keeps that bracket (not "it just ended now").
    const again = p.observe(reverseAt(T0 + 130_000, { durationMs: 200_000, n: 2, endTimes: false }), T0 + 130_000)!;
    expect(again).toEqual(w);
  });

  it('tells nothing for one sub-job, none, all done, or a job without a begin time', () => {
    expect(subJobProgress().observe(reverseAt(T0 + 50_000, { durationMs: 60_000, n: 1 }), T0 + 50_000)).toBeUndefined();
    expect(subJobProgress().observe(job({ begin_time: iso(T0) }), T0 + 5_000)).toBeUndefined();
    const all = reverseAt(T0 + 50_000, { durationMs: 60_000, n: 2 });
    all.entities.sub_jobs!.forEach((s) => (s.status = 'SUCCESS'));
    expect(subJobProgress().observe(all, T0 + 50_000)).toBeUndefined();
    expect(subJobProgress().observe({ ...reverseAt(T0 + 40_000, { durationMs: 60_000, n: 2 }), begin_time: null }, T0 + 40_000)).toBeUndefined();
  });
});

/** A fake service: the reverse above, and its group reversing until the job ends. */
function service(c: ReturnType<typeof fakeClock>, o: { durationMs: number; n: number; endTimes?: boolean; ends?: number[] }) {
  const polls: number[] = [];
  const api: WatchJobOptions['api'] = {
    getJob: async () => {
      polls.push(c.clock.now() - T0);
      return reverseAt(c.clock.now(), o);
    },
    getGroup: async () => group(c.clock.now() >= T0 + o.durationMs ? { status: 'protected', priority_station: 'target' } : {}),
  };
  return { api, polls };
}

function watch(api: WatchJobOptions['api'], c: ReturnType<typeof fakeClock>, over: Partial<WatchJobOptions> = {}) {
  return watchJob({
    api, jobId: JOB, io: testIO().io, clock: c.clock, timeoutMs: 0, random: () => 0.5, groupId: 'g-1',
    label: 'Reversing demo-erp to target', resumeCommand: `sdrs job wait ${JOB}`, ...over,
  });
}

describe('watchJob without history', () => {
  it('a 10-minute reverse of two pairs: once the first pair is done at 5 min, polls gather near 10 min and the end is seen within seconds', async () => {
    const c = fakeClock(T0);
    const s = service(c, { durationMs: 600_000, n: 2 });
    const r = await watch(s.api, c);
    const delay = r.detectedAt - (T0 + 600_000);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(6_000);
    // From the first poll that saw the half-way sub-job to 540 s (the window's start), only a few sparse polls.
    const seenHalf = s.polls.find((t) => t >= 300_000)!;
    expect(s.polls.filter((t) => t > seenHalf && t < 540_000).length).toBeLessThanOrEqual(5);
    // Fewer polls than a fixed 10 s poller (61 for 10 minutes).
    expect(s.polls.length).toBeLessThan(61);
  });

  it('the sub-job progress moves the next poll: without it (one pair) the same job is polled by plain backoff and seen much later', async () => {
    const c1 = fakeClock(T0);
    const two = service(c1, { durationMs: 200_000, n: 2, endTimes: false });
    const withProgress = await watch(two.api, c1);
    const c2 = fakeClock(T0);
    const one = service(c2, { durationMs: 200_000, n: 1 });
    const without = await watch(one.api, c2);
    // Same polls until the first sub-job shows, then different.
    const firstSeen = two.polls.find((t) => t >= 100_000)!;
    expect(two.polls.filter((t) => t <= firstSeen)).toEqual(one.polls.filter((t) => t <= firstSeen));
    expect(two.polls).not.toEqual(one.polls);
    expect(withProgress.detectedAt).toBeLessThan(without.detectedAt);
  });

  it('with history, the sub-jobs only narrow the learned window; sub-jobs that disagree with it are ignored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sdrs-cold-'));
    // The history says this group's reverses take 100 s.
    const history = JSON.stringify({ version: 1, durations: { 'reverseProtectionGroupNoCG@g-1': [90_000, 100_000, 110_000] } });
    const pollsOf = async (o: { n: number; ends?: number[] }) => {
      const path = join(dir, `h-${Math.random()}.json`);
      await writeFile(path, history);
      const c = fakeClock(T0);
      const s = service(c, { durationMs: 100_000, ...o });
      await watch(s.api, c, { historyPath: path });
      return s.polls;
    };
    const learnedOnly = await pollsOf({ n: 1 });
    // Two pairs, the first done at 5 s: the estimate (about 10 s) is far from what history says: history stands.
    expect(await pollsOf({ n: 2, ends: [0.05, 1] })).toEqual(learnedOnly);
    // Two pairs evenly spread: the estimate agrees and narrows the window: fewer polls, the end seen as soon.
    const narrowed = await pollsOf({ n: 2 });
    expect(narrowed).not.toEqual(learnedOnly);
    expect(narrowed.length).toBeLessThanOrEqual(learnedOnly.length);
  });

  it('refineLearned: the overlap of the two windows, or nothing when they do not overlap', () => {
    expect(refineLearned({ startMs: 90, endMs: 120 }, { startMs: 100, endMs: 140 })).toEqual({ startMs: 100, endMs: 120 });
    expect(refineLearned({ startMs: 90, endMs: 120 }, { startMs: 10, endMs: 30 })).toBeUndefined();
    expect(refineLearned({ startMs: 90, endMs: 120 }, undefined)).toBeUndefined();
  });

  it('--max-interval bounds every gap between polls, also before a learned window opens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sdrs-cold-'));
    const historyPath = join(dir, 'job-durations.json');
    await writeFile(historyPath, JSON.stringify({ version: 1, durations: { 'reverseProtectionGroupNoCG@g-1': [900_000, 900_000] } }));
    const gaps = (polls: number[]) => Math.max(...polls.slice(1).map((t, i) => t - polls[i]));
    const c1 = fakeClock(T0);
    const loose = service(c1, { durationMs: 900_000, n: 1 });
    await watch(loose.api, c1, { historyPath, maxIntervalMs: 20_000 });
    expect(gaps(loose.polls)).toBeGreaterThan(20_000); // the sparse phase may stretch past the cap
    const c2 = fakeClock(T0);
    const strict = service(c2, { durationMs: 900_000, n: 1 });
    await watch(strict.api, c2, { historyPath, maxIntervalMs: 20_000, strictMaxInterval: true });
    expect(gaps(strict.polls)).toBeLessThanOrEqual(20_000 * 1.1);
  });
});

describe('--max-interval', () => {
  it('is parsed as a duration, must be positive and not below --interval', () => {
    expect(parseWaitFlags({ maxInterval: '5s' }).maxIntervalMs).toBe(5_000);
    expect(() => parseWaitFlags({ maxInterval: '0' })).toThrow(UsageError);
    expect(() => parseWaitFlags({ interval: '10s', maxInterval: '5s' })).toThrow(/--max-interval/);
    expect(parseWaitFlags({}).maxIntervalMs).toBeUndefined();
  });
});
