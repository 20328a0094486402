import { describe, expect, it } from 'vitest';
import { REMOTE_AZ } from '../../src/emulator/index.js';
import { harness } from './setup.js';

describe('admin: POST /__emulator/groups', () => {
  it('adds protected groups whose production servers are stopped, so they can be reversed at once', async () => {
    const h = await harness();
    const r = await h.c.admin('POST', '/groups', { name: 'bulk', count: 3, servers: 2 });
    expect(r.status).toBe(201);
    expect(r.body.server_groups.map((g: { name: string }) => g.name)).toEqual(['bulk-1', 'bulk-2', 'bulk-3']);
    const id = r.body.server_groups[1].id;
    const g = (await h.c.get(`/server-groups/${id}`)).body.server_group;
    expect(g).toMatchObject({ status: 'protected', priority_station: 'source', protected_instance_num: 2 });
    const pis = (await h.c.get(`/protected-instances?server_group_id=${id}`)).body.protected_instances;
    expect(pis).toHaveLength(2);
    const pairs = (await h.c.get(`/replications?server_group_id=${id}`)).body.replications;
    expect(pairs).toHaveLength(4);
    const prod = (await h.c.get(`/cloudservers/${pis[0].source_server}`)).body.server;
    expect(prod.status).toBe('SHUTOFF');
    const dr = (await h.c.get(`/cloudservers/${pis[0].target_server}`)).body.server;
    expect(dr).toMatchObject({ status: 'SHUTOFF', 'OS-EXT-AZ:availability_zone': REMOTE_AZ });

    const rev = await h.c.post(`/server-groups/${id}/action`, { 'reverse-server-group': { priority_station: 'target' } });
    expect(rev.status).toBe(200);
    h.advance(3000);
    expect((await h.job(rev.body.job_id)).status).toBe('SUCCESS');
    expect((await h.c.get(`/server-groups/${id}`)).body.server_group).toMatchObject({ status: 'protected', priority_station: 'target' });
  });

  it('names a single group exactly, can leave production running, and validates its body', async () => {
    const h = await harness();
    const r = await h.c.admin('POST', '/groups', { name: 'erp', production_status: 'ACTIVE' });
    expect(r.body.server_groups).toEqual([{ id: expect.any(String), name: 'erp' }]);
    const rev = await h.c.post(`/server-groups/${r.body.server_groups[0].id}/action`, { 'reverse-server-group': { priority_station: 'target' } });
    expect(rev.body.error.code).toBe('SDRS.1316');
    expect((await h.c.admin('POST', '/groups', {})).status).toBe(400);
    expect((await h.c.admin('POST', '/groups', { name: 'x', count: 0 })).status).toBe(400);
    expect((await h.c.admin('POST', '/groups', { name: 'x', servers: 9 })).status).toBe(400);
    expect((await h.c.admin('POST', '/groups', { name: 'x', production_status: 'OFF' })).status).toBe(400);
  });
});
