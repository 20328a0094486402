/**
 * Readiness against the real emulator (demo seed), in process: `sdrs check`, `sdrs rpo`,
 * `sdrs job failures [clear]`, `sdrs quota`, the quota pre-checks and the verdict at the
 * top of `group status`. The "done when" is the first describe block.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { countMethod, useDemoWorld } from '../helpers/cli-env.js';
import { SEED_IDS } from '../../src/emulator/index.js';
import { parseOpenMetrics } from './readiness-openmetrics.js';
import { parseWithReference, referenceParserAvailable } from './openmetrics-reference.js';

const w = useDemoWorld();
const sdrs = (args: string[]) => runMain(args, { env: w.env });
const json = (s: string) => JSON.parse(s);
const errorOf = (stderr: string) => JSON.parse(stderr.trim().split('\n').pop()!).error;
const PAIR = SEED_IDS.demoReplication('erp-app-01', 'data');
const setFault = (level: string) => w.client.admin('PUT', `/replications/${PAIR}/fault`, { fault_level: level });
type Check = { reason: string; severity: string; message: string; fix?: string };
const check = (r: { checks: Check[] }, reason: string) => r.checks.find((c) => c.reason === reason)!;
/** Splits a printed fix into argv (the fixes sdrs prints here have no quoting). */
const argv = (fix: string) => fix.replace(/^sdrs /, '').split(' ');

describe('done when (issue 17)', () => {
  it('demo is READY; a pair at fault level 5 makes it NOT READY with that reason, exit 8', async () => {
    const ok = await sdrs(['check', '--all']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trim()).toBe('demo-erp READY');

    await setFault('5');
    const bad = await sdrs(['check', '--all']);
    expect(bad.code).toBe(8);
    expect(bad.stdout).toMatch(/^demo-erp NOT_READY fault_level: 1 pair at fault level 5, replication link broken: failover not allowed \(rp-erp-app-01-data\); fix: sdrs group status demo-erp$/m);
    expect(bad.stderr).toMatch(/NOT READY: demo-erp/);

    const doc = await sdrs(['check', '--all', '--json']);
    expect(doc.code).toBe(8);
    const d = json(doc.stdout);
    expect(d.verdict).toBe('NOT_READY');
    expect(d.groups[0].checks.map((c: { reason: string }) => c.reason)).toEqual([
      'group_status', 'fault_level', 'sync_progress', 'invalid_instances', 'dr_servers_running', 'production_down', 'failed_operations', 'drills_leftover', 'drill_overdue',
    ]);
    expect(check(d.groups[0], 'fault_level').severity).toBe('not_ready');
    expect(errorOf(doc.stderr)).toMatchObject({ code: 'NOT_READY', exit_code: 8 });

    // Fault level 2 alone is DEGRADED: exit 0, unless --fail-on degraded.
    await setFault('2');
    const two = await sdrs(['check', 'demo-erp', '--json']);
    expect(two.code).toBe(0);
    expect(json(two.stdout).groups[0].verdict).toBe('DEGRADED');
    expect((await sdrs(['check', 'demo-erp', '--fail-on', 'degraded'])).code).toBe(8);
  });

  it('a failed reverse: check lists it, job failures shows it, job failures clear removes it', async () => {
    await w.stopServers('cn-north-4a');
    await w.client.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.0402', fail_reason: 'injected reverse failure' });
    const rev = await sdrs(['group', 'reverse', 'demo-erp', '--to', 'target', '--yes']);
    expect(rev.code, rev.stderr).toBe(5);

    const c = await sdrs(['check', 'demo-erp', '--json']);
    expect(c.code).toBe(8); // error-reversing is NOT READY
    const g = json(c.stdout).groups[0];
    expect(check(g, 'group_status')).toMatchObject({ severity: 'not_ready', fix: 'sdrs group reverse demo-erp --to target' });
    expect(check(g, 'failed_operations')).toMatchObject({ severity: 'degraded', fix: 'sdrs job failures clear --group demo-erp --yes' });
    expect(check(g, 'failed_operations').message).toContain('reverseFail of demo-erp, SDRS.0402: injected reverse failure');

    const list = await sdrs(['job', 'failures']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/reverseFail\s+server_groups\s+demo-erp\s+SDRS\.0402\s+injected reverse failure/);
    const jobs = json((await sdrs(['job', 'failures', '--status', 'reversefail', '--json'])).stdout);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ job_status: 'FAIL', failure_status: 'reverseFail', resource_type: 'server_groups', resource_name: 'demo-erp', error_code: 'SDRS.0402' });
    expect(Object.keys(jobs[0]).sort()).toEqual(['begin_time', 'error_code', 'fail_reason', 'failure_status', 'job_id', 'job_status', 'job_type', 'resource_id', 'resource_name', 'resource_type']);

    // Without a terminal, clear needs --yes (exit 2, nothing sent).
    await w.client.admin('DELETE', '/counters');
    const refused = await sdrs(['job', 'failures', 'clear']);
    expect(refused.code).toBe(2);
    expect((await w.counters()).total).toBe(0);

    const cleared = await sdrs(['job', 'failures', 'clear', '--yes', '--json']);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(json(cleared.stdout)).toEqual({ cleared: [jobs[0].job_id], scope: 'group_level' });
    expect((await w.counters()).routes).toMatchObject({ 'DELETE /v1/{project_id}/task-center/failure-jobs/batch': 1 });
    expect(json((await sdrs(['job', 'failures', '--json'])).stdout)).toEqual([]);
    const again = await sdrs(['job', 'failures', 'clear', '--yes']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Nothing to do: no failed operations at group level/);
  });

  it('rpo shows the breach while the fault lasts; --fail-above exits 8', async () => {
    await setFault('5');
    await w.client.admin('POST', '/clock/advance', { ms: 10 * 60_000 });
    const r = await sdrs(['rpo', '--since', '1h', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const d = json(r.stdout);
    expect(d.latest.resource_num).toBe(1);
    expect(d.max).toBe(1);
    expect(d.points.length).toBeGreaterThan(0);
    expect(Object.keys(d.points[0]).sort()).toEqual(['created_at', 'id', 'point_time', 'resource_num', 'resource_type', 'updated_at']);

    const table = await sdrs(['rpo', '--since', '1h']);
    expect(table.stdout).toMatch(/^POINT TIME\s+PAIRS OVER RPO$/m);
    expect(table.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d\s+1$/m);

    const fail = await sdrs(['rpo', '--since', '1h', '--fail-above', '0', '--json']);
    expect(fail.code).toBe(8);
    expect(errorOf(fail.stderr)).toMatchObject({ code: 'RPO_EXCEEDED', exit_code: 8, resource_num: 1, fail_above: 0 });
    expect((await sdrs(['rpo', '--since', '1h', '--fail-above', '1'])).code).toBe(0);
  });

  it('quota shows usage, and a create beyond the quota is refused before sending (exit 3, the numbers)', async () => {
    const q = await sdrs(['quota', '--json']);
    expect(q.code, q.stderr).toBe(0);
    expect(json(q.stdout)).toEqual([
      { type: 'server_groups', used: 1, quota: 50, min: expect.any(Number), max: expect.any(Number) },
      { type: 'replications', used: 4, quota: 100, min: expect.any(Number), max: expect.any(Number) },
    ]);
    expect((await sdrs(['quota'])).stdout).toMatch(/^server_groups\s+protection groups\s+1\s+50\s+49$/m);

    await w.client.admin('PUT', '/config', { quotas: { server_groups: 1, replications: 4 } });
    onTestFinished(() => w.client.admin('PUT', '/config', { quotas: { server_groups: 50, replications: 100 } }).then(() => undefined));
    await w.client.admin('DELETE', '/counters');
    const g = await sdrs(['group', 'create', '--name', 'over', '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc, '--json']);
    expect(g.code).toBe(3);
    expect(errorOf(g.stderr)).toMatchObject({ code: 'QUOTA_EXCEEDED', quota_type: 'server_groups', used: 1, quota: 1 });
    expect(errorOf(g.stderr).message).toMatch(/used 1 of its 1 protection groups.*SDRS\.0305/);
    const p = await sdrs(['pair', 'add', 'demo-erp', '--volume', SEED_IDS.volume('web-01', 'data')]);
    expect(p.code).toBe(3);
    expect(p.stderr).toMatch(/used 4 of its 4 replication pairs.*SDRS\.0306/);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);

    // check says so too (the project is DEGRADED; groups unaffected).
    const c = json((await sdrs(['check', '--all', '--json'])).stdout);
    expect(c.quotas.map((x: { severity: string }) => x.severity)).toEqual(['degraded', 'degraded']);
  });

  it('check --all --format openmetrics parses as OpenMetrics: one gauge per group and reason, # EOF last', async () => {
    await setFault('5');
    const r = await sdrs(['check', '--all', '--format', 'openmetrics']);
    expect(r.code).toBe(8);
    const families = parseOpenMetrics(r.stdout);
    expect([...families.keys()]).toEqual(['sdrs_group_verdict', 'sdrs_group_check', 'sdrs_groups', 'sdrs_quota_used', 'sdrs_quota_limit', 'sdrs_check_timestamp_seconds']);
    for (const f of families.values()) expect(f.type).toBe('gauge');
    const checks = families.get('sdrs_group_check')!.samples;
    expect(checks).toHaveLength(9);
    expect(checks.find((s) => s.labels.reason === 'fault_level')).toMatchObject({ value: 2, labels: { group: 'demo-erp', group_id: SEED_IDS.demoGroup } });
    expect(families.get('sdrs_group_verdict')!.samples[0].value).toBe(2);
    expect(families.get('sdrs_quota_limit')!.samples.map((s) => [s.labels.type, s.value])).toEqual([['server_groups', 50], ['replications', 100]]);

    // The Prometheus project's own OpenMetrics parser reads it the same way (CI installs it).
    if (!referenceParserAvailable()) {
      if (process.env.CI) throw new Error('python3-prometheus-client is not installed, and CI must check the metrics with it');
      console.warn('readiness.test.ts: python3-prometheus-client is not installed (apt-get install python3-prometheus-client): the reference-parser half is skipped');
      return;
    }
    const ref = parseWithReference(r.stdout);
    expect(ref.map((f) => [f.name, f.type])).toEqual([...families.keys()].map((k) => [k, 'gauge']));
    expect(ref.find((f) => f.name === 'sdrs_group_check')!.samples).toHaveLength(9);
    expect(ref.find((f) => f.name === 'sdrs_group_verdict')!.samples[0]).toMatchObject({ value: 2, labels: { group: 'demo-erp', group_id: SEED_IDS.demoGroup } });
    expect(() => parseWithReference(r.stdout.replace('# EOF\n', ''))).toThrow(/rejected/);
  });
});

describe('sdrs check: every reason with a fix that runs as printed', () => {
  it('a drill left on the group: DEGRADED, and the fix deletes that drill by id; run as printed, READY again', async () => {
    const kept = await sdrs(['drill', 'run', 'demo-erp', '--yes', '--keep', '--json']);
    expect(kept.code, kept.stderr).toBe(0);
    const drillId = json(kept.stdout).drill.id;
    const r = await sdrs(['check', 'demo-erp', '--json']);
    const f = check(json(r.stdout).groups[0], 'drills_leftover');
    expect(f).toMatchObject({ severity: 'degraded', fix: `sdrs drill delete ${drillId} --yes` });
    const fixed = await sdrs(argv(f.fix!));
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(check(json((await sdrs(['check', 'demo-erp', '--json'])).stdout).groups[0], 'drills_leftover').severity).toBe('ok');
  });

  it('production down: every production server stopped outside a switchover; the printed fix brings it back to READY', async () => {
    await w.stopServers('cn-north-4a');
    const r = await sdrs(['check', 'demo-erp', '--json']);
    expect(r.code).toBe(8);
    const f = check(json(r.stdout).groups[0], 'production_down');
    expect(f).toMatchObject({ severity: 'not_ready', fix: 'sdrs server start erp-app-01 erp-db-01 --az cn-north-4a' });
    const fixed = await sdrs(argv(f.fix!));
    expect(fixed.code, fixed.stderr).toBe(0);
    expect((await sdrs(['check', 'demo-erp'])).stdout.trim()).toBe('demo-erp READY');
  });

  it('DR-site servers running while protected: DEGRADED; the printed fix stops them', async () => {
    await w.client.admin('PUT', `/servers/${SEED_IDS.drServer('erp-db-01')}/power`, { status: 'ACTIVE' });
    const r = await sdrs(['check', 'demo-erp', '--json']);
    expect(r.code).toBe(0);
    const f = check(json(r.stdout).groups[0], 'dr_servers_running');
    expect(f).toMatchObject({ severity: 'degraded', fix: 'sdrs server stop erp-db-01 --az cn-north-4b --yes' });
    expect((await sdrs(argv(f.fix!))).code).toBe(0);
    expect((await sdrs(['check', 'demo-erp'])).stdout.trim()).toBe('demo-erp READY');
  });

  it('a pair still synchronising is DEGRADED until it reaches 100 %', async () => {
    await w.client.admin('PUT', `/replications/${PAIR}/progress`, { progress: 40 });
    const g = json((await sdrs(['check', 'demo-erp', '--json'])).stdout).groups[0];
    expect(g.verdict).toBe('DEGRADED');
    expect(check(g, 'sync_progress')).toMatchObject({ severity: 'degraded', message: '1 pair not fully synchronised (rp-erp-app-01-data 40%)', fix: 'sdrs group status demo-erp --watch' });
  });

  it('invalid instances and stopped protection are NOT READY, each with its command', async () => {
    await w.client.admin('PUT', `/instances/${SEED_IDS.demoInstance('erp-db-01')}/invalid`, { server: 'dr' });
    const g = json((await sdrs(['check', 'demo-erp', '--json'])).stdout).groups[0];
    expect(check(g, 'invalid_instances')).toMatchObject({ severity: 'not_ready', fix: 'sdrs instance remove pi-erp-db-01 --yes' });
    // Stopping protection (the group is then available) is NOT READY, and the fix starts it again.
    await w.client.admin('POST', '/reset', { seed: 'demo' });
    expect((await sdrs(['group', 'stop', 'demo-erp', '--yes'])).code).toBe(0);
    const stopped = json((await sdrs(['check', 'demo-erp', '--json'])).stdout).groups[0];
    expect(check(stopped, 'group_status')).toMatchObject({ severity: 'not_ready', fix: 'sdrs group start demo-erp' });
    expect(check(stopped, 'dr_servers_running').severity).toBe('ok');
    expect((await sdrs(argv(check(stopped, 'group_status').fix!))).code).toBe(0);
    expect((await sdrs(['check', 'demo-erp'])).stdout.trim()).toBe('demo-erp READY');
  });

  it('failures inside a group: job failures --group lists them, clear --group sends the group batch', async () => {
    await w.client.admin('POST', '/failure-jobs', { server_group_id: SEED_IDS.demoGroup, failure_status: 'attachFail', resource_type: 'replications', resource_id: PAIR, error_code: 'SDRS.1600' });
    expect(json((await sdrs(['job', 'failures', '--json'])).stdout)).toEqual([]); // not group-level
    const inside = json((await sdrs(['job', 'failures', '--group', 'demo-erp', '--type', 'pair', '--json'])).stdout);
    expect(inside).toMatchObject([{ failure_status: 'attachFail', resource_type: 'replications', resource_id: PAIR, resource_name: 'rp-erp-app-01-data' }]);
    expect(check(json((await sdrs(['check', 'demo-erp', '--json'])).stdout).groups[0], 'failed_operations').severity).toBe('degraded');

    const dry = await sdrs(['job', 'failures', 'clear', '--group', 'demo-erp', '--dry-run', '--json']);
    expect(json(dry.stdout).request).toMatchObject({ method: 'DELETE', url: `${w.emu.url}/v1/${w.emu.projectId}/task-center/${SEED_IDS.demoGroup}/failure-jobs/batch` });
    const c = await sdrs(['job', 'failures', 'clear', '--group', 'demo-erp', '--yes']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stderr).toMatch(/Cleared 1 failed operation\(s\) of group demo-erp/);
    expect((await sdrs(['check', 'demo-erp'])).stdout.trim()).toBe('demo-erp READY');
  });

  it('check --all of 21 groups reads children 30 groups at a time and the servers in one listing', async () => {
    await w.client.admin('POST', '/groups', { name: 'bulk', count: 20, production_status: 'ACTIVE' });
    await w.client.admin('DELETE', '/counters');
    const r = await sdrs(['check', '--all', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout).summary).toEqual({ groups: 21, ready: 21, degraded: 0, not_ready: 0 });
    const c = await w.counters();
    // groups, group-level failures, quotas, the drill filter, instances, pairs, servers, and one failure listing per group
    expect(c.total).toBeLessThanOrEqual(7 + 21);
    expect(countMethod(c, 'GET') - (c.routes['GET /v1/{project_id}/task-center/failure-jobs'] ?? 0)).toBeLessThanOrEqual(7);
  });

  it('clear is sent once: a lost answer is settled by reading the task centre, never re-sent', async () => {
    const file = () => w.client.admin('POST', '/failure-jobs', { server_group_id: SEED_IDS.demoGroup, failure_status: 'startFail' });
    await file();
    await w.client.admin('POST', '/faults/next', { fault: 'reset-after', method: 'DELETE', path: '/failure-jobs/batch' });
    const done = await sdrs(['job', 'failures', 'clear', '--yes']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toMatch(/no clear answer, but a read shows the change made/);

    await file();
    await w.client.admin('DELETE', '/counters');
    await w.client.admin('POST', '/faults/next', { fault: 'reset-before', method: 'DELETE', path: '/failure-jobs/batch' });
    const lost = await sdrs(['job', 'failures', 'clear', '--yes', '--json']);
    expect(lost.code).toBe(7);
    expect(errorOf(lost.stderr)).toMatchObject({ code: 'OUTCOME_UNKNOWN', operation: 'Clearing every group-level failure' });
    expect(errorOf(lost.stderr).hint).toMatch(/Check with: sdrs job failures/);
    expect((await w.counters()).routes['DELETE /v1/{project_id}/task-center/failure-jobs/batch']).toBe(1);
  });

  it('group status shows the verdict at its top', async () => {
    await setFault('2');
    const r = await sdrs(['group', 'status', 'demo-erp']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[2]).toBe('Readiness:    DEGRADED');
    expect(lines[3]).toMatch(/^ {2}! fault_level: 1 pair at fault level 2.*; fix: sdrs group failover demo-erp$/);
    expect(json((await sdrs(['group', 'status', 'demo-erp', '--json'])).stdout).readiness.verdict).toBe('DEGRADED');
  });

  it('a failure reason with a newline cannot forge a line of the plain output', async () => {
    await w.client.admin('POST', '/failure-jobs', { server_group_id: SEED_IDS.demoGroup, failure_status: 'stopFail', fail_reason: 'boom\ndemo-erp READY' });
    const r = await sdrs(['check', 'demo-erp']);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('demo-erp READY'))).toEqual([]);
    expect(r.stdout).toContain('boom\\ndemo-erp READY');
  });

  it('a hostile group name cannot break the OpenMetrics text', async () => {
    await w.client.admin('PUT', `/records/groups/${SEED_IDS.demoGroup}`, { name: 'a"b\\c\nd\u001b[31m' });
    const r = await sdrs(['check', '--all', '--format', 'openmetrics']);
    const fam = parseOpenMetrics(r.stdout);
    expect(fam.get('sdrs_group_verdict')!.samples[0].labels.group).toBe('a"b\\c\ufffdd\ufffd[31m');
    if (referenceParserAvailable()) expect(parseWithReference(r.stdout).find((f) => f.name === 'sdrs_group_verdict')!.samples[0].labels.group).toBe('a"b\\c\ufffdd\ufffd[31m');
  });
});

describe('bad input: exit 2, nothing sent', () => {
  it.each([
    [['check'], /name the groups to check, or pass --all/],
    [['check', 'demo-erp', '--all'], /not both/],
    [['check', '--all', '--fail-on', 'never'], /--fail-on "never"/],
    [['check', '--all', '--format', 'xml'], /--format "xml"/],
    [['check', '--all', '--format', 'openmetrics', '--json'], /two outputs/],
    [['rpo', '--since', '100d'], /at most 90d/],
    [['rpo', '--since', 'soon'], /not a duration/],
    [['rpo', '--fail-above', '-1'], /--fail-above/],
    [['job', 'failures', '--status', 'lostFail'], /not a failure status/],
    [['job', 'failures', '--type', 'vm'], /not a resource type/],
    [['job', 'failures', 'clear', 'abc', '--group', 'demo-erp', '--yes'], /not both/],
    [['job', 'failures', 'clear', '--status', 'reverseFail', '--yes'], /takes no --status/],
  ])('%j', async (args, message) => {
    const r = await sdrs(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect((await w.counters()).total).toBe(0);
  });
});

/** Runs main() with stdout and stderr that say they are terminals (80 columns), colour forced. */
async function atTerminal(args: string[]): Promise<{ code: number; stdout: string }> {
  const { PassThrough } = await import('node:stream');
  const { main } = await import('../../src/cli.js');
  const tty = () => Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  const stdout = tty();
  const stderr = tty();
  let text = '';
  stdout.on('data', (c) => (text += String(c)));
  stderr.resume();
  const env = { ...w.env, FORCE_COLOR: '1' } as Record<string, string>;
  delete env.NO_COLOR;
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr, env, cwd: env.HOME, homeDir: env.HOME, handleSignals: false });
  return { code, stdout: text };
}

describe('at a terminal', () => {
  it('check: a summary table, rows coloured by verdict, then each reason with its fix', async () => {
    await setFault('5');
    const r = await atTerminal(['check', '--all']);
    expect(r.code).toBe(8);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^GROUP\s+VERDICT\s+STATUS\s+PRODUCTION\s+REASONS$/);
    expect(lines[1]).toBe('\u001b[31mdemo-erp  NOT READY  protected  source      fault_level\u001b[39m');
    expect(r.stdout).toContain('\u001b[31mdemo-erp: NOT READY\u001b[39m\n  ✖ fault_level: 1 pair at fault level 5');
    expect(r.stdout).toContain('      fix: sdrs group status demo-erp');
  });

  it('rpo: a sparkline of the window', async () => {
    await setFault('2');
    await w.client.admin('POST', '/clock/advance', { ms: 10 * 60_000 });
    const r = await atTerminal(['rpo', '--since', '1h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Pairs over their RPO, last 1h \(\d+ points, /);
    expect(r.stdout).toMatch(/[▁-█]+/);
    expect(r.stdout).toMatch(/latest 1 at \d{4}-\d\d-\d\d \d\d:\d\d · max 1/);
  });
});

describe('pure views', () => {
  it('sparkline: one bar per point, the most of each bucket past the width, scaled to the maximum', async () => {
    const { sparkline, parseSince } = await import('../../src/commands/rpo.js');
    expect(sparkline([0, 1, 2, 4], 10)).toBe('▁▃▅█');
    expect(sparkline([0, 0, 0], 10)).toBe('▁▁▁');
    const long = sparkline(Array.from({ length: 288 }, (_, i) => (i === 100 ? 3 : 0)), 60);
    expect(long).toHaveLength(58);
    expect(long.replace(/▁/g, '')).toBe('█');
    expect(parseSince('7d')).toBe(7 * 86_400_000);
    expect(parseSince('1d12h')).toBe(36 * 3_600_000);
  });

  it('openmetrics with no groups and no quotas still parses', async () => {
    const { openMetrics } = await import('../../src/commands/check.js');
    const text = openMetrics({ checked_at: '2026-01-01T00:00:00.000Z', verdict: 'READY', summary: { groups: 0, ready: 0, degraded: 0, not_ready: 0 }, groups: [], quotas: null }) + '\n';
    expect([...parseOpenMetrics(text).keys()]).toEqual(['sdrs_group_verdict', 'sdrs_group_check', 'sdrs_groups', 'sdrs_check_timestamp_seconds']);
    expect(() => parseOpenMetrics(text.replace('# EOF\n', ''))).toThrow(/# EOF/);
    expect(() => parseOpenMetrics(text.replace('sdrs_groups{verdict="READY"} 0', 'sdrs_groups{verdict="READY"} zero'))).toThrow(/not a number/);
  });
});
