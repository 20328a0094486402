/**
 * `sdrs drill` after review: a run that loses its drill after creating it exits 7 (not 3 or 4:
 * something was made) and the journal does not call it refused; a drill kept with --keep is
 * not taken over by the next run; the --verify command does not see sdrs's credentials;
 * drill create/delete journal the group's name.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { useDemoWorld } from '../helpers/cli-env.js';
import { SEED_IDS } from '../../src/emulator/index.js';
import { journalPath } from '../../src/journal/store.js';
import { main } from '../../src/cli.js';

const w = useDemoWorld();
const G = 'demo-erp';
const sdrs = (args: string[], env: Record<string, string> = {}) => runMain(args, { env: { ...w.env, ...env } });
const errorOf = (stderr: string) => JSON.parse(stderr.trim().split('\n').pop()!).error;
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
async function drills(): Promise<{ id: string; name: string; status: string }[]> {
  return (await w.client.get('/disaster-recovery-drills')).body.disaster_recovery_drills;
}
/** The newest journal operations of a command, as `sdrs history --json` lists them. */
async function history(command: string): Promise<{ command: string; outcome: string; exit_code: number; groups: { id: string; name?: string }[] }[]> {
  const h = await sdrs(['history', '--json']);
  expect(h.code, h.stderr).toBe(0);
  const doc = JSON.parse(h.stdout);
  return (Array.isArray(doc) ? doc : doc.operations).filter((op: { command: string }) => op.command === command);
}

describe('drill run loses its drill after creating it', () => {
  it('the world reset while the drill servers boot: exit 7 (not 3), what happened and the check command; the journal says unknown, not refused', async () => {
    await w.client.admin('PUT', '/config', { job_duration: '100ms,drillServerBoot=60s' });
    const run = sdrs(['--json', 'drill', 'run', G, '--yes', '--interval', '100ms']);
    // The run reads the drill once after its create job, then again while its servers boot.
    const showDrill = 'GET /v1/{project_id}/disaster-recovery-drills/{disaster_recovery_drill_id}';
    let reads = 0;
    for (let i = 0; i < 400 && reads < 2; i++) {
      reads = (await w.counters()).routes[showDrill] ?? 0;
      if (reads < 2) await sleep(25);
    }
    expect(reads).toBeGreaterThanOrEqual(2);
    await w.client.admin('POST', '/reset', { seed: 'demo' });
    const r = await run;
    expect(r.code, r.stderr).toBe(7);
    const e = errorOf(r.stderr);
    expect(e).toMatchObject({ code: 'OUTCOME_UNKNOWN', exit_code: 7, phase: 'servers', cause_exit_code: 3, job_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(e.message).toMatch(/stopped at the servers phase/);
    expect(e.hint).toMatch(new RegExp(`Drill sdrs-run-demo-erp \\(${e.drill_id}\\) no longer exists; check: sdrs drill list --group ${SEED_IDS.demoGroup}`));
    const [op] = await history('drill run');
    expect(op).toMatchObject({ outcome: 'unknown', exit_code: 7 });
  });
});

describe('the --verify command', () => {
  it("does not inherit sdrs's credentials; its text is journaled without known secrets or URL userinfo", async () => {
    const extra = { HW_ACCESS_KEY: 'AKFAMILY2XXXXXXX', HW_SECRET_KEY: 'SKFAMILY2-s3cr3t', HW_SECURITY_TOKEN: 'sts-token-abcdef', SDRS_AUTH_TOKEN: 'iam-token-abcdef', KEEP_ME: 'yes' };
    const verify = 'env > "$HOME/verify-env.txt" # probe https://ops:pa/ss@w0rd@10.0.0.5/health';
    const r = await sdrs(['drill', 'run', G, '--yes', '--verify', verify], extra);
    expect(r.code, r.stderr).toBe(0);
    const seen = Object.fromEntries(readFileSync(join(w.env.HOME, 'verify-env.txt'), 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    for (const name of ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HW_ACCESS_KEY', 'HW_SECRET_KEY', 'HW_SECURITY_TOKEN', 'SDRS_AUTH_TOKEN']) expect(seen[name], name).toBeUndefined();
    expect(seen).toMatchObject({ KEEP_ME: 'yes', SDRS_PROJECT_ID: w.env.SDRS_PROJECT_ID, SDRS_GROUP_ID: SEED_IDS.demoGroup, SDRS_DRILL_SERVER_COUNT: '2' });
    const journal = readFileSync(journalPath(w.env, w.env.HOME), 'utf8');
    expect(journal).toContain('env > \\"$HOME/verify-env.txt\\" # probe https://<redacted>@10.0.0.5/health');
    for (const secret of ['pa/ss', 'w0rd', ...Object.values(extra).filter((v) => v !== 'yes'), w.env.HUAWEICLOUD_SDK_SK]) expect(journal).not.toContain(secret);
  });
});

/** Runs main() and aborts it with SIGINT once stderr matches `stopWhen`. */
async function stoppedAt(argv: string[], stopWhen: RegExp): Promise<{ code: number; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const ac = new AbortController();
  let err = '';
  stdout.resume();
  stderr.on('data', (c) => {
    err += String(c);
    if (!ac.signal.aborted && stopWhen.test(err)) ac.abort('SIGINT');
  });
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr, env: w.env, cwd: w.env.HOME, homeDir: w.env.HOME, handleSignals: false, signal: ac.signal });
  return { code, err };
}

describe('a drill kept with --keep', () => {
  it('is not taken over by the next run (exit 3, its cleanup command, nothing sent); a drill an interrupted run left available is carried on, without a recovery time', async () => {
    const kept = await sdrs(['--json', 'drill', 'run', G, '--yes', '--keep']);
    expect(kept.code, kept.stderr).toBe(0);
    const id = JSON.parse(kept.stdout).drill.id;
    await w.client.admin('DELETE', '/counters');
    const again = await sdrs(['--json', 'drill', 'run', G, '--yes']);
    expect(again.code, again.stderr).toBe(3);
    expect(again.stdout).toBe('');
    expect(errorOf(again.stderr)).toMatchObject({ code: 'PREFLIGHT_FAILED', drill_id: id, cleanup_command: `sdrs drill delete ${id} --yes`, message: expect.stringMatching(/kept by an earlier run \(--keep/) });
    expect(errorOf(again.stderr).hint).toMatch(/or pass another --name/);
    expect((await w.counters()).routes['POST /v1/{project_id}/disaster-recovery-drills']).toBeUndefined();
    expect(await drills()).toMatchObject([{ id, status: 'available' }]);
    // Refused again after that refusal (the refusal is not taken for the run that made the drill).
    expect((await sdrs(['drill', 'run', G, '--yes'])).code).toBe(3);

    // Stopped while --verify runs: the drill is available; the same command carries on with it.
    const stopped = await stoppedAt(['drill', 'run', G, '--yes', '--name', 'rs2', '--verify', 'sleep 20'], /▶ Verify/);
    expect(stopped.code, stopped.err).toBe(130);
    expect((await drills()).find((d) => d.name === 'rs2')).toMatchObject({ status: 'available' });
    const resumed = await sdrs(['--json', 'drill', 'run', G, '--yes', '--name', 'rs2']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ resumed: true, recovery_ms: null, result: 'passed', drill: { name: 'rs2', status: 'deleted' } });
    expect(await drills()).toMatchObject([{ id }]);
  });
});

describe('drill create/delete in the journal', () => {
  it('name the group (not only its id), so history shows it', async () => {
    expect((await sdrs(['drill', 'create', G, '--name', 'c1', '--yes'])).code).toBe(0);
    expect((await sdrs(['drill', 'delete', 'c1', '--yes'])).code).toBe(0);
    for (const command of ['drill create', 'drill delete']) {
      const [op] = await history(command);
      expect(op, command).toMatchObject({ outcome: 'ok', groups: [{ id: SEED_IDS.demoGroup, name: G }] });
    }
    const people = await sdrs(['history']);
    // Newest first: the delete, then the create; the GROUPS column has the name.
    const [header, ...lines] = people.stdout.split('\n');
    expect(header).toMatch(/KIND +GROUPS/);
    for (const l of lines.slice(0, 2)) expect(l, people.stdout).toMatch(new RegExp(`^\\S+ \\S+ +drill +${G} `));
  });
});
