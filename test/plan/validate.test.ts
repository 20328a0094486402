/**
 * `sdrs plan validate` and `sdrs plan show` against the real emulator, in process: the two
 * documented examples are ready in every mode; a broken file is exit 2 with its line and
 * column; a world that is not ready is exit 3 naming each step, group and check; nothing is
 * ever sent (the emulator's counters).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countMethod, useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { ROOT } from '../helpers/run.js';

const w = useDemoWorld();
const TWO_TIER = join(ROOT, 'docs/examples/two-tier.yaml');
const REGION = join(ROOT, 'docs/examples/region.yaml');

/** The groups both examples name, protected, production servers running. */
async function exampleGroups(): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [name, count] of [['erp-db', 1], ['erp-app', 1], ['core-db', 3], ['core-app', 5], ['core-web', 4]] as const) {
    const r = await w.client.admin('POST', '/groups', { name, count, production_status: 'ACTIVE' });
    for (const g of r.body.server_groups) ids[g.name] = g.id;
  }
  await w.client.admin('DELETE', '/counters');
  return ids;
}

/** The pair ids of a group. */
async function pairsOf(groupId: string): Promise<string[]> {
  const r = await w.client.get(`/replications?server_group_id=${groupId}`);
  return r.body.replications.map((p: { id: string }) => p.id);
}

const sdrs = (args: string[]) => runMain(args, { env: w.env });
const tmp = () => mkdtempSync(join(tmpdir(), 'sdrs-plan-validate-'));

describe('sdrs plan validate', () => {
  it('both documented examples are ready in every mode, with one read of the world and nothing sent', async () => {
    await exampleGroups();
    const r = await sdrs(['plan', 'validate', TWO_TIER]);
    expect(r.stderr).toBe('Nothing was sent.\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('plan erp-two-tier is valid: 2 group(s), 5 step(s); every group resolves.');
    expect(r.stdout).toMatch(/✔ switchover: ready \(\d+ check\(s\) passed\)/);
    expect(r.stdout).toMatch(/✔ drill: ready \(\d+ check\(s\) passed; 1 stop\/start step\(s\) skipped in this mode\)/);

    const j = await sdrs(['plan', 'validate', REGION, '--json']);
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.stdout);
    expect(doc).toMatchObject({ plan: 'region-cn-north-4a', valid: true, ready: true });
    expect(doc.groups).toHaveLength(12);
    expect(doc.groups[0]).toMatchObject({ alias: 'db1', ref: 'core-db-1', name: 'core-db-1', status: 'protected', priority_station: 'source' });
    expect(doc.modes.map((m: { mode: string; ready: boolean }) => [m.mode, m.ready])).toEqual([['switchover', true], ['failover', true], ['drill', true]]);
    expect(doc.steps[3]).toEqual({ name: 'app-tier', kind: 'failover', groups: ['app1', 'app2', 'app3', 'app4', 'app5'], line: 31, column: 5 });
    const c = await w.counters();
    expect(c.total).toBeGreaterThan(0);
    expect(c.total - countMethod(c, 'GET')).toBe(0);
  });

  it('a broken file is exit 2 with every problem at its line and column, before any request', async () => {
    const dir = tmp();
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'name: erp\ngroups:\n  db: erp-db\nsteps:\n  - name: database\n    reverse: [db]\n  - name: app\n    switchover: [ap]\n');
    const r = await sdrs(['plan', 'validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:6:5: steps[0] "database": unknown step kind "reverse"; a step is one of: switchover, failover, stop, start, wait, confirm, run`);
    writeFileSync(file, 'name: erp\ngroups:\n  db: erp-db\nsteps:\n  - name: app\n    switchover: [ap]\n');
    const j = await sdrs(['plan', 'validate', file, '--json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stderr).error).toMatchObject({ code: 'PLAN_INVALID', exit_code: 2, problems: [{ line: 6, column: 18, path: 'steps[0] "app".switchover[0]' }] });
    expect((await w.counters()).total).toBe(0);
  });

  it('a group that does not resolve is exit 3 naming every missing one', async () => {
    const r = await sdrs(['plan', 'validate', TWO_TIER]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${TWO_TIER}: protection group(s) not found: db: "erp-db", app: "erp-app"`);
    expect((await w.counters()).total - countMethod(await w.counters(), 'GET')).toBe(0);
  });

  it('a world that is not ready is exit 3 per mode, step, group and check; --mode narrows it', async () => {
    const ids = await exampleGroups();
    // core-db-2's link is broken (no switchover, no failover); core-app-4 is still synchronising (no drill).
    await w.client.admin('PUT', `/replications/${(await pairsOf(ids['core-db-2']))[0]}/fault`, { fault_level: '5' });
    await w.client.admin('PUT', `/replications/${(await pairsOf(ids['core-app-4']))[0]}/progress`, { progress: 40 });
    await w.client.admin('DELETE', '/counters');

    const r = await sdrs(['plan', 'validate', REGION]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('✖ switchover: NOT ready, 1 check(s) failed');
    expect(r.stdout).toContain('✖ failover: NOT ready, 1 check(s) failed');
    expect(r.stdout).toContain('step "data-tier", group db2: 1 replication pair(s) at fault_level 5 (link broken): rp-core-db-2-app-sys (');
    expect(r.stdout).toContain('step "data-tier", group db2: pair(s) rp-core-db-2-app-sys at fault level 5: the service allows no failover; repair replication first (sdrs group status core-db-2)');
    expect(r.stdout).toContain('✖ drill: NOT ready, 1 check(s) failed');
    expect(r.stdout).toMatch(/step "app-tier", group app4: first synchronisation not complete: \S+ 40%/);
    expect(r.stderr).toContain('error: plan region-cn-north-4a cannot run as switchover, failover, drill: 3 check(s) failed');

    const j = await sdrs(['plan', 'validate', REGION, '--mode', 'drill', '--json']);
    expect(j.code).toBe(3);
    const doc = JSON.parse(j.stdout);
    expect(doc.ready).toBe(false);
    expect(doc.modes).toHaveLength(1);
    expect(doc.modes[0].failures).toEqual([expect.objectContaining({ mode: 'drill', step: 'app-tier', group: 'app4', group_id: ids['core-app-4'], check: 'sync_progress', ok: false })]);
    expect(JSON.parse(j.stderr).error).toMatchObject({ code: 'PLAN_NOT_READY', exit_code: 3 });
    const c = await w.counters();
    expect(c.total - countMethod(c, 'GET')).toBe(0);
  });

  it('refuses a start at the DR site before the group is moved (its servers take the replica)', async () => {
    await exampleGroups();
    const file = join(tmp(), 'early.yaml');
    writeFileSync(file, 'name: early\ngroups: {db: erp-db}\nsteps:\n  - {name: up, start: [db]}\n  - {name: move, switchover: [db]}\n');
    const r = await sdrs(['plan', 'validate', file, '--mode', 'switchover', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).modes[0].failures).toEqual([expect.objectContaining({ step: 'up', group: 'db', check: 'dr_servers_protected' })]);
  });

  it('--offline checks the file alone; bad flags are exit 2', async () => {
    const r = await runMain(['plan', 'validate', TWO_TIER, '--offline'], { env: { HOME: w.env.HOME, PATH: w.env.PATH ?? '' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('plan erp-two-tier is valid: 2 group(s), 5 step(s) (the service was not read: --offline)');
    expect((await sdrs(['plan', 'validate', TWO_TIER, '--mode', 'rehearse'])).stderr).toContain('--mode "rehearse" is not a mode: use switchover, failover, drill');
    expect((await sdrs(['plan', 'validate', TWO_TIER, '--mode', 'drill', '--offline'])).code).toBe(2);
    expect((await w.counters()).total).toBe(0);
  });
});

describe('sdrs plan show', () => {
  it('outlines the steps and their waves, as the mode runs them', async () => {
    const r = await sdrs(['plan', 'show', REGION, '--mode', 'failover']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['Plan region-cn-north-4a: Evacuate cn-north-4a, data tier first', 'Mode: failover']);
    expect(r.stdout).toContain('1. data-tier: fail over to the DR site (production is not reached) (timeout 45m)\n     db1, db2, db3 (in parallel, up to 10 at once)');
    expect(r.stdout).toContain('4. app-tier: fail over to the DR site (production is not reached) (timeout 30m)\n     wave 1/2: app1, app2, app3\n     wave 2/2: app4, app5');
    expect(r.stdout).toContain('7. notify: run: echo "plan $SDRS_PLAN: step $SDRS_PLAN_STEP done ($SDRS_PLAN_MODE)" (timeout 30s, on failure: continue)');
    const d = await sdrs(['plan', 'show', TWO_TIER, '--mode', 'drill', '--json']);
    const doc = JSON.parse(d.stdout);
    expect(doc.steps[1]).toMatchObject({ name: 'start-database', kind: 'start', site: 'dr', skipped: 'a drill leaves production untouched and starts its own drill servers', line: 16, column: 5 });
    expect((await w.counters()).total).toBe(0);
  });

  it('draws a Mermaid flowchart: a box of groups per group step, shapes per kind, labels escaped', async () => {
    const r = await sdrs(['plan', 'show', TWO_TIER, '--format', 'mermaid']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'flowchart TD',
      '  start(["plan erp-two-tier"])',
      '  subgraph s1["1. database: switchover, up to 10 at once"]',
      '    s1_g1["db: erp-db"]',
      '  end',
      '  start --> s1',
      '  subgraph s2["2. start-database: start at dr, up to 10 at once"]',
      '    s2_g1["db: erp-db"]',
      '  end',
      '  s1 --> s2',
      '  s3{"3. check-data: DBA, check the database at the DR site before the application ..."}',
      '  s2 --> s3',
      '  subgraph s4["4. application: switchover, up to 10 at once"]',
      '    s4_g1["app: erp-app"]',
      '  end',
      '  s3 --> s4',
      '  s5[["5. smoke-test: echo #quot;smoke test: $SDRS_PLAN_MODE of $SDRS_PLAN_GROUPS at the ..."]]',
      '  s4 --> s5',
      '  done(["done"])',
      '  s5 --> done',
      '',
    ]);
    expect((await sdrs(['plan', 'show', TWO_TIER, '--format', 'svg'])).code).toBe(2);
  });
});
