import { describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/emulator/index.js';
import { harness } from './setup.js';
import type { Harness } from './setup.js';

const G = SEED_IDS.demoGroup;
const PROD = ['erp-app-01', 'erp-db-01'].map((n) => SEED_IDS.server(n));
const DR = ['erp-app-01', 'erp-db-01'].map((n) => SEED_IDS.drServer(n));

const act = (h: Harness, body: unknown) => h.c.post(`/server-groups/${G}/action`, body);
const group = async (h: Harness) => (await h.c.get(`/server-groups/${G}`)).body.server_group;
const children = async (h: Harness) => {
  const pis = (await h.c.get(`/protected-instances?server_group_id=${G}`)).body.protected_instances;
  const rps = (await h.c.get(`/replications?server_group_id=${G}`)).body.replications;
  return [...pis, ...rps] as { status: string; priority_station: string }[];
};
async function power(h: Harness, ids: string[], action: 'os-start' | 'os-stop') {
  const r = await h.c.post('/cloudservers/action', { [action]: { servers: ids.map((id) => ({ id })), type: 'SOFT' } });
  expect(r.status).toBe(200);
  h.advance(3000);
  expect((await h.job(r.body.job_id)).status).toBe('SUCCESS');
}
async function run(h: Harness, body: unknown): Promise<any> {
  const r = await act(h, body);
  expect(r.status, r.text).toBe(200);
  h.advance(3000);
  return h.job(r.body.job_id);
}
const REVERSE_T = { 'reverse-server-group': { priority_station: 'target' } };
const REVERSE_S = { 'reverse-server-group': { priority_station: 'source' } };

describe('reverse (planned failover)', () => {
  it('is refused with SDRS.1316 while servers at the production site run, and nothing changes', async () => {
    const h = await harness({ seed: 'demo' });
    const r = await act(h, REVERSE_T);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('SDRS.1316');
    expect(r.body.error.message).toContain(PROD[0]);
    expect(await group(h)).toMatchObject({ status: 'protected', priority_station: 'source' });
    expect(Object.keys(h.emu.world.jobs)).toHaveLength(0);
  });

  it('shows reversing on the group and children from acceptance, then protected on the target side', async () => {
    const h = await harness({ seed: 'demo' });
    await power(h, PROD, 'os-stop');
    const r = await act(h, REVERSE_T);
    expect(r.status).toBe(200);
    expect((await group(h)).status).toBe('reversing');
    expect((await children(h)).map((c) => c.status)).toEqual(Array(6).fill('reversing'));
    const running = await h.job(r.body.job_id);
    expect(running).toMatchObject({ status: 'INIT', job_type: 'reverseProtectionGroupNoCG' });
    expect(running.entities.server_group_id).toBe(G);
    expect(running.entities.sub_jobs).toHaveLength(4);
    expect(running.entities.sub_jobs[0]).toMatchObject({ status: 'INIT', job_type: 'reverseProtectionGroupRepNoCG' });
    expect(running.entities.sub_jobs[0].entities.replication_pair_id).toBeTruthy();
    h.advance(2999);
    expect((await group(h)).status).toBe('reversing');
    h.advance(1);
    expect((await h.job(r.body.job_id)).status).toBe('SUCCESS');
    expect(await group(h)).toMatchObject({ status: 'protected', priority_station: 'target' });
    const kids = await children(h);
    expect(kids.every((c) => c.status === 'protected' && c.priority_station === 'target')).toBe(true);
    // source_server/target_server keep their creation-time meaning.
    const pi = (await h.c.get(`/protected-instances/${SEED_IDS.demoInstance('erp-app-01')}`)).body.protected_instance;
    expect(pi).toMatchObject({ source_server: PROD[0], target_server: DR[0] });
  });

  it('refuses a reverse to the side that is already production (SDRS.1022)', async () => {
    const h = await harness({ seed: 'demo' });
    await power(h, PROD, 'os-stop');
    const r = await act(h, REVERSE_S);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('SDRS.1022');
  });

  it('checks the *current* production site: after a reverse to target, the DR servers must be stopped', async () => {
    const h = await harness({ seed: 'demo' });
    await power(h, PROD, 'os-stop');
    await run(h, REVERSE_T);
    await power(h, PROD, 'os-start'); // the old production servers no longer matter
    await power(h, [DR[1]], 'os-start');
    const refused = await act(h, REVERSE_S);
    expect(refused.body.error.code).toBe('SDRS.1316');
    expect(refused.body.error.message).toContain(DR[1]);
    await power(h, [DR[1]], 'os-stop');
    expect((await run(h, REVERSE_S)).status).toBe('SUCCESS');
    expect((await group(h)).priority_station).toBe('source');
  });

  it('refuses a reverse from a status other than protected/error-reversing (SDRS.1022)', async () => {
    const h = await harness({ seed: 'demo' });
    await run(h, { 'stop-server-group': {} });
    expect((await group(h)).status).toBe('available');
    await power(h, PROD, 'os-stop');
    expect((await act(h, REVERSE_T)).body.error.code).toBe('SDRS.1022');
  });

  it('a failed reverse ends error-reversing (group and children), keeps the side, and carries the code in a sub-job', async () => {
    const h = await harness({ seed: 'demo' });
    await power(h, PROD, 'os-stop');
    await h.c.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: 'array busy' });
    const job = await run(h, REVERSE_T);
    expect(job).toMatchObject({ status: 'FAIL', error_code: 'SDRS.1029', fail_reason: 'array busy' });
    const failed = job.entities.sub_jobs.filter((s: any) => s.status === 'FAIL');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ error_code: 'SDRS.1029', fail_reason: 'array busy' });
    expect(await group(h)).toMatchObject({ status: 'error-reversing', priority_station: 'source' });
    expect((await children(h)).every((c) => c.status === 'error-reversing')).toBe(true);
    // Retry from error-reversing is allowed and succeeds.
    expect((await run(h, REVERSE_T)).status).toBe('SUCCESS');
    expect(await group(h)).toMatchObject({ status: 'protected', priority_station: 'target' });
  });

  it('fails the job (SDRS.1029) when an instance is invalid', async () => {
    const h = await harness({ seed: 'demo' });
    await power(h, PROD, 'os-stop');
    const inv = await h.c.admin('PUT', `/instances/${SEED_IDS.demoInstance('erp-db-01')}/invalid`, {});
    expect(inv.body.protected_instance.status).toBe('invalid');
    expect((await h.c.get(`/cloudservers/${DR[1]}`)).status).toBe(404);
    const job = await run(h, REVERSE_T);
    expect(job).toMatchObject({ status: 'FAIL', error_code: 'SDRS.1029' });
    expect(job.fail_reason).toContain(SEED_IDS.demoInstance('erp-db-01'));
    expect((await group(h)).status).toBe('error-reversing');
    // The invalid instance keeps its out-of-band status.
    expect((await h.c.get(`/protected-instances/${SEED_IDS.demoInstance('erp-db-01')}`)).body.protected_instance.status).toBe('invalid');
  });

  it('needs replication pairs (SDRS.1029)', async () => {
    const h = await harness({ seed: 'demo' });
    await power(h, PROD, 'os-stop');
    for (const rp of Object.values(h.emu.world.replications)) {
      const pi = rp.attachment[0].protected_instance;
      const d = await h.c.del(`/protected-instances/${pi}/detachreplication/${rp.id}`);
      expect(d.status).toBe(200);
      h.advance(3000);
      expect((await h.c.del(`/replications/${rp.id}`, { replication: { server_group_id: G, delete_target_volume: true } })).status).toBe(200);
      h.advance(3000);
    }
    expect((await group(h)).replication_num).toBe(0);
    expect((await act(h, REVERSE_T)).body.error.code).toBe('SDRS.1029');
  });

  it('validates priority_station (SDRS.0201)', async () => {
    const h = await harness({ seed: 'demo' });
    expect((await act(h, { 'reverse-server-group': { priority_station: 'north' } })).body.error.code).toBe('SDRS.0201');
    expect((await act(h, { 'reverse-server-group': {} })).body.error.code).toBe('SDRS.0201');
  });
});

describe('failover and re-protect', () => {
  it('failover: failing-over -> failed-over, priority_station flips, no server precondition', async () => {
    const h = await harness({ seed: 'demo' });
    const r = await act(h, { 'failover-server-group': {} });
    expect(r.status).toBe(200);
    expect((await group(h)).status).toBe('failing-over');
    expect((await h.job(r.body.job_id)).job_type).toBe('failoverProtectionGroupNoCG');
    h.advance(3000);
    expect(await group(h)).toMatchObject({ status: 'failed-over', priority_station: 'target' });
    const kids = await children(h);
    expect(kids.every((c) => c.status === 'failed-over' && c.priority_station === 'target')).toBe(true);
    const rp = (await h.c.get(`/replications?server_group_id=${G}`)).body.replications[0];
    expect(rp.replication_status).toBe('active-stopped');
  });

  it('failover failure -> error-failing-over; failover again allowed; failover from available refused (SDRS.1021)', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.admin('POST', '/fail-next', { job_type: 'failoverProtectionGroupNoCG' });
    const j = await run(h, { 'failover-server-group': {} });
    expect(j).toMatchObject({ status: 'FAIL', error_code: 'SDRS.1030' });
    expect(await group(h)).toMatchObject({ status: 'error-failing-over', priority_station: 'source' });
    expect((await run(h, { 'failover-server-group': {} })).status).toBe('SUCCESS');
    const h2 = await harness({ seed: 'demo' });
    await run(h2, { 'stop-server-group': {} });
    expect((await act(h2, { 'failover-server-group': {} })).body.error.code).toBe('SDRS.1021');
  });

  it('start from failed-over is re-protect: reprotecting -> protected, side kept; needs the production servers stopped', async () => {
    const h = await harness({ seed: 'demo' });
    await run(h, { 'failover-server-group': {} });
    await power(h, [DR[0]], 'os-start');
    expect((await act(h, { 'start-server-group': {} })).body.error.code).toBe('SDRS.1316');
    await power(h, [DR[0]], 'os-stop');
    const r = await act(h, { 'start-server-group': null });
    expect(r.status).toBe(200);
    expect((await group(h)).status).toBe('reprotecting');
    expect((await h.job(r.body.job_id)).job_type).toBe('reprotectProtectionGroupNoCG');
    h.advance(3000);
    expect(await group(h)).toMatchObject({ status: 'protected', priority_station: 'target' });
  });

  it('a failed re-protect ends error-reprotecting and can be retried', async () => {
    const h = await harness({ seed: 'demo' });
    await run(h, { 'failover-server-group': {} });
    await h.c.admin('POST', '/fail-next', { job_type: 'reprotectProtectionGroupNoCG', error_code: 'SDRS.1032' });
    expect((await run(h, { 'start-server-group': {} })).error_code).toBe('SDRS.1032');
    expect((await group(h)).status).toBe('error-reprotecting');
    expect((await run(h, { 'start-server-group': {} })).job_type).toBe('reprotectProtectionGroupNoCG');
    expect((await group(h)).status).toBe('protected');
  });
});

describe('start and stop', () => {
  it('stop: stopping -> available; failure error-stopping; stop from available refused (SDRS.1019)', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.admin('POST', '/fail-next', { job_type: 'stopProtectionGroupNoCG' });
    const r = await act(h, { 'stop-server-group': {} });
    expect((await group(h)).status).toBe('stopping');
    h.advance(3000);
    const j = await h.job(r.body.job_id);
    expect(j).toMatchObject({ status: 'FAIL', error_code: 'SDRS.1028' });
    expect(j.entities.sub_jobs[0]).toMatchObject({ job_type: 'stopProtectionGroupRepNoCG', status: 'FAIL', error_code: 'SDRS.1028' });
    expect((await group(h)).status).toBe('error-stopping');
    expect((await run(h, { 'stop-server-group': {} })).status).toBe('SUCCESS');
    expect((await group(h)).status).toBe('available');
    expect((await children(h)).every((c) => c.status === 'available')).toBe(true);
    expect((await act(h, { 'stop-server-group': {} })).body.error.code).toBe('SDRS.1019');
  });

  it('start: starting -> protected; failure error-starting; start from protected refused (SDRS.1018)', async () => {
    const h = await harness({ seed: 'demo' });
    expect((await act(h, { 'start-server-group': {} })).body.error.code).toBe('SDRS.1018');
    await run(h, { 'stop-server-group': {} });
    await h.c.admin('POST', '/fail-next', { job_type: 'startProtectionGroupNoCG' });
    expect((await run(h, { 'start-server-group': {} })).error_code).toBe('SDRS.1027');
    expect((await group(h)).status).toBe('error-starting');
    const r = await act(h, { 'start-server-group': {} });
    expect((await group(h)).status).toBe('starting');
    expect((await h.job(r.body.job_id)).job_type).toBe('startProtectionGroupNoCG');
    h.advance(3000);
    expect((await group(h)).status).toBe('protected');
  });

  it('start needs a replication pair (SDRS.1027)', async () => {
    const h = await harness();
    const c = await h.c.post('/server-groups', {
      server_group: { name: 'empty', source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc },
    });
    h.advance(3000);
    const id = (await h.job(c.body.job_id)).entities.server_group_id;
    const r = await h.c.post(`/server-groups/${id}/action`, { 'start-server-group': {} });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('SDRS.1027');
  });

  it('refuses actions while another one is in flight', async () => {
    const h = await harness({ seed: 'demo' });
    expect((await act(h, { 'stop-server-group': {} })).status).toBe(200);
    expect((await act(h, { 'stop-server-group': {} })).body.error.code).toBe('SDRS.1019');
    expect((await act(h, { 'failover-server-group': {} })).body.error.code).toBe('SDRS.1021');
  });
});

describe('action body', () => {
  it('accepts {} and null values', async () => {
    const h = await harness({ seed: 'demo' });
    expect((await act(h, { 'stop-server-group': null })).status).toBe(200);
    h.advance(3000);
    expect((await act(h, { 'start-server-group': {} })).status).toBe(200);
  });

  it.each([
    [{ 'explode-server-group': {} }],
    [{}],
    [{ 'stop-server-group': {}, 'start-server-group': {} }],
  ])('rejects %j with SDRS.0206', async (body) => {
    const h = await harness({ seed: 'demo' });
    const r = await act(h, body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('SDRS.0206');
  });
});

it('every one of the 17 documented group statuses is reachable', async () => {
  const h = await harness({ seed: 'demo' });
  const seen = new Set<string>();
  const look = async (id = G) => {
    const r = await h.c.get(`/server-groups/${id}`);
    if (r.status === 200) seen.add(r.body.server_group.status);
  };
  const step = async (body: unknown, fail?: string) => {
    if (fail) await h.c.admin('POST', '/fail-next', { job_type: fail });
    const r = await act(h, body);
    expect(r.status, r.text).toBe(200);
    await look();
    h.advance(3000);
    await look();
  };
  await look();
  await step({ 'stop-server-group': {} }, 'stopProtectionGroupNoCG');
  await step({ 'stop-server-group': {} });
  await step({ 'start-server-group': {} }, 'startProtectionGroupNoCG');
  await step({ 'start-server-group': {} });
  await power(h, PROD, 'os-stop');
  await step(REVERSE_T, 'reverseProtectionGroupNoCG');
  await step(REVERSE_T);
  await step({ 'failover-server-group': {} }, 'failoverProtectionGroupNoCG');
  await step({ 'failover-server-group': {} });
  await step({ 'start-server-group': {} }, 'reprotectProtectionGroupNoCG');
  await step({ 'start-server-group': {} });
  // creating / error / deleting / error-deleting on a new group.
  await h.c.admin('POST', '/fail-next', { job_type: 'createProtectionGroupNoCG' });
  const body = { server_group: { name: 'g2', source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc } };
  const c = await h.c.post('/server-groups', body);
  const id = (await h.job(c.body.job_id)).entities.server_group_id;
  await look(id);
  h.advance(3000);
  await look(id);
  await h.c.admin('POST', '/fail-next', { job_type: 'deleteProtectionGroupNoCG' });
  expect((await h.c.del(`/server-groups/${id}`)).status).toBe(200);
  await look(id);
  h.advance(3000);
  await look(id);
  expect([...seen].sort()).toEqual(
    [
      'creating', 'available', 'protected', 'deleting', 'error-deleting', 'error', 'starting', 'error-starting',
      'reprotecting', 'error-reprotecting', 'stopping', 'error-stopping', 'reversing', 'error-reversing',
      'failing-over', 'failed-over', 'error-failing-over',
    ].sort(),
  );
});
