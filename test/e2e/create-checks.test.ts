/**
 * `group create` checks what it can before sending (issue 15): the AZs against the domain's
 * two, `--vpc` by name, a name already used by a group (unless --allow-duplicate-name); at a
 * terminal, a declined AZ pair is picked among the domain's two AZs, not typed.
 */
import { describe, expect, it } from 'vitest';
import { LOCAL_AZ, REMOTE_AZ, SEED_IDS } from '../../src/emulator/index.js';
import { countMethod, useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { atTerminal, fakePrompter } from '../helpers/fake-prompter.js';
import { vpcId } from '../../src/commands/group/create.js';

const base = ['group', 'create', '--domain', 'dom-cn-north-4'];
const body = (stdout: string) => JSON.parse(stdout).request.body.server_group;

describe('group create: checked before sending', () => {
  const w = useDemoWorld();

  it('--source-az / --target-az outside the domain: exit 2 naming the two allowed AZs, nothing sent', async () => {
    for (const flag of ['--source-az', '--target-az']) {
      const r = await runMain([...base, '--name', 'az-x', '--vpc', SEED_IDS.vpc, flag, 'cn-north-4c'], { env: w.env });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${flag} "cn-north-4c" is not an AZ of domain dom-cn-north-4: pass ${LOCAL_AZ} or ${REMOTE_AZ}`);
    }
    // One AZ given: the other is the domain's other one.
    const r = await runMain(['--json', ...base, '--name', 'az-y', '--vpc', SEED_IDS.vpc, '--target-az', LOCAL_AZ, '--dry-run'], { env: w.env });
    expect(r.code, r.stderr).toBe(0);
    expect(body(r.stdout)).toMatchObject({ source_availability_zone: REMOTE_AZ, target_availability_zone: LOCAL_AZ });
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('--vpc takes a name (resolved to the id); an unknown name is exit 2 listing the VPCs', async () => {
    const r = await runMain(['--json', ...base, '--name', 'vpc-by-name', '--vpc', 'vpc-lab', '--dry-run'], { env: w.env });
    expect(r.code, r.stderr).toBe(0);
    expect(body(r.stdout).source_vpc_id).toBe(SEED_IDS.testVpc);
    const bad = await runMain([...base, '--name', 'vpc-x', '--vpc', 'vpc-nope'], { env: w.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--vpc "vpc-nope" is neither the id nor the name of a VPC');
    expect(bad.stderr).toContain(`vpc-prod (${SEED_IDS.vpc})`);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('a name already used by a group: exit 2 naming its id; --allow-duplicate-name sends it', async () => {
    const r = await runMain([...base, '--name', 'demo-erp', '--vpc', 'vpc-prod'], { env: w.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`a protection group named "demo-erp" already exists (${SEED_IDS.demoGroup}, protected)`);
    expect(r.stderr).toContain('--allow-duplicate-name');
    const j = await runMain(['--json', ...base, '--name', 'demo-erp', '--vpc', 'vpc-prod'], { env: w.env });
    expect(JSON.parse(j.stderr.trim()).error).toMatchObject({ exit_code: 2, existing_group_ids: [SEED_IDS.demoGroup] });
    expect(countMethod(await w.counters(), 'POST')).toBe(0);

    const ok = await runMain(['--json', ...base, '--name', 'demo-erp', '--vpc', 'vpc-prod', '--allow-duplicate-name', '--interval', '20ms'], { env: w.env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ name: 'demo-erp', status: 'available' });
  });

  it('at a terminal, declined AZs are picked among the domain\'s two (the DR AZ follows)', async () => {
    const { prompter, asked } = fakePrompter(['az-pick', '', 'dom-cn-north-4', false, `${REMOTE_AZ} `, 'vpc-prod']);
    const r = await atTerminal([...['group', 'create'], '--dry-run', '--json'], w.env, prompter);
    // --json turns prompts off: the guided session needs a terminal without --json.
    expect(r.code).toBe(2);
    expect(asked).toEqual([]);
    const r2 = await atTerminal(['group', 'create', '--dry-run'], w.env, prompter);
    expect(r2.code, r2.err).toBe(0);
    const az = asked.find((a) => a.kind === 'select' && a.message.startsWith('Production AZ'))!;
    expect(az).toMatchObject({ kind: 'select' });
    expect(az.choices).toEqual([`${REMOTE_AZ} (DR AZ: ${LOCAL_AZ})`, `${LOCAL_AZ} (DR AZ: ${REMOTE_AZ})`]);
    expect(asked.some((a) => a.message.startsWith('DR AZ'))).toBe(false);
    expect(r2.out).toContain(`"source_availability_zone": "${REMOTE_AZ}"`);
    expect(r2.out).toContain(`"target_availability_zone": "${LOCAL_AZ}"`);
  });
});

describe('--vpc by name', () => {
  const vpcs = [
    { id: 'a1', name: 'prod', cidr: '10.0.0.0/16', status: 'OK' },
    { id: 'b2', name: 'dup', cidr: '10.1.0.0/16', status: 'OK' },
    { id: 'c3', name: 'dup', cidr: '10.2.0.0/16', status: 'OK' },
  ];
  const api = { listVpcs: async () => vpcs };

  it('an id is kept, a unique name becomes its id; a name of several VPCs is exit 2 naming their ids', async () => {
    expect(await vpcId(api, '6f2c1a9e-0b1d-4c1e-9a7b-0d2e3f4a5b6c')).toBe('6f2c1a9e-0b1d-4c1e-9a7b-0d2e3f4a5b6c');
    expect(await vpcId(api, 'a1')).toBe('a1');
    expect(await vpcId(api, 'prod')).toBe('a1');
    await expect(vpcId(api, 'dup')).rejects.toMatchObject({ exitCode: 2, message: '--vpc "dup" names 2 VPCs; pass the id instead', hint: 'Ids: b2, c3' });
    await expect(vpcId(api, 'nope')).rejects.toMatchObject({ exitCode: 2 });
  });
});
