import { describe, expect, it } from 'vitest';
import { LOCAL_AZ, OTHER_AZ, REMOTE_AZ, SEED_IDS } from '../../src/emulator/index.js';
import { harness } from './setup.js';
import type { Harness } from './setup.js';

const groupBody = (over: Record<string, unknown> = {}) => ({
  server_group: {
    name: 'pg-1',
    description: 'erp',
    source_availability_zone: LOCAL_AZ,
    target_availability_zone: REMOTE_AZ,
    domain_id: SEED_IDS.domain,
    source_vpc_id: SEED_IDS.vpc,
    dr_type: 'migration',
    ...over,
  },
});

async function createGroup(h: Harness, over: Record<string, unknown> = {}): Promise<string> {
  const r = await h.c.post('/server-groups', groupBody(over));
  expect(r.status).toBe(200);
  h.advance(3000);
  const job = await h.job(r.body.job_id);
  expect(job.status).toBe('SUCCESS');
  return job.entities.server_group_id;
}

describe('protection groups: create, show, list, rename, delete', () => {
  it('creates a group through a job: creating -> available, job INIT -> RUNNING -> SUCCESS', async () => {
    const h = await harness();
    const r = await h.c.post('/server-groups', groupBody());
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['job_id']);
    expect(r.body.job_id).toMatch(/^[0-9a-f]{32}$/);
    const j0 = await h.job(r.body.job_id);
    expect(j0).toMatchObject({ status: 'INIT', job_type: 'createProtectionGroupNoCG', end_time: null, error_code: null, fail_reason: null });
    expect(j0.begin_time).toBe('2024-03-01T08:00:00.000Z');
    expect(j0.entities).not.toHaveProperty('sub_jobs');
    const id = j0.entities.server_group_id;
    expect((await h.c.get(`/server-groups/${id}`)).body.server_group.status).toBe('creating');
    h.advance(1000);
    expect((await h.job(r.body.job_id)).status).toBe('RUNNING');
    h.advance(2000);
    const done = await h.job(r.body.job_id);
    expect(done).toMatchObject({ status: 'SUCCESS', end_time: '2024-03-01T08:00:03.000Z' });
    const g = (await h.c.get(`/server-groups/${id}`)).body.server_group;
    expect(g).toMatchObject({
      id, name: 'pg-1', description: 'erp', status: 'available', priority_station: 'source',
      source_availability_zone: LOCAL_AZ, target_availability_zone: REMOTE_AZ, domain_id: SEED_IDS.domain,
      domain_name: 'dom-cn-north-4', source_vpc_id: SEED_IDS.vpc, target_vpc_id: SEED_IDS.vpc, dr_type: 'migration',
      protected_instance_num: 0, replication_num: 0, disaster_recovery_drill_num: 0, server_type: 'ECS',
      protection_type: 'replication-pair', test_vpc_id: null, replication_model: null,
    });
    expect(g.created_at).toBe('2024-03-01 08:00:00.000');
  });

  it('ends a failed create in status error with the job code', async () => {
    const h = await harness();
    await h.c.admin('POST', '/fail-next', { job_type: 'createProtectionGroupNoCG' });
    const r = await h.c.post('/server-groups', groupBody());
    h.advance(3000);
    const job = await h.job(r.body.job_id);
    expect(job).toMatchObject({ status: 'FAIL', error_code: 'SDRS.1014' });
    expect((await h.c.get(`/server-groups/${job.entities.server_group_id}`)).body.server_group.status).toBe('error');
  });

  it.each([
    ['name', { name: '' }, 'SDRS.0202'],
    ['name with a space', { name: 'a b' }, 'SDRS.0202'],
    ['name over 64 bytes', { name: '中'.repeat(22) }, 'SDRS.0202'],
    ['description with <', { description: 'a<b' }, 'SDRS.0212'],
    ['description over 64 bytes', { description: 'x'.repeat(65) }, 'SDRS.0212'],
    ['same AZs', { target_availability_zone: LOCAL_AZ }, 'SDRS.0203'],
    ['AZ outside the domain', { target_availability_zone: OTHER_AZ }, 'SDRS.0203'],
    ['unknown VPC', { source_vpc_id: 'vpc-x' }, 'SDRS.0204'],
    ['unknown domain', { domain_id: 'dom-x' }, 'SDRS.0205'],
  ])('rejects an invalid %s with 400 %s', async (_what, over, code) => {
    const h = await harness();
    const r = await h.c.post('/server-groups', groupBody(over));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe(code);
    expect((await h.c.get('/server-groups')).body.count).toBe(0);
  });

  it('accepts Chinese names and 64-byte names', async () => {
    const h = await harness();
    expect((await h.c.post('/server-groups', groupBody({ name: '保护组-1' }))).status).toBe(200);
    expect((await h.c.post('/server-groups', groupBody({ name: 'a'.repeat(64) }))).status).toBe(200);
  });

  it('rejects a body without server_group and invalid JSON with SDRS.0201', async () => {
    const h = await harness();
    expect((await h.c.post('/server-groups', { name: 'x' })).body.error.code).toBe('SDRS.0201');
    expect((await h.c.call('POST', '/server-groups', { rawBody: '{oops' })).body.error.code).toBe('SDRS.0201');
  });

  it('lists with limit/offset, fuzzy name, status and availability_zone; count is the total', async () => {
    const h = await harness({ seed: 'demo' });
    await createGroup(h, { name: 'billing-a' });
    await createGroup(h, { name: 'Billing-b' });
    const all = (await h.c.get('/server-groups')).body;
    expect(all.count).toBe(3);
    const p = (await h.c.get('/server-groups?limit=1&offset=1')).body;
    expect(p.server_groups).toHaveLength(1);
    expect(p.count).toBe(3);
    expect(p.server_groups[0].name).toBe(all.server_groups[1].name);
    expect((await h.c.get('/server-groups?name=billing')).body.count).toBe(2);
    expect((await h.c.get('/server-groups?status=protected')).body.server_groups.map((g: any) => g.name)).toEqual(['demo-erp']);
    expect((await h.c.get(`/server-groups?availability_zone=${REMOTE_AZ}`)).body.count).toBe(0);
    expect((await h.c.get(`/server-groups?availability_zone=${LOCAL_AZ}`)).body.count).toBe(3);
    expect((await h.c.get('/server-groups?query_type=stop_protected')).body.count).toBe(2);
    expect((await h.c.get('/server-groups?offset=10')).body).toEqual({ server_groups: [], count: 3 });
  });

  it('rejects a bad limit (SDRS.0221) and offset (SDRS.0222)', async () => {
    const h = await harness();
    expect((await h.c.get('/server-groups?limit=1001')).body.error.code).toBe('SDRS.0221');
    expect((await h.c.get('/server-groups?limit=x')).body.error.code).toBe('SDRS.0221');
    expect((await h.c.get('/server-groups?offset=-1')).body.error.code).toBe('SDRS.0222');
  });

  it('renames synchronously, validating the name', async () => {
    const h = await harness({ seed: 'demo' });
    const r = await h.c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'erp-prod' } });
    expect(r.status).toBe(200);
    expect(r.body.server_group).toMatchObject({ id: SEED_IDS.demoGroup, name: 'erp-prod', status: 'protected' });
    expect((await h.c.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group.name).toBe('erp-prod');
    expect((await h.c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'bad name' } })).body.error.code).toBe('SDRS.0202');
  });

  it('answers not found with HTTP 400 SDRS.1013 on show, rename, delete and action', async () => {
    const h = await harness();
    const id = '00000000-0000-0000-0000-000000000000';
    for (const r of [
      await h.c.get(`/server-groups/${id}`),
      await h.c.put(`/server-groups/${id}`, { server_group: { name: 'x' } }),
      await h.c.del(`/server-groups/${id}`),
      await h.c.post(`/server-groups/${id}/action`, { 'stop-server-group': {} }),
    ]) {
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ error: { code: 'SDRS.1013', message: expect.any(String) } });
    }
  });

  it('deletes an available group: deleting, then gone (SDRS.1013)', async () => {
    const h = await harness();
    const id = await createGroup(h);
    const r = await h.c.del(`/server-groups/${id}`);
    expect(r.status).toBe(200);
    expect((await h.job(r.body.job_id)).job_type).toBe('deleteProtectionGroupNoCG');
    expect((await h.c.get(`/server-groups/${id}`)).body.server_group.status).toBe('deleting');
    h.advance(3000);
    expect((await h.c.get(`/server-groups/${id}`)).body.error.code).toBe('SDRS.1013');
  });

  it('a failed delete leaves error-deleting, from which delete is allowed again', async () => {
    const h = await harness();
    const id = await createGroup(h);
    await h.c.admin('POST', '/fail-next', { job_type: 'deleteProtectionGroupNoCG', error_code: 'SDRS.1016', fail_reason: 'boom' });
    const r = await h.c.del(`/server-groups/${id}`);
    h.advance(3000);
    expect(await h.job(r.body.job_id)).toMatchObject({ status: 'FAIL', error_code: 'SDRS.1016', fail_reason: 'boom' });
    expect((await h.c.get(`/server-groups/${id}`)).body.server_group.status).toBe('error-deleting');
    expect((await h.c.del(`/server-groups/${id}`)).status).toBe(200);
  });

  it('blocks delete by status (SDRS.1017), instances (SDRS.1001) and pairs (SDRS.1010)', async () => {
    const h = await harness({ seed: 'demo' });
    expect((await h.c.del(`/server-groups/${SEED_IDS.demoGroup}`)).body.error.code).toBe('SDRS.1017');
    const stop = await h.c.post(`/server-groups/${SEED_IDS.demoGroup}/action`, { 'stop-server-group': {} });
    expect(stop.status).toBe(200);
    h.advance(3000);
    expect((await h.c.del(`/server-groups/${SEED_IDS.demoGroup}`)).body.error.code).toBe('SDRS.1001');
    // Remove the instances (pairs get detached), leaving pairs behind.
    for (const name of ['erp-app-01', 'erp-db-01']) {
      expect((await h.c.del(`/protected-instances/${SEED_IDS.demoInstance(name)}`, { delete_target_server: false, delete_target_eip: false })).status).toBe(200);
    }
    h.advance(3000);
    expect((await h.c.del(`/server-groups/${SEED_IDS.demoGroup}`)).body.error.code).toBe('SDRS.1010');
  });
});
