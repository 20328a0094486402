/** The frugal reads of the multi-group reverse, against the real emulator over loopback. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type SdrsApi } from '../../src/api/client.js';
import { batchGroupReads, chunks, prefetchChildren } from '../../src/commands/group/bulk-reads.js';
import { ApiError } from '../../src/errors.js';
import { SEED_IDS } from '../../src/emulator/index.js';
import { makeProtectedGroup, startWorld, type TestWorld } from '../helpers/cli-env.js';

let w: TestWorld;
let api: SdrsApi;
const groupIds: string[] = [];
const GROUPS = 33; // more than one `server_group_ids` run (30)

beforeAll(async () => {
  w = await startWorld({ seed: 'empty', jobDurationMs: 10 });
  const seeded = await w.client.admin('POST', '/groups', { name: 'bulk', count: GROUPS });
  expect(seeded.status).toBe(201);
  groupIds.push(...seeded.body.server_groups.map((g: { id: string }) => g.id));
  // One group with two instances, so per-group lists are not all alike.
  groupIds.push(await makeProtectedGroup(w.client, 'bulk-extra', { domain: SEED_IDS.domain, vpc: SEED_IDS.vpc }));
  api = createApiClient({
    endpoints: { sdrs: w.emu.url, ecs: w.emu.url, vpc: w.emu.url, iam: w.emu.url },
    projectId: w.emu.projectId,
    credentials: async () => ({ kind: 'aksk', ak: w.emu.ak, sk: w.emu.sk }),
  });
}, 60_000);
afterAll(async () => {
  await w.stop();
});

const routeCount = async (route: string) => (await w.counters()).routes[route] ?? 0;
const reset = () => w.client.admin('DELETE', '/counters');
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('chunks', () => {
  it('splits into runs of at most n, keeping order', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 30)).toEqual([]);
  });
});

describe('prefetchChildren', () => {
  it('answers every per-group listing exactly as the service does, from ceil(n/30) listings of each kind', async () => {
    const direct = await Promise.all(groupIds.map(async (id) => ({
      instances: await api.listAllInstances({ server_group_id: id }),
      pairs: await api.listAllReplications({ server_group_id: id }),
    })));
    await reset();
    const view = await prefetchChildren(api, groupIds);
    expect(await routeCount('GET /v1/{project_id}/protected-instances')).toBe(Math.ceil(groupIds.length / 30));
    expect(await routeCount('GET /v1/{project_id}/replications')).toBe(Math.ceil(groupIds.length / 30));
    for (const [i, id] of groupIds.entries()) {
      expect(await view.listAllInstances({ server_group_id: id })).toEqual(direct[i].instances);
      expect(await view.listAllReplications({ server_group_id: id })).toEqual(direct[i].pairs);
    }
    expect(direct.some((d) => d.instances.length > 0 && d.pairs.length > 0)).toBe(true);
    // No further listing was needed for those.
    expect(await routeCount('GET /v1/{project_id}/protected-instances')).toBe(Math.ceil(groupIds.length / 30));
  });

  it('sends any other query to the service', async () => {
    const view = await prefetchChildren(api, groupIds.slice(0, 2));
    await reset();
    await view.listAllInstances({ server_group_id: groupIds[5] }); // not prefetched
    await view.listAllInstances({ server_group_id: groupIds[0], status: 'protected' }); // another filter
    await view.listAllReplications();
    expect(await routeCount('GET /v1/{project_id}/protected-instances')).toBe(2);
    expect(await routeCount('GET /v1/{project_id}/replications')).toBe(1);
  });

  it('sends server_group_ids as a list the service honours', async () => {
    const two = await api.listAllInstances({ server_group_ids: groupIds.slice(0, 2) });
    expect(new Set(two.map((i) => i.server_group_id))).toEqual(new Set(groupIds.slice(0, 2)));
  });
});

describe('batchGroupReads', () => {
  it('answers reads asked for within the window with one listing, as fresh as a read of their own', async () => {
    const read = batchGroupReads(api, { windowMs: 50, knownGroups: groupIds.length, sleep: realSleep });
    await reset();
    const got = await Promise.all(groupIds.map((id) => read(id)));
    expect(got.map((g) => g.id)).toEqual(groupIds);
    expect(await routeCount('GET /v1/{project_id}/server-groups')).toBe(1);
    expect(await routeCount('GET /v1/{project_id}/server-groups/{server_group_id}')).toBe(0);
    // A change made after the first batch is seen by the next one.
    await w.client.put(`/server-groups/${groupIds[0]}`, { server_group: { name: 'bulk-renamed' } });
    const [again] = await Promise.all([read(groupIds[0]), read(groupIds[1])]);
    expect(again.name).toBe('bulk-renamed');
    expect(await routeCount('GET /v1/{project_id}/server-groups')).toBe(2);
  });

  it('reads each group on its own when a listing would cost more requests', async () => {
    // 250 groups in the project: a listing is 3 pages, so two reads are cheaper.
    const read = batchGroupReads(api, { windowMs: 20, knownGroups: 250, sleep: realSleep });
    await reset();
    await Promise.all([read(groupIds[0]), read(groupIds[1])]);
    expect(await routeCount('GET /v1/{project_id}/server-groups')).toBe(0);
    expect(await routeCount('GET /v1/{project_id}/server-groups/{server_group_id}')).toBe(2);
  });

  it('a group missing from the listing gets the service\'s own not-found answer (400 SDRS.1013)', async () => {
    const read = batchGroupReads(api, { windowMs: 20, knownGroups: 1, sleep: realSleep });
    const missing = groupIds[0].replace(/^./, (c) => (c === 'a' ? 'b' : 'a')); // well formed, no such group
    const [ok, err] = await Promise.all([read(groupIds[0]), read(missing).catch((e: unknown) => e), read(groupIds[1])]);
    expect(ok.id).toBe(groupIds[0]);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, apiCode: 'SDRS.1013' });
  });
});
