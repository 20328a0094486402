/**
 * The reverse pre-flight against the emulator (in process): a broken replication link
 * (fault_level 5) refuses every reverse path before anything is sent, `--stop-servers`
 * included; fault level 2 warns; a failed switchover (error-reversing, production still on
 * source) is refused before sending with its recovery, alone and with --all; with --json a
 * refusal's stderr is only the JSON error document, which carries the checklist.
 */
import { describe, expect, it } from 'vitest';
import { countMethod, useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { SEED_IDS } from '../../src/emulator/index.js';

const w = useDemoWorld();
const G = 'demo-erp';
const PAIR = SEED_IDS.demoReplication('erp-app-01', 'data');
const PROD = [SEED_IDS.server('erp-app-01'), SEED_IDS.server('erp-db-01')];
const sdrs = (args: string[]) => runMain(args, { env: w.env });
const posts = async () => countMethod(await w.counters(), 'POST');
const fault = (level: string) => w.client.admin('PUT', `/replications/${PAIR}/fault`, { fault_level: level });
const power = async (id: string) => (await w.client.get(`/cloudservers/${id}`)).body.server.status;
/** The stderr of a --json run that failed: exactly one JSON document, nothing else. */
const onlyError = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stderr).error;
};

describe('fault levels in the reverse pre-flight', () => {
  it('fault_level 5 refuses a reverse (exit 3, nothing sent), naming the pair, what it means and the fix', async () => {
    await w.stopServers();
    await fault('5');
    const r = await sdrs(['group', 'reverse', G, '--to', 'target', '--yes']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`✖ pair(s) `);
    expect(r.stderr).toContain(PAIR);
    expect(r.stderr).toMatch(/replication link is broken \(fault_level 5/);
    expect(r.stderr).toMatch(/repair replication first.*--skip-checks/);
    expect(await posts()).toBe(0);
    // group status's "next" agrees with the pre-flight.
    const next = JSON.parse((await sdrs(['group', 'status', G, '--json'])).stdout).next.reverse;
    expect(next).toMatchObject({ allowed: false, command: null });
    expect(next.reasons.join(' ')).toMatch(/replication link is broken \(fault_level 5/);
  });

  it('fault_level 5 refuses --stop-servers before stopping production (exit 3, servers still running)', async () => {
    await fault('5');
    const r = await sdrs(['group', 'reverse', G, '--to', 'target', '--stop-servers', '--start-servers', '--yes']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/fault_level 5/);
    expect(await posts()).toBe(0);
    for (const id of PROD) expect(await power(id)).toBe('ACTIVE');
  });

  it('fault_level 5 refuses --all with --json: stderr is only the error document, the checks inside it', async () => {
    await w.stopServers();
    await fault('5');
    const r = await sdrs(['group', 'reverse', '--all', '--to', 'target', '--yes', '--json']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const err = onlyError(r.stderr);
    expect(err.code).toBe('PREFLIGHT_FAILED');
    const [g] = err.failed_groups;
    expect(g.failed_checks).toEqual(['fault_levels']);
    expect(g.checks).toContainEqual(expect.objectContaining({ name: 'fault_levels', ok: false, level: 'error' }));
    expect(await posts()).toBe(0);
  });

  it('fault_level 2 warns and does not refuse; --dry-run --json carries the checks and the warning', async () => {
    await w.stopServers();
    await fault('2');
    const r = await sdrs(['group', 'reverse', G, '--to', 'target', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/! pair\(s\) .*fault_level 2/);
    const doc = JSON.parse(r.stdout);
    expect(doc.dry_run).toBe(true);
    expect(doc.checks).toContainEqual(expect.objectContaining({ name: 'fault_levels', ok: true, level: 'warning' }));
    expect(doc.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    const phases = await sdrs(['group', 'reverse', G, '--to', 'target', '--stop-servers', '--start-servers', '--dry-run', '--json']);
    expect(phases.code, phases.stderr).toBe(0);
    expect(JSON.parse(phases.stdout).checks).toContainEqual(expect.objectContaining({ name: 'fault_levels', level: 'warning' }));
    const many = await sdrs(['group', 'reverse', '--all', '--to', 'target', '--dry-run', '--json']);
    expect(many.code, many.stderr).toBe(0);
    expect(JSON.parse(many.stdout).preflight[0].checks).toContainEqual(expect.objectContaining({ name: 'fault_levels', level: 'warning' }));
    expect(await posts()).toBe(0);
  });
});

describe('--json: a refused pre-flight prints only the JSON error document on stderr', () => {
  it('single reverse and the switchover: the checklist is inside the error document as checks', async () => {
    for (const extra of [[], ['--start-servers']]) {
      const r = await sdrs(['group', 'reverse', G, '--to', 'target', '--yes', '--json', ...extra]);
      expect(r.code).toBe(3);
      const err = onlyError(r.stderr);
      expect(err.failed_checks).toEqual(['servers_running']);
      expect(err.checks.map((c: { name: string }) => c.name)).toEqual([
        'group_exists', 'status', 'production_side', 'replication_pairs', 'fault_levels', 'invalid_instances', 'servers_running',
      ]);
      expect(err.checks.at(-1)).toMatchObject({ ok: false, level: 'error' });
    }
  });
});

describe('a failed switchover: error-reversing with production still on source', () => {
  it('reverse --to source is refused before sending (exit 3) with the recovery, alone and with --all; the retry to target works', async () => {
    await w.stopServers();
    await w.client.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: 'link down' });
    const failed = await sdrs(['group', 'reverse', G, '--to', 'target', '--yes']);
    expect(failed.code).toBe(5);
    const g = (await w.client.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group;
    expect(g).toMatchObject({ status: 'error-reversing', priority_station: 'source' });
    const before = await posts();

    const back = await sdrs(['group', 'reverse', G, '--to', 'source', '--yes']);
    expect(back.code, back.stderr).toBe(3);
    expect(back.stderr).toMatch(/✖ production moves to source: it already runs there/);
    expect(back.stderr).toMatch(/retry it: sdrs group reverse demo-erp --to target/);
    expect(back.stderr).toMatch(/sdrs server start /);
    const all = await sdrs(['group', 'reverse', '--all', '--to', 'source', '--yes', '--json']);
    expect(all.code).toBe(3);
    expect(onlyError(all.stderr).failed_groups[0].failed_checks).toEqual(['production_side']);
    expect(await posts()).toBe(before);

    const retry = await sdrs(['group', 'reverse', G, '--to', 'target', '--yes']);
    expect(retry.code, retry.stderr).toBe(0);
  });
});
