/**
 * `sdrs plan run` / `resume` / `status` against the emulator (in-process, fast clock):
 * both documented example plans in all three modes, hook failures with on_failure stop
 * and continue, confirm steps without a terminal, and (the built binary) a run SIGKILLed
 * mid-step that `plan resume` finishes without sending any request twice.
 */
import { mkdtempSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { JOB_MS, countMethod, jobDone, useDemoWorld } from '../helpers/cli-env.js';
import { ROOT, runSdrs } from '../helpers/run.js';
import { runMain } from '../helpers/in-process.js';

const w = useDemoWorld();
const binary = !process.env.SDRS_TEST_QUICK;

const EXAMPLES = {
  'two-tier': { file: join(ROOT, 'docs/examples/two-tier.yaml'), seed: [['erp-db', 1], ['erp-app', 1]], confirm: ['check-data'] },
  region: { file: join(ROOT, 'docs/examples/region.yaml'), seed: [['core-db', 3], ['core-app', 5], ['core-web', 4]], confirm: ['go-ahead'] },
} as const;

type Group = { id: string; name: string; status: string; priority_station: string };

async function seed(groups: readonly (readonly [string, number])[]) {
  for (const [name, count] of groups) await w.client.admin('POST', '/groups', { name, count, production_status: 'ACTIVE' });
}

async function groups(): Promise<Group[]> {
  return (await w.client.get('/server-groups')).body.server_groups as Group[];
}

function stateEnv() {
  return { ...w.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'sdrs-plan-state-')) };
}

function planFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sdrs-plan-')), 'plan.yaml');
  writeFileSync(file, text);
  return file;
}

const WHERE = {
  switchover: { status: 'protected', priority_station: 'target' },
  failover: { status: 'failed-over', priority_station: 'target' },
  drill: { status: 'protected', priority_station: 'source' },
};

describe('plan run: the documented examples', () => {
  for (const [name, ex] of Object.entries(EXAMPLES)) {
    for (const mode of ['switchover', 'failover', 'drill'] as const) {
      it(`${name} in ${mode} mode ends exit 0 with every group where the mode puts it`, async () => {
        await seed(ex.seed);
        const env = stateEnv();
        const r = await runMain(['plan', 'run', ex.file, '--mode', mode, '--yes', ...ex.confirm.flatMap((c) => ['--confirm-step', c]), '--json'], { env });
        expect(r.code, r.stderr).toBe(0);
        const doc = JSON.parse(r.stdout);
        expect(doc).toMatchObject({ status: 'done', mode, resume_command: null });
        const mine = (await groups()).filter((g) => g.name !== 'demo-erp');
        expect(mine.length).toBe(ex.seed.reduce((n, [, c]) => n + c, 0));
        for (const g of mine) expect(g, g.name).toMatchObject(WHERE[mode]);
        const moved = doc.steps.filter((s: { kind: string }) => s.kind === 'switchover' || s.kind === 'failover');
        for (const s of moved) {
          for (const g of s.groups) {
            expect(g.status).toBe('done');
            expect(g.job_ids.length).toBeGreaterThan(0);
          }
        }
        if (mode === 'drill') {
          expect((await w.client.get('/disaster-recovery-drills')).body.disaster_recovery_drills).toEqual([]);
          expect(doc.cleanup.status).toBe('done');
        }
        // The state file: private, and the same document.
        const dir = join(env.XDG_STATE_HOME, 'sdrs', 'plans');
        const [f] = readdirSync(dir);
        expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
      });
    }
  }
});

const HOOKS = (onFailure: 'stop' | 'continue') => `
name: hooks
groups:
  db: erp-db
  app: erp-app
steps:
  - name: database
    failover: [db]
  - name: check
    run: 'echo "jobs=$SDRS_PLAN_JOB_IDS"; exit 3'
    on_failure: ${onFailure}
  - name: application
    failover: [app]
`;

describe('plan run: hooks and confirmations', () => {
  it('a failing hook stops the run at its step: exit 9, the later steps not run, the resume command', async () => {
    await seed(EXAMPLES['two-tier'].seed);
    const env = stateEnv();
    const r = await runMain(['plan', 'run', planFile(HOOKS('stop')), '--mode', 'failover', '--yes', '--json'], { env });
    expect(r.code, r.stderr).toBe(9);
    const doc = JSON.parse(r.stdout);
    expect(doc.status).toBe('failed');
    expect(doc.steps.map((s: { status: string }) => s.status)).toEqual(['done', 'failed', 'pending']);
    expect(doc.steps[1].exit_code).toBe(3);
    expect(r.stderr).toMatch(/jobs=[0-9a-f]{32}/);
    expect(doc.resume_command).toMatch(/^sdrs plan resume hooks-\S+ --yes$/);
    expect(r.stderr).toContain(doc.resume_command);
    const app = (await groups()).find((g) => g.name === 'erp-app')!;
    expect(app.status).toBe('protected');

    // Resume re-runs the failed hook (still failing) and sends nothing again for the database.
    await w.client.admin('DELETE', '/counters');
    const again = await runMain(['plan', 'resume', doc.run_id, '--yes', '--json'], { env });
    expect(again.code).toBe(9);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
    const st = await runMain(['plan', 'status', '--json'], { env });
    expect(JSON.parse(st.stdout)).toMatchObject({ run_id: doc.run_id, status: 'failed' });
  });

  it('on_failure: continue goes on to the next step and ends with exit 9', async () => {
    await seed(EXAMPLES['two-tier'].seed);
    const r = await runMain(['plan', 'run', planFile(HOOKS('continue')), '--mode', 'failover', '--yes', '--json'], { env: stateEnv() });
    expect(r.code, r.stderr).toBe(9);
    const doc = JSON.parse(r.stdout);
    expect(doc.steps.map((s: { status: string }) => s.status)).toEqual(['done', 'continued', 'done']);
    expect((await groups()).find((g) => g.name === 'erp-app')!.status).toBe('failed-over');
  });

  it('drill mode: hooks get the drill servers; --keep leaves the drills with their cleanup commands', async () => {
    await seed(EXAMPLES['two-tier'].seed);
    const plan = planFile(`
name: drill-hooks
groups:
  db: erp-db
steps:
  - name: database
    failover: [db]
  - name: probe
    run: 'test "$SDRS_PLAN_DRILL_SERVER_COUNT" -ge 1 && echo "probe $SDRS_PLAN_SITE $SDRS_PLAN_DRILL_SERVER_1_NAME"'
`);
    const r = await runMain(['plan', 'run', plan, '--mode', 'drill', '--keep', '--yes', '--json'], { env: stateEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/probe drill \S+/);
    const doc = JSON.parse(r.stdout);
    expect(doc.cleanup.status).toBe('kept');
    const drills = (await w.client.get('/disaster-recovery-drills')).body.disaster_recovery_drills;
    expect(drills.map((d: { id: string }) => d.id)).toEqual(doc.cleanup.drill_ids);
  });

  it('a world that is not ready (a later step\'s group already failed over) is refused before anything is sent: exit 3', async () => {
    await seed(EXAMPLES['two-tier'].seed);
    const app = (await groups()).find((g) => g.name === 'erp-app')!;
    await jobDone(w.client, (await w.client.post(`/server-groups/${app.id}/action`, { 'failover-server-group': {} })).body.job_id);
    await w.client.admin('DELETE', '/counters');
    const r = await runMain(['plan', 'run', EXAMPLES['two-tier'].file, '--mode', 'failover', '--yes', '--confirm-step', 'check-data'], { env: stateEnv() });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/step "application" group app/);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('a confirm step without a terminal needs --confirm-step or --yes: exit 2, nothing sent', async () => {
    await seed(EXAMPLES['two-tier'].seed);
    const r = await runMain(['plan', 'run', EXAMPLES['two-tier'].file, '--mode', 'drill', '--no-input'], { env: stateEnv() });
    expect(r.code).toBe(2);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });
});

describe.skipIf(!binary)('plan resume after SIGKILL', () => {
  it('finishes the run without sending any request twice', async () => {
    await seed(EXAMPLES.region.seed);
    // Failovers that take a while: the process is killed while it watches the data tier.
    await w.client.admin('PUT', '/config', { job_duration_ms: { default: JOB_MS, failoverProtectionGroupNoCG: 1_000 } });
    const env = stateEnv();
    const file = EXAMPLES.region.file;
    let seen = '';
    const r = await runSdrs(['plan', 'run', file, '--mode', 'failover', '--yes', '--confirm-step', 'go-ahead'], {
      env,
      onStderr: (_chunk, child) => {
        if ((seen += _chunk).match(/db\d: job submitted, group failing-over/g)?.length === 3) child.kill('SIGKILL');
      },
    });
    expect(r.signal).toBe('SIGKILL');
    // Killed in the data tier: its three failovers were sent, nothing after them.
    expect((await w.counters()).routes['POST /v1/{project_id}/server-groups/{server_group_id}/action']).toBe(3);
    const dir = join(env.XDG_STATE_HOME, 'sdrs', 'plans');
    expect(readdirSync(dir).filter((n) => n.endsWith('.json'))).toHaveLength(1);

    await w.client.admin('PUT', '/config', { job_duration_ms: JOB_MS });
    const resumed = await runMain(['plan', 'resume', file, '--yes', '--confirm-step', 'go-ahead', '--json'], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).status).toBe('done');
    const c = await w.counters();
    // 12 groups, one failover each (run + resume together).
    expect(c.routes['POST /v1/{project_id}/server-groups/{server_group_id}/action']).toBe(12);
    for (const g of (await groups()).filter((x) => x.name !== 'demo-erp')) expect(g.status).toBe('failed-over');
  });

  it('Ctrl-C stops submitting, names what is in flight and prints the resume command (exit 130)', async () => {
    await seed(EXAMPLES['two-tier'].seed);
    await w.client.admin('PUT', '/config', { job_duration_ms: { default: JOB_MS, failoverProtectionGroupNoCG: 1_000 } });
    const env = stateEnv();
    const r = await runSdrs(['plan', 'run', EXAMPLES['two-tier'].file, '--mode', 'failover', '--yes', '--confirm-step', 'check-data'], {
      env,
      onStderr: (chunk, child) => {
        if (/db: job submitted, group failing-over/.test(chunk)) child.kill('SIGINT');
      },
    });
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/in flight: db \(job [0-9a-f]{32}\)/);
    expect(r.stderr).toMatch(/sdrs plan resume erp-two-tier-\S+ --yes/);
    const c = await w.counters();
    // Nothing new was sent after the signal: the application group was never failed over.
    expect(c.routes['POST /v1/{project_id}/server-groups/{server_group_id}/action']).toBe(1);
  });
});
