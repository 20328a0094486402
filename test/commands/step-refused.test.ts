/**
 * A refusal (4xx) changes nothing by itself, but in a run that already made a change
 * (servers stopped before the reverse, the pair detached before its delete, another
 * group reversed) exit 3 would tell a runbook "nothing changed". It is exit 5
 * (STEP_REFUSED) naming what was done before it; a refusal alone stays exit 3.
 */
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/context.js';
import { ApiError } from '../../src/errors.js';
import { sendOnce } from '../../src/commands/shared/mutation.js';

const ctx = () => ({ signal: new AbortController().signal }) as unknown as Context;
const refusal = () => new ApiError('the pair is attached', { status: 400, apiCode: 'SDRS.1606' });

describe('a refused request after earlier changes in the same run', () => {
  it('alone: the refusal as it is (exit 3)', async () => {
    const c = ctx();
    const err = await sendOnce(c, { operation: 'Deleting pair rp-1', checkHint: 'sdrs pair list', send: () => Promise.reject(refusal()) }).catch((e) => e);
    expect(err).toMatchObject({ exitCode: 3, code: 'SDRS.1606' });
  });

  it('after an accepted change: exit 5 STEP_REFUSED naming the change and its job', async () => {
    const c = ctx();
    const jobId = 'a'.repeat(32);
    await sendOnce(c, { operation: 'Detaching pair rp-1', checkHint: 'sdrs pair list', send: async () => ({ job_id: jobId }) });
    const err = await sendOnce(c, { operation: 'Deleting pair rp-1', checkHint: 'sdrs pair list', send: () => Promise.reject(refusal()) }).catch((e) => e);
    expect(err).toMatchObject({ exitCode: 5, code: 'STEP_REFUSED' });
    expect(err.message).toContain(`Detaching pair rp-1 (job ${jobId})`);
    expect(err.details).toMatchObject({ refused_code: 'SDRS.1606', refused_exit_code: 3 });
  });
});

describe('stopped before the request left', () => {
  it('says nothing was sent, and sends nothing', async () => {
    const ac = new AbortController();
    ac.abort('SIGINT');
    let called = 0;
    const c = { signal: ac.signal } as unknown as Context;
    const err = await sendOnce(c, { operation: 'Creating group erp', checkHint: 'sdrs group show erp', send: async () => (called++, { job_id: 'x' }) }).catch((e) => e);
    expect(called).toBe(0);
    expect(err).toMatchObject({ exitCode: 130 });
    expect(err.message).toContain('nothing was sent');
  });
});
