/**
 * Issue 9, "Done when": the whole protection lifecycle through the built binary
 * against the emulator, every exit code checked. Create a group, add instances
 * and pairs, attach, start protection, planned switchover to target and back
 * with --stop-servers --start-servers, failover, re-protect, stop, remove
 * everything, delete the group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSdrs, type RunResult } from '../helpers/run.js';
import { startWorld, type TestWorld } from '../helpers/cli-env.js';
import { SEED_IDS } from '../../src/emulator/index.js';

let w: TestWorld;
beforeAll(async () => {
  w = await startWorld({ seed: 'empty' });
});
afterAll(async () => {
  await w.stop();
});

const sdrs = (args: string[]) => runSdrs(args, { env: w.env });
/** A mutating command (the test world's profile makes it poll fast, so the test stays short). */
const act = sdrs;
/** Runs, checks the exit code (with stderr on failure) and parses stdout as JSON. */
async function ok(p: Promise<RunResult>, code = 0): Promise<any> {
  const r = await p;
  expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(code);
  return code === 0 && r.stdout.trim() ? JSON.parse(r.stdout) : r;
}
const power = async (az: string) =>
  Object.fromEntries(((await ok(sdrs(['server', 'list', '--az', az, '--json']))) as any[]).map((s) => [s.name, s.status]));

describe('the protection lifecycle, end to end', () => {
  it('create, add, attach, start, switch over and back, fail over, re-protect, stop, remove, delete', async () => {
    // 1. A group, two protected instances, four pairs, attached.
    const group = await ok(act(['group', 'create', '--name', 'life', '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc, '--json']));
    expect(group).toMatchObject({ name: 'life', status: 'available', priority_station: 'source' });
    const app = await ok(act(['instance', 'add', 'life', '--server', 'erp-app-01', '--json']));
    expect(app).toMatchObject({ name: 'erp-app-01', status: 'available', source_server: SEED_IDS.server('erp-app-01') });
    const db = await ok(act(['instance', 'add', group.id, '--server', SEED_IDS.server('erp-db-01'), '--name', 'db', '--json']));
    expect(db).toMatchObject({ name: 'db', status: 'available' });
    // The disk ids, as a runbook would find them.
    const servers = await ok(sdrs(['server', 'list', '--az', 'cn-north-4a', '--json']));
    const disks = (name: string) => servers.find((s: any) => s.name === name)['os-extended-volumes:volumes_attached'].map((v: any) => v.id);
    const [appSys, appData] = disks('erp-app-01');
    const [dbSys, dbData] = disks('erp-db-01');
    for (const [volume, name] of [[appSys, 'app-sys'], [appData, 'app-data'], [dbSys, 'db-sys'], [dbData, 'db-data']]) {
      expect(await ok(act(['pair', 'add', 'life', '--volume', volume, '--name', name, '--json']))).toMatchObject({ name, status: 'available', fault_level: '0' });
    }
    for (const [pair, inst, device] of [['app-sys', 'erp-app-01', '/dev/vda'], ['app-data', 'erp-app-01', '/dev/vdb'], ['db-sys', 'db', '/dev/vda'], ['db-data', 'db', '/dev/sdb']]) {
      const rp = await ok(act(['pair', 'attach', pair, '--instance', inst, '--device', device, '--json']));
      expect(rp.attachment).toEqual([{ protected_instance: inst === 'db' ? db.id : app.id, device: device.replace('/dev/sd', '/dev/vd') }]);
    }

    // 2. Start protection.
    expect(await ok(act(['group', 'start', 'life', '--json']))).toMatchObject({ status: 'protected', priority_station: 'source' });
    let status = await ok(sdrs(['group', 'status', 'life', '--json']));
    expect(status.next.reverse).toMatchObject({ allowed: true, to: 'target', command: 'sdrs group reverse life --to target --stop-servers --start-servers --yes' });
    expect(status.instances.map((i: any) => i.production_server.status)).toEqual(['ACTIVE', 'ACTIVE']);

    // 3. Planned switchover to target and back, servers stopped and started by the command.
    const there = await act(['group', 'reverse', 'life', '--to', 'target', '--stop-servers', '--start-servers', '--yes', '--json']);
    expect(there.code, there.stderr).toBe(0);
    expect(JSON.parse(there.stdout)).toMatchObject({ status: 'protected', priority_station: 'target' });
    expect(there.stderr).toMatch(/Phase 1\/3: stop 2 server\(s\) at cn-north-4a \(source\)/);
    expect(there.stderr).toMatch(/Switchover of life finished in [\d.]+s: stop-servers [\d.]+s, reverse [\d.]+s, start-servers [\d.]+s/);
    expect(await power('cn-north-4a')).toMatchObject({ 'erp-app-01': 'SHUTOFF', 'erp-db-01': 'SHUTOFF' });
    expect(await power('cn-north-4b')).toMatchObject({ 'erp-app-01': 'ACTIVE', 'erp-db-01': 'ACTIVE' });
    const back = await ok(act(['group', 'reverse', 'life', '--to', 'source', '--stop-servers', '--start-servers', '--yes', '--json']));
    expect(back).toMatchObject({ status: 'protected', priority_station: 'source' });
    expect(await power('cn-north-4a')).toMatchObject({ 'erp-app-01': 'ACTIVE', 'erp-db-01': 'ACTIVE' });
    expect(await power('cn-north-4b')).toMatchObject({ 'erp-app-01': 'SHUTOFF', 'erp-db-01': 'SHUTOFF' });

    // 4. The production site is lost: fail over, then re-protect.
    expect(await ok(act(['group', 'failover', 'life', '--yes', '--json']))).toMatchObject({ status: 'failed-over', priority_station: 'target' });
    status = await ok(sdrs(['group', 'status', 'life', '--json']));
    expect(status.next.start).toMatchObject({ allowed: true, reprotect: true });
    expect(status.next.reverse.allowed).toBe(false);
    expect(await ok(act(['group', 'start', 'life', '--yes', '--json']))).toMatchObject({ status: 'protected', priority_station: 'target' });

    // 5. Stop protection, remove everything, delete the group.
    expect(await ok(act(['group', 'stop', 'life', '--yes', '--json']))).toMatchObject({ status: 'available' });
    const refused = await ok(act(['group', 'delete', 'life', '--yes']), 3);
    expect(refused.stderr).toMatch(/sdrs instance remove/);
    expect(refused.stderr).toMatch(/sdrs pair remove/);
    expect(await ok(act(['instance', 'remove', 'erp-app-01', '--delete-target-server', '--yes', '--json']))).toMatchObject({ id: app.id, deleted: true });
    // Removing the instance detached its pairs, so they go without --detach.
    for (const pair of ['app-sys', 'app-data']) expect(await ok(act(['pair', 'remove', pair, '--yes', '--json']))).toMatchObject({ name: pair, deleted: true });
    for (const pair of ['db-sys', 'db-data']) expect(await ok(act(['pair', 'remove', pair, '--detach', '--yes', '--json']))).toMatchObject({ name: pair, deleted: true });
    expect(await ok(act(['instance', 'remove', 'db', '--yes', '--json']))).toMatchObject({ id: db.id, deleted: true });
    expect(await ok(act(['group', 'delete', 'life', '--yes', '--json']))).toMatchObject({ id: group.id, name: 'life', deleted: true });
    await ok(sdrs(['group', 'show', group.id]), 3);
    expect(await ok(sdrs(['instance', 'list', '--json']))).toEqual([]);
    expect(await ok(sdrs(['pair', 'list', '--json']))).toEqual([]);
    // --delete-target-server deleted erp-app-01's server at the DR site, which after the
    // failover and re-protect is cn-north-4a; production (cn-north-4b) keeps its server.
    expect(await power('cn-north-4a')).not.toHaveProperty('erp-app-01');
    expect(await power('cn-north-4b')).toMatchObject({ 'erp-app-01': 'SHUTOFF', 'erp-db-01': 'SHUTOFF' });
  }, 180_000);
});
