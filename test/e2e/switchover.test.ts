/**
 * The planned switchover in one command (`group reverse --stop-servers
 * --start-servers`) through the built binary: phases with durations, a failure
 * in each phase reported with the state of everything and what to run next,
 * and re-running the same command to resume.
 */
import { describe, expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';
import { countMethod, useDemoWorld } from '../helpers/cli-env.js';
import { SEED_IDS } from '../../src/emulator/index.js';

const w = useDemoWorld();

const G = 'demo-erp';
const SWITCH = ['group', 'reverse', G, '--to', 'target', '--stop-servers', '--start-servers', '--yes'];
const sdrs = (args: string[]) => runSdrs(args, { env: w.env });
const errorOf = (stderr: string) => JSON.parse(stderr.trim().split('\n').pop()!).error;
const group = async () => (await w.client.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group;
const power = async (id: string) => (await w.client.get(`/cloudservers/${id}`)).body.server.status;
const PROD = [SEED_IDS.server('erp-app-01'), SEED_IDS.server('erp-db-01')];
const DR = [SEED_IDS.drServer('erp-app-01'), SEED_IDS.drServer('erp-db-01')];

describe('group reverse --stop-servers --start-servers', () => {
  it('is refused with several groups, --all or --no-wait (exit 2, nothing sent)', async () => {
    for (const args of [
      ['group', 'reverse', G, 'other', '--to', 'target', '--stop-servers', '--yes'],
      ['group', 'reverse', '--all', '--to', 'target', '--start-servers', '--yes'],
      ['group', 'reverse', G, '--to', 'target', '--stop-servers', '--no-wait', '--yes'],
    ]) {
      const r = await sdrs(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--stop-servers and --start-servers/);
    }
    expect((await w.counters()).total).toBe(0);
  });

  it('--dry-run: the running production servers do not fail the checks; prints stop, reverse and start, sends nothing', async () => {
    const r = await sdrs(['group', 'reverse', G, '--to', 'target', '--stop-servers', '--start-servers', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/✔ servers at the current production site cn-north-4a \(source\): 2 running, stopped first \(--stop-servers\)/);
    const { requests } = JSON.parse(r.stdout);
    expect(requests.map((q: { body: object }) => Object.keys(q.body)[0])).toEqual(['os-stop', 'reverse-server-group', 'os-start']);
    expect(requests[0].body['os-stop'].servers.map((s: { id: string }) => s.id).sort()).toEqual([...PROD].sort());
    expect(requests[2].body['os-start'].servers.map((s: { id: string }) => s.id).sort()).toEqual([...DR].sort());
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('--start-servers alone still needs the production servers stopped (exit 3, nothing sent)', async () => {
    const r = await sdrs(['group', 'reverse', G, '--to', 'target', '--start-servers', '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/✖ every server at the current production site cn-north-4a \(source\) is stopped/);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('runs the three phases, reporting each with its duration; the JSON is the group', async () => {
    const r = await sdrs([...SWITCH, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'protected', priority_station: 'target' });
    expect(r.stderr).toMatch(/Phase 1\/3: stop 2 server\(s\) at cn-north-4a \(source\) until SHUTOFF/);
    expect(r.stderr).toMatch(/Phase 2\/3: reverse production from cn-north-4a \(source\) to cn-north-4b \(target\) until protected/);
    expect(r.stderr).toMatch(/Phase 3\/3: start 2 server\(s\) at cn-north-4b \(target\) until ACTIVE/);
    for (const phase of ['stop-servers', 'reverse', 'start-servers']) expect(r.stderr).toMatch(new RegExp(`✔ ${phase} done in \\d+\\.\\ds`));
    for (const id of PROD) expect(await power(id)).toBe('SHUTOFF');
    for (const id of DR) expect(await power(id)).toBe('ACTIVE');
    const c = await w.counters();
    expect(c.routes['POST /v1/{project_id}/cloudservers/action']).toBe(2);
    expect(c.routes['POST /v1/{project_id}/server-groups/{server_group_id}/action']).toBe(1);
  });

  it('a failed stop phase: nothing reversed, the servers and the next step named (exit 5)', async () => {
    await w.client.admin('POST', '/fail-next', { job_type: 'batchStopServers', error_code: 'Ecs.0001', fail_reason: 'hypervisor busy' });
    const r = await sdrs([...SWITCH, '--json']);
    expect(r.code).toBe(5);
    const err = errorOf(r.stderr);
    expect(err.message).toMatch(/switchover of demo-erp stopped at phase 1\/3 \(stop-servers\)/);
    expect(err.hint).toMatch(/State: group demo-erp is protected with production on source \(cn-north-4a\); servers at cn-north-4a: erp-app-01 ACTIVE, erp-db-01 ACTIVE/);
    expect(err.hint).toMatch(/Next: nothing was reversed/);
    expect(err.phases).toEqual([
      { phase: 'stop-servers', status: 'failed', duration_ms: expect.any(Number) },
      { phase: 'reverse', status: 'not-run', duration_ms: null },
      { phase: 'start-servers', status: 'not-run', duration_ms: null },
    ]);
    expect((await group()).priority_station).toBe('source');
    expect(countMethod(await w.counters(), 'POST')).toBe(1); // only the stop; nothing retried
  });

  it('a failed reverse: production is down, say so and what to run; re-running the same command resumes and finishes', async () => {
    await w.client.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: 'replication link down' });
    const r = await sdrs([...SWITCH, '--json']);
    expect(r.code).toBe(5);
    const err = errorOf(r.stderr);
    expect(err).toMatchObject({ phase: 'reverse', error_code: 'SDRS.1029', group_status: 'error-reversing', priority_station: 'source' });
    expect(err.message).toMatch(/stopped at phase 2\/3 \(reverse\)/);
    expect(err.hint).toMatch(/servers at cn-north-4a: erp-app-01 SHUTOFF, erp-db-01 SHUTOFF/);
    expect(err.hint).toMatch(/Production is DOWN: the servers at cn-north-4a were stopped/);
    expect(err.hint).toContain('re-run sdrs group reverse demo-erp --to target --stop-servers --start-servers --yes');
    expect(err.hint).toContain(`bring production back at cn-north-4a: sdrs server start ${PROD.join(' ')}`);
    expect(err.phases.map((p: { status: string }) => p.status)).toEqual(['done', 'failed', 'not-run']);
    for (const id of DR) expect(await power(id)).toBe('SHUTOFF'); // phase 3 did not run

    const again = await sdrs(SWITCH);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/already SHUTOFF/);
    expect((await group())).toMatchObject({ status: 'protected', priority_station: 'target' });
    for (const id of DR) expect(await power(id)).toBe('ACTIVE');
  });

  it('a failed start phase: production moved, the servers to start named; re-running starts them only', async () => {
    await w.client.admin('POST', '/fail-next', { job_type: 'batchStartServers', error_code: 'Ecs.0001', fail_reason: 'no capacity' });
    const r = await sdrs([...SWITCH, '--json']);
    expect(r.code).toBe(5);
    const err = errorOf(r.stderr);
    expect(err.message).toMatch(/stopped at phase 3\/3 \(start-servers\)/);
    expect(err.hint).toMatch(/production runs in cn-north-4b \(target\) and the group is protected, but not every server there is running/);
    expect(err.hint).toContain('sdrs server start');
    expect(err.phases.map((p: { status: string }) => p.status)).toEqual(['done', 'done', 'failed']);

    await w.client.admin('DELETE', '/counters');
    const again = await sdrs(SWITCH);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/already runs production on target .* only starting the servers there/);
    expect(again.stderr).toMatch(/Phase 1\/1: start 2 server\(s\) at cn-north-4b/);
    const c = await w.counters();
    expect(c.routes['POST /v1/{project_id}/server-groups/{server_group_id}/action']).toBeUndefined();
    expect(c.routes['POST /v1/{project_id}/cloudservers/action']).toBe(1);
    for (const id of DR) expect(await power(id)).toBe('ACTIVE');
  });

  it('a reverse that outlasts --timeout: exit 6, the job still running and how to resume', async () => {
    await w.client.admin('PUT', '/config', { job_duration_ms: { default: 300, reverseProtectionGroupNoCG: 5000 } });
    const r = await sdrs([...SWITCH, '--timeout', '1s', '--json']);
    expect(r.code).toBe(6);
    const err = errorOf(r.stderr);
    expect(err.phase).toBe('reverse');
    expect(err.hint).toMatch(new RegExp(`the reverse job ${err.job_id} is still running\\. Production is DOWN`));
    expect(err.hint).toContain(`sdrs job wait ${err.job_id}`);
  });

  it('with the group already on the requested side and no --start-servers, it is a no-op', async () => {
    const r = await sdrs(['group', 'reverse', G, '--to', 'source', '--stop-servers', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Nothing to do/);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });
});
