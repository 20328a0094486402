/**
 * The watcher trusts nothing in a job answer (issue 14, item 4): the answer must be
 * the job that was asked for, its status must be one sdrs knows, and when no read of
 * the job succeeds the final error still names the job, says it was accepted and that
 * its outcome is unknown, and gives the command to resume and the group lookup.
 * Fake API and fake clock: no real waiting.
 */
import { describe, expect, it } from 'vitest';
import { NetworkError, SdrsError, UnknownOutcomeError } from '../../src/errors.js';
import { ODD_ANSWER_LIMIT, watchJob, type WatchJobOptions } from '../../src/watch/job-watcher.js';
import type { Job } from '../../src/api/types.js';
import { fakeClock, group, job, testIO } from '../helpers/fake-api.js';

const A = 'ff80808290a1b2c30190a1b2c3d4000a';
const B = 'ff80808290a1b2c30190a1b2c3d4000b';

/** A watch of job A through `getJob`; the group reads answer `protected` on target. */
function watch(getJob: (id: string, n: number) => Promise<Job>, over: Partial<WatchJobOptions> = {}) {
  const c = fakeClock();
  const t = testIO();
  const calls = { getJob: 0, getGroup: 0 };
  const api: WatchJobOptions['api'] = {
    getJob: async (id) => getJob(id, ++calls.getJob),
    getGroup: async () => {
      calls.getGroup++;
      return group({ status: 'protected', priority_station: 'target' });
    },
  };
  const run = watchJob({
    api, jobId: A, io: t.io, clock: c.clock, timeoutMs: 30 * 60_000, random: () => 0.5, intervalMs: 1000,
    label: 'Reversing group demo-erp to target (az2)', resumeCommand: `sdrs job wait ${A}`, groupId: 'g-1', ...over,
  });
  return { run, calls, c, err: t.err };
}

const caught = async (p: Promise<unknown>) => (await p.then(() => undefined, (e: unknown) => e)) as SdrsError;

describe('a job answer must be the job that was asked for', () => {
  it('job wait A answered with job B SUCCESS: exit 7 after a few reads, naming both ids', async () => {
    const w = watch(async () => job({ job_id: B, status: 'SUCCESS', entities: { server_group_id: 'g-1' } }));
    const e = await caught(w.run);
    expect(e).toBeInstanceOf(SdrsError);
    expect(e.exitCode).toBe(7);
    expect(e.code).toBe('BAD_RESPONSE');
    expect(e.message).toContain(A);
    expect(e.message).toContain(B);
    expect(e.message).toMatch(/accepted/);
    expect(e.message).toMatch(/outcome is unknown/);
    expect(e.hint).toContain(`sdrs job wait ${A}`);
    expect(e.hint).toContain('sdrs group show g-1');
    expect(e.details).toMatchObject({ job_id: A, answered_job_id: B, group_id: 'g-1' });
    expect(w.calls.getJob).toBe(ODD_ANSWER_LIMIT);
  });

  it('a stray answer for another job among good ones is skipped, never taken for this job', async () => {
    // B's SUCCESS arrives first, then A runs and fails: the watch must report A's FAIL, not B's SUCCESS.
    const w = watch(async (_id, n) =>
      n === 1 ? job({ job_id: B, status: 'SUCCESS' }) : n < 4 ? job({ job_id: A }) : job({ job_id: A, status: 'FAIL', error_code: 'SDRS.1095', fail_reason: 'x' }),
    );
    const e = await caught(w.run);
    expect(e.exitCode).toBe(5);
    expect(e.message).toContain(A);
  });

  it('the client check (BAD_RESPONSE carrying answered_job_id) counts the same way', async () => {
    const mismatch = new NetworkError(`job ${B} answered for ${A}`, { code: 'BAD_RESPONSE', details: { job_id: A, answered_job_id: B, response: 'unexpected' } });
    const w = watch(async () => {
      throw mismatch;
    });
    const e = await caught(w.run);
    expect(e.exitCode).toBe(7);
    expect(e.details).toMatchObject({ job_id: A, answered_job_id: B });
    expect(w.calls.getJob).toBe(ODD_ANSWER_LIMIT);
  });
});

describe('an unknown job status', () => {
  it('CANCELED is an error after a few consecutive reads (exit 7, the job id and sdrs job wait), not "still running" until the timeout', async () => {
    const w = watch(async (id) => job({ job_id: id, status: 'CANCELED' as Job['status'] }), { timeoutMs: 10 * 60_000 });
    const e = await caught(w.run);
    expect(e.exitCode).toBe(7);
    expect(e.message).toContain(A);
    expect(e.message).toContain('"CANCELED"');
    expect(e.message).toMatch(/outcome is unknown/);
    expect(e.hint).toContain(`sdrs job wait ${A}`);
    expect(e.hint).toContain('sdrs group show g-1');
    expect(e.details).toMatchObject({ job_id: A, job_status: 'CANCELED' });
    expect(w.calls.getJob).toBe(ODD_ANSWER_LIMIT);
    expect(w.c.elapsed()).toBeLessThan(60_000);
  });

  it('an unknown status seen once between RUNNING reads is tolerated (consecutive reads only)', async () => {
    const seq = ['RUNNING', 'PENDING', 'RUNNING', 'PENDING', 'RUNNING', 'SUCCESS'];
    const w = watch(async (id, n) => job({ job_id: id, status: seq[Math.min(n - 1, seq.length - 1)] as Job['status'] }));
    expect((await w.run).job.status).toBe('SUCCESS');
  });
});

describe('every job read failing', () => {
  it('ends with the job id, "accepted", "outcome unknown", sdrs job wait and the group lookup (exit 7)', async () => {
    const down = new NetworkError('could not reach 127.0.0.1:1 (ECONNRESET: socket hang up) after 5 attempts');
    const w = watch(async () => {
      throw down;
    });
    const e = await caught(w.run);
    expect(e).toBeInstanceOf(UnknownOutcomeError);
    expect(e.exitCode).toBe(7);
    expect(e.message).toContain(`job ${A}`);
    expect(e.message).toMatch(/accepted/);
    expect(e.message).toMatch(/outcome is unknown/);
    expect(e.message).toContain('ECONNRESET');
    expect(e.hint).toContain(`sdrs job wait ${A}`);
    expect(e.hint).toContain('sdrs group show g-1');
    expect(e.details).toMatchObject({ job_id: A, group_id: 'g-1' });
    expect(e.cause).toBe(down);
  });

  it('without a group id, the caller\'s lookup command is given', async () => {
    const w = watch(async () => {
      throw new NetworkError('down');
    }, { groupId: undefined, checkHint: 'sdrs group list --name erp' });
    const e = await caught(w.run);
    expect(e.hint).toContain(`sdrs job wait ${A}`);
    expect(e.hint).toContain('sdrs group list --name erp');
    expect(e.details.job_id).toBe(A);
  });

  it('reads that fail after the job was seen RUNNING report what was last seen', async () => {
    const w = watch(async (id, n) => {
      if (n <= 2) return job({ job_id: id, status: 'RUNNING' });
      throw new NetworkError('down');
    });
    const e = await caught(w.run);
    expect(e.message).toMatch(/last seen RUNNING/);
    expect(e.details).toMatchObject({ job_id: A, job_status: 'RUNNING' });
  });
});
