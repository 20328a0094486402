/**
 * The drill functions of the API module against a bare stub: the exact requests (paths,
 * wrapper keys, query) as the official SDK models them, and answers the commands would trip
 * over (a malformed drill server id, a job entity that is not an id) as bad responses (exit 7).
 */
import { describe, expect, it } from 'vitest';
import { makeClient } from '../api/helpers.js';
import { PROJECT, useStubs } from '../api/stub-server.js';
import { drillServers } from '../../src/commands/drill/common.js';
import type { SdrsApi } from '../../src/api/client.js';
import type { DisasterRecoveryDrill, Server } from '../../src/api/types.js';

const stub = useStubs();
const DRILL = '11111111-2222-4333-8444-555555555555';
const GROUP = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const drill = (over: Record<string, unknown> = {}) => ({
  id: DRILL, name: 'q4', status: 'available', drill_vpc_id: 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff', server_group_id: GROUP,
  created_at: '2026-11-30 12:00:00.000', updated_at: '2026-11-30 12:00:00.000',
  drill_servers: [{ protected_instance: '12345678-1234-4234-8234-123456789012', drill_server_id: '87654321-4321-4321-8321-210987654321' }], ...over,
});

describe('drill requests', () => {
  it('create, rename, delete, list and show send what the SDK models', async () => {
    const s = await stub((seen) => {
      if (seen.method === 'GET' && seen.url.includes('/disaster-recovery-drills?')) return { status: 200, body: { disaster_recovery_drills: [drill()], count: 1 } };
      if (seen.method === 'GET') return { status: 200, body: { disaster_recovery_drill: drill() } };
      if (seen.method === 'PUT') return { status: 200, body: { disaster_recovery_drill: drill({ name: 'q5' }) } };
      return { status: 200, body: { job_id: '0123456789abcdef0123456789abcdef' } };
    });
    const { api } = makeClient(s.url);
    await api.createDrill({ server_group_id: GROUP, name: 'q4' });
    await api.createDrill({ server_group_id: GROUP, name: 'q4', drill_vpc_id: 'vpc-1' });
    expect((await api.renameDrill(DRILL, 'q5')).name).toBe('q5');
    await api.deleteDrill(DRILL);
    expect(await api.listAllDrills({ server_group_id: GROUP, status: 'available' })).toHaveLength(1);
    expect((await api.getDrill(DRILL)).drill_servers).toHaveLength(1);
    const base = `/v1/${PROJECT}/disaster-recovery-drills`;
    expect(s.seen.map((x) => `${x.method} ${x.url}`)).toEqual([
      `POST ${base}`, `POST ${base}`, `PUT ${base}/${DRILL}`, `DELETE ${base}/${DRILL}`,
      `GET ${base}?server_group_id=${GROUP}&status=available&limit=100&offset=0`, `GET ${base}/${DRILL}`,
    ]);
    expect(JSON.parse(s.seen[0].body)).toEqual({ disaster_recovery_drill: { server_group_id: GROUP, name: 'q4' } });
    expect(JSON.parse(s.seen[1].body)).toEqual({ disaster_recovery_drill: { server_group_id: GROUP, name: 'q4', drill_vpc_id: 'vpc-1' } });
    expect(JSON.parse(s.seen[2].body)).toEqual({ disaster_recovery_drill: { name: 'q5' } });
    expect(s.seen[3].body).toBe('');
    expect(s.seen.every((x) => x.signatureOk)).toBe(true);
  });

  it('subnets of a VPC: GET /v1/{project_id}/subnets?vpc_id=', async () => {
    const s = await stub([{ status: 200, body: { subnets: [{ id: 'dddddddd-cccc-4ddd-8eee-ffffffffffff', name: 's1', cidr: '192.168.0.0/24', vpc_id: 'vpc-1' }] } }]);
    expect(await makeClient(s.url).api.listSubnets('vpc-1')).toHaveLength(1);
    expect(s.seen[0].url).toBe(`/v1/${PROJECT}/subnets?vpc_id=vpc-1`);
  });
});

describe('drill answers the commands would trip over are bad responses (exit 7)', () => {
  it('a drill server id that is not an id', async () => {
    const s = await stub([{ status: 200, body: { disaster_recovery_drill: drill({ drill_servers: [{ protected_instance: 'x', drill_server_id: '../../etc' }] }) } }]);
    const err = await makeClient(s.url).api.getDrill(DRILL).catch((e) => e);
    expect(err).toMatchObject({ code: 'BAD_RESPONSE', exitCode: 7 });
    expect(err.message).toMatch(/drill_servers\.drill_server_id/);
  });

  it('drill_servers that is not a list, in a listing', async () => {
    const s = await stub([{ status: 200, body: { disaster_recovery_drills: [drill({ drill_servers: 'none' })], count: 1 } }]);
    const err = await makeClient(s.url).api.listAllDrills().catch((e) => e);
    expect(err).toMatchObject({ code: 'BAD_RESPONSE', exitCode: 7 });
  });

  it("a job's disaster_recovery_drill_id that is not an id", async () => {
    const s = await stub([{ status: 200, body: { job_id: '0123456789abcdef0123456789abcdef', status: 'SUCCESS', job_type: 'createDisasterRecoveryDrill', entities: { disaster_recovery_drill_id: 'a b' } } }]);
    const err = await makeClient(s.url).api.getJob('0123456789abcdef0123456789abcdef').catch((e) => e);
    expect(err).toMatchObject({ code: 'BAD_RESPONSE', exitCode: 7 });
    expect(err.message).toMatch(/disaster_recovery_drill_id/);
  });

  it('a rename answered without the drill is an unknown outcome, not a success', async () => {
    const s = await stub([{ status: 200, body: { ok: true } }]);
    const err = await makeClient(s.url).api.renameDrill(DRILL, 'q5').catch((e) => e);
    expect(err).toMatchObject({ code: 'OUTCOME_UNKNOWN', exitCode: 7 });
  });
});

describe('reading the drill servers', () => {
  const server = (id: string): Server => ({ id, name: `vm-${id}`, status: 'ACTIVE', 'OS-EXT-AZ:availability_zone': 'az-b', metadata: {}, addresses: { v: [{ version: '4', addr: `10.0.0.${id}` }] } });
  const fake = () => {
    const calls = { get: 0, list: 0 };
    const api = {
      getServer: async (id: string) => {
        calls.get++;
        return server(id);
      },
      listServersWithin: async () => {
        calls.list++;
        return Array.from({ length: 30 }, (_, i) => server(String(i)));
      },
    } as unknown as SdrsApi;
    return { api, calls };
  };
  const drillOf = (n: number, missing = false) => ({ drill_servers: Array.from({ length: n }, (_, i) => ({ protected_instance: `pi-${i}`, drill_server_id: missing && i === 0 ? 'gone' : String(i) })) }) as unknown as DisasterRecoveryDrill;

  it('a few: one read each, with names, status and addresses', async () => {
    const { api, calls } = fake();
    const v = await drillServers(api, drillOf(3));
    expect(calls).toEqual({ get: 3, list: 0 });
    expect(v[2]).toEqual({ protected_instance: 'pi-2', drill_server_id: '2', name: 'vm-2', status: 'ACTIVE', addresses: ['10.0.0.2'] });
  });

  it('many: one listing instead of a read each; one not listed is NOT_FOUND', async () => {
    const { api, calls } = fake();
    const v = await drillServers(api, drillOf(25, true));
    expect(calls).toEqual({ get: 0, list: 1 });
    expect(v[0]).toMatchObject({ drill_server_id: 'gone', name: null, status: 'NOT_FOUND', addresses: [] });
    expect(v[24]).toMatchObject({ name: 'vm-24', status: 'ACTIVE' });
  });
});
