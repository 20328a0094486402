/**
 * Interruption on the real binary: Ctrl-C (SIGINT) or SIGTERM while a job is
 * watched prints the job id and the command that resumes watching, exits 130
 * (143 for SIGTERM, docs/exit-codes.md), leaves the job running on the
 * service, and `sdrs job wait <id>` then sees it through.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';
import { SEED_IDS, expectCleanError, startWorld, summary, type World } from './helpers.js';

let w: World;
const tally = { signals: 0, resumed: 0 };
beforeAll(async () => {
  w = await startWorld({ seed: 'demo', jobDurationMs: 300 });
  for (const s of ['erp-app-01', 'erp-db-01']) await w.admin('PUT', `/servers/${SEED_IDS.server(s)}/power`, { status: 'SHUTOFF' });
});
afterAll(async () => {
  summary(`interruption: ${tally.signals} signals sent during watches (SIGINT and SIGTERM, human and --json); all reported with the job id and the resume command; ${tally.resumed} resumed with 'sdrs job wait' to SUCCESS`);
  await w?.stop();
});

/** Runs sdrs and sends `signal` once it has started watching. */
function interrupt(args: string[], signal: NodeJS.Signals) {
  let sent = false;
  let err = '';
  return runSdrs(args, {
    env: w.env,
    onStderr: (chunk, child: ChildProcess) => {
      err += chunk;
      if (!sent && /watching job [0-9a-f]{32}/.test(err)) {
        sent = true;
        tally.signals++;
        // A moment into the watch, so a poll may be in flight.
        setTimeout(() => child.kill(signal), 150);
      }
    },
  });
}

/**
 * `sdrs job wait` sees the job through. The jobs take 4 s, far longer than the moment it
 * takes to interrupt a watch; the emulator's job clock is moved on by that much first, so
 * the job ends at once instead of 4 s of real waiting.
 */
async function resume(jobId: string): Promise<void> {
  await w.admin('POST', '/clock/advance', { ms: 4000 });
  const r = await runSdrs(['job', 'wait', jobId, '--interval', '50ms'], { env: w.env });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toContain(`Job ${jobId} finished: SUCCESS`);
  tally.resumed++;
}

describe('interrupting a watch', () => {
  it('SIGINT during group reverse: exit 130, job id and resume command; job wait finishes it', async () => {
    await w.admin('PUT', '/config', { job_duration: '300ms,reverseProtectionGroupNoCG=4s' });
    const r = await interrupt(['group', 'reverse', 'demo-erp', '--to', 'target', '--yes'], 'SIGINT');
    expect(r.code, r.stderr).toBe(130);
    const jobId = /job ([0-9a-f]{32})/.exec(r.stderr)![1];
    const line = expectCleanError(r.stderr);
    expect(line).toBe(`error: stopped watching job ${jobId}; the job continues on the service`);
    expect(r.stderr).toContain(`resume watching with: sdrs job wait ${jobId}`);
    // The service still runs it: nothing was cancelled or re-sent.
    const world = await w.state();
    expect(world.groups[SEED_IDS.demoGroup].status).toBe('reversing');
    expect(Object.values(world.jobs as Record<string, any>).filter((j) => j.type === 'reverseProtectionGroupNoCG')).toHaveLength(1);
    await resume(jobId);
    expect((await w.state()).groups[SEED_IDS.demoGroup]).toMatchObject({ status: 'protected', priority: 'target' });
  });

  it('SIGTERM during group create: exit 143, same report; job wait finishes it', async () => {
    await w.admin('PUT', '/config', { job_duration: '4s' });
    const r = await interrupt(['group', 'create', '--name', 'sig-term', '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc], 'SIGTERM');
    expect(r.code, r.stderr).toBe(143);
    const jobId = /job ([0-9a-f]{32})/.exec(r.stderr)![1];
    expect(expectCleanError(r.stderr)).toContain(`stopped watching job ${jobId}`);
    expect(r.stderr).toContain(`resume watching with: sdrs job wait ${jobId}`);
    await resume(jobId);
    const groups = Object.values((await w.state()).groups as Record<string, any>).filter((g) => g.name === 'sig-term');
    expect(groups).toHaveLength(1);
    expect(groups[0].status).toBe('available');
  });

  it('SIGINT during job wait --json: one JSON error with the job id, exit 130', async () => {
    await w.admin('PUT', '/config', { job_duration: '4s' });
    const created = await w.client.post('/server-groups', {
      server_group: { name: 'sig-json', source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc },
    });
    const jobId = created.body.job_id;
    const r = await interrupt(['--json', 'job', 'wait', jobId], 'SIGINT');
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toBe('');
    const e = JSON.parse(r.stderr.trim().split('\n').pop()!).error;
    expect(e).toMatchObject({ code: 'INTERRUPTED', exit_code: 130, job_id: jobId, hint: `resume watching with: sdrs job wait ${jobId}` });
    await resume(jobId);
  });
});
