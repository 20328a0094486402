import { describe, expect, it } from 'vitest';
import { LOCAL_AZ, REMOTE_AZ, SEED_IDS } from '../../src/emulator/index.js';
import { harness } from './setup.js';
import type { Harness } from './setup.js';

const G = SEED_IDS.demoGroup;
const WEB1 = SEED_IDS.server('web-01');

async function newGroup(h: Harness): Promise<string> {
  const r = await h.c.post('/server-groups', {
    server_group: { name: 'web', source_availability_zone: LOCAL_AZ, target_availability_zone: REMOTE_AZ, domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc },
  });
  h.advance(3000);
  return (await h.job(r.body.job_id)).entities.server_group_id;
}

async function done(h: Harness, r: { status: number; body: any; text: string }): Promise<any> {
  expect(r.status, r.text).toBe(200);
  h.advance(3000);
  return h.job(r.body.job_id);
}

describe('protected instances', () => {
  it('creates an instance with a DR server (SHUTOFF, target AZ) and shows it; new instances follow the group', async () => {
    const h = await harness({ seed: 'demo' });
    const r = await h.c.post('/protected-instances', { protected_instance: { server_group_id: G, server_id: WEB1, name: 'pi-web-01' } });
    expect(r.status).toBe(200);
    const j0 = await h.job(r.body.job_id);
    expect(j0.job_type).toBe('createProtectedInstanceNoCG');
    const id = j0.entities.protected_instance_id;
    expect((await h.c.get(`/protected-instances/${id}`)).body.protected_instance.status).toBe('creating');
    h.advance(3000);
    expect((await h.job(r.body.job_id)).status).toBe('SUCCESS');
    const pi = (await h.c.get(`/protected-instances/${id}`)).body.protected_instance;
    expect(pi).toMatchObject({
      id, name: 'pi-web-01', server_group_id: G, status: 'protected', priority_station: 'source',
      source_server: WEB1, attachment: [], tags: [], metadata: {}, description: null, progress: 100,
    });
    expect(pi.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    const dr = (await h.c.get(`/cloudservers/${pi.target_server}`)).body.server;
    expect(dr).toMatchObject({ status: 'SHUTOFF', 'OS-EXT-AZ:availability_zone': REMOTE_AZ, name: 'web-01', metadata: { vpc_id: SEED_IDS.vpc } });
    expect(j0.entities.native_server_id).toBe(pi.target_server);
    expect((await h.c.get(`/server-groups/${G}`)).body.server_group.protected_instance_num).toBe(3);
  });

  it('ends available in an available group, and error when the job fails', async () => {
    const h = await harness();
    const g = await newGroup(h);
    const ok = await done(h, await h.c.post('/protected-instances', { protected_instance: { server_group_id: g, server_id: WEB1, name: 'a' } }));
    expect((await h.c.get(`/protected-instances/${ok.entities.protected_instance_id}`)).body.protected_instance.status).toBe('available');
    await h.c.admin('POST', '/fail-next', { job_type: 'createProtectedInstanceNoCG', error_code: 'SDRS.1306' });
    const bad = await done(h, await h.c.post('/protected-instances', { protected_instance: { server_group_id: g, server_id: SEED_IDS.server('web-02'), name: 'b' } }));
    expect(bad).toMatchObject({ status: 'FAIL', error_code: 'SDRS.1306' });
    expect((await h.c.get(`/protected-instances/${bad.entities.protected_instance_id}`)).body.protected_instance.status).toBe('error');
  });

  it.each([
    ['unknown group', { server_group_id: 'nope' }, 'SDRS.1013'],
    ['unknown server', { server_id: 'nope' }, 'SDRS.1326'],
    ['server in another AZ', { server_id: SEED_IDS.server('ops-01') }, 'SDRS.1303'],
    ['server in another VPC', { server_id: SEED_IDS.server('lab-01') }, 'SDRS.1304'],
    ['already protected server', { server_id: SEED_IDS.server('erp-app-01') }, 'SDRS.1305'],
    ['a DR server (it lives in the DR AZ)', { server_id: SEED_IDS.drServer('erp-app-01') }, 'SDRS.1303'],
    ['bad name', { name: 'a/b' }, 'SDRS.0202'],
    ['bad description', { description: '<x>' }, 'SDRS.0212'],
    ['ip without subnet', { primary_ip_address: '192.168.0.9' }, 'SDRS.1380'],
  ])('rejects %s', async (_w, over, code) => {
    const h = await harness({ seed: 'demo' });
    const r = await h.c.post('/protected-instances', { protected_instance: { server_group_id: G, server_id: WEB1, name: 'pi', ...over } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe(code);
  });

  it('refuses creation while the group is not available/protected (SDRS.1323)', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.post(`/server-groups/${G}/action`, { 'stop-server-group': {} });
    const r = await h.c.post('/protected-instances', { protected_instance: { server_group_id: G, server_id: WEB1, name: 'pi' } });
    expect(r.body.error.code).toBe('SDRS.1323');
  });

  it('lists with server_group_id(s) in both quote styles, ids, name, status and paging', async () => {
    const h = await harness({ seed: 'demo' });
    const g2 = await newGroup(h);
    await done(h, await h.c.post('/protected-instances', { protected_instance: { server_group_id: g2, server_id: WEB1, name: 'web-pi' } }));
    expect((await h.c.get('/protected-instances')).body.count).toBe(3);
    expect((await h.c.get(`/protected-instances?server_group_id=${G}`)).body.count).toBe(2);
    const single = encodeURIComponent(`['${G}','${g2}']`);
    const double = encodeURIComponent(JSON.stringify([g2]));
    expect((await h.c.get(`/protected-instances?server_group_ids=${single}`)).body.count).toBe(3);
    expect((await h.c.get(`/protected-instances?server_group_ids=${double}`)).body.count).toBe(1);
    // server_group_ids beats server_group_id
    expect((await h.c.get(`/protected-instances?server_group_id=${G}&server_group_ids=${double}`)).body.count).toBe(1);
    const one = SEED_IDS.demoInstance('erp-db-01');
    expect((await h.c.get(`/protected-instances?protected_instance_ids=${encodeURIComponent(`['${one}']`)}`)).body.protected_instances.map((p: any) => p.id)).toEqual([one]);
    expect((await h.c.get('/protected-instances?name=ERP')).body.count).toBe(2);
    expect((await h.c.get('/protected-instances?status=available')).body.count).toBe(1);
    const page = (await h.c.get('/protected-instances?limit=2&offset=2')).body;
    expect(page.protected_instances).toHaveLength(1);
    expect(page.count).toBe(3);
    const many = encodeURIComponent(JSON.stringify(Array.from({ length: 31 }, (_, i) => `id${i}`)));
    expect((await h.c.get(`/protected-instances?server_group_ids=${many}`)).body.error.code).toBe('SDRS.0226');
  });

  it('deletes with the flat body: deleting -> gone (SDRS.1320), pairs detached, DR server removed on request', async () => {
    const h = await harness({ seed: 'demo' });
    const id = SEED_IDS.demoInstance('erp-app-01');
    const r = await h.c.del(`/protected-instances/${id}`, { delete_target_server: true, delete_target_eip: false });
    expect(r.status).toBe(200);
    expect((await h.job(r.body.job_id)).job_type).toBe('deleteProtectedInstanceNoCG');
    expect((await h.c.get(`/protected-instances/${id}`)).body.protected_instance.status).toBe('deleting');
    h.advance(3000);
    const gone = await h.c.get(`/protected-instances/${id}`);
    expect(gone.status).toBe(400);
    expect(gone.body.error.code).toBe('SDRS.1320');
    expect((await h.c.get(`/cloudservers/${SEED_IDS.drServer('erp-app-01')}`)).status).toBe(404);
    const rp = (await h.c.get(`/replications/${SEED_IDS.demoReplication('erp-app-01', 'sys')}`)).body.replication;
    expect(rp.attachment).toEqual([]);
    // Without delete_target_server, the DR server stays.
    const keep = await done(h, await h.c.del(`/protected-instances/${SEED_IDS.demoInstance('erp-db-01')}`, { delete_target_server: false }));
    expect(keep.status).toBe('SUCCESS');
    expect((await h.c.get(`/cloudservers/${SEED_IDS.drServer('erp-db-01')}`)).status).toBe(200);
  });

  it('refuses deleting a busy instance (SDRS.1301) and renames synchronously', async () => {
    const h = await harness({ seed: 'demo' });
    const id = SEED_IDS.demoInstance('erp-app-01');
    await h.c.post(`/server-groups/${G}/action`, { 'stop-server-group': {} });
    expect((await h.c.del(`/protected-instances/${id}`, {})).body.error.code).toBe('SDRS.1301');
    const r = await h.c.put(`/protected-instances/${id}`, { protected_instance: { name: 'renamed' } });
    expect(r.body.protected_instance.name).toBe('renamed');
  });
});

describe('replication pairs, attach and detach', () => {
  it('creates a pair (DR disk auto-created) and shows the documented shape', async () => {
    const h = await harness({ seed: 'demo' });
    const vol = SEED_IDS.volume('web-01', 'data');
    const j = await done(h, await h.c.post('/replications', { replication: { server_group_id: G, volume_id: vol, name: 'rp-web' } }));
    expect(j.job_type).toBe('createReplicationPairNoCG');
    expect(j.entities).not.toHaveProperty('sub_jobs');
    const rp = (await h.c.get(`/replications/${j.entities.replication_pair_id}`)).body.replication;
    expect(rp).toMatchObject({
      name: 'rp-web', status: 'protected', server_group_id: G, priority_station: 'source', replication_model: 'hypermetro',
      replication_status: 'active', attachment: [], fault_level: '0', failure_detail: null,
      record_metadata: { multiattach: false, bootable: false, volume_size: 100, volume_type: 'SAS' },
    });
    const [src, dr] = rp.volume_ids.split(',');
    expect(src).toBe(vol);
    expect(dr).toMatch(/^[0-9a-f-]{36}$/);
    expect(rp.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
  });

  it.each([
    ['unknown disk', { volume_id: 'nope' }, 'SDRS.0211'],
    ['disk already paired', { volume_id: SEED_IDS.volume('erp-app-01', 'sys') }, 'SDRS.1804'],
    ['disk in another AZ', { volume_id: SEED_IDS.volume('ops-01', 'sys') }, 'SDRS.1803'],
    ['unknown group', { server_group_id: 'nope' }, 'SDRS.1013'],
    ['bad name', { name: '' }, 'SDRS.0202'],
  ])('rejects %s', async (_w, over, code) => {
    const h = await harness({ seed: 'demo' });
    const r = await h.c.post('/replications', { replication: { server_group_id: G, volume_id: SEED_IDS.volume('web-01', 'sys'), name: 'rp', ...over } });
    expect(r.body.error.code).toBe(code);
  });

  it('attaches (attaching -> protected, both sides list it) and detaches', async () => {
    const h = await harness({ seed: 'demo' });
    const rpId = (await done(h, await h.c.post('/replications', { replication: { server_group_id: G, volume_id: SEED_IDS.volume('web-01', 'sys'), name: 'rp' } }))).entities.replication_pair_id;
    const piId = (await done(h, await h.c.post('/protected-instances', { protected_instance: { server_group_id: G, server_id: WEB1, name: 'pi' } }))).entities.protected_instance_id;
    const a = await h.c.post(`/protected-instances/${piId}/attachreplication`, { replicationAttachment: { replication_id: rpId, device: '/dev/vda' } });
    expect(a.status).toBe(200);
    expect((await h.c.get(`/replications/${rpId}`)).body.replication.status).toBe('attaching');
    h.advance(3000);
    const job = await h.job(a.body.job_id);
    expect(job).toMatchObject({ status: 'SUCCESS', job_type: 'attachReplicationPairNew' });
    expect(job.entities).toEqual({ protected_instance_id: piId, replication_pair_id: rpId });
    expect((await h.c.get(`/replications/${rpId}`)).body.replication).toMatchObject({ status: 'protected', attachment: [{ protected_instance: piId, device: '/dev/vda' }] });
    expect((await h.c.get(`/protected-instances/${piId}`)).body.protected_instance.attachment).toEqual([{ replication: rpId, device: '/dev/vda' }]);
    expect((await h.c.get(`/replications?protected_instance_id=${piId}`)).body.count).toBe(1);
    // Deleting an attached pair is refused.
    expect((await h.c.del(`/replications/${rpId}`, { replication: {} })).body.error.code).toBe('SDRS.1605');
    const d = await h.c.del(`/protected-instances/${piId}/detachreplication/${rpId}`);
    expect(d.status).toBe(200);
    expect((await h.c.get(`/replications/${rpId}`)).body.replication.status).toBe('detaching');
    h.advance(3000);
    expect((await h.job(d.body.job_id)).job_type).toBe('detachReplicationPairNew');
    expect((await h.c.get(`/replications/${rpId}`)).body.replication.attachment).toEqual([]);
    expect((await h.c.del(`/protected-instances/${piId}/detachreplication/${rpId}`)).body.error.code).toBe('SDRS.1604');
  });

  it('refuses attaching an attached pair or a used device (SDRS.1603), a bad device (SDRS.0201), a pair of another group (SDRS.1611)', async () => {
    const h = await harness({ seed: 'demo' });
    const pi = SEED_IDS.demoInstance('erp-app-01');
    const attached = SEED_IDS.demoReplication('erp-db-01', 'sys');
    const att = (body: unknown) => h.c.post(`/protected-instances/${pi}/attachreplication`, body);
    expect((await att({ replicationAttachment: { replication_id: attached, device: '/dev/vdc' } })).body.error.code).toBe('SDRS.1603');
    const fresh = (await done(h, await h.c.post('/replications', { replication: { server_group_id: G, volume_id: SEED_IDS.volume('web-01', 'sys'), name: 'rp' } }))).entities.replication_pair_id;
    expect((await att({ replicationAttachment: { replication_id: fresh, device: '/dev/sdb' } })).body.error.code).toBe('SDRS.1603');
    expect((await att({ replicationAttachment: { replication_id: fresh, device: 'vdc' } })).body.error.code).toBe('SDRS.0201');
    expect((await att({ replication_id: fresh, device: '/dev/vdc' })).body.error.code).toBe('SDRS.0201');
    expect((await att({ replicationAttachment: { replication_id: 'nope', device: '/dev/vdc' } })).body.error.code).toBe('SDRS.1608');
    const g2 = await newGroup(h);
    const other = (await done(h, await h.c.post('/replications', { replication: { server_group_id: g2, volume_id: SEED_IDS.volume('web-02', 'sys'), name: 'rp2' } }))).entities.replication_pair_id;
    expect((await att({ replicationAttachment: { replication_id: other, device: '/dev/vdc' } })).body.error.code).toBe('SDRS.1611');
  });

  it('deletes a pair with the {"replication":{...}} body; wrong group is SDRS.1611; gone is SDRS.1608', async () => {
    const h = await harness({ seed: 'demo' });
    const rpId = (await done(h, await h.c.post('/replications', { replication: { server_group_id: G, volume_id: SEED_IDS.volume('web-01', 'sys'), name: 'rp' } }))).entities.replication_pair_id;
    expect((await h.c.del(`/replications/${rpId}`, { replication: { server_group_id: 'other' } })).body.error.code).toBe('SDRS.1611');
    const r = await h.c.del(`/replications/${rpId}`, { replication: { server_group_id: G, delete_target_volume: false } });
    expect(r.status).toBe(200);
    expect((await h.c.get(`/replications/${rpId}`)).body.replication.status).toBe('deleting');
    h.advance(3000);
    expect((await h.job(r.body.job_id)).job_type).toBe('deleteReplicationPairNoCG');
    const gone = await h.c.get(`/replications/${rpId}`);
    expect(gone.status).toBe(400);
    expect(gone.body.error.code).toBe('SDRS.1608');
  });

  it('both child listings filter by the production AZ and by query_type=status_abnormal', async () => {
    const h = await harness({ seed: 'demo' });
    for (const path of ['/protected-instances', '/replications']) {
      const all = (await h.c.get(path)).body.count;
      expect(all).toBeGreaterThan(0);
      expect((await h.c.get(`${path}?availability_zone=${LOCAL_AZ}`)).body.count).toBe(all);
      expect((await h.c.get(`${path}?availability_zone=${REMOTE_AZ}`)).body.count).toBe(0);
      expect((await h.c.get(`${path}?query_type=status_abnormal`)).body.count).toBe(0);
    }
    const pi = SEED_IDS.demoInstance('erp-db-01');
    expect((await h.c.admin('PUT', `/instances/${pi}/invalid`)).status).toBeLessThan(300);
    const abnormal = (await h.c.get('/protected-instances?query_type=status_abnormal')).body;
    expect(abnormal.protected_instances.map((p: any) => p.id)).toEqual([pi]);
  });

  it('lists pairs by group ids, name and status, and renames', async () => {
    const h = await harness({ seed: 'demo' });
    expect((await h.c.get(`/replications?server_group_ids=${encodeURIComponent(`['${G}']`)}`)).body.count).toBe(4);
    expect((await h.c.get('/replications?name=sys')).body.count).toBe(2);
    expect((await h.c.get('/replications?status=available')).body.count).toBe(0);
    const id = SEED_IDS.demoReplication('erp-app-01', 'sys');
    expect((await h.c.put(`/replications/${id}`, { replication: { name: 'rp-x' } })).body.replication.name).toBe('rp-x');
  });
});
