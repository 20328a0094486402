import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError, InterruptedError, JobFailedError, WaitTimeoutError } from '../../src/errors.js';
import { watchJob, type WatchJobOptions } from '../../src/watch/job-watcher.js';
import { nextStepHint } from '../../src/watch/hints.js';
import { fakeApi, fakeClock, group, job, testIO } from '../helpers/fake-api.js';

const JOB = 'ff80808290a1b2c30190a1b2c3d40001';

function setup(api: Partial<ReturnType<typeof fakeApi>> & { api: WatchJobOptions['api'] }, c = fakeClock(), tty = false, over: Partial<WatchJobOptions> = {}) {
  const t = testIO({ tty });
  const opts: WatchJobOptions = {
    api: api.api, jobId: JOB, io: t.io, clock: c.clock, timeoutMs: 30 * 60_000, random: () => 0.5,
    label: 'Reversing group demo-erp to target (az2)', resumeCommand: `sdrs job wait ${JOB}`, groupId: 'g-1', ...over,
  };
  return { opts, err: t.err, c };
}

describe('watchJob', () => {
  it('prints one plain line per status change and returns the checked group', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 20_000 });
    const { opts, err } = setup(f, c, false, { expect: { finalStatus: 'protected', priorityStation: 'target' } });
    const r = await watchJob(opts);
    expect(r.group?.status).toBe('protected');
    expect(r.job.status).toBe('SUCCESS');
    expect(r.detectedAt - 1_700_000_000_000 - 20_000).toBeLessThan(6000);
    const lines = err().trim().split('\n');
    expect(lines).toEqual([
      `Reversing group demo-erp to target (az2): watching job ${JOB}`,
      '[0s] job RUNNING, group reversing',
      expect.stringMatching(/^\[2\ds\] job SUCCESS, group protected$/),
    ]);
    expect(f.calls.getGroup).toBe(2); // first poll + final read: frugal
  });

  it('writes a heartbeat line every 30 s of fake time when nothing changes', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 100_000 });
    const { opts, err } = setup(f, c);
    await watchJob(opts);
    const beats = err().split('\n').filter((l) => l.includes('still RUNNING'));
    expect(beats.map((l) => l.slice(0, 5))).toEqual(['[30s]', '[1m00', '[1m30']);
  });

  it('FAIL → JobFailedError (exit 5) with sub-job codes, group status and the retry hint', async () => {
    const c = fakeClock();
    const sub = { ...job({ status: 'FAIL', job_id: 'sub-1', job_type: 'reverseProtectionGroupRepNoCG', error_code: 'SDRS.1028', fail_reason: 'pair broken' }), entities: {} };
    const f = fakeApi({
      now: c.clock.now, durationMs: 5000,
      final: { status: 'FAIL', error_code: 'SDRS.1095', fail_reason: 'reverse failed', entities: { server_group_id: 'g-1', sub_jobs: [sub] } },
      after: { status: 'error-reversing', priority_station: 'source' },
    });
    const { opts } = setup(f, c, false, { expect: { priorityStation: 'target' } });
    const e = (await watchJob(opts).catch((x: unknown) => x)) as JobFailedError;
    expect(e).toBeInstanceOf(JobFailedError);
    expect(e.exitCode).toBe(5);
    expect(e.message).toMatch(/SDRS\.1095: reverse failed/);
    expect(e.message).toMatch(/sub-job sub-1 .*SDRS\.1028: pair broken/);
    expect(e.details).toMatchObject({
      job_id: JOB, error_code: 'SDRS.1095', group_id: 'g-1', group_status: 'error-reversing',
      failed_sub_jobs: [{ job_id: 'sub-1', error_code: 'SDRS.1028', fail_reason: 'pair broken' }],
    });
    expect(e.hint).toBe(`the group is error-reversing; a reverse from error-reversing can be retried: sdrs group reverse demo-erp --to target; the failed job: sdrs job show ${JOB}`);
  });

  it('timeout → WaitTimeoutError (exit 6) naming the job, "still running" and the resume command', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 3_600_000 });
    const { opts } = setup(f, c, false, { timeoutMs: 90_000 });
    const e = (await watchJob(opts).catch((x: unknown) => x)) as WaitTimeoutError;
    expect(e).toBeInstanceOf(WaitTimeoutError);
    expect(e.exitCode).toBe(6);
    expect(e.message).toContain(JOB);
    expect(e.message).toContain('still running');
    expect(e.hint).toContain(`sdrs job wait ${JOB}`);
    expect(e.message).toContain('(--timeout 1m30s)');
    expect(e.details).toMatchObject({ job_id: JOB, timeout_ms: 90_000, last_status: 'RUNNING', last_read_at: expect.any(String) });
    expect(c.elapsed()).toBeLessThanOrEqual(90_000);
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('abort by %s → InterruptedError exit %i', async (sig, code) => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 60_000 });
    const ac = new AbortController();
    const { opts } = setup(f, c, false, { signal: ac.signal, onPoll: (p) => p.polls === 3 && ac.abort(sig) });
    const e = (await watchJob(opts).catch((x: unknown) => x)) as InterruptedError;
    expect(e).toBeInstanceOf(InterruptedError);
    expect(e.exitCode).toBe(code);
    expect(e.message).toBe(`stopped watching job ${JOB}; the job continues on the service`);
    expect(e.hint).toContain(`sdrs job wait ${JOB}`);
    expect(f.calls.getJob).toBe(3);
  });

  it('SUCCESS but the group ends in an error status → exit 5', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 3000, after: { status: 'error' } });
    const { opts } = setup(f, c);
    await expect(watchJob(opts)).rejects.toMatchObject({ exitCode: 5, code: 'GROUP_ERROR' });
  });

  it('SUCCESS but production on the wrong side → exit 5', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 3000, after: { priority_station: 'source' } });
    const { opts } = setup(f, c, false, { expect: { finalStatus: 'protected', priorityStation: 'target' } });
    await expect(watchJob(opts)).rejects.toMatchObject({ exitCode: 5, message: expect.stringMatching(/on source, expected target/) });
  });

  it('survives transient poll errors and throws non-transient ones', async () => {
    const c = fakeClock();
    const e502 = new ApiError('bad gateway', { status: 502, apiCode: 'HTTP_502' });
    const f = fakeApi({ now: c.clock.now, durationMs: 5000, jobErrors: { 2: e502, 3: e502 } });
    const { opts } = setup(f, c);
    expect((await watchJob(opts)).job.status).toBe('SUCCESS');
    const e401 = new ApiError('unauthorized', { status: 401, apiCode: 'APIGW.0301' });
    const g = fakeApi({ now: c.clock.now, durationMs: 5000, jobErrors: { 2: e401 } });
    await expect(watchJob(setup(g, c).opts)).rejects.toBe(e401);
    expect(g.calls.getJob).toBe(2);
  });

  it('at a terminal, draws an ora spinner and persists a ✔ line when done', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 3000 });
    const { opts, err } = setup(f, c, true);
    await watchJob(opts);
    expect(err()).toContain('job RUNNING · group reversing');
    expect(err()).toMatch(/✔ Reversing group demo-erp to target \(az2\) · done in \ds · group protected\n$/);
  });

  it('stops the spinner with ✖ when the job fails', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 3000, final: { status: 'FAIL', error_code: 'SDRS.1', fail_reason: 'x' } });
    const { opts, err } = setup(f, c, true);
    await expect(watchJob(opts)).rejects.toBeInstanceOf(JobFailedError);
    expect(err()).toMatch(/✖ .* job FAIL \(SDRS\.1\)\n$/);
  });
});

describe('watchJob: the final group read', () => {
  it('after SUCCESS, a group still failing-over is read again until it settles (not reported as a failure)', async () => {
    const c = fakeClock();
    // The service shows the new status a moment after the job ended.
    const f = fakeApi({ now: c.clock.now, durationMs: 5000, during: { status: 'failing-over' }, after: [{ status: 'failing-over' }, { status: 'failed-over' }] });
    const r = await watchJob(setup(f, c, false, { expect: { finalStatus: 'failed-over', priorityStation: 'target' } }).opts);
    expect(r.group?.status).toBe('failed-over');
    expect(f.calls.groupAfterEnd).toBe(2);
  });

  it('after SUCCESS, an error-* group status is final at once: no re-reads, exit 5', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 3000, after: { status: 'error-reversing' } });
    const before = f.calls.getGroup;
    await expect(watchJob(setup(f, c, false, { expect: { finalStatus: 'protected', priorityStation: 'target' } }).opts)).rejects.toMatchObject({ exitCode: 5 });
    expect(f.calls.getGroup - before).toBe(2); // first poll + one final read
  });
});

describe('watchJob with gateJobReads (many groups, batched group reads)', () => {
  const TEN_MIN = 10 * 60_000;

  it('reads the job only at the start and once the group has left its in-progress status', async () => {
    const c = fakeClock();
    const gated = fakeApi({ now: c.clock.now, durationMs: TEN_MIN });
    const r = await watchJob(setup(gated, c, false, { gateJobReads: { maxGapMs: 60 * 60_000 }, expect: { finalStatus: 'protected', priorityStation: 'target' } }).opts);
    expect(r.job.status).toBe('SUCCESS');
    expect(gated.calls.getJob).toBe(2);
    expect(r.polls).toBe(2);
    const gatedDelay = r.detectedAt - 1_700_000_000_000 - TEN_MIN;

    const c2 = fakeClock();
    const plain = fakeApi({ now: c2.clock.now, durationMs: TEN_MIN });
    const r2 = await watchJob(setup(plain, c2, false, { expect: { finalStatus: 'protected', priorityStation: 'target' } }).opts);
    expect(plain.calls.getJob).toBeGreaterThan(10);
    // Same schedule, so the end is seen as soon as without the gate.
    expect(gatedDelay).toBe(r2.detectedAt - 1_700_000_000_000 - TEN_MIN);
  });

  it('still reads the job every maxGapMs, so a job that ends without the group changing is seen', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 5 * 60_000, final: { status: 'FAIL', error_code: 'SDRS.1029' }, after: { status: 'reversing' } });
    const err = await watchJob(setup(f, c, false, { gateJobReads: { maxGapMs: 60_000 } }).opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobFailedError);
    const seenAfter = c.elapsed() - 5 * 60_000;
    expect(seenAfter).toBeLessThanOrEqual(60_000 + 30_000); // the gap plus at most one poll interval
    expect(f.calls.getJob).toBeLessThanOrEqual(5 * 2 + 2);
  });

  it('reads the job on every poll once the group has changed while the job still runs', async () => {
    const c = fakeClock();
    const t0 = c.clock.now();
    const calls = { getJob: 0, getGroup: 0 };
    const api = {
      async getJob(id: string) {
        calls.getJob++;
        return job({ job_id: id, ...(c.clock.now() - t0 >= 40_000 ? { status: 'SUCCESS' as const } : {}) });
      },
      async getGroup() {
        calls.getGroup++;
        // The group shows protected 20 s before the job ends.
        return c.clock.now() - t0 >= 20_000 ? group({ status: 'protected', priority_station: 'target' }) : group();
      },
    };
    const r = await watchJob(setup({ api }, c, false, { gateJobReads: { maxGapMs: 60 * 60_000 } }).opts);
    expect(r.job.status).toBe('SUCCESS');
    expect(r.detectedAt - t0 - 40_000).toBeLessThan(15_000);
    expect(calls.getJob).toBeGreaterThan(2);
  });

  it('with the job type known, the first job read also waits for the group: one job read in all, learned window used', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sdrs-gate-'));
    const historyPath = join(dir, 'job-durations.json');
    const gate = { maxGapMs: 60 * 60_000, jobType: 'reverseProtectionGroupNoCG' };
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: TEN_MIN });
    const r = await watchJob(setup(f, c, false, { gateJobReads: gate, historyPath, expect: { finalStatus: 'protected', priorityStation: 'target' } }).opts);
    expect(r.job.status).toBe('SUCCESS');
    expect(f.calls.getJob).toBe(1);
    const coldDelay = r.detectedAt - 1_700_000_000_000 - TEN_MIN;
    // The duration was learned under the group and type; the next watch polls densely near the end.
    const c2 = fakeClock();
    const f2 = fakeApi({ now: c2.clock.now, durationMs: TEN_MIN });
    const r2 = await watchJob(setup(f2, c2, false, { gateJobReads: gate, historyPath }).opts);
    expect(f2.calls.getJob).toBe(1);
    expect(r2.detectedAt - 1_700_000_000_000 - TEN_MIN).toBeLessThan(Math.min(coldDelay, 15_000));
  });

  it('after the job read that sees the end, the group read just before it is the final one: no extra read', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 60_000 });
    const log: string[] = [];
    const api = {
      getJob: async (id: string) => (log.push('job'), f.api.getJob(id)),
      getGroup: async () => (log.push('group'), f.api.getGroup()),
    };
    const r = await watchJob(setup({ api }, c, false, { gateJobReads: { maxGapMs: 60 * 60_000, jobType: 'reverseProtectionGroupNoCG' }, expect: { finalStatus: 'protected', priorityStation: 'target' } }).opts);
    expect(r.group?.status).toBe('protected');
    expect(log.at(-1)).toBe('job');
    expect(log.filter((x) => x === 'job')).toHaveLength(1);
  });

  it('after SUCCESS, a group read that does not yet show the expected outcome is read again (no false failure)', async () => {
    const c = fakeClock();
    // The status is already final, the production side not yet.
    const f = fakeApi({ now: c.clock.now, durationMs: 20_000, after: [{ priority_station: 'source' }, {}] });
    const r = await watchJob(setup(f, c, false, { gateJobReads: { maxGapMs: 60 * 60_000, jobType: 'reverseProtectionGroupNoCG' }, expect: { finalStatus: 'protected', priorityStation: 'target' } }).opts);
    expect(r.group?.priority_station).toBe('target');
    expect(f.calls.groupAfterEnd).toBe(2);
  });

  it('with the job type known but the group not yet under way (queued), the job is read as usual', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 30_000, during: { status: 'protected' } });
    const r = await watchJob(setup(f, c, false, { gateJobReads: { maxGapMs: 60 * 60_000, jobType: 'reverseProtectionGroupNoCG' } }).opts);
    expect(r.job.status).toBe('SUCCESS');
    expect(f.calls.getJob).toBeGreaterThan(2);
  });

  it('an error-* group status is an ended state, not one to wait out: the job is read on every poll', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 3000, during: { status: 'error-reversing' }, after: { status: 'error-reversing' }, final: { status: 'FAIL', error_code: 'SDRS.1029' } });
    const err = await watchJob(setup(f, c, false, { gateJobReads: { maxGapMs: 60 * 60_000 } }).opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobFailedError);
    expect(c.elapsed()).toBeLessThan(10_000);
  });

  it('without an in-progress group status (a queued job) it reads the job on every poll', async () => {
    const c = fakeClock();
    const f = fakeApi({ now: c.clock.now, durationMs: 60_000, during: { status: 'protected' } });
    const r = await watchJob(setup(f, c, false, { gateJobReads: { maxGapMs: 60 * 60_000 } }).opts);
    expect(r.job.status).toBe('SUCCESS');
    expect(f.calls.getJob).toBe(r.polls);
    expect(f.calls.getJob).toBeGreaterThan(2);
  });
});

describe('nextStepHint', () => {
  it('falls back to job show for unknown job types', () => {
    expect(nextStepHint({ jobType: 'addNicNew', jobId: 'j1' })).toBe('inspect the job with: sdrs job show j1');
  });
});
