import { describe, expect, it } from 'vitest';
import { LOCAL_AZ, REMOTE_AZ, SEED_IDS } from '../../src/emulator/index.js';
import { harness } from './setup.js';

describe('active-active domains and VPCs', () => {
  it('GET /active-domains returns the seeded domain in the documented shape', async () => {
    const h = await harness();
    const r = await h.c.get('/active-domains');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      domains: [
        {
          id: SEED_IDS.domain,
          name: 'dom-cn-north-4',
          description: expect.any(String),
          sold_out: false,
          local_replication_cluster: { availability_zone: LOCAL_AZ },
          remote_replication_cluster: { availability_zone: REMOTE_AZ },
        },
      ],
    });
  });

  it('GET /vpcs returns {"vpcs":[...]} with id, name, cidr, status', async () => {
    const h = await harness();
    const r = await h.c.get('/vpcs');
    expect(r.body.vpcs[0]).toMatchObject({ id: SEED_IDS.vpc, name: 'vpc-prod', cidr: '192.168.0.0/16', status: 'OK' });
    expect(r.body.vpcs).toHaveLength(2);
  });
});

describe('jobs', () => {
  it('an unknown job id is HTTP 404 SDRS.0408, never a pending status', async () => {
    const h = await harness();
    const r = await h.c.get('/jobs/ff8080826b45d4a5016b5036242c0025');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('SDRS.0408');
  });

  it('job durations can differ per job type', async () => {
    const h = await harness({ seed: 'demo', jobDurationMs: { default: 1000, stopProtectionGroupNoCG: 10_000 } });
    const r = await h.c.post(`/server-groups/${SEED_IDS.demoGroup}/action`, { 'stop-server-group': {} });
    h.advance(5000);
    expect((await h.job(r.body.job_id)).status).toBe('RUNNING');
    h.advance(5000);
    expect((await h.job(r.body.job_id)).status).toBe('SUCCESS');
  });
});

describe('ECS', () => {
  it('shows a server with status, AZ and VPC; unknown is 404 Ecs.0114', async () => {
    const h = await harness();
    const r = await h.c.get(`/cloudservers/${SEED_IDS.server('web-01')}`);
    expect(r.status).toBe(200);
    expect(r.body.server).toMatchObject({
      id: SEED_IDS.server('web-01'), name: 'web-01', status: 'ACTIVE', 'OS-EXT-AZ:availability_zone': LOCAL_AZ, metadata: { vpc_id: SEED_IDS.vpc },
    });
    const missing = await h.c.get('/cloudservers/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('Ecs.0114');
  });

  it('lists servers with availability_zone, name and status filters', async () => {
    const h = await harness({ seed: 'demo' });
    const all = (await h.c.get('/cloudservers/detail')).body;
    expect(all.count).toBe(9);
    expect((await h.c.get(`/cloudservers/detail?availability_zone=${REMOTE_AZ}`)).body.count).toBe(3);
    expect((await h.c.get('/cloudservers/detail?status=SHUTOFF')).body.count).toBe(2);
    expect((await h.c.get('/cloudservers/detail?name=erp')).body.count).toBe(4);
    expect((await h.c.get('/cloudservers/detail?limit=2')).body.servers).toHaveLength(2);
    // ECS `offset` is a 1-based page number, not an item offset.
    const ids = (all.servers as { id: string }[]).map((s) => s.id);
    expect((await h.c.get('/cloudservers/detail?limit=2&offset=1')).body.servers.map((s: { id: string }) => s.id)).toEqual(ids.slice(0, 2));
    expect((await h.c.get('/cloudservers/detail?limit=2&offset=2')).body.servers.map((s: { id: string }) => s.id)).toEqual(ids.slice(2, 4));
  });

  it('os-stop / os-start run as a batch job with per-server sub-jobs and set the power state at the end', async () => {
    const h = await harness();
    const ids = [SEED_IDS.server('web-01'), SEED_IDS.server('web-02')];
    const r = await h.c.post('/cloudservers/action', { 'os-stop': { servers: ids.map((id) => ({ id })), type: 'SOFT' } });
    expect(r.status).toBe(200);
    expect(r.body.job_id).toMatch(/^[0-9a-f]{32}$/);
    const j0 = await h.job(r.body.job_id);
    expect(j0).toMatchObject({ job_type: 'batchStopServers', status: 'INIT' });
    expect(j0.entities.sub_jobs_total).toBe(2);
    expect(j0.entities.sub_jobs.map((s: any) => s.entities.server_id)).toEqual(ids);
    expect((await h.c.get(`/cloudservers/${ids[0]}`)).body.server.status).toBe('ACTIVE');
    h.advance(3000);
    expect((await h.job(r.body.job_id)).status).toBe('SUCCESS');
    expect((await h.c.get(`/cloudservers/${ids[0]}`)).body.server.status).toBe('SHUTOFF');
    const s = await h.c.post('/cloudservers/action', { 'os-start': { servers: [{ id: ids[1] }] } });
    h.advance(3000);
    expect((await h.job(s.body.job_id)).job_type).toBe('batchStartServers');
    expect((await h.c.get(`/cloudservers/${ids[1]}`)).body.server.status).toBe('ACTIVE');
  });

  it('a failed power job leaves the power state alone', async () => {
    const h = await harness();
    await h.c.admin('POST', '/fail-next', { job_type: 'batchStopServers', error_code: 'Ecs.0103' });
    const id = SEED_IDS.server('web-01');
    const r = await h.c.post('/cloudservers/action', { 'os-stop': { servers: [{ id }], type: 'SOFT' } });
    h.advance(3000);
    const j = await h.job(r.body.job_id);
    expect(j).toMatchObject({ status: 'FAIL', error_code: 'Ecs.0103' });
    expect(j.entities.sub_jobs[0].status).toBe('FAIL');
    expect((await h.c.get(`/cloudservers/${id}`)).body.server.status).toBe('ACTIVE');
  });

  it('rejects a malformed action body and unknown servers', async () => {
    const h = await harness();
    expect((await h.c.post('/cloudservers/action', { reboot: {} })).status).toBe(400);
    expect((await h.c.post('/cloudservers/action', { 'os-stop': { servers: [] } })).status).toBe(400);
    expect((await h.c.post('/cloudservers/action', { 'os-stop': { servers: [{ id: 'x' }], type: 'NICE' } })).status).toBe(400);
    expect((await h.c.post('/cloudservers/action', { 'os-stop': { servers: [{ id: 'x' }] } })).status).toBe(404);
  });
});
