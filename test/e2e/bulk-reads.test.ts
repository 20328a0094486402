/** The frugal reads of the multi-group reverse, against the real emulator over loopback. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type SdrsApi } from '../../src/api/client.js';
import type { ServerGroup } from '../../src/api/types.js';
import { serverAt } from '../../src/commands/shared/snapshot.js';
import { batchGroupReads, chunks, prefetchChildren } from '../../src/commands/group/bulk-reads.js';
import { ApiError } from '../../src/errors.js';
import { SEED_IDS } from '../../src/emulator/index.js';
import { makeProtectedGroup, startWorld, type TestWorld } from '../helpers/cli-env.js';

let w: TestWorld;
let api: SdrsApi;
const groupIds: string[] = [];
const groups: ServerGroup[] = [];
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
  groups.push(...(await api.listAllGroups()).filter((g) => groupIds.includes(g.id)));
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
    const view = await prefetchChildren(api, groups);
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
    const view = await prefetchChildren(api, groups.filter((g) => groupIds.slice(0, 2).includes(g.id)));
    await reset();
    await view.listAllInstances({ server_group_id: groupIds[5] }); // not prefetched
    await view.listAllInstances({ server_group_id: groupIds[0], status: 'protected' }); // another filter
    await view.listAllReplications();
    expect(await routeCount('GET /v1/{project_id}/protected-instances')).toBe(2);
    expect(await routeCount('GET /v1/{project_id}/replications')).toBe(1);
  });

  it('with servers: one listing of every server when that is fewer pages than the production servers to read', async () => {
    const direct = await api.listAllInstances();
    const production = direct.filter((i) => groupIds.includes(i.server_group_id)).map((i) => serverAt(i, i.priority_station));
    expect(production.length).toBeGreaterThan(2);
    await reset();
    const view = await prefetchChildren(api, groups, { servers: true });
    expect(await routeCount('GET /v1/{project_id}/cloudservers/detail')).toBe(1);
    for (const id of production.slice(0, 5)) expect(await view.getServer(id)).toEqual(await api.getServer(id));
    await reset();
    await Promise.all(production.map((id) => view.getServer(id)));
    expect(await routeCount('GET /v1/{project_id}/cloudservers/{server_id}')).toBe(0);
  });

  it('with servers, for one group: a single production server is read on its own, no listing', async () => {
    await reset();
    const one = groups.filter((g) => g.id === groupIds[0]);
    const view = await prefetchChildren(api, one, { servers: true });
    expect(await routeCount('GET /v1/{project_id}/cloudservers/detail')).toBe(0);
    const [pi] = await view.listAllInstances({ server_group_id: groupIds[0] });
    await view.getServer(serverAt(pi, one[0].priority_station));
    expect(await routeCount('GET /v1/{project_id}/cloudservers/{server_id}')).toBe(1);
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

  it('a read asked for while a listing is on its way starts a new batch (never an answer from before it asked)', async () => {
    let listings = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fake = {
      listAllGroups: async () => {
        listings++;
        const n = listings;
        if (n === 1) await gate;
        return [{ id: 'g1', name: `listing-${n}` }, { id: 'g2', name: `listing-${n}` }] as ServerGroup[];
      },
      getGroup: async (id: string) => ({ id, name: 'single' }) as ServerGroup,
    };
    const read = batchGroupReads(fake, { windowMs: 5, knownGroups: 2, sleep: realSleep });
    const first = Promise.all([read('g1'), read('g2')]);
    while (listings < 1) await realSleep(5); // the first listing is now on its way, held
    const later = Promise.all([read('g1'), read('g2')]);
    release();
    expect((await first).map((g) => g.name)).toEqual(['listing-1', 'listing-1']);
    expect((await later).map((g) => g.name)).toEqual(['listing-2', 'listing-2']);
  });

  it('a batch whose window fails does not poison later reads', async () => {
    let fail = true;
    const fake = {
      listAllGroups: async () => [{ id: 'g1', name: 'ok' }, { id: 'g2', name: 'ok' }] as ServerGroup[],
      getGroup: async (id: string) => ({ id, name: 'single' }) as ServerGroup,
    };
    const read = batchGroupReads(fake, {
      windowMs: 5, knownGroups: 2,
      sleep: async (ms) => {
        if (fail) throw new Error('clock broke');
        await realSleep(ms);
      },
    });
    await expect(read('g1')).rejects.toThrow('clock broke');
    fail = false;
    expect((await Promise.all([read('g1'), read('g2')])).map((g) => g.name)).toEqual(['ok', 'ok']);
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
