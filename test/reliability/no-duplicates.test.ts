/**
 * No duplicates, one exact fault at a time (queued with the emulator's
 * `POST /__emulator/faults/next`), through the real binary:
 * - 429 or a refused connection: the request was not processed, so even a POST is sent again;
 * - 5xx or a dropped connection after a POST was sent: never re-sent, exit 7, the group named,
 *   how to check, and for create the group looked up by name.
 * Plus a job that fails: code, reason, failed sub-jobs, next step, exit 5.
 */
import { createServer, connect, type Server } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/api/client.js';
import { runSdrs } from '../helpers/run.js';
import { LOCAL_AZ, REMOTE_AZ, SEED_IDS, expectCleanError, makeProtectedGroup, startWorld, summary, type World } from './helpers.js';

let w: World;
let groupId: string;
const tally = { commands: 0, faults: 0, duplicates: 0 };

beforeAll(async () => {
  w = await startWorld({ seed: 'empty', jobDurationMs: 10 });
  groupId = await makeProtectedGroup(w, 'dup-rev');
});
afterAll(async () => {
  summary(`no-duplicates: ${tally.commands} commands, ${tally.faults} exact faults (429, 500, 503, reset before/after processing, refused connection); duplicates: ${tally.duplicates}`);
  await w?.stop();
});
beforeEach(async () => {
  await w.admin('PUT', '/config', { job_duration: '300ms', faults: null });
  await w.admin('DELETE', '/faults');
  await w.admin('DELETE', '/counters');
});

const sdrs = (args: string[]) => {
  tally.commands++;
  return runSdrs([...args, '--interval', '100ms'], { env: w.env });
};
const queue = (body: Record<string, unknown>) => {
  tally.faults += Number(body.count ?? 1);
  return w.admin('POST', '/faults/next', body);
};
const posts = async (suffix: string) => (await w.admin('GET', '/counters')).routes[`POST /v1/{project_id}/server-groups${suffix}`] ?? 0;
const groupsNamed = async (name: string) => Object.values((await w.state()).groups as Record<string, any>).filter((g) => g.name === name);
const reverseJobs = async () => Object.values((await w.state()).jobs as Record<string, any>).filter((j) => j.type === 'reverseProtectionGroupNoCG');
const create = (name: string) => sdrs(['group', 'create', '--name', name, '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc]);
const countDuplicates = (n: number, max: number) => {
  if (n > max) tally.duplicates += n - max;
};

describe('create: retried only when the request was not processed', () => {
  it('a 429 on the POST is waited out (Retry-After) and sent again: one group', async () => {
    await queue({ fault: '429', method: 'POST', path: '/server-groups', retry_after: 1 });
    const t0 = Date.now();
    const r = await create('dup-429');
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000); // Retry-After honoured
    expect(await posts('')).toBe(2);
    const groups = await groupsNamed('dup-429');
    countDuplicates(groups.length, 1);
    expect(groups).toHaveLength(1);
    expect(r.stdout.trim().split('\n').pop()).toBe(groups[0].id);
  });

  it.each(['500', '503', 'reset-before'])('%s after the POST was sent: not re-sent, exit 7, nothing created, says how to check', async (fault) => {
    const name = `dup-${fault}`;
    await queue({ fault, method: 'POST', path: '/server-groups' });
    const r = await create(name);
    expect(r.code, r.stderr).toBe(7);
    const line = expectCleanError(r.stderr);
    expect(line).toContain(`group "${name}"`);
    expect(line).toMatch(/it may or may not have been created/);
    expect(r.stderr).toMatch(new RegExp(`Check before retrying: sdrs group (list --name|show) ${name}`));
    expect(await posts('')).toBe(1);
    expect(await groupsNamed(name)).toHaveLength(0);
  });

  // Names are not unique and SDRS has no idempotency key: the new group is named as one this
  // request may have created (another client may have), never claimed.
  it('a connection dropped after the service processed the POST: not re-sent, the new group named as a candidate', async () => {
    await queue({ fault: 'reset-after', method: 'POST', path: '/server-groups' });
    const r = await create('dup-after');
    expect(r.code, r.stderr).toBe(7);
    const groups = await groupsNamed('dup-after');
    countDuplicates(groups.length, 1);
    expect(groups).toHaveLength(1);
    const line = expectCleanError(r.stderr);
    expect(line).toContain(`group "dup-after"`);
    expect(line).toContain(`it may have created ${groups[0].id}`);
    expect(line).not.toMatch(/did create it/);
    expect(r.stderr).toContain(`Do not create it again blindly. Check it with: sdrs group show ${groups[0].id}`);
    expect(await posts('')).toBe(1);
  });

  it('--json: the unknown outcome is a machine-readable document naming the group and its id', async () => {
    await queue({ fault: 'reset-after', method: 'POST', path: '/server-groups' });
    const r = await sdrs(['group', 'create', '--name', 'dup-json', '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc, '--json']);
    expect(r.code).toBe(7);
    expect(r.stdout).toBe('');
    const e = JSON.parse(r.stderr.trim().split('\n').pop()!).error;
    const [g] = await groupsNamed('dup-json');
    expect(e).toMatchObject({ code: 'OUTCOME_UNKNOWN', exit_code: 7, group: 'dup-json', candidate_group_ids: [g.id], method: 'POST' });
  });

  it('a refused connection means nothing was sent: even the POST is retried, and one group is created', async () => {
    // A TCP relay to the emulator that refuses connections (nothing listens) until it is opened.
    const target = new URL(w.emu.url);
    const probe: Server = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const sockets = new Set<import('node:net').Socket>();
    const relay = createServer((sock) => {
      const up = connect(Number(target.port), target.hostname);
      sockets.add(sock).add(up);
      sock.pipe(up).pipe(sock);
      sock.on('error', () => up.destroy());
      up.on('error', () => sock.destroy());
    });
    const api = createApiClient({
      endpoints: { sdrs: `http://127.0.0.1:${port}`, ecs: '', vpc: '', iam: '' },
      projectId: w.emu.projectId,
      credentials: async () => ({ kind: 'aksk', ak: w.emu.ak, sk: w.emu.sk }),
      random: () => 0.5, // backoffs of 250, 500, 1000, 2000 ms
    });
    tally.commands++;
    tally.faults++;
    const opened = new Promise<void>((r) => setTimeout(() => relay.listen(port, '127.0.0.1', r), 400));
    try {
      const { job_id } = await api.createGroup({
        name: 'dup-refused', source_availability_zone: LOCAL_AZ, target_availability_zone: REMOTE_AZ, domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc,
      });
      expect(job_id).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      await opened;
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => relay.close(() => r()));
    }
    expect(await posts('')).toBe(1); // the refused attempts never reached the service
    const groups = await groupsNamed('dup-refused');
    countDuplicates(groups.length, 1);
    expect(groups).toHaveLength(1);
  });
});

describe('reverse: retried only when the request was not processed', () => {
  const side = async () => (await w.state()).groups[groupId];
  const reverse = (to: string) => sdrs(['group', 'reverse', groupId, '--to', to, '--yes']);
  const settle = async () => {
    for (let i = 0; i < 200 && (await side()).status === 'reversing'; i++) await new Promise((r) => setTimeout(r, 25));
  };
  const otherSide = async () => ((await side()).priority === 'source' ? 'target' : 'source');

  it('a 429 on the action is waited out and sent again: one reverse job, production moved', async () => {
    const to = await otherSide();
    const before = (await reverseJobs()).length;
    await queue({ fault: '429', method: 'POST', path: '/action', retry_after: 1 });
    const r = await reverse(to);
    expect(r.code, r.stderr).toBe(0);
    expect(await posts('/{server_group_id}/action')).toBe(2);
    const jobs = (await reverseJobs()).length - before;
    countDuplicates(jobs, 1);
    expect(jobs).toBe(1);
    expect((await side()).priority).toBe(to);
  });

  it.each(['500', 'reset-before'])('%s after the action was sent: not re-sent, exit 7, the group named, nothing changed', async (fault) => {
    const to = await otherSide();
    const from = (await side()).priority;
    const before = (await reverseJobs()).length;
    await queue({ fault, method: 'POST', path: '/action' });
    const r = await reverse(to);
    expect(r.code, r.stderr).toBe(7);
    const line = expectCleanError(r.stderr);
    expect(line).toContain('group "dup-rev"');
    expect(line).toContain('the group is now protected');
    expect(line).not.toMatch(/accept/);
    expect(r.stderr).toContain(`Check with: sdrs group show ${groupId}`);
    expect(await posts('/{server_group_id}/action')).toBe(1);
    expect((await reverseJobs()).length).toBe(before);
    expect((await side()).priority).toBe(from);
  });

  // The read shows the change under way: it is followed by the group's status and ends with the normal code.
  it('a connection dropped after the service accepted the action: not re-sent, reported as accepted and followed to its end', async () => {
    await w.admin('PUT', '/config', { job_duration: '300ms,reverseProtectionGroupNoCG=1s' });
    const to = await otherSide();
    const before = (await reverseJobs()).length;
    await queue({ fault: 'reset-after', method: 'POST', path: '/action' });
    const r = await reverse(to);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('no clear answer from the service, but the group is now reversing, so the service did accept it');
    expect(r.stderr).toContain(`following group ${groupId} by its status`);
    expect(r.stderr).toContain(`Production now runs in`);
    expect(await posts('/{server_group_id}/action')).toBe(1);
    const jobs = (await reverseJobs()).length - before;
    countDuplicates(jobs, 1);
    expect(jobs).toBe(1);
    await settle();
    expect((await side())).toMatchObject({ status: 'protected', priority: to });
  });
});

describe('reverse: the unknown-outcome report tells the truth', () => {
  const side = async () => (await w.state()).groups[groupId];
  const otherSide = async () => ((await side()).priority === 'source' ? 'target' : 'source');

  // A group that was already error-reversing before the request proves nothing about this one.
  it('a 5xx on a retry from error-reversing is not reported as accepted', async () => {
    const to = await otherSide();
    await w.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG' });
    expect((await sdrs(['group', 'reverse', groupId, '--to', to, '--yes'])).code).toBe(5);
    expect((await side()).status).toBe('error-reversing');
    const before = (await reverseJobs()).length;
    await queue({ fault: '500', method: 'POST', path: '/action' });
    const r = await sdrs(['group', 'reverse', groupId, '--to', to, '--yes']);
    const accepted = (await reverseJobs()).length > before;
    // Clean up for the next tests whatever the outcome: a retry from error-reversing succeeds.
    expect((await sdrs(['group', 'reverse', groupId, '--to', to, '--yes'])).code).toBe(0);
    expect(r.code).toBe(7);
    expect(accepted).toBe(false);
    expect(expectCleanError(r.stderr)).not.toMatch(/did accept it/);
  });

  // When the accepted reverse has already finished by the time the group is read, say production moved.
  it('a reverse that was carried out before the check says production moved, and ends 0', async () => {
    // A reverse job of 0 ms has ended by the next request, so sdrs's check always sees it done.
    await w.admin('PUT', '/config', { job_duration: '300ms,reverseProtectionGroupNoCG=0ms' });
    const to = await otherSide();
    await queue({ fault: 'reset-after', method: 'POST', path: '/action' });
    const r = await sdrs(['group', 'reverse', groupId, '--to', to, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect((await side()).priority).toBe(to);
    expect(r.stderr).toMatch(new RegExp(`production now runs on ${to} .*so the reverse was carried out`));
  });
});

describe('a job that fails', () => {
  it('is reported with its code, reason, failed sub-job and the next step; exit 5', async () => {
    const to = (await w.state()).groups[groupId].priority === 'source' ? 'target' : 'source';
    await w.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: 'replication link down (rehearsal)' });
    tally.faults++;
    const r = await sdrs(['group', 'reverse', groupId, '--to', to, '--yes']);
    expect(r.code, r.stderr).toBe(5);
    const jobId = /watching job ([0-9a-f]{32})/.exec(r.stderr)![1];
    const job = (await w.state()).jobs[jobId];
    expect(job.fail).toMatchObject({ code: 'SDRS.1029' });
    expect(r.stderr).toContain(`job ${job.id} (reverseProtectionGroupNoCG) failed: SDRS.1029: replication link down (rehearsal)`);
    const sub = job.subJobs.find((s: any) => s.fail !== null);
    expect(r.stderr).toContain(`sub-job ${sub.id} (${sub.type}): SDRS.1029: replication link down (rehearsal)`);
    expect(r.stderr).toContain('error-reversing');
    // The next step: a reverse from error-reversing may be retried.
    const hint = r.stderr.trim().split('\n').pop()!;
    expect(hint).toMatch(/sdrs group reverse/);
    expect(r.stderr).not.toMatch(/^\s+at .+[(:]\d+/m);

    const j = await sdrs(['group', 'reverse', groupId, '--to', to, '--yes', '--json']);
    expect(j.code, j.stderr).toBe(0); // from error-reversing, the retry succeeds
  });

  it('--json: the error document carries the code, reason and failed sub-jobs', async () => {
    const to = (await w.state()).groups[groupId].priority === 'source' ? 'target' : 'source';
    await w.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: 'injected' });
    tally.faults++;
    const r = await sdrs(['group', 'reverse', groupId, '--to', to, '--yes', '--json']);
    expect(r.code).toBe(5);
    const e = JSON.parse(r.stderr.trim().split('\n').pop()!).error;
    expect(e).toMatchObject({ code: 'SDRS.1029', exit_code: 5, error_code: 'SDRS.1029', fail_reason: 'injected', group_id: groupId, group_status: 'error-reversing' });
    expect(e.failed_sub_jobs).toHaveLength(1);
    expect(e.failed_sub_jobs[0]).toMatchObject({ error_code: 'SDRS.1029', fail_reason: 'injected' });
    expect(e.hint).toMatch(/sdrs group reverse/);
  });
});
