/** DR drills in the emulator: the five operations, drill servers in ECS, preconditions, codes, faults, state. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/emulator/index.js';
import { harness, T0 } from './setup.js';
import type { Harness } from './setup.js';

const GROUP = SEED_IDS.demoGroup;
const JOB = 3000;
const BOOT = 1500;

async function createDrill(h: Harness, body: Record<string, unknown> = {}): Promise<{ jobId: string; drillId: string }> {
  const r = await h.c.post('/disaster-recovery-drills', { disaster_recovery_drill: { server_group_id: GROUP, name: 'drill-1', ...body } });
  expect(r.status, r.text).toBe(200);
  const jobId = r.body.job_id as string;
  expect(jobId).toMatch(/^[0-9a-f]{32}$/);
  const job = await h.job(jobId);
  expect(job.job_type).toBe('createDisasterRecoveryDrill');
  return { jobId, drillId: job.entities.disaster_recovery_drill_id };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('DR drills', () => {
  it('create: a drill VPC is made, drill servers appear in ECS (BUILD, then ACTIVE with the production address), the group counts it; production untouched', async () => {
    const h = await harness({ seed: 'demo' });
    const vpcsBefore = (await h.c.get('/vpcs')).body.vpcs.length;
    const prodBefore = (await h.c.get(`/cloudservers/${SEED_IDS.server('erp-app-01')}`)).body.server;
    const groupBefore = (await h.c.get(`/server-groups/${GROUP}`)).body.server_group;
    const { jobId, drillId } = await createDrill(h);
    expect((await h.job(jobId)).entities).toEqual({ server_group_id: GROUP, disaster_recovery_drill_id: drillId });

    const shown = (await h.c.get(`/disaster-recovery-drills/${drillId}`)).body.disaster_recovery_drill;
    expect(Object.keys(shown).sort()).toEqual(['created_at', 'drill_servers', 'drill_vpc_id', 'id', 'name', 'server_group_id', 'status', 'updated_at']);
    expect(shown).toMatchObject({ id: drillId, name: 'drill-1', status: 'creating', server_group_id: GROUP, created_at: '2024-03-01 08:00:00.000' });
    expect(shown.drill_servers).toHaveLength(2);
    expect(shown.drill_servers.map((d: any) => d.protected_instance).sort()).toEqual([SEED_IDS.demoInstance('erp-app-01'), SEED_IDS.demoInstance('erp-db-01')].sort());

    const vpcs = (await h.c.get('/vpcs')).body.vpcs;
    expect(vpcs).toHaveLength(vpcsBefore + 1);
    const drillVpc = vpcs.find((v: any) => v.id === shown.drill_vpc_id);
    expect(drillVpc).toMatchObject({ cidr: '192.168.0.0/16', name: 'vpc-drill-drill-1' });
    const subnets = (await h.c.get(`/subnets?vpc_id=${drillVpc.id}`)).body.subnets;
    expect(subnets).toHaveLength(1);
    expect(subnets[0]).toMatchObject({ vpc_id: drillVpc.id, cidr: '192.168.0.0/24', gateway_ip: '192.168.0.1', status: 'ACTIVE' });

    const appDrill = shown.drill_servers.find((d: any) => d.protected_instance === SEED_IDS.demoInstance('erp-app-01')).drill_server_id;
    let s = (await h.c.get(`/cloudservers/${appDrill}`)).body.server;
    expect(s).toMatchObject({ name: 'erp-app-01', status: 'BUILD', 'OS-EXT-AZ:availability_zone': 'cn-north-4b', metadata: { vpc_id: drillVpc.id } });
    expect(s.addresses[drillVpc.id][0].addr).toBe(prodBefore.addresses[SEED_IDS.vpc][0].addr);
    expect(s['os-extended-volumes:volumes_attached']).toHaveLength(2);
    const listed = (await h.c.get('/cloudservers/detail?limit=100')).body.servers.map((x: any) => x.id);
    expect(listed).toContain(appDrill);
    expect((await h.c.get(`/server-groups/${GROUP}`)).body.server_group.disaster_recovery_drill_num).toBe(1);

    h.advance(JOB);
    expect((await h.job(jobId)).status).toBe('SUCCESS');
    expect((await h.c.get(`/disaster-recovery-drills/${drillId}`)).body.disaster_recovery_drill.status).toBe('available');
    expect((await h.c.get(`/cloudservers/${appDrill}`)).body.server.status).toBe('BUILD');
    h.advance(BOOT);
    s = (await h.c.get(`/cloudservers/${appDrill}`)).body.server;
    expect(s.status).toBe('ACTIVE');

    // Production and the group are untouched.
    const groupAfter = (await h.c.get(`/server-groups/${GROUP}`)).body.server_group;
    expect({ ...groupAfter, disaster_recovery_drill_num: 0 }).toEqual(groupBefore);
    expect((await h.c.get(`/cloudservers/${SEED_IDS.server('erp-app-01')}`)).body.server).toEqual(prodBefore);
  });

  it('list filters, rename, delete (servers and disks go, the VPC and its subnets stay); gone is SDRS.1902', async () => {
    const h = await harness({ seed: 'demo' });
    const { drillId } = await createDrill(h);
    h.advance(JOB + BOOT);
    const all = (await h.c.get('/disaster-recovery-drills')).body;
    expect(all.count).toBe(1);
    expect(all.disaster_recovery_drills[0].id).toBe(drillId);
    const vpcId = all.disaster_recovery_drills[0].drill_vpc_id;
    for (const q of [`server_group_id=${GROUP}`, 'status=available', 'name=DRILL', `drill_vpc_id=${vpcId}`]) {
      expect((await h.c.get(`/disaster-recovery-drills?${q}`)).body.count, q).toBe(1);
    }
    for (const q of ['server_group_id=x', 'status=creating', 'name=zzz', 'drill_vpc_id=x', 'limit=0']) {
      expect((await h.c.get(`/disaster-recovery-drills?${q}`)).body.disaster_recovery_drills, q).toHaveLength(0);
    }
    expect((await h.c.get('/disaster-recovery-drills?limit=1001')).body.error.code).toBe('SDRS.0221');

    const renamed = await h.c.put(`/disaster-recovery-drills/${drillId}`, { disaster_recovery_drill: { name: 'drill-renamed' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.disaster_recovery_drill).toMatchObject({ id: drillId, name: 'drill-renamed' });
    expect((await h.c.put(`/disaster-recovery-drills/${drillId}`, { disaster_recovery_drill: { name: 'bad name!' } })).body.error.code).toBe('SDRS.0202');
    // The admin API can store what the API would refuse (hostile-text tests of the CLI).
    expect((await h.c.admin('PUT', `/records/drills/${drillId}`, { name: 'x\u001b[31my' })).body).toEqual({ id: drillId, name: 'x\u001b[31my' });
    expect((await h.c.get(`/disaster-recovery-drills/${drillId}`)).body.disaster_recovery_drill.name).toBe('x\u001b[31my');

    const servers = (await h.c.get(`/disaster-recovery-drills/${drillId}`)).body.disaster_recovery_drill.drill_servers.map((d: any) => d.drill_server_id);
    const del = await h.c.del(`/disaster-recovery-drills/${drillId}`);
    expect(del.status).toBe(200);
    expect((await h.job(del.body.job_id)).job_type).toBe('deleteDisasterRecoveryDrill');
    expect((await h.job(del.body.job_id)).entities.disaster_recovery_drill_id).toBe(drillId);
    expect((await h.c.get(`/disaster-recovery-drills/${drillId}`)).body.disaster_recovery_drill.status).toBe('deleting');
    const again = await h.c.del(`/disaster-recovery-drills/${drillId}`);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('SDRS.1913');
    h.advance(JOB);
    expect((await h.job(del.body.job_id)).status).toBe('SUCCESS');
    const gone = await h.c.get(`/disaster-recovery-drills/${drillId}`);
    expect(gone.status).toBe(400);
    expect(gone.body.error.code).toBe('SDRS.1902');
    for (const id of servers) expect((await h.c.get(`/cloudservers/${id}`)).status).toBe(404);
    const state = (await h.c.admin('GET', '/state')).body.world;
    expect(Object.values(state.volumes).filter((v: any) => v.role === 'drill')).toHaveLength(0);
    expect(state.vpcs.some((v: any) => v.id === vpcId)).toBe(true);
    expect((await h.c.get(`/subnets?vpc_id=${vpcId}`)).body.subnets).toHaveLength(1);
    expect((await h.c.get(`/server-groups/${GROUP}`)).body.server_group.disaster_recovery_drill_num).toBe(0);
    expect((await h.c.get('/disaster-recovery-drills/not-an-id')).body.error.code).toBe('SDRS.1900');
    expect((await h.c.get('/disaster-recovery-drills/%20')).body.error.code).toBe('SDRS.1901');
  });

  it('preconditions: group status, unknown group, instances, first sync, drill VPC (CIDR, subnets, not the group VPC); nothing is created', async () => {
    const h = await harness({ seed: 'demo' });
    const refuse = async (body: Record<string, unknown>, code: string, text?: string) => {
      const r = await h.c.post('/disaster-recovery-drills', { disaster_recovery_drill: { server_group_id: GROUP, name: 'd', ...body } });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
      if (text) expect(r.body.error.message).toContain(text);
    };
    const other = (await h.c.admin('POST', '/vpcs', { name: 'vpc-other', cidr: '10.0.0.0/16' })).body.vpc.id;
    const bare = (await h.c.admin('POST', '/vpcs', { name: 'vpc-bare', cidr: '192.168.0.0/16', subnets: 0 })).body.vpc.id;
    await refuse({ drill_vpc_id: SEED_IDS.vpc }, 'SDRS.0204', "group's own VPC");
    await refuse({ drill_vpc_id: other }, 'SDRS.0204', 'CIDR 10.0.0.0/16 differs');
    await refuse({ drill_vpc_id: bare }, 'SDRS.0204', 'no subnets');
    await refuse({ drill_vpc_id: 'nope' }, 'SDRS.0204', 'does not exist');
    await refuse({ server_group_id: SEED_IDS.server('web-01') }, 'SDRS.1013');
    await refuse({ name: 'no spaces' }, 'SDRS.0202');
    await h.c.admin('PUT', `/replications/${SEED_IDS.demoReplication('erp-db-01', 'data')}/progress`, { progress: 60 });
    await refuse({}, 'SDRS.1830', '60%');
    await h.c.admin('PUT', `/replications/${SEED_IDS.demoReplication('erp-db-01', 'data')}/progress`, { progress: 100 });
    // stop: stopping is not an allowed status; available is.
    const stop = await h.c.post(`/server-groups/${GROUP}/action`, { 'stop-server-group': {} });
    await refuse({}, 'SDRS.1002', 'stopping');
    h.advance(JOB);
    await h.job(stop.body.job_id);
    const state = (await h.c.admin('GET', '/state')).body.world;
    expect(Object.keys(state.drills)).toHaveLength(0);
    expect(Object.values(state.servers).filter((s: any) => s.role === 'drill')).toHaveLength(0);
    expect(state.vpcs).toHaveLength(4);
    // A given VPC of the right CIDR with subnets is used as is (no VPC created); the group is available.
    const good = (await h.c.admin('POST', '/vpcs', { name: 'vpc-drill', cidr: '192.168.0.0/16' })).body.vpc.id;
    const { drillId } = await createDrill(h, { drill_vpc_id: good });
    expect((await h.c.get(`/disaster-recovery-drills/${drillId}`)).body.disaster_recovery_drill.drill_vpc_id).toBe(good);
    expect((await h.c.get('/vpcs')).body.vpcs).toHaveLength(5);
  });

  it('a group with a drill cannot be deleted (SDRS.1003); period_no_dr_drill follows the last successful drill by the clock', async () => {
    const h = await harness({ seed: 'demo' });
    const overdue = async () => (await h.c.get('/server-groups?query_type=period_no_dr_drill')).body.server_groups.map((g: any) => g.id);
    expect(await overdue()).toEqual([GROUP]);
    await createDrill(h);
    expect(await overdue()).toEqual([GROUP]); // not until the drill was created
    h.advance(JOB + BOOT);
    expect(await overdue()).toEqual([]);
    const stop = await h.c.post(`/server-groups/${GROUP}/action`, { 'stop-server-group': {} });
    h.advance(JOB);
    await h.job(stop.body.job_id);
    const del = await h.c.del(`/server-groups/${GROUP}`);
    expect(del.status).toBe(400);
    expect(del.body.error.code).toBe('SDRS.1003');
    // Three calendar months after the drill (2024-03-01 -> 2024-06-01) the group is overdue again.
    h.clock.set(Date.parse('2024-06-01T08:00:00.000Z'));
    expect(await overdue()).toEqual([]);
    h.clock.set(Date.parse('2024-06-01T08:00:10.000Z'));
    expect(await overdue()).toEqual([GROUP]);
    expect(T0).toBeLessThan(h.clock.now());
  });

  it('fail-next makes the drill job FAIL (SDRS.0402 by default): drill error, servers ERROR, deletable; a failed delete is error-deleting', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.admin('POST', '/fail-next', { job_type: 'createDisasterRecoveryDrill' });
    const { jobId, drillId } = await createDrill(h);
    h.advance(JOB + BOOT);
    const job = await h.job(jobId);
    expect(job).toMatchObject({ status: 'FAIL', error_code: 'SDRS.0402' });
    const d = (await h.c.get(`/disaster-recovery-drills/${drillId}`)).body.disaster_recovery_drill;
    expect(d.status).toBe('error');
    for (const x of d.drill_servers) expect((await h.c.get(`/cloudservers/${x.drill_server_id}`)).body.server.status).toBe('ERROR');
    expect(await (async () => (await h.c.get('/server-groups?query_type=period_no_dr_drill')).body.count)()).toBe(1);

    await h.c.admin('POST', '/fail-next', { job_type: 'deleteDisasterRecoveryDrill', error_code: 'SDRS.1913' });
    const del = await h.c.del(`/disaster-recovery-drills/${drillId}`);
    h.advance(JOB);
    expect((await h.job(del.body.job_id)).error_code).toBe('SDRS.1913');
    expect((await h.c.get(`/disaster-recovery-drills/${drillId}`)).body.disaster_recovery_drill.status).toBe('error-deleting');
    const retry = await h.c.del(`/disaster-recovery-drills/${drillId}`);
    expect(retry.status).toBe(200);
    h.advance(JOB);
    expect((await h.c.get(`/disaster-recovery-drills/${drillId}`)).body.error.code).toBe('SDRS.1902');
  });

  it('--state keeps drills, drill servers mid-boot and the drill VPC across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdrs-drill-'));
    dirs.push(dir);
    const statePath = join(dir, 'state.json');
    const h = await harness({ seed: 'demo', statePath });
    const { jobId, drillId } = await createDrill(h);
    const before = (await h.c.get(`/disaster-recovery-drills/${drillId}`)).body.disaster_recovery_drill;
    await h.emu.stop();
    const h2 = await harness({ statePath });
    h2.clock.set(h.clock.now());
    expect((await h2.c.get(`/disaster-recovery-drills/${drillId}`)).body.disaster_recovery_drill).toEqual(before);
    h2.advance(JOB);
    expect((await h2.job(jobId)).status).toBe('SUCCESS');
    const server = before.drill_servers[0].drill_server_id;
    expect((await h2.c.get(`/cloudservers/${server}`)).body.server.status).toBe('BUILD');
    h2.advance(BOOT);
    expect((await h2.c.get(`/cloudservers/${server}`)).body.server.status).toBe('ACTIVE');
    expect((await h2.c.get(`/subnets?vpc_id=${before.drill_vpc_id}`)).body.subnets).toHaveLength(1);
  });

  it('a state file saved before drills existed loads: its VPCs get one subnet each, and there are no drills', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdrs-drill-'));
    dirs.push(dir);
    const statePath = join(dir, 'old.json');
    const h = await harness({ seed: 'demo', statePath });
    await h.emu.stop();
    const old = JSON.parse(readFileSync(statePath, 'utf8'));
    delete old.subnets;
    delete old.drills;
    writeFileSync(statePath, JSON.stringify(old));
    const h2 = await harness({ statePath });
    expect((await h2.c.get(`/subnets?vpc_id=${SEED_IDS.vpc}`)).body.subnets).toHaveLength(1);
    expect((await h2.c.get('/disaster-recovery-drills')).body).toEqual({ disaster_recovery_drills: [], count: 0 });
    await createDrill(h2);
    writeFileSync(statePath.replace('old', 'bad'), JSON.stringify({ ...old, drills: [] }));
    await expect(harness({ statePath: statePath.replace('old', 'bad') })).rejects.toThrow(/"drills" is a array, not an object|"drills" is an? array/);
  });

  it('drill servers and their disks cannot be protected or paired', async () => {
    const h = await harness({ seed: 'demo' });
    const { drillId } = await createDrill(h);
    h.advance(JOB + BOOT);
    const drill = (await h.c.get(`/disaster-recovery-drills/${drillId}`)).body.disaster_recovery_drill;
    const server = drill.drill_servers[0].drill_server_id;
    const vol = (await h.c.get(`/cloudservers/${server}`)).body.server['os-extended-volumes:volumes_attached'][0].id;
    const other = await h.c.post('/server-groups', { server_group: { name: 'g2', source_availability_zone: 'cn-north-4b', target_availability_zone: 'cn-north-4a', domain_id: SEED_IDS.domain, source_vpc_id: drill.drill_vpc_id } });
    h.advance(JOB);
    const g2 = (await h.job(other.body.job_id)).entities.server_group_id;
    const pi = await h.c.post('/protected-instances', { protected_instance: { server_group_id: g2, server_id: server, name: 'x' } });
    expect(pi.body.error.code).toBe('SDRS.1305');
    expect(pi.body.error.message).toContain('drill server');
    const rp = await h.c.post('/replications', { replication: { server_group_id: g2, volume_id: vol, name: 'x' } });
    expect(rp.body.error.code).toBe('SDRS.1804');
  });

  it('drillServerBoot sets how long drill servers boot after the job; 0 makes them ACTIVE when it ends', async () => {
    const h = await harness({ seed: 'demo', jobDurationMs: { default: JOB, drillServerBoot: 0 } });
    const { drillId } = await createDrill(h);
    h.advance(JOB);
    const d = (await h.c.get(`/disaster-recovery-drills/${drillId}`)).body.disaster_recovery_drill;
    for (const x of d.drill_servers) expect((await h.c.get(`/cloudservers/${x.drill_server_id}`)).body.server.status).toBe('ACTIVE');
    await h.c.admin('PUT', '/config', { job_duration: '3s,drillServerBoot=10s' });
    const second = await createDrill(h, { name: 'drill-2' });
    h.advance(JOB + 9000);
    const s2 = (await h.c.get(`/disaster-recovery-drills/${second.drillId}`)).body.disaster_recovery_drill.drill_servers[0].drill_server_id;
    expect((await h.c.get(`/cloudservers/${s2}`)).body.server.status).toBe('BUILD');
    h.advance(1000);
    expect((await h.c.get(`/cloudservers/${s2}`)).body.server.status).toBe('ACTIVE');
  });
});
