/**
 * The plan run gaps of issue 18: a resume never re-sends a power request that was sent
 * (servers still powering off are followed), switchover-mode job ids carry the power jobs,
 * and drill-mode hooks run once the drill servers are ACTIVE.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { JOB_MS, useDemoWorld } from '../helpers/cli-env.js';
import { runSdrs } from '../helpers/run.js';
import { PassThrough } from 'node:stream';
import { runMain } from '../helpers/in-process.js';
import { main } from '../../src/cli.js';

const w = useDemoWorld();
const binary = !process.env.SDRS_TEST_QUICK;
const SERVER_ACTION = 'POST /v1/{project_id}/cloudservers/action';

/** One group of `servers` servers, running. */
async function seed(name: string, servers: number) {
  await w.client.admin('POST', '/groups', { name, servers, production_status: 'ACTIVE' });
}

function stateEnv() {
  return { ...w.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'sdrs-plan-state-')) };
}

function planFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sdrs-plan-')), 'plan.yaml');
  writeFileSync(file, text);
  return file;
}

const SWITCH = `
name: switch-db
groups:
  db: erp-db
steps:
  - name: database
    switchover: [db]
  - name: after
    run: 'echo "jobs=$SDRS_PLAN_JOB_IDS"'
`;

describe.skipIf(!binary)('plan resume after SIGKILL in a switchover\'s stop phase', () => {
  it('follows the servers still powering off: the os-stop is sent once', async () => {
    await seed('erp-db', 2);
    await w.client.admin('PUT', '/config', { job_duration_ms: { default: JOB_MS, batchStopServers: 1_000 } });
    const env = stateEnv();
    const file = planFile(SWITCH);
    let seen = '';
    const r = await runSdrs(['plan', 'run', file, '--mode', 'switchover', '--yes'], {
      env,
      onStderr: (chunk, child) => {
        seen += chunk;
        if (/Stopping 2 server\(s\)/.test(seen) && /job/i.test(seen.slice(seen.indexOf('Stopping 2 server(s)')))) child.kill('SIGKILL');
      },
    });
    expect(r.signal).toBe('SIGKILL');
    expect((await w.counters()).routes[SERVER_ACTION]).toBe(1);
    const resumed = await runMain(['plan', 'resume', file, '--yes', '--json'], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    // One os-stop (the killed run's) and one os-start (the resume's).
    expect((await w.counters()).routes[SERVER_ACTION]).toBe(2);
    expect(resumed.stderr).toMatch(/already powering-off: followed, not sent again/);
  });
});

describe('plan run: switchover-mode job ids', () => {
  it('carry the servers\' stop and start jobs with the reverse job, in the --json result and SDRS_PLAN_JOB_IDS', async () => {
    await seed('erp-db', 1);
    const r = await runMain(['plan', 'run', planFile(SWITCH), '--mode', 'switchover', '--yes', '--json'], { env: stateEnv() });
    expect(r.code, r.stderr).toBe(0);
    const ids: string[] = JSON.parse(r.stdout).steps[0].groups[0].job_ids;
    expect(ids).toHaveLength(3);
    const jobs = await Promise.all(ids.map(async (id) => (await w.client.get(`/jobs/${id}`)).body.job_type as string));
    expect(jobs).toEqual(['batchStopServers', 'reverseProtectionGroupNoCG', 'batchStartServers']);
    expect(r.stderr).toContain(`jobs=${ids.join(' ')}`);
  });
});

describe('plan run: drill mode', () => {
  it('runs the hooks once every drill server is ACTIVE, and gives them the servers\' status and addresses', async () => {
    await seed('erp-db', 2);
    // Drill servers boot for a while after the create job: the hook must not see them BUILD.
    await w.client.admin('PUT', '/config', { job_duration_ms: { default: JOB_MS, drillServerBoot: 300 } });
    const plan = planFile(`
name: drill-ready
groups:
  db: erp-db
steps:
  - name: database
    failover: [db]
  - name: probe
    run: 'echo "servers=$SDRS_PLAN_DRILL_SERVERS"; echo "first=$SDRS_PLAN_DRILL_SERVER_1_ADDRESS"'
`);
    const r = await runMain(['plan', 'run', plan, '--mode', 'drill', '--yes', '--json'], { env: stateEnv() });
    expect(r.code, r.stderr).toBe(0);
    const servers = JSON.parse(/^servers=(.*)$/m.exec(r.stderr)![1]) as { status: string; addresses: string[] }[];
    expect(servers).toHaveLength(2);
    for (const s of servers) {
      expect(s.status).toBe('ACTIVE');
      expect(s.addresses[0]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    }
    expect(r.stderr).toMatch(/^first=\d+\.\d+\.\d+\.\d+$/m);
  });
});

/** main() with stderr a terminal (the live board and spinners are drawn); stdout and stdin not. */
async function runAtTerminal(argv: string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const stdin = new PassThrough();
  stdin.end('');
  const stdout = new PassThrough();
  stdout.resume();
  const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  let err = '';
  stderr.on('data', (c) => (err += String(c)));
  const code = await main(argv, { stdin, stdout, stderr, env: { ...env, TERM: 'xterm' }, cwd: env.HOME, homeDir: env.HOME, handleSignals: false });
  return { code, stderr: err };
}

describe('plan run at a terminal: the live board in every mode', () => {
  for (const mode of ['switchover', 'drill'] as const) {
    it(`${mode}: the step's groups on one board (no per-group phase lines or spinners)`, async () => {
      await seed('web-1', 1);
      await seed('web-2', 1);
      const env = stateEnv();
      const plan = planFile(`
name: board
groups:
  a: web-1
  b: web-2
steps:
  - name: web
    switchover: [a, b]
`);
      const r = await runAtTerminal(['plan', 'run', plan, '--mode', mode, '--yes'], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/2\/2 done, 0 in progress, 0 failed, 0 queued/);
      expect(r.stderr).toMatch(mode === 'switchover' ? /✔.* a: switched over to target/ : /✔.* a: drill sdrs-plan-web-1 ready/);
      // What the groups' operations print (phases, spinners, pre-flight lines) stays off the screen.
      expect(r.stderr).not.toMatch(/Phase 1\/3|Pre-flight checks|watching job|drill servers of/);
      const dir = join(env.XDG_STATE_HOME, 'sdrs', 'plans');
      const state = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8'));
      expect(state.status).toBe('done');
    });
  }

  it('a group that fails: its row says why, then what the step\'s groups printed is shown', async () => {
    await seed('erp-db', 1);
    await w.client.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG' });
    const r = await runAtTerminal(['plan', 'run', planFile(SWITCH), '--mode', 'switchover', '--yes'], stateEnv());
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toMatch(/✖.* db: /);
    expect(r.stderr).toMatch(/What the step's groups printed:[\s\S]*Phase 2\/3: reverse/);
  });
});
