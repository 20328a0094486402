/**
 * Prompts for what is missing, at a terminal only (issue 15): `group reverse` (group, side),
 * `instance add` (server), `pair add` (instance, disk), `pair attach` (instance, device).
 * A fake prompter records the questions and the choices offered and picks one; without a
 * terminal the same commands stay exit-2 usage errors with nothing sent.
 */
import { describe, expect, it } from 'vitest';
import { LOCAL_AZ, REMOTE_AZ, SEED_IDS } from '../../src/emulator/index.js';
import { countMethod, useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { atTerminal, fakePrompter } from '../helpers/fake-prompter.js';

describe('prompts at a terminal for what is missing', () => {
  const w = useDemoWorld();

  it('group reverse without a group or --to: picks the group, then the side among its two AZs', async () => {
    await w.stopServers(LOCAL_AZ);
    const { prompter, asked } = fakePrompter(['demo-erp', 'target', true]);
    const r = await atTerminal(['group', 'reverse', '--interval', '20ms'], w.env, prompter);
    expect(r.code, r.err).toBe(0);
    expect(asked[0]).toMatchObject({ kind: 'select', message: 'Protection group to switch over' });
    expect(asked[0].choices).toEqual([expect.stringContaining('demo-erp')]);
    expect(asked[1]).toMatchObject({ kind: 'select', message: expect.stringContaining('demo-erp') });
    expect(asked[1].choices).toEqual([`target: ${REMOTE_AZ} (DR site now)`, `source: ${LOCAL_AZ} (production now)`]);
    expect(asked[2]).toMatchObject({ kind: 'confirm', message: expect.stringContaining('Reverse demo-erp') });
    const g = (await w.client.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group;
    expect(g.priority_station).toBe('target');
  });

  it('instance add, pair add and pair attach pick the server, the disk, the instance and the device', async () => {
    // instance add: only unprotected servers at the production site, in the group's VPC.
    const add = fakePrompter(['web-01']);
    const r1 = await atTerminal(['instance', 'add', 'demo-erp'], w.env, add.prompter);
    expect(r1.code, r1.err).toBe(0);
    expect(add.asked).toHaveLength(1);
    expect(add.asked[0].choices!.map((c) => c.split(' ')[0]).sort()).toEqual(['batch-01', 'web-01', 'web-02']);
    // The hint names the server's real disks.
    const sys = SEED_IDS.volume('web-01', 'sys');
    const data = SEED_IDS.volume('web-01', 'data');
    expect(r1.err).toContain(`sdrs pair add demo-erp --volume ${sys}`);
    expect(r1.err).toContain(`sdrs pair add demo-erp --volume ${data}`);

    // pair add: the instance (three now), then that server's disks not yet paired.
    const pair = fakePrompter(['web-01', '/dev/vdb']);
    const r2 = await atTerminal(['pair', 'add', 'demo-erp'], w.env, pair.prompter);
    expect(r2.code, r2.err).toBe(0);
    expect(pair.asked[0].choices!.map((c) => c.split(' ')[0]).sort()).toEqual(['pi-erp-app-01', 'pi-erp-db-01', 'web-01']);
    expect(pair.asked[1].choices).toEqual([`/dev/vda  ${sys}  system disk`, `/dev/vdb  ${data}`]);
    const rp = `rp-${data.slice(0, 8)}`;
    expect(r2.err).toContain(`sdrs pair attach ${rp} --instance web-01 --device /dev/vdb`);

    // pair attach: the disk's instance first, the device defaults to the disk's device.
    const at = fakePrompter(['web-01', '']);
    const r3 = await atTerminal(['pair', 'attach', rp], w.env, at.prompter);
    expect(r3.code, r3.err).toBe(0);
    expect(at.asked[0].choices![0]).toMatch(/^web-01 .*its production server has this pair's disk/);
    expect(at.asked[0].choices).toHaveLength(3);
    expect(at.asked[1]).toMatchObject({ kind: 'text', default: '/dev/vdb' });
    const after = (await w.client.get(`/replications?server_group_id=${SEED_IDS.demoGroup}`)).body.replications.find((p: { name: string }) => p.name === rp);
    expect(after.attachment).toEqual([expect.objectContaining({ device: '/dev/vdb' })]);
  });

  it('pair add offers only the disks not yet paired', async () => {
    const { prompter, asked } = fakePrompter(['pi-erp-app-01']);
    const r = await atTerminal(['pair', 'add', 'demo-erp'], w.env, prompter);
    // Both disks of erp-app-01 are paired in the demo: nothing to pick, exit 3, nothing sent.
    expect(r.code, r.err).toBe(3);
    expect(asked).toHaveLength(1);
    expect(r.err).toContain('already paired');
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('without a terminal the missing values stay usage errors (exit 2), nothing read or sent', async () => {
    const cases: [string[], string][] = [
      [['group', 'reverse', '--yes'], 'missing group'],
      [['group', 'reverse', 'demo-erp', '--yes'], "'--to <side>' not specified"],
      [['instance', 'add', 'demo-erp'], 'missing --server'],
      [['pair', 'add', 'demo-erp'], 'missing --volume'],
      [['pair', 'attach', 'rp-1', '--device', '/dev/vdb'], 'missing --instance'],
      [['pair', 'attach', 'rp-1', '--instance', 'pi-1'], 'missing --device'],
    ];
    for (const [argv, text] of cases) {
      const r = await runMain(argv, { env: w.env });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(text);
    }
    // At a terminal with --no-input too.
    const { prompter, asked } = fakePrompter([]);
    const r = await atTerminal(['--no-input', 'instance', 'add', 'demo-erp'], w.env, prompter);
    expect(r.code).toBe(2);
    expect(asked).toEqual([]);
    expect((await w.counters()).total).toBe(0);
  });
});
