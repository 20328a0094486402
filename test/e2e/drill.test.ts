/**
 * `sdrs drill ...` in process against the real emulator (demo seed, 100 ms jobs): the whole
 * rehearsal (`drill run`), every pre-flight refusal (exit 3, nothing sent), an injected job
 * failure (exit 5 with the cleanup command), a failed --verify (exit 9, cleaned up unless
 * --keep), carrying on after an interruption, the single verbs and the group views.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { runSdrs } from '../helpers/run.js';
import { useDemoWorld } from '../helpers/cli-env.js';
import { SEED_IDS } from '../../src/emulator/index.js';
import { createContext } from '../../src/cli.js';
import { createIOStreams } from '../../src/io/streams.js';
import { systemClock } from '../../src/context.js';
import { parseRun, runRun } from '../../src/commands/drill/run.js';

const w = useDemoWorld();
const G = 'demo-erp';
const sdrs = (args: string[]) => runMain(args, { env: w.env });
const errorOf = (stderr: string) => JSON.parse(stderr.trim().split('\n').pop()!).error;
/** Drill requests that change something (create, rename, delete). */
async function drillChanges(): Promise<number> {
  const { routes } = await w.counters();
  return Object.entries(routes).filter(([k]) => /^(POST|PUT|DELETE) .*disaster-recovery-drills/.test(k)).reduce((a, [, v]) => a + v, 0);
}
async function drills(): Promise<{ id: string; name: string; status: string }[]> {
  return (await w.client.get('/disaster-recovery-drills')).body.disaster_recovery_drills;
}
async function world(): Promise<{ group: { status: string; priority_station: string }; servers: Record<string, string> }> {
  const group = (await w.client.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group;
  const state = (await w.client.admin('GET', '/state')).body.world;
  const servers = Object.fromEntries(Object.values(state.servers as Record<string, { id: string; status: string }>).map((s) => [s.id, s.status]));
  return { group: { status: group.status, priority_station: group.priority_station }, servers };
}

describe('sdrs drill run', () => {
  it('rehearses demo-erp: create, servers ACTIVE, --verify with the drill in env and stdin, delete; exit 0 with the recovery time; production untouched', async () => {
    const before = await world();
    const verify = 'printf "%s|%s|%s|%s" "$SDRS_DRILL_ID" "$SDRS_GROUP_ID" "$SDRS_DRILL_SERVER_1_NAME" "$SDRS_DRILL_SERVER_1_ADDRESS" > "$HOME/env.txt"; cat > "$HOME/stdin.json"; echo "$SDRS_DRILL_SERVERS" > "$HOME/servers.json"';
    const r = await sdrs(['--json', 'drill', 'run', G, '--yes', '--verify', verify]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ result: 'passed', kept: false, resumed: false, cleanup_command: null, group: { name: G, status_before: 'protected', status_after: 'protected' } });
    expect(doc.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`)).toEqual(['preflight:ok', 'create:ok', 'servers:ok', 'verify:ok', 'cleanup:ok']);
    expect(typeof doc.recovery_ms).toBe('number');
    expect(doc.recovery_ms).toBeGreaterThan(0);
    expect(doc.verify).toMatchObject({ exit_code: 0, passed: true, timed_out: false });
    expect(doc.servers).toHaveLength(2);
    for (const s of doc.servers) expect(s).toMatchObject({ status: 'ACTIVE', addresses: [expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/)] });
    // The verify command saw the drill in its environment and as JSON on stdin.
    const [drillId, groupId, name, address] = readFileSync(join(w.env.HOME, 'env.txt'), 'utf8').split('|');
    expect(drillId).toBe(doc.drill.id);
    expect(groupId).toBe(SEED_IDS.demoGroup);
    expect(name).toBe(doc.servers[0].name);
    expect(address).toBe(doc.servers[0].addresses[0]);
    const stdin = JSON.parse(readFileSync(join(w.env.HOME, 'stdin.json'), 'utf8'));
    expect(stdin).toMatchObject({ drill: { id: doc.drill.id }, group: { id: SEED_IDS.demoGroup }, servers: doc.servers });
    expect(JSON.parse(readFileSync(join(w.env.HOME, 'servers.json'), 'utf8'))).toEqual(doc.servers);
    // Cleaned up; production servers and the group as they were (the drill VPC and its servers' disks aside).
    expect(await drills()).toEqual([]);
    const after = await world();
    expect(after.group).toEqual(before.group);
    for (const [id, status] of Object.entries(before.servers)) expect(after.servers[id]).toBe(status);
    expect(await drillChanges()).toBe(2);
  });

  it('the built binary: sdrs drill run demo-erp --yes --verify ... exits 0 and prints the recovery time', async () => {
    const r = await runSdrs(['drill', 'run', G, '--yes', '--verify', 'test "$SDRS_DRILL_SERVER_COUNT" -eq 2'], { env: w.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/recovery time \d+\.\ds/);
    expect(r.stderr).toMatch(/✔ Drill passed \(verify passed\)/);
    expect(await drills()).toEqual([]);
  });

  it('prints the recovery time and each phase for people', async () => {
    const r = await sdrs(['drill', 'run', G, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/DR drill sdrs-run-demo-erp of group demo-erp: recovery time \d+\.\ds \(start to drill servers ready\)/);
    expect(r.stdout).toMatch(/^create +ok +\d+\.\ds/m);
    expect(r.stdout).toMatch(/^cleanup +ok/m);
    expect(r.stdout).toMatch(/erp-app-01 +ACTIVE +\d+\.\d+\.\d+\.\d+/);
    expect(r.stderr).toMatch(/✔ Drill passed: recovery time \d+\.\ds\./);
    expect(r.stderr).toMatch(/Group demo-erp is still protected, production on source\./);
  });

  it('a failing --verify exits 9 and still deletes the drill', async () => {
    const r = await sdrs(['--json', 'drill', 'run', G, '--yes', '--verify', 'echo checking >&2; exit 3']);
    expect(r.code).toBe(9);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'verify-failed', verify: { exit_code: 3, passed: false }, kept: false });
    expect(errorOf(r.stderr)).toMatchObject({ code: 'VERIFY_FAILED', exit_code: 9 });
    expect(r.stderr).toContain('checking');
    expect(await drills()).toEqual([]);
  });

  it('a --verify that outlives --verify-timeout is killed: exit 9; with --keep the drill stays, with its cleanup command', async () => {
    const r = await sdrs(['drill', 'run', G, '--yes', '--keep', '--verify', 'sleep 5', '--verify-timeout', '200ms']);
    expect(r.code).toBe(9);
    const left = await drills();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ name: 'sdrs-run-demo-erp', status: 'available' });
    expect(r.stderr).toMatch(/timed out/);
    expect(r.stderr).toContain(`sdrs drill delete ${left[0].id} --yes`);
  });

  it('an injected drill job failure exits 5 with what exists and the cleanup command', async () => {
    await w.client.admin('POST', '/fail-next', { job_type: 'createDisasterRecoveryDrill', error_code: 'SDRS.0402', fail_reason: 'drill server build failed' });
    const r = await sdrs(['--json', 'drill', 'run', G, '--yes', '--verify', 'true']);
    expect(r.code, r.stderr).toBe(5);
    const e = errorOf(r.stderr);
    const left = await drills();
    expect(left).toHaveLength(1);
    expect(e).toMatchObject({ phase: 'create', drill_id: left[0].id, cleanup_command: `sdrs drill delete ${left[0].id} --yes` });
    expect(e.hint).toContain(`sdrs drill delete ${left[0].id} --yes`);
    expect(e.hint).not.toMatch(/carry on/); // a re-run refuses a drill in error: clean up instead
    // The cleanup command it gives works.
    const clean = await sdrs(['drill', 'delete', left[0].id, '--yes']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(await drills()).toEqual([]);
    // drill create says the same.
    await w.client.admin('POST', '/fail-next', { job_type: 'createDisasterRecoveryDrill', error_code: 'SDRS.0402', fail_reason: 'drill server build failed' });
    const c = await sdrs(['--json', 'drill', 'create', G, '--name', 'broken', '--yes']);
    expect(c.code).toBe(5);
    const [broken] = await drills();
    expect(errorOf(c.stderr)).toMatchObject({ cleanup_command: `sdrs drill delete ${broken.id} --yes`, hint: expect.stringContaining(`What exists now: drill broken (${broken.id}) error`) });
  });

  it('waits for a drill an earlier run was deleting, then rehearses afresh', async () => {
    expect((await sdrs(['drill', 'create', G, '--name', 'sdrs-run-demo-erp', '--yes'])).code).toBe(0);
    // The delete takes a minute of the emulator's clock, moved on once the run is seen following it.
    await w.client.admin('PUT', '/config', { job_duration_ms: 60_000 });
    expect((await sdrs(['drill', 'delete', 'sdrs-run-demo-erp', '--yes', '--no-wait'])).code).toBe(0);
    await w.client.admin('PUT', '/config', { job_duration_ms: 100 });
    await w.client.admin('DELETE', '/counters');
    const run = sdrs(['--json', 'drill', 'run', G, '--yes']);
    const showDrill = 'GET /v1/{project_id}/disaster-recovery-drills/{disaster_recovery_drill_id}';
    for (let i = 0; i < 400 && !(await w.counters()).routes[showDrill]; i++) await new Promise((res) => setTimeout(res, 25));
    await w.client.admin('POST', '/clock/advance', { ms: 60_000 });
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.phases.map((p: { name: string }) => p.name)).toEqual(['earlier-cleanup', 'preflight', 'create', 'servers', 'cleanup']);
    expect(doc.resumed).toBe(false);
    expect(await drills()).toEqual([]);
  });

  it('lost answers to the create and the delete are never re-sent: the drill is found and followed, exit 0', async () => {
    await w.client.admin('POST', '/faults/next', { fault: 'reset-after', method: 'POST', path: 'disaster-recovery-drills' });
    await w.client.admin('POST', '/faults/next', { fault: 'reset-after', method: 'DELETE', path: 'disaster-recovery-drills' });
    const r = await sdrs(['--json', 'drill', 'run', G, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/no clear answer from the service, but drill .* appeared in the group/);
    expect(r.stderr).toMatch(/no clear answer from the service, but the drill is (now deleting|gone)/);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'passed', drill: { status: 'deleted' } });
    const { routes } = await w.counters();
    expect(routes['POST /v1/{project_id}/disaster-recovery-drills']).toBe(1);
    expect(routes['DELETE /v1/{project_id}/disaster-recovery-drills/{disaster_recovery_drill_id}']).toBe(1);
    expect(await drills()).toEqual([]);
  });

  it('carries on with a drill of its name still being created: no second create', async () => {
    // Long enough that the run finds it creating (an available one needs an unfinished run in the journal).
    await w.client.admin('PUT', '/config', { job_duration_ms: 500 });
    const created = await sdrs(['drill', 'create', G, '--name', 'sdrs-run-demo-erp', '--yes', '--no-wait']);
    expect(created.code, created.stderr).toBe(0);
    const r = await sdrs(['--json', 'drill', 'run', G, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ resumed: true, recovery_ms: null });
    expect(doc.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`)).toEqual(['preflight:ok', 'create:resumed', 'servers:ok', 'cleanup:ok']);
    const { routes } = await w.counters();
    expect(routes['POST /v1/{project_id}/disaster-recovery-drills']).toBe(1);
    expect(await drills()).toEqual([]);
  });

  it('--dry-run runs the checks and prints the create request; nothing is sent', async () => {
    const r = await sdrs(['--json', 'drill', 'run', G, '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).request).toMatchObject({ method: 'POST', body: { disaster_recovery_drill: { server_group_id: SEED_IDS.demoGroup, name: 'sdrs-run-demo-erp' } } });
    expect(await drillChanges()).toBe(0);
  });

  it('without a group or --yes, and without a terminal: exit 2, nothing sent', async () => {
    expect((await sdrs(['drill', 'run', '--yes'])).stderr).toMatch(/missing <group>/);
    const r = await sdrs(['drill', 'run', G]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pass --yes/);
    expect((await sdrs(['drill', 'run', G, '--verify-timeout', '1m'])).code).toBe(2);
    expect(await drillChanges()).toBe(0);
  });
});

describe('drill run hands the journal its facts', () => {
  it("result.journal: kind 'drill', the group, each phase with ISO times, recovery_ms; a failed --verify is the result's error (exit 9)", async () => {
    const io = createIOStreams({ in: new PassThrough(), out: new PassThrough(), err: new PassThrough() }, w.env);
    const deps = { stdin: io.in, stdout: io.out, stderr: io.err, env: w.env, cwd: w.env.HOME, homeDir: w.env.HOME, clock: systemClock, handleSignals: false };
    const ctx = createContext(deps, { json: false, input: true, color: false, debug: false }, io, new AbortController().signal);
    const r = await runRun(ctx, parseRun([G], { yes: true, verify: 'exit 4' }));
    expect(r.error).toMatchObject({ code: 'VERIFY_FAILED', exitCode: 9 });
    const j = r.journal!;
    expect(j).toMatchObject({ kind: 'drill', groups: [{ id: SEED_IDS.demoGroup, name: G }], recovery_ms: expect.any(Number) });
    expect(j.phases!.map((p) => `${p.name}:${p.result}`)).toEqual(['preflight:ok', 'create:ok', 'servers:ok', 'verify:failed', 'cleanup:ok']);
    for (const p of j.phases!) {
      expect(new Date(p.started_at).toISOString()).toBe(p.started_at);
      expect(new Date(p.ended_at!).toISOString()).toBe(p.ended_at);
    }
    expect(j.extra).toMatchObject({ result: 'verify-failed', verify: { exit_code: 4 } });
  });
});

describe('drill pre-flight: every precondition refused before sending (exit 3)', () => {
  const refused = async (args: string[], reason: RegExp) => {
    const r = await sdrs(['--json', ...args]);
    expect(r.code, r.stderr).toBe(3);
    expect(errorOf(r.stderr)).toMatchObject({ code: 'PREFLIGHT_FAILED' });
    expect(errorOf(r.stderr).message).toMatch(reason);
    expect(await drillChanges()).toBe(0);
  };

  it('the group in a status a drill is not accepted from', async () => {
    await w.client.admin('PUT', '/config', { job_duration_ms: 60_000 });
    await w.client.post(`/server-groups/${SEED_IDS.demoGroup}/action`, { 'stop-server-group': {} });
    await refused(['drill', 'run', G, '--yes'], /another operation is running \(stopping\)/);
    await refused(['drill', 'create', G, '--yes'], /stopping/);
  });

  it('the first synchronisation not complete', async () => {
    await w.client.admin('PUT', `/replications/${SEED_IDS.demoReplication('erp-app-01', 'data')}/progress`, { progress: 42 });
    await refused(['drill', 'run', G, '--yes'], /first synchronisation not complete: .*42%/);
  });

  it("a drill VPC that is the group's VPC, has another CIDR, or has no subnets", async () => {
    await refused(['drill', 'run', G, '--yes', '--vpc', 'vpc-prod'], /is the group's own VPC/);
    await refused(['drill', 'create', G, '--yes', '--vpc', 'vpc-lab'], /has CIDR 10\.10\.0\.0\/16, the group's VPC vpc-prod has 192\.168\.0\.0\/16/);
    await w.client.admin('POST', '/vpcs', { name: 'vpc-bare', cidr: '192.168.0.0/16', subnets: 0 });
    await refused(['drill', 'run', G, '--yes', '--vpc', 'vpc-bare'], /has no subnets/);
  });

  it('a drill VPC that passes the checks is the one the drill is built in', async () => {
    const vpc = (await w.client.admin('POST', '/vpcs', { name: 'vpc-drill', cidr: '192.168.0.0/16' })).body.vpc;
    const r = await sdrs(['--json', 'drill', 'create', G, '--yes', '--vpc', 'vpc-drill']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'available', drill_vpc_id: vpc.id });
  });
});

describe('sdrs drill create/list/show/rename/delete', () => {
  it('create, list, show (servers by name, status, address), rename, delete', async () => {
    const c = await sdrs(['--json', 'drill', 'create', G, '--name', 'q4', '--yes']);
    expect(c.code, c.stderr).toBe(0);
    const d = JSON.parse(c.stdout);
    expect(d).toMatchObject({ name: 'q4', status: 'available', server_group_id: SEED_IDS.demoGroup });

    const l = await sdrs(['drill', 'list', '--group', G]);
    expect(l.stdout).toMatch(new RegExp(`${d.id} +q4 +available +demo-erp +2`));

    const s = await sdrs(['drill', 'show', 'q4']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toMatch(/erp-app-01 +(ACTIVE|BUILD) +\d+\.\d+\.\d+\.\d+/);
    expect(s.stdout).toContain(`sdrs drill delete ${d.id} --yes`);

    const rn = await sdrs(['--json', 'drill', 'rename', 'q4', 'q4-audit']);
    expect(rn.code, rn.stderr).toBe(0);
    expect(JSON.parse(rn.stdout)).toMatchObject({ id: d.id, name: 'q4-audit' });

    const g = await sdrs(['group', 'show', G]);
    expect(g.stdout).toMatch(/DR drills: +1/);
    // A group with a drill cannot be deleted (SDRS.1003): said before sending.
    const gd = await sdrs(['--json', 'group', 'delete', G, '--yes']);
    expect(gd.code).toBe(3);
    expect(errorOf(gd.stderr).reasons).toContainEqual(expect.stringMatching(/still has 1 DR drill\(s\) .*SDRS\.1003.*sdrs drill list --group demo-erp/));

    const del = await sdrs(['--json', 'drill', 'delete', 'q4-audit', '--yes']);
    expect(del.code, del.stderr).toBe(0);
    expect(JSON.parse(del.stdout)).toMatchObject({ id: d.id, deleted: true, drill_vpc_id: d.drill_vpc_id });
    expect(await drills()).toEqual([]);
  });

  it('delete refuses a drill still creating (SDRS.1913 before sending: exit 3); --no-wait hands off the job', async () => {
    await w.client.admin('PUT', '/config', { job_duration_ms: 60_000 });
    const c = await sdrs(['--json', 'drill', 'create', G, '--name', 'slow', '--yes', '--no-wait']);
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ job_id: expect.any(String), server_group_id: SEED_IDS.demoGroup, name: 'slow' });
    const del = await sdrs(['--json', 'drill', 'delete', 'slow', '--yes']);
    expect(del.code).toBe(3);
    expect(errorOf(del.stderr).message).toMatch(/drill slow is creating/);
    expect((await w.counters()).routes['DELETE /v1/{project_id}/disaster-recovery-drills/{disaster_recovery_drill_id}']).toBeUndefined();
  });

  it('service text in a drill name never reaches the terminal raw (list, show, run progress)', async () => {
    const c = await sdrs(['--json', 'drill', 'create', G, '--name', 'plain', '--yes']);
    const id = JSON.parse(c.stdout).id;
    await w.client.admin('PUT', `/records/drills/${id}`, { name: 'evil\u001b[2J\u202ename\nforged line' });
    for (const args of [['drill', 'list'], ['drill', 'show', id], ['drill', 'delete', id, '--yes']]) {
      const r = await sdrs(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/[\u001b\u202e]/);
      expect(r.stdout + r.stderr).not.toMatch(/^forged line/m);
    }
  });

  it('a missing drill is exit 3 DRILL_NOT_FOUND; delete --dry-run sends nothing', async () => {
    const r = await sdrs(['--json', 'drill', 'show', 'nope']);
    expect(r.code).toBe(3);
    expect(errorOf(r.stderr).code).toBe('DRILL_NOT_FOUND');
    const c = await sdrs(['--json', 'drill', 'create', G, '--name', 'dry', '--yes']);
    const id = JSON.parse(c.stdout).id;
    const dry = await sdrs(['--json', 'drill', 'delete', id, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout).request).toMatchObject({ method: 'DELETE' });
    expect(await drills()).toHaveLength(1);
  });
});

describe('drills in the group views', () => {
  it('group list --drill-overdue lists groups without a drill in 3 months; after a drill run it does not', async () => {
    const before = await sdrs(['--json', 'group', 'list', '--drill-overdue']);
    expect(JSON.parse(before.stdout).map((g: { name: string }) => g.name)).toContain(G);
    expect((await sdrs(['drill', 'run', G, '--yes'])).code).toBe(0);
    const after = await sdrs(['--json', 'group', 'list', '--drill-overdue']);
    expect(JSON.parse(after.stdout).map((g: { name: string }) => g.name)).not.toContain(G);
  });

  it('group status shows the drill count', async () => {
    const r = await sdrs(['group', 'status', G]);
    expect(r.stdout).toMatch(/DR drills: +0/);
  });
});
