/**
 * Issue 17, the emulator side: the task centre, the RPO statistics and the quotas, over real
 * HTTP, with shapes as the official SDK models (failure_job_params, rpo_stattistics_params,
 * quota_resource_params).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runEmulatorCommand, SEED_IDS } from '../../src/emulator/index.js';
import { harness, T0 } from './setup.js';
import type { Harness } from './setup.js';

const GROUP = SEED_IDS.demoGroup;
const PAIR = SEED_IDS.demoReplication('erp-app-01', 'data');
const PAIR2 = SEED_IDS.demoReplication('erp-db-01', 'sys');
const MIN5 = 5 * 60_000;

const FAILURE_JOB_KEYS = ['begin_time', 'error_code', 'fail_reason', 'failure_status', 'job_id', 'job_status', 'job_type', 'resource_id', 'resource_name', 'resource_type'];
const RPO_KEYS = ['created_at', 'id', 'point_time', 'resource_num', 'resource_type', 'updated_at'];

/** Stops the demo's production servers and runs a reverse that the admin API makes fail. */
async function failedReverse(h: Harness, reason = 'Planned failover failed: storage link lost.'): Promise<string> {
  for (const n of ['erp-app-01', 'erp-db-01']) await h.c.admin('PUT', `/servers/${SEED_IDS.server(n)}/power`, { status: 'SHUTOFF' });
  await h.c.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: reason });
  const r = await h.c.post(`/server-groups/${GROUP}/action`, { 'reverse-server-group': { priority_station: 'target' } });
  expect(r.status).toBe(200);
  h.advance(3000);
  expect((await h.job(r.body.job_id)).status).toBe('FAIL');
  return r.body.job_id;
}

describe('the task centre: GET /task-center/failure-jobs', () => {
  it('files a failed reverse as a group-level reverseFail with the job, code, reason and resource', async () => {
    const h = await harness({ seed: 'demo' });
    expect((await h.c.get('/task-center/failure-jobs')).body).toEqual({ failure_jobs: [], count: 0 });
    const jobId = await failedReverse(h);
    const r = await h.c.get('/task-center/failure-jobs');
    expect(r.status).toBe(200);
    expect(r.body.count).toBe(1);
    const [f] = r.body.failure_jobs;
    expect(Object.keys(f).sort()).toEqual(FAILURE_JOB_KEYS);
    expect(f).toEqual({
      job_type: 'reverseProtectionGroupNoCG',
      job_status: 'FAIL',
      begin_time: '2024-03-01T08:00:00.000Z',
      job_id: jobId,
      failure_status: 'reverseFail',
      resource_id: GROUP,
      resource_name: 'demo-erp',
      error_code: 'SDRS.1029',
      fail_reason: 'Planned failover failed: storage link lost.',
      resource_type: 'server_groups',
    });
    // Group-level: not among the failures inside the group.
    expect((await h.c.get(`/task-center/failure-jobs?server_group_id=${GROUP}`)).body).toEqual({ failure_jobs: [], count: 0 });
    // A job that succeeds (the reverse again, from error-reversing) files nothing.
    const retry = await h.c.post(`/server-groups/${GROUP}/action`, { 'reverse-server-group': { priority_station: 'target' } });
    expect(retry.status).toBe(200);
    h.advance(3000);
    expect((await h.c.get('/task-center/failure-jobs')).body.count).toBe(1);
  });

  it('files failures of pairs and instances inside their group, and lists them only with server_group_id', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.admin('POST', '/fail-next', { job_type: 'createReplicationPairNoCG', error_code: 'EVS.2024', fail_reason: 'volume is error!' });
    const created = await h.c.post('/replications', { replication: { server_group_id: GROUP, volume_id: SEED_IDS.volume('web-01', 'data'), name: 'web-01-data' } });
    expect(created.status).toBe(200);
    await h.c.admin('POST', '/fail-next', { job_type: 'createProtectedInstanceNoCG' });
    const pi = await h.c.post('/protected-instances', { protected_instance: { server_group_id: GROUP, server_id: SEED_IDS.server('web-02'), name: 'web-02' } });
    expect(pi.status).toBe(200);
    h.advance(3000);
    expect((await h.c.get('/task-center/failure-jobs')).body.count).toBe(0);
    const inside = (await h.c.get(`/task-center/failure-jobs?server_group_id=${GROUP}`)).body;
    expect(inside.count).toBe(2);
    const byType = Object.fromEntries(inside.failure_jobs.map((f: any) => [f.resource_type, f]));
    expect(byType.replications).toMatchObject({
      job_id: created.body.job_id, job_type: 'createReplicationPairNoCG', failure_status: 'createFail', resource_name: 'web-01-data',
      error_code: 'EVS.2024', fail_reason: 'volume is error!', job_status: 'FAIL',
    });
    expect(byType.protected_instances).toMatchObject({ job_id: pi.body.job_id, failure_status: 'createFail', resource_name: 'web-02', error_code: 'SDRS.0402' });
    // Filters: resource_type, failure_status, resource_name (case-insensitive substring).
    const q = (s: string) => h.c.get(`/task-center/failure-jobs?server_group_id=${GROUP}&${s}`).then((r) => r.body);
    expect((await q('resource_type=replications')).failure_jobs.map((f: any) => f.job_id)).toEqual([created.body.job_id]);
    expect((await q('failure_status=createFail')).count).toBe(2);
    expect((await q('failure_status=deleteFail')).count).toBe(0);
    expect((await q('resource_name=WEB-01')).count).toBe(1);
    // Paging: count is the total, limit/offset cut the page; the documented paging errors.
    const p = await q('limit=1&offset=1');
    expect(p.count).toBe(2);
    expect(p.failure_jobs).toHaveLength(1);
    expect((await h.c.get('/task-center/failure-jobs?limit=1001')).body.error.code).toBe('SDRS.0221');
    expect((await h.c.get('/task-center/failure-jobs?offset=-1')).body.error.code).toBe('SDRS.0222');
    const bad = await h.c.get('/task-center/failure-jobs?failure_status=brokenFail');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('SDRS.0201');
    expect((await h.c.get('/task-center/failure-jobs?resource_type=volumes')).body.error.code).toBe('SDRS.0201');
  });

  it('files a failed detach under the pair (detachFail), inside the group', async () => {
    const h = await harness({ seed: 'demo' });
    const pi = SEED_IDS.demoInstance('erp-app-01');
    await h.c.admin('POST', '/fail-next', { job_type: 'detachReplicationPairNew' });
    const d = await h.c.del(`/protected-instances/${pi}/detachreplication/${PAIR}`);
    expect(d.status).toBe(200);
    h.advance(3000);
    const [f] = (await h.c.get(`/task-center/failure-jobs?server_group_id=${GROUP}`)).body.failure_jobs;
    expect(f).toMatchObject({ job_id: d.body.job_id, job_type: 'detachReplicationPairNew', failure_status: 'detachFail', resource_type: 'replications', resource_id: PAIR });
  });

  it('lists newest first', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.admin('POST', '/fail-next', { job_type: 'stopProtectionGroupNoCG' });
    await h.c.post(`/server-groups/${GROUP}/action`, { 'stop-server-group': {} });
    h.advance(3000);
    await h.c.admin('POST', '/fail-next', { job_type: 'stopProtectionGroupNoCG' });
    const second = await h.c.post(`/server-groups/${GROUP}/action`, { 'stop-server-group': {} });
    h.advance(3000);
    const list = (await h.c.get('/task-center/failure-jobs')).body;
    expect(list.failure_jobs.map((f: any) => f.failure_status)).toEqual(['stopFail', 'stopFail']);
    expect(list.failure_jobs[0].job_id).toBe(second.body.job_id);
    expect(list.failure_jobs[0].begin_time > list.failure_jobs[1].begin_time).toBe(true);
  });
});

describe('the task centre: the three DELETE routes answer 204', () => {
  it('deletes one by job id; an unknown id is 400 SDRS.0201', async () => {
    const h = await harness({ seed: 'demo' });
    const jobId = await failedReverse(h);
    const del = await h.c.del(`/task-center/failure-jobs/${jobId}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await h.c.get('/task-center/failure-jobs')).body.count).toBe(0);
    const again = await h.c.del(`/task-center/failure-jobs/${jobId}`);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('SDRS.0201');
  });

  it('batch deletes the group-level failures, or the ones inside one group, each leaving the other layer', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.admin('POST', '/failure-jobs', { server_group_id: GROUP, failure_status: 'failoverFail' });
    await h.c.admin('POST', '/failure-jobs', { server_group_id: GROUP, failure_status: 'detachFail', resource_type: 'replications', resource_id: PAIR });
    const count = async (inside: boolean) =>
      (await h.c.get(`/task-center/failure-jobs${inside ? `?server_group_id=${GROUP}` : ''}`)).body.count;
    expect([await count(false), await count(true)]).toEqual([1, 1]);
    expect((await h.c.del(`/task-center/${GROUP}/failure-jobs/batch`)).status).toBe(204);
    expect([await count(false), await count(true)]).toEqual([1, 0]);
    await h.c.admin('POST', '/failure-jobs', { server_group_id: GROUP, failure_status: 'detachFail', resource_type: 'replications', resource_id: PAIR });
    expect((await h.c.del('/task-center/failure-jobs/batch')).status).toBe(204);
    expect([await count(false), await count(true)]).toEqual([0, 1]);
    const unknown = await h.c.del('/task-center/00000000-0000-4000-a000-000000000000/failure-jobs/batch');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('SDRS.1013');
  });

  it('the admin API files a failure directly, with the resource it names (hostile text kept as stored)', async () => {
    const h = await harness({ seed: 'demo' });
    const r = await h.c.admin('POST', '/failure-jobs', {
      server_group_id: GROUP, failure_status: 'attachFail', resource_type: 'replications', resource_id: PAIR, error_code: 'SDRS.1603',
      fail_reason: 'bad \u001b[31mred\u001b[0m text',
    });
    expect(r.status).toBe(201);
    expect(r.body.failure_job).toMatchObject({
      job_type: 'attachReplicationPairNoCG', failure_status: 'attachFail', resource_id: PAIR, resource_name: 'rp-erp-app-01-data', error_code: 'SDRS.1603',
      fail_reason: 'bad \u001b[31mred\u001b[0m text', resource_type: 'replications',
    });
    expect(r.body.failure_job.job_id).toMatch(/^[0-9a-f]{32}$/);
    expect((await h.c.admin('POST', '/failure-jobs', { server_group_id: GROUP, failure_status: 'oops' })).status).toBe(400);
    expect((await h.c.admin('POST', '/failure-jobs', { failure_status: 'startFail' })).status).toBe(400);
  });

  it('a deleted group takes the failures inside it along; its group-level ones stay', async () => {
    const h = await harness({ seed: 'empty' });
    const g = await h.c.post('/server-groups', {
      server_group: { name: 'g1', source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc },
    });
    h.advance(3000);
    const gid = (await h.job(g.body.job_id)).entities.server_group_id;
    await h.c.admin('POST', '/failure-jobs', { server_group_id: gid, failure_status: 'startFail' });
    await h.c.admin('POST', '/failure-jobs', { server_group_id: gid, failure_status: 'createFail', resource_type: 'protected_instances' });
    expect((await h.c.del(`/server-groups/${gid}`)).status).toBe(200);
    h.advance(3000);
    expect((await h.c.get('/task-center/failure-jobs')).body.failure_jobs.map((f: any) => f.resource_name)).toEqual(['g1']);
    expect((await h.c.get(`/task-center/failure-jobs?server_group_id=${gid}`)).body.count).toBe(0);
  });
});

describe('RPO statistics: GET /resource/rpo-statistics', () => {
  it('records a point every 5 minutes of emulator time with the pairs at fault level >= 2', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.get('/server-groups'); // the first request records the point at T0
    h.advance(MIN5);
    await h.c.admin('PUT', `/replications/${PAIR}/fault`, { fault_level: '2' }); // recorded at T0+5m: still 0
    h.advance(MIN5);
    await h.c.admin('PUT', `/replications/${PAIR2}/fault`, { fault_level: '5' }); // T0+10m: 1
    h.advance(2 * MIN5 + 60_000); // T0+15m and T0+20m: 2
    await h.c.admin('PUT', `/replications/${PAIR}/fault`, { fault_level: '0' });
    await h.c.admin('PUT', `/replications/${PAIR2}/fault`, { fault_level: '0' });
    h.advance(MIN5); // T0+25m: 0
    const r = await h.c.get('/resource/rpo-statistics');
    expect(r.status).toBe(200);
    expect(r.body.count).toBe(6);
    const pts = r.body.resource_rpo_statistics;
    expect(pts.map((p: any) => p.resource_num)).toEqual([0, 0, 1, 2, 2, 0]);
    expect(pts.map((p: any) => p.point_time)).toEqual(['2024-03-01 08:00', '2024-03-01 08:05', '2024-03-01 08:10', '2024-03-01 08:15', '2024-03-01 08:20', '2024-03-01 08:25']);
    expect(Object.keys(pts[0]).sort()).toEqual(RPO_KEYS);
    expect(pts[3]).toMatchObject({ resource_type: 'replication', created_at: '2024-03-01 08:15:00.000', updated_at: '2024-03-01 08:15:00.000' });
    expect(pts[3].id).toMatch(/^[0-9a-f-]{36}$/);
    // Ids are stable across reads.
    expect((await h.c.get('/resource/rpo-statistics')).body.resource_rpo_statistics[3].id).toBe(pts[3].id);
  });

  it('counts a pair the admin API marks as over its RPO, until unmarked', async () => {
    const h = await harness({ seed: 'demo' });
    const mark = await h.c.admin('PUT', `/replications/${PAIR}/rpo`, { exceeded: true });
    expect(mark.status).toBe(200);
    expect(mark.body).toEqual({ replication_id: PAIR, exceeded: true, over_rpo: 1 });
    h.advance(MIN5);
    await h.c.admin('PUT', `/replications/${PAIR}/rpo`, { exceeded: false });
    h.advance(MIN5);
    const nums = (await h.c.get('/resource/rpo-statistics')).body.resource_rpo_statistics.map((p: any) => p.resource_num);
    expect(nums).toEqual([0, 1, 0]);
    expect((await h.c.admin('PUT', '/replications/nope/rpo', { exceeded: true })).status).toBe(404);
    expect((await h.c.admin('PUT', `/replications/${PAIR}/rpo`, { exceeded: 'yes' })).status).toBe(400);
  });

  it('filters by start_time/end_time (inclusive, UTC), pages, and refuses bad parameters with SDRS.0201', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.get('/server-groups');
    h.advance(6 * MIN5); // 08:00 .. 08:30
    const q = (s: string) => h.c.get(`/resource/rpo-statistics?${s}`);
    const times = async (s: string) => (await q(s)).body.resource_rpo_statistics.map((p: any) => p.point_time.slice(11));
    expect(await times('start_time=2024-03-01%2008:10:00.000&end_time=2024-03-01%2008:20:00.000&resource_type=replication')).toEqual(['08:10', '08:15', '08:20']);
    expect(await times('start_time=2024-03-01+08:21:00.000')).toEqual(['08:25', '08:30']);
    const page = (await q('limit=2&offset=1')).body;
    expect(page.count).toBe(7);
    expect(page.resource_rpo_statistics.map((p: any) => p.point_time.slice(11))).toEqual(['08:05', '08:10']);
    for (const bad of ['start_time=yesterday', 'end_time=2024-02-30%2000:00:00.000', 'resource_type=server_groups', 'start_time=2024-03-01%2009:00:00.000&end_time=2024-03-01%2008:00:00.000']) {
      const r = await q(bad);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code, bad).toBe('SDRS.0201');
    }
    expect((await q('limit=-1')).body.error.code).toBe('SDRS.0221');
  });

  it('keeps 7 days of points, and the period can be set (start option and admin config)', async () => {
    const h = await harness({ seed: 'demo', rpoIntervalMs: 60_000 });
    await h.c.get('/server-groups');
    h.advance(3 * 60_000);
    expect((await h.c.get('/resource/rpo-statistics')).body.count).toBe(4);
    const cfg = await h.c.admin('PUT', '/config', { rpo_interval: '1h' });
    expect(cfg.body.rpo_interval_ms).toBe(3_600_000);
    h.advance(8 * 24 * 3_600_000); // a jump past the retention
    const all = (await h.c.get('/resource/rpo-statistics')).body;
    expect(all.count).toBe(7 * 24); // 03-02 09:00 .. 03-09 08:00: older ones are gone
    expect(all.resource_rpo_statistics.at(-1).point_time).toBe('2024-03-09 08:00');
    expect((await h.c.admin('PUT', '/config', { rpo_interval: '10ms' })).status).toBe(400);
  });
});

describe('quotas: GET /sdrs/quotas and SDRS.0305/0306', () => {
  it('shows the documented defaults with what is used', async () => {
    const h = await harness({ seed: 'demo' });
    const r = await h.c.get('/sdrs/quotas');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      quotas: {
        resources: [
          { type: 'server_groups', used: 1, quota: 50, min: 0, max: -1 },
          { type: 'replications', used: 4, quota: 100, min: 0, max: -1 },
        ],
      },
    });
  });

  it('refuses a group past its quota with 400 SDRS.0305 and creates nothing; -1 is unlimited', async () => {
    const h = await harness({ seed: 'demo', quotas: { server_groups: 1 } });
    const body = { server_group: { name: 'g2', source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc } };
    const r = await h.c.post('/server-groups', body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('SDRS.0305');
    expect(r.body.error.message).toContain('1 of 1');
    expect((await h.c.get('/server-groups')).body.count).toBe(1);
    // Bad parameters are still reported as such, not as a quota problem.
    expect((await h.c.post('/server-groups', { server_group: { ...body.server_group, name: 'bad name!' } })).body.error.code).toBe('SDRS.0202');
    const cfg = await h.c.admin('PUT', '/config', { quotas: { server_groups: -1 } });
    expect(cfg.body.quotas).toEqual({ server_groups: -1, replications: 100 });
    expect((await h.c.post('/server-groups', body)).status).toBe(200);
    expect((await h.c.get('/sdrs/quotas')).body.quotas.resources[0]).toEqual({ type: 'server_groups', used: 2, quota: -1, min: 0, max: -1 });
    for (const bad of [{ quotas: { server_groups: 'many' } }, { quotas: { volumes: 3 } }, { quotas: { replications: -2 } }, { quotas: 5 }]) {
      expect((await h.c.admin('PUT', '/config', bad)).status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('refuses a pair past its quota with 400 SDRS.0306 and creates nothing', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.admin('PUT', '/config', { quotas: { replications: 4 } });
    const volumes = Object.keys(h.emu.world.volumes).length;
    const r = await h.c.post('/replications', { replication: { server_group_id: GROUP, volume_id: SEED_IDS.volume('web-01', 'data'), name: 'web-01-data' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('SDRS.0306');
    expect(r.body.error.message).toContain('4 of 4');
    expect((await h.c.get('/replications')).body.count).toBe(4);
    expect(Object.keys(h.emu.world.volumes)).toHaveLength(volumes); // no DR disk either
  });

  it('`sdrs emulator --quota` is checked before anything starts', async () => {
    const signal = AbortSignal.abort();
    const io = { out: new PassThrough(), err: new PassThrough(), signal };
    await expect(runEmulatorCommand({ ...io, quota: 'server_groups=x' })).rejects.toThrow(/invalid quota server_groups=x/);
    await expect(runEmulatorCommand({ ...io, quota: 'groups=3' })).rejects.toThrow(/use server_groups=N/);
    await expect(runEmulatorCommand({ ...io, rpoInterval: 'soon' })).rejects.toThrow(/invalid duration/);
    await expect(runEmulatorCommand({ ...io, quota: 'server_groups=3,replications=-1', rpoInterval: '1m' })).resolves.toBeUndefined();
  });
});

describe('state files', () => {
  it('a world saved before the task centre and RPO existed still serves them', async () => {
    const h = await harness({ seed: 'demo' });
    delete h.emu.world.failureJobs;
    delete h.emu.world.rpo;
    expect((await h.c.get('/task-center/failure-jobs')).body.count).toBe(0);
    expect((await h.c.get('/resource/rpo-statistics')).body.count).toBe(1);
    // A hand-edited file with nonsense there starts both over instead of failing every request.
    (h.emu.world as any).failureJobs = { not: 'a list' };
    (h.emu.world as any).rpo = { next: 'soon' };
    expect((await h.c.get('/task-center/failure-jobs')).body.count).toBe(0);
    expect((await h.c.get('/resource/rpo-statistics')).status).toBe(200);
    expect(h.clock.now()).toBe(T0);
  });

  it('the task centre and the RPO points survive a restart on the same --state file; quotas come from the options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdrs-ready-'));
    try {
      const statePath = join(dir, 'world.json');
      const h = await harness({ seed: 'demo', statePath, quotas: { server_groups: 7 } });
      await h.c.admin('POST', '/failure-jobs', { server_group_id: GROUP, failure_status: 'reverseFail' });
      await h.c.admin('PUT', `/replications/${PAIR}/fault`, { fault_level: '5' });
      h.advance(MIN5);
      expect((await h.c.get('/resource/rpo-statistics')).body.count).toBe(2);
      await h.emu.stop();
      // Restarted with a 3-minute period, the next point moves from 08:10 to the next boundary of it, 08:12.
      const again = await harness({ statePath, clock: h.clock, rpoIntervalMs: 3 * 60_000 });
      expect((await again.c.get('/task-center/failure-jobs')).body.failure_jobs.map((f: any) => f.failure_status)).toEqual(['reverseFail']);
      h.advance(7 * 60_000);
      const pts = (await again.c.get('/resource/rpo-statistics')).body.resource_rpo_statistics;
      expect(pts.map((p: any) => [p.point_time.slice(11), p.resource_num])).toEqual([['08:00', 0], ['08:05', 1], ['08:12', 1]]);
      expect((await again.c.get('/sdrs/quotas')).body.quotas.resources[0].quota).toBe(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PUT /__emulator/replications/{id}/progress', () => {
  it('sets a pair\'s sync progress as the API shows it; anything but 0-100 is 400, an unknown pair 404', async () => {
    const h = await harness({ seed: 'demo' });
    const r = await h.c.admin('PUT', `/replications/${PAIR}/progress`, { progress: 42 });
    expect(r.status).toBe(200);
    expect(r.body.replication).toMatchObject({ id: PAIR, progress: 42 });
    expect((await h.c.get(`/replications/${PAIR}`)).body.replication.progress).toBe(42);
    for (const bad of [{ progress: 101 }, { progress: 4.5 }, { progress: '50' }, {}]) {
      expect((await h.c.admin('PUT', `/replications/${PAIR}/progress`, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await h.c.admin('PUT', '/replications/nope/progress', { progress: 1 })).status).toBe(404);
  });
});
