/** The admin hook for a pair's fault_level, and the failover it forbids (reference 3.3). */
import { describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/emulator/index.js';
import { harness } from './setup.js';

const PAIR = SEED_IDS.demoReplication('erp-app-01', 'data');

describe('PUT /__emulator/replications/{id}/fault', () => {
  it('sets fault_level "0", "2" or "5"; the pair shows it; anything else is 400, an unknown pair 404', async () => {
    const h = await harness({ seed: 'demo' });
    const r = await h.c.admin('PUT', `/replications/${PAIR}/fault`, { fault_level: '2' });
    expect(r.status).toBe(200);
    expect(r.body.replication).toMatchObject({ id: PAIR, fault_level: '2' });
    expect((await h.c.get(`/replications/${PAIR}`)).body.replication.fault_level).toBe('2');
    expect((await h.c.admin('PUT', `/replications/${PAIR}/fault`, { fault_level: 5 })).body.replication.fault_level).toBe('5');
    expect((await h.c.admin('PUT', `/replications/${PAIR}/fault`, { fault_level: '3' })).status).toBe(400);
    expect((await h.c.admin('PUT', `/replications/${PAIR}/fault`, {})).status).toBe(400);
    expect((await h.c.admin('PUT', '/replications/nope/fault', { fault_level: '0' })).status).toBe(404);
  });

  it('a pair at fault_level 5 makes a failover 400 SDRS.1030 naming it; level 2 does not', async () => {
    const h = await harness({ seed: 'demo' });
    await h.c.admin('PUT', `/replications/${PAIR}/fault`, { fault_level: '5' });
    const refused = await h.c.post(`/server-groups/${SEED_IDS.demoGroup}/action`, { 'failover-server-group': {} });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('SDRS.1030');
    expect(refused.body.error.message).toContain(PAIR);
    expect((await h.c.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group.status).toBe('protected');
    await h.c.admin('PUT', `/replications/${PAIR}/fault`, { fault_level: '2' });
    const accepted = await h.c.post(`/server-groups/${SEED_IDS.demoGroup}/action`, { 'failover-server-group': {} });
    expect(accepted.status).toBe(200);
    h.advance(5000);
    expect((await h.job(accepted.body.job_id)).status).toBe('SUCCESS');
  });
});
