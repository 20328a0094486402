import { describe, expect, it } from 'vitest';
import { LOCAL_AZ, SEED_IDS, startEmulator, systemClock } from '../../src/emulator/index.js';
import { emulatorClient } from '../helpers/emulator-client.js';
import { harness } from './setup.js';

describe('admin API', () => {
  it('counts requests per route template and method, not admin calls', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.get('/server-groups');
    await h.c.get('/server-groups?limit=1');
    await h.c.get(`/server-groups/${SEED_IDS.demoGroup}`);
    await h.c.post('/server-groups', {});
    await h.c.get('/unknown');
    await h.c.get('/server-groups', { sk: 'bad' }); // rejected requests count too
    const r = await h.c.admin('GET', '/counters');
    expect(r.body).toEqual({
      total: 6,
      routes: {
        'GET /v1/{project_id}/server-groups': 3,
        'GET /v1/{project_id}/server-groups/{server_group_id}': 1,
        'POST /v1/{project_id}/server-groups': 1,
        'GET <unmatched>': 1,
      },
    });
    expect((await h.c.admin('DELETE', '/counters')).body).toEqual({ total: 0, routes: {} });
  });

  it('resets the world to a seed', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'changed' } });
    expect((await h.c.admin('POST', '/reset', { seed: 'empty' })).body).toMatchObject({ ok: true, seed: 'empty' });
    expect((await h.c.get('/server-groups')).body.count).toBe(0);
    await h.c.admin('POST', '/reset', { seed: 'demo' });
    expect((await h.c.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group.name).toBe('demo-erp');
    expect((await h.c.admin('POST', '/reset', { seed: 'huge' })).status).toBe(400);
  });

  it('adds servers with disks and sets power states', async () => {
    const h = await harness();
    const r = await h.c.admin('POST', '/servers', { name: 'app-9', disks: 3 });
    expect(r.status).toBe(201);
    expect(r.body.server).toMatchObject({ name: 'app-9', status: 'ACTIVE', 'OS-EXT-AZ:availability_zone': LOCAL_AZ });
    expect(r.body.volumes).toHaveLength(3);
    const id = r.body.server.id;
    expect((await h.c.get(`/cloudservers/${id}`)).body.server.name).toBe('app-9');
    expect((await h.c.admin('PUT', `/servers/${id}/power`, { status: 'SHUTOFF' })).body.server.status).toBe('SHUTOFF');
    expect((await h.c.get(`/cloudservers/${id}`)).body.server.status).toBe('SHUTOFF');
    expect((await h.c.admin('PUT', `/servers/${id}/power`, { status: 'OFF' })).status).toBe(400);
    expect((await h.c.admin('PUT', '/servers/nope/power', { status: 'SHUTOFF' })).status).toBe(404);
  });

  it('fail-next applies to the next job of that type only, with count', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.admin('POST', '/fail-next', { job_type: 'batchStopServers', count: 2 });
    const ids = [{ id: SEED_IDS.server('web-01') }];
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await h.c.post('/cloudservers/action', { 'os-stop': { servers: ids } });
      h.advance(3000);
      statuses.push((await h.job(r.body.job_id)).status);
    }
    expect(statuses).toEqual(['FAIL', 'FAIL', 'SUCCESS']);
    expect((await h.c.admin('POST', '/fail-next', {})).status).toBe(400);
  });

  it('changes job durations and faults at runtime', async () => {
    const h = await harness({ seed: 'demo' });
    const cfg = await h.c.admin('PUT', '/config', { job_duration: '1s,stopProtectionGroupNoCG=20s', faults: 'latency=10ms' });
    expect(cfg.body).toEqual({
      job_duration_ms: { default: 1000, stopProtectionGroupNoCG: 20_000 }, faults: 'latency=10ms', fault_seed: 1,
      quotas: { server_groups: 50, replications: 100 }, rpo_interval_ms: 300_000,
    });
    const r = await h.c.post(`/server-groups/${SEED_IDS.demoGroup}/action`, { 'stop-server-group': {} });
    h.advance(19_000);
    expect((await h.job(r.body.job_id)).status).toBe('RUNNING');
    expect((await h.c.admin('PUT', '/config', { faults: 'nonsense=1' })).status).toBe(400);
    expect((await h.c.admin('GET', '/config')).body.faults).toBe('latency=10ms');
  });

  it('advances the job clock without making signatures stale (system clock)', async () => {
    const emu = await startEmulator({ seed: 'demo', clock: systemClock });
    try {
      const c = emulatorClient(emu);
      const r = await c.post(`/server-groups/${SEED_IDS.demoGroup}/action`, { 'stop-server-group': {} });
      expect((await c.get(`/jobs/${r.body.job_id}`)).body.status).not.toBe('SUCCESS');
      expect((await c.admin('POST', '/clock/advance', { ms: 60 * 60_000 })).status).toBe(200);
      const j = await c.get(`/jobs/${r.body.job_id}`);
      expect(j.status).toBe(200);
      expect(j.body.status).toBe('SUCCESS');
    } finally {
      await emu.stop();
    }
  });

  it('dumps the state', async () => {
    const h = await harness({ seed: 'demo' });
    const s = (await h.c.admin('GET', '/state')).body;
    expect(s.now).toBe('2024-03-01T08:00:00.000Z');
    expect(Object.keys(s.world.groups)).toEqual([SEED_IDS.demoGroup]);
    expect(s.world.projectId).toBe(h.emu.projectId);
  });

  it('marks an instance invalid, deleting its DR server (or the production one on request)', async () => {
    const h = await harness({ seed: 'demo' });
    const pi = SEED_IDS.demoInstance('erp-app-01');
    const r = await h.c.admin('PUT', `/instances/${pi}/invalid`, { server: 'production' });
    expect(r.body.protected_instance.status).toBe('invalid');
    expect((await h.c.get(`/cloudservers/${SEED_IDS.server('erp-app-01')}`)).status).toBe(404);
    expect((await h.c.get(`/cloudservers/${SEED_IDS.drServer('erp-app-01')}`)).status).toBe(200);
    expect((await h.c.get('/protected-instances?query_type=status_abnormal')).body.count).toBe(1);
  });
});

describe('concurrency', () => {
  it('20 clients hammering creates, renames and reads keep the world consistent', async () => {
    const h = await harness({ seed: 'demo', jobDurationMs: 0 });
    const body = (i: number) => ({
      server_group: { name: `g-${i}`, source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc },
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const r = await h.c.post('/server-groups', body(i));
        await h.c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: `n-${i}` } });
        await h.c.get('/server-groups');
        return r.body.job_id as string;
      }),
    );
    expect(new Set(results).size).toBe(20);
    const list = (await h.c.get('/server-groups')).body;
    expect(list.count).toBe(21);
    expect(list.server_groups.filter((g: any) => g.status === 'available')).toHaveLength(20);
    for (const id of results) expect((await h.job(id)).status).toBe('SUCCESS');
  });
});
