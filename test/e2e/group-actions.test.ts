/**
 * `sdrs group start|stop|failover|delete|status` through the built binary against
 * the emulator: confirmations without a terminal, pre-checks from the documented
 * rules and fault levels, --dry-run, no-ops, job failures, the status view.
 */
import { describe, expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';
import { countMethod, useDemoWorld } from '../helpers/cli-env.js';
import { SEED_IDS } from '../../src/emulator/index.js';

const w = useDemoWorld();

const G = 'demo-erp';
const sdrs = (args: string[]) => runSdrs(args, { env: w.env });
const errorOf = (stderr: string) => JSON.parse(stderr.trim().split('\n').pop()!).error;
const posts = async () => countMethod(await w.counters(), 'POST') + countMethod(await w.counters(), 'DELETE');
const setFault = (server: string, disk: 'sys' | 'data', level: string) =>
  w.client.admin('PUT', `/replications/${SEED_IDS.demoReplication(server, disk)}/fault`, { fault_level: level });

describe('sdrs group failover', () => {
  it('without a terminal needs --yes or --confirm (exit 2, nothing sent)', async () => {
    const r = await sdrs(['group', 'failover', G]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to fail over without confirmation: pass --yes or --confirm <group-name>/);
    expect((await w.counters()).total).toBe(0);
  });

  it('--confirm with another name is exit 2 and sends nothing', async () => {
    const r = await sdrs(['group', 'failover', G, '--confirm', 'demo-crm', '--json']);
    expect(r.code).toBe(2);
    expect(errorOf(r.stderr).message).toMatch(/--confirm "demo-crm" does not match the group's name "demo-erp"; nothing was sent/);
    expect(await posts()).toBe(0);
  });

  it('--dry-run prints the failover request without a confirmation', async () => {
    const r = await sdrs(['group', 'failover', G, '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).request).toMatchObject({ method: 'POST', body: { 'failover-server-group': {} } });
    expect(await posts()).toBe(0);
  });

  it('--confirm <name> fails over: production flips, replication stops; a second run is a no-op', async () => {
    const r = await sdrs(['group', 'failover', G, '--confirm', G, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed-over', priority_station: 'target' });
    const human = await sdrs(['group', 'failover', G, '--yes']);
    expect(human.code).toBe(0);
    expect(human.stderr).toMatch(/Nothing to do: demo-erp is already failed over; production runs in cn-north-4b \(target\)/);
    expect(await posts()).toBe(1);
  });

  it('the human output says where production runs, what to start and how to re-protect', async () => {
    const r = await sdrs(['group', 'failover', G, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Production now runs in cn-north-4b \(target\)\. Group demo-erp is failed-over; replication is stopped\./);
    expect(r.stderr).toContain(`sdrs server start ${SEED_IDS.drServer('erp-app-01')} ${SEED_IDS.drServer('erp-db-01')}`);
    expect(r.stderr).toMatch(/re-protect .*: sdrs group start demo-erp/);
  });

  it('a pair with fault_level 5 blocks it (exit 3, nothing sent); --skip-checks lets the service refuse (SDRS.1030)', async () => {
    await setFault('erp-db-01', 'data', '5');
    const r = await sdrs(['group', 'failover', G, '--yes', '--json']);
    expect(r.code).toBe(3);
    const err = errorOf(r.stderr);
    expect(err.code).toBe('PREFLIGHT_FAILED');
    expect(err.message).toMatch(/cannot fail over group demo-erp: pair\(s\) rp-erp-db-01-data: the replication link is broken \(fault_level 5\), so a failover is not allowed/);
    expect(await posts()).toBe(0);
    const skipped = await sdrs(['group', 'failover', G, '--yes', '--skip-checks', '--json']);
    expect(skipped.code).toBe(3);
    expect(errorOf(skipped.stderr).code).toBe('SDRS.1030');
  });

  it('a failed failover job is exit 5 with the code and a next step', async () => {
    await w.client.admin('POST', '/fail-next', { job_type: 'failoverProtectionGroupNoCG', error_code: 'SDRS.1030', fail_reason: 'DR site busy' });
    const r = await sdrs(['group', 'failover', G, '--yes', '--json']);
    expect(r.code).toBe(5);
    const err = errorOf(r.stderr);
    expect(err).toMatchObject({ error_code: 'SDRS.1030', fail_reason: 'DR site busy', group_status: 'error-failing-over' });
    expect(err.hint).toMatch(/failover from error-failing-over can be retried/);
    // As the hint says: error-failing-over is an ended state, not an operation still running.
    const status = JSON.parse((await sdrs(['group', 'status', G, '--json'])).stdout);
    expect(status.next.failover).toMatchObject({ allowed: true });
    const retry = await sdrs(['group', 'failover', G, '--yes', '--json']);
    expect(retry.code, retry.stderr).toBe(0);
    expect(JSON.parse(retry.stdout)).toMatchObject({ status: 'failed-over' });
  });
});

describe('sdrs group start and stop', () => {
  it('start on a protected group is a no-op (exit 0, nothing sent)', async () => {
    const r = await sdrs(['group', 'start', G]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Nothing to do: protection of demo-erp is already on/);
    expect(await posts()).toBe(0);
  });

  it('stop needs --yes without a terminal; --dry-run prints the request; stop, stop again (no-op), start again', async () => {
    const refused = await sdrs(['group', 'stop', G]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to stop protection without confirmation: pass --yes/);
    const dry = await sdrs(['group', 'stop', G, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('"stop-server-group": {}');
    expect(await posts()).toBe(0);
    const stop = await sdrs(['group', 'stop', G, '--yes', '--json']);
    expect(stop.code, stop.stderr).toBe(0);
    expect(JSON.parse(stop.stdout).status).toBe('available');
    expect((await sdrs(['group', 'stop', G, '--yes'])).stderr).toMatch(/already off/);
    // Starting from available needs no confirmation.
    const start = await sdrs(['group', 'start', G, '--json']);
    expect(start.code, start.stderr).toBe(0);
    expect(JSON.parse(start.stdout)).toMatchObject({ status: 'protected', priority_station: 'source' });
  });

  it('a failed start leaves error-starting, an ended state: status allows a retry, and the retry starts it', async () => {
    expect((await sdrs(['group', 'stop', G, '--yes'])).code).toBe(0);
    await w.client.admin('POST', '/fail-next', { job_type: 'startProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: 'link down' });
    expect((await sdrs(['group', 'start', G])).code).toBe(5);
    const status = JSON.parse((await sdrs(['group', 'status', G, '--json'])).stdout);
    expect(status.group.status).toBe('error-starting');
    expect(status.next.start).toMatchObject({ allowed: true });
    const retry = await sdrs(['group', 'start', G, '--json']);
    expect(retry.code, retry.stderr).toBe(0);
    expect(JSON.parse(retry.stdout)).toMatchObject({ status: 'protected' });
  });

  it('start after a failover is a re-protect: --yes without a terminal; servers running at production block it (exit 3)', async () => {
    expect((await sdrs(['group', 'failover', G, '--yes'])).code).toBe(0);
    const noYes = await sdrs(['group', 'start', G]);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toMatch(/refusing to re-protect without confirmation: pass --yes/);
    await w.client.admin('PUT', `/servers/${SEED_IDS.drServer('erp-app-01')}/power`, { status: 'ACTIVE' });
    const before = await posts();
    const running = await sdrs(['group', 'start', G, '--yes', '--json']);
    expect(running.code).toBe(3);
    expect(errorOf(running.stderr).message).toMatch(/1 server\(s\) at the current production site cn-north-4b are running \(erp-app-01\); re-protect needs them stopped: sdrs server stop/);
    expect(await posts()).toBe(before);
    await w.client.admin('PUT', `/servers/${SEED_IDS.drServer('erp-app-01')}/power`, { status: 'SHUTOFF' });
    const r = await sdrs(['group', 'start', G, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/✔ Re-protected demo-erp: protected; replication runs cn-north-4b -> cn-north-4a/);
  });

  it('stop of a group that is failed over is refused with what to do (exit 3)', async () => {
    await sdrs(['group', 'failover', G, '--yes']);
    const r = await sdrs(['group', 'stop', G, '--yes', '--json']);
    expect(r.code).toBe(3);
    expect(errorOf(r.stderr).message).toMatch(/stopping protection needs the group protected or error-stopping \(it is failed-over\); re-protect first: sdrs group start demo-erp/);
  });
});

describe('sdrs group delete', () => {
  it('needs --yes without a terminal (exit 2, nothing sent)', async () => {
    const r = await sdrs(['group', 'delete', G]);
    expect(r.code).toBe(2);
    expect((await w.counters()).total).toBe(0);
  });

  it('a group with children is exit 3 GROUP_NOT_EMPTY naming instance remove and pair remove', async () => {
    const r = await sdrs(['group', 'delete', G, '--yes', '--json']);
    expect(r.code).toBe(3);
    const err = errorOf(r.stderr);
    expect(err.code).toBe('GROUP_NOT_EMPTY');
    expect(err.message).toMatch(/sdrs instance remove pi-erp-app-01/);
    expect(err.message).toMatch(/sdrs pair remove rp-erp-app-01-sys --detach/);
    expect(err.message).toMatch(/stop protection first: sdrs group stop demo-erp/);
    expect(await posts()).toBe(0);
  });

  it('an empty group: --dry-run prints the DELETE; delete waits until it is gone', async () => {
    const created = await w.client.post('/server-groups', { server_group: { name: 'empty-one', source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc } });
    const id = (await w.client.get(`/jobs/${created.body.job_id}`)).body.entities.server_group_id;
    await w.client.admin('POST', '/clock/advance', { ms: 1000 });
    const dry = await sdrs(['group', 'delete', 'empty-one', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`DELETE ${w.emu.url}/v1/${w.emu.projectId}/server-groups/${id}`);
    const r = await sdrs(['group', 'delete', 'empty-one', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`✔ Protection group empty-one (${id}) deleted.`);
    expect((await w.client.get(`/server-groups/${id}`)).body.error.code).toBe('SDRS.1013');
  });
});

describe('sdrs group status', () => {
  it('--json is one document: production side, replication, servers with power, pairs with fault, next steps', async () => {
    const r = await sdrs(['group', 'status', G, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const d = JSON.parse(r.stdout);
    expect(Object.keys(d)).toEqual(['group', 'production', 'dr_site', 'replication', 'instances', 'pairs', 'next', 'production_down', 'warnings', 'readiness', 'read_at']);
    expect(d.production_down).toBe(false);
    expect(d.warnings).toEqual([]);
    expect(d.group).toMatchObject({ id: SEED_IDS.demoGroup, status: 'protected' });
    expect(d.production).toEqual({ station: 'source', availability_zone: 'cn-north-4a' });
    expect(d.dr_site).toEqual({ station: 'target', availability_zone: 'cn-north-4b' });
    expect(d.replication).toEqual({ status: 'active', progress: 100, pairs_by_status: { active: 4 } });
    const app = d.instances.find((i: any) => i.name === 'pi-erp-app-01');
    expect(app.production_server).toEqual({ id: SEED_IDS.server('erp-app-01'), name: 'erp-app-01', status: 'ACTIVE', availability_zone: 'cn-north-4a' });
    expect(app.dr_server).toEqual({ id: SEED_IDS.drServer('erp-app-01'), name: 'erp-app-01', status: 'SHUTOFF', availability_zone: 'cn-north-4b' });
    expect(d.pairs).toHaveLength(4);
    expect(d.pairs.every((p: any) => p.fault_level === '0' && p.fault === 'none')).toBe(true);
    expect(Object.keys(d.next)).toEqual(['reverse', 'failover', 'start', 'stop', 'delete']);
    expect(d.next.reverse).toMatchObject({ allowed: true, to: 'target', command: 'sdrs group reverse demo-erp --to target --stop-servers --start-servers --yes' });
    expect(d.next.reverse.notes[0]).toMatch(/2 server\(s\) at the production site cn-north-4a are running/);
    expect(d.next.failover).toMatchObject({ allowed: true, advised: false, command: 'sdrs group failover demo-erp --yes' });
    expect(d.next.start).toMatchObject({ allowed: false, reprotect: false, command: null });
    expect(d.next.delete.allowed).toBe(false);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('fault_level 2 makes a failover advised; 5 makes it not allowed (JSON and screen)', async () => {
    await setFault('erp-app-01', 'sys', '2');
    let d = JSON.parse((await sdrs(['group', 'status', G, '--json'])).stdout);
    expect(d.pairs.find((p: any) => p.name === 'rp-erp-app-01-sys')).toMatchObject({ fault_level: '2', fault: 'failover-advised' });
    expect(d.next.failover).toMatchObject({ allowed: true, advised: true });
    expect(d.next.failover.notes[0]).toMatch(/rp-erp-app-01-sys lost read\/write at the production site \(fault_level 2\): a failover is advised/);
    const screen = await sdrs(['group', 'status', G]);
    expect(screen.stdout).toMatch(/rp-erp-app-01-sys\s+protected\s+active\s+100%\s+2 FAILOVER ADVISED/);
    expect(screen.stdout).toMatch(/✔ failover \(ADVISED\): sdrs group failover demo-erp/);

    await setFault('erp-db-01', 'data', '5');
    d = JSON.parse((await sdrs(['group', 'status', G, '--json'])).stdout);
    expect(d.next.failover).toMatchObject({ allowed: false, advised: false, command: null });
    expect(d.next.failover.reasons.join(' ')).toMatch(/rp-erp-db-01-data: the replication link is broken \(fault_level 5\)/);
    const screen5 = await sdrs(['group', 'status', G]);
    expect(screen5.stdout).toMatch(/5 FAILOVER NOT ALLOWED/);
    expect(screen5.stdout).toMatch(/✖ failover\n\s+- pair\(s\) rp-erp-db-01-data/);
  });

  it('the screen has the group, both sites, the servers with their power and the next steps', async () => {
    await w.stopServers('cn-north-4a');
    const r = await sdrs(['group', 'status', SEED_IDS.demoGroup]);
    expect(r.code, r.stderr).toBe(0);
    // Every production server is stopped: the view says so first.
    expect(r.stdout).toMatch(/^WARNING: production is down[^\n]*\n\nGroup:\s+demo-erp/);
    expect(r.stdout).toMatch(/Production:\s+cn-north-4a \(source\)\s+DR site: cn-north-4b \(target\)/);
    expect(r.stdout).toMatch(/INSTANCE\s+STATUS\s+PRODUCTION SERVER \(cn-north-4a\)\s+POWER\s+DR SERVER \(cn-north-4b\)\s+POWER/);
    expect(r.stdout).toMatch(/pi-erp-app-01\s+protected\s+erp-app-01\s+SHUTOFF\s+erp-app-01\s+SHUTOFF/);
    expect(r.stdout).toMatch(/✔ reverse to target: sdrs group reverse demo-erp --to target --yes\n/);
    expect(r.stdout).toMatch(/✖ delete\n/);
  });

  it('--interval without --watch, or below 1s, is exit 2', async () => {
    expect((await sdrs(['group', 'status', G, '--interval', '5s'])).code).toBe(2);
    const fast = await sdrs(['group', 'status', G, '--watch', '--interval', '100ms']);
    expect(fast.code).toBe(2);
    expect(fast.stderr).toMatch(/at least 1s/);
    expect((await w.counters()).total).toBe(0);
  });

  it('--watch refreshes until Ctrl-C, which exits 0; SIGTERM exits 143', async () => {
    // Real time: 1s is the shortest refresh --watch accepts.
    const run = (signal: NodeJS.Signals, reads: number) =>
      runSdrs(['group', 'status', G, '--watch', '--interval', '1s', '--json'], {
        env: w.env,
        onStderr: () => undefined,
        onSpawn: (child) => {
          // After that many reads of the group (the first view, then refreshes), the signal.
          const timer = setInterval(async () => {
            const routes = (await w.counters()).routes;
            if ((routes['GET /v1/{project_id}/server-groups/{server_group_id}'] ?? 0) >= reads) {
              clearInterval(timer);
              child.kill(signal);
            }
          }, 100);
          child.on('close', () => clearInterval(timer));
        },
      });
    const r = await run('SIGINT', 3); // two refreshes
    expect(r.code, r.stderr).toBe(0);
    const docs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(docs.length).toBeGreaterThanOrEqual(2);
    expect(docs.every((d) => d.group.id === SEED_IDS.demoGroup)).toBe(true);
    await w.client.admin('DELETE', '/counters');
    const t = await run('SIGTERM', 1); // once it is watching
    expect(t.code).toBe(143);
  });
});
