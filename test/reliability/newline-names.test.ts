/**
 * A newline in a service name must not forge a line of sdrs's output (review finding 2).
 * Control characters are escaped everywhere, but errors keep their own line breaks, so a name
 * put raw into an error message, a hint, a key/value row or a pre-flight checklist could print a
 * line of the service's choosing. Each site runs against a world whose names hold
 * `x\nFORGED line` (set with `PUT /__emulator/records/{kind}/{id}`): no line of stdout or stderr
 * may start with FORGED, and the escaped name is shown (so the site was reached).
 */
import { describe, expect, it } from 'vitest';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { LOCAL_AZ, SEED_IDS } from '../../src/emulator/seed.js';
import { safeLine } from '../../src/errors.js';

const F = 'x\nFORGED line';
const w = useDemoWorld();

const set = (kind: string, id: string, name: string) => w.client.admin('PUT', `/records/${kind}/${id}`, { name, ...(kind === 'servers' || kind === 'drills' ? {} : { description: name }) });

/** Runs sdrs (with and without --json) and checks that no output line starts with FORGED. */
async function expectNoForgedLine(argv: string[], code: number): Promise<void> {
  const env = w.freshEnv();
  for (const a of [argv, ['--json', ...argv]]) {
    const r = await runMain(a, { env });
    const label = `sdrs ${a.join(' ')}`;
    expect(r.code, `${label}: ${r.stderr.slice(-600)}`).toBe(code);
    const lines = (r.stdout + '\n' + r.stderr).split('\n');
    expect(lines.filter((l) => /^\s*FORGED/.test(l)), `${label}: forged lines`).toEqual([]);
    if (a[0] !== '--json') expect(r.stdout + r.stderr, `${label}: the name is shown, escaped`).toMatch(/x\\+nFORGED line/);
  }
}

describe('a newline in a service name forges no line', () => {
  it('check: the NOT READY error names the group', async () => {
    const [g] = (await w.client.admin('POST', '/groups', { name: 'extra', count: 1 })).body.server_groups as { id: string }[];
    await set('groups', g.id, F);
    await expectNoForgedLine(['check', '--all'], 8);
  });

  it('group reverse pre-flight: the PREFLIGHT_FAILED error, its hint and the checklist name the group and servers', async () => {
    await set('groups', SEED_IDS.demoGroup, F);
    await set('servers', SEED_IDS.server('erp-app-01'), F);
    await set('replications', SEED_IDS.demoReplication('erp-app-01', 'data'), F);
    await w.client.admin('PUT', `/replications/${SEED_IDS.demoReplication('erp-app-01', 'data')}/fault`, { fault_level: '5' });
    await expectNoForgedLine(['group', 'reverse', SEED_IDS.demoGroup, '--to', 'target', '--yes'], 3);
  });

  it('server start of a DR-site server: the refusal names the server, instance and group', async () => {
    await set('groups', SEED_IDS.demoGroup, F);
    await set('servers', SEED_IDS.drServer('erp-app-01'), F);
    await set('instances', SEED_IDS.demoInstance('erp-app-01'), F);
    await expectNoForgedLine(['server', 'start', SEED_IDS.drServer('erp-app-01')], 3);
  });

  it('server show and group show: the Name, Protected and Description rows', async () => {
    await set('servers', SEED_IDS.server('erp-app-01'), F);
    await set('instances', SEED_IDS.demoInstance('erp-app-01'), F);
    await expectNoForgedLine(['server', 'show', SEED_IDS.server('erp-app-01')], 0);
    await set('groups', SEED_IDS.demoGroup, F);
    await set('domains', SEED_IDS.domain, F);
    await expectNoForgedLine(['group', 'show', SEED_IDS.demoGroup], 0);
  });

  it('instance add: the wrong-AZ refusal names the server and the group', async () => {
    await set('groups', SEED_IDS.demoGroup, F);
    await set('servers', SEED_IDS.server('ops-01'), F);
    await expectNoForgedLine(['instance', 'add', SEED_IDS.demoGroup, '--server', SEED_IDS.server('ops-01')], 3);
  });

  it('pair add and pair attach: their refusals name the group, pair and instance', async () => {
    await set('groups', SEED_IDS.demoGroup, F);
    await set('replications', SEED_IDS.demoReplication('erp-app-01', 'data'), F);
    await set('instances', SEED_IDS.demoInstance('erp-db-01'), F);
    await expectNoForgedLine(['pair', 'attach', SEED_IDS.demoReplication('erp-app-01', 'data'), '--instance', SEED_IDS.demoInstance('erp-db-01'), '--device', '/dev/vdk'], 3);
    // A stop in progress: the group is not available or protected, so pair add is refused.
    await w.client.admin('PUT', '/config', { job_duration_ms: 60_000 });
    expect((await runMain(['group', 'stop', SEED_IDS.demoGroup, '--yes', '--no-wait'], { env: w.freshEnv() })).code).toBe(0);
    await expectNoForgedLine(['pair', 'add', SEED_IDS.demoGroup, '--volume', SEED_IDS.volume('web-01', 'data')], 3);
  });

  it('group create: the domain named in an AZ error, the VPCs listed in a hint', async () => {
    await set('domains', SEED_IDS.domain, F);
    await expectNoForgedLine(['group', 'create', '--name', 'g1', '--domain', SEED_IDS.domain, '--source-az', 'cn-north-4c', '--vpc', SEED_IDS.vpc], 2);
    await w.client.admin('POST', '/vpcs', { name: F });
    await expectNoForgedLine(['group', 'create', '--name', 'g1', '--domain', SEED_IDS.domain, '--source-az', LOCAL_AZ, '--vpc', 'no-such-vpc'], 2);
  });

  it('beyond the listed sites: group verbs, server power, the domain hint, job failures', async () => {
    await set('groups', SEED_IDS.demoGroup, F);
    await set('servers', SEED_IDS.server('erp-app-01'), F);
    await set('domains', SEED_IDS.domain, F);
    await expectNoForgedLine(['group', 'start', SEED_IDS.demoGroup, '--yes'], 0);
    await expectNoForgedLine(['server', 'start', SEED_IDS.server('erp-app-01')], 0);
    await expectNoForgedLine(['group', 'create', '--name', 'g1', '--domain', 'no-such-domain', '--vpc', SEED_IDS.vpc], 3);
    await expectNoForgedLine(['job', 'failures', '--group', SEED_IDS.demoGroup], 0);
  });

  it('safeLine takes a null the service sent for a name as a template literal would, never a crash', () => {
    expect(safeLine(null as unknown as string)).toBe('null');
    expect(safeLine(undefined as unknown as string)).toBe('undefined');
  });

  it('readiness reasons: a pair name in the fault-level reason keeps the message on one line for every reader', async () => {
    const rp = SEED_IDS.demoReplication('erp-app-01', 'data');
    await set('replications', rp, F);
    await w.client.admin('PUT', `/replications/${rp}/fault`, { fault_level: '5' });
    await expectNoForgedLine(['report', '--since', 'all'], 0);
    // The reasons go on to the journal, report formats and scripts: each message is one line.
    const r = await runMain(['--json', 'check', SEED_IDS.demoGroup], { env: w.freshEnv() });
    expect(r.code, r.stderr).toBe(8);
    const reasons = JSON.parse(r.stdout).groups.flatMap((g: { checks: { reason: string; message: string }[] }) => g.checks);
    const fault = reasons.find((c: { reason: string }) => c.reason === 'fault_level');
    expect(fault.message).toContain('x\\nFORGED line');
    expect(reasons.filter((c: { message: string }) => c.message.includes('\n'))).toEqual([]);
  });
});
