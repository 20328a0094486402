import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHistoryPath, groupHistoryKey, readDurations, readLearnedDurations, recordDuration, recordDurations } from '../../src/watch/history.js';
import { watchJob } from '../../src/watch/job-watcher.js';
import { fakeClock, testIO } from '../helpers/fake-api.js';
import type { Job } from '../../src/api/types.js';
import { mulberry32 } from '../../src/emulator/faults.js';

const tmp = async () => join(await mkdtemp(join(tmpdir(), 'sdrs-hist-')), 'sdrs', 'job-durations.json');

describe('job-duration history', () => {
  it('keeps the last 20 samples per type and survives a corrupt file', async () => {
    const p = await tmp();
    for (let i = 1; i <= 25; i++) await recordDuration(p, 'reverseProtectionGroupNoCG', i * 1000);
    const d = await readDurations(p, 'reverseProtectionGroupNoCG');
    expect(d.length).toBe(20);
    expect(d[0]).toBe(6000);
    await writeFile(p, '{not json');
    expect(await readDurations(p, 'reverseProtectionGroupNoCG')).toEqual([]);
    await recordDuration(p, 'x', 5000);
    expect(JSON.parse(await readFile(p, 'utf8'))).toEqual({ version: 1, durations: { x: [5000] } });
  });

  it('is disabled without a path and never throws on an unwritable one', async () => {
    expect(await readDurations(undefined, 'x')).toEqual([]);
    const file = await tmp();
    await recordDuration(file, 'x', 1000);
    await expect(recordDuration(join(file, 'under-a-file.json'), 'x', 1000)).resolves.toBeUndefined();
    expect(defaultHistoryPath({ XDG_CACHE_HOME: '/c' }, '/h')).toBe('/c/sdrs/job-durations.json');
    expect(defaultHistoryPath({}, '/h')).toBe('/h/.cache/sdrs/job-durations.json');
  });
});

/** Simulates one job of `durationMs` and returns how watchJob (or a fixed poller) did. */
// Seeded jitter (the emulator's mulberry32): random, but every run of the suite sees the same sequence.
const random = mulberry32(Number(process.env.SDRS_TEST_SEED ?? 20261125));

async function runJob(durationMs: number, historyPath?: string, groupId?: string) {
  const c = fakeClock();
  const t0 = c.clock.now();
  const iso = (t: number) => new Date(t).toISOString();
  let polls = 0;
  const api = {
    async getJob(id: string): Promise<Job> {
      polls++;
      const done = c.clock.now() - t0 >= durationMs;
      return {
        job_id: id, job_type: 'reverseProtectionGroupNoCG', status: done ? 'SUCCESS' : 'RUNNING',
        begin_time: iso(t0), end_time: done ? iso(t0 + durationMs) : null, error_code: null, fail_reason: null,
        entities: groupId ? { server_group_id: groupId } : {},
      };
    },
    getGroup: async () => { throw new Error('unused'); },
  };
  const r = await watchJob({
    api, jobId: 'j', io: testIO().io, clock: c.clock, timeoutMs: 0, random, historyPath,
    label: 'x', resumeCommand: 'sdrs job wait j',
  });
  return { polls, delayMs: r.detectedAt - (t0 + durationMs) };
}

const fixedPoller = (durationMs: number, every: number) => ({ polls: Math.ceil(durationMs / every) + 1, delayMs: Math.ceil(durationMs / every) * every - durationMs });

describe('learned policy', () => {
  it('on a 10-minute job: fewer polls than a fixed 10 s poller and a smaller delay than a fixed 5 s poller', async () => {
    const p = await tmp();
    const first = await runJob(600_000, p); // no history yet: plain backoff
    const ten = fixedPoller(600_000, 10_000);
    const five = { meanDelayMs: 2500 };
    const runs = [];
    // Ten jobs around 10 minutes: enough for the mean delay to say something about the policy.
    for (let i = 0; i < 10; i++) runs.push(await runJob(600_000 + (i - 5) * 1500, p));
    for (const r of runs) {
      expect(r.polls).toBeLessThan(ten.polls * 0.75);
      // Dense polls inside the learned window are sqrt(2 × 72 s × 125 ms) ≈ 4.2 s apart (±10 % jitter).
      expect(r.delayMs).toBeLessThanOrEqual(4800);
    }
    // With dense polls ~4.2 s apart the expected delay is ~2.1 s; the seeded jitter makes this
    // check repeatable (an unseeded run could land a few percent either side of 2.5 s). The
    // policy's mean over a spread of jobs is measured by `npm run bench` (docs/performance.md).
    const mean = runs.reduce((a, r) => a + r.delayMs, 0) / runs.length;
    expect(mean).toBeLessThan(five.meanDelayMs);
    expect(mean).toBeLessThan(first.delayMs); // learning actually helped
  });

  it('still backs off sanely when a job overruns its history', async () => {
    const p = await tmp();
    await recordDuration(p, 'reverseProtectionGroupNoCG', 60_000);
    const r = await runJob(600_000, p);
    expect(r.polls).toBeLessThan(fixedPoller(600_000, 10_000).polls);
  });
});

describe('per-group learning', () => {
  const T = 'reverseProtectionGroupNoCG';

  it('records each job under its group and its type, and learns from the group first', async () => {
    const p = await tmp();
    for (let i = 0; i < 3; i++) await runJob(600_000, p, 'g-big');
    for (let i = 0; i < 3; i++) await runJob(20_000, p, 'g-small');
    expect(await readDurations(p, groupHistoryKey(T, 'g-big'))).toEqual([600_000, 600_000, 600_000]);
    expect(await readDurations(p, T)).toHaveLength(6);
    expect(await readLearnedDurations(p, T, 'g-small')).toEqual([20_000, 20_000, 20_000]);
    // A new group: the type's samples disagree (20 s and 10 min), so no window at all rather than a misleading one.
    expect(await readLearnedDurations(p, T, 'g-new')).toEqual([]);
    // A small group keeps being noticed within a second or two although a big one shares the job type.
    const r = await runJob(20_000, p, 'g-small');
    expect(r.delayMs).toBeLessThanOrEqual(2000);
  });

  it('falls back to the job type across groups when those agree', async () => {
    const p = await tmp();
    await recordDurations(p, [groupHistoryKey(T, 'a'), T], 60_000);
    await recordDurations(p, [groupHistoryKey(T, 'b'), T], 70_000);
    expect(await readLearnedDurations(p, T, 'c')).toEqual([60_000, 70_000]);
    expect(await readLearnedDurations(p, T)).toEqual([60_000, 70_000]);
    expect(await readLearnedDurations(undefined, T, 'c')).toEqual([]);
  });

  it('loses no sample when many watchers in one process finish together', async () => {
    const p = await tmp();
    await Promise.all(Array.from({ length: 15 }, (_, i) => recordDurations(p, [groupHistoryKey(T, `g${i}`), T], 1000 + i)));
    expect(await readDurations(p, T)).toHaveLength(15);
    expect(await readDurations(p, groupHistoryKey(T, 'g7'))).toEqual([1007]);
  });

  it('samples that arrive while a write is queued join that write (one rewrite of the file)', async () => {
    const p = await tmp();
    const writes = Array.from({ length: 100 }, (_, i) => recordDurations(p, [groupHistoryKey(T, `g${i}`), T], 2000 + i));
    expect(new Set(writes).size).toBe(1);
    await Promise.all(writes);
    expect(await readDurations(p, T)).toEqual(Array.from({ length: 20 }, (_, i) => 2080 + i));
    expect(await readDurations(p, groupHistoryKey(T, 'g99'))).toEqual([2099]);
    // A sample recorded after that write started gets a write of its own, and is kept too.
    await recordDurations(p, [T], 5000);
    expect((await readDurations(p, T)).at(-1)).toBe(5000);
  });
});
