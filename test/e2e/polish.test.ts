/**
 * Issue 15, output polish, against the real emulator (in-process main(), fast jobs):
 * colour and width-fitting at a terminal (plain and full in a pipe), multi-line errors,
 * the login note once per run and its off switch, `group reverse --dry-run` on a no-op,
 * config init's test call and "Added"/"Updated", .sdrsrc.example's emu profile, and the
 * emulator's ECS answer for an unknown job.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { signRequest } from '../../src/auth/sign.js';
import { SEED_IDS, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { countMethod, jobDone, useDemoWorld } from '../helpers/cli-env.js';
import { baseEnv, ROOT } from '../helpers/run.js';

const w = useDemoWorld();
const ESC = '\u001b';
const SGR = /\u001b\[\d+m/g;

/** A stream that says it is a terminal of `columns` columns. */
function tty(columns: number): PassThrough & { text(): string } {
  const s = Object.assign(new PassThrough(), { isTTY: true, columns });
  let text = '';
  s.on('data', (c) => (text += String(c)));
  return Object.assign(s, { text: () => text });
}
function pipe(): PassThrough & { text(): string } {
  const s = new PassThrough();
  let text = '';
  s.on('data', (c) => (text += String(c)));
  return Object.assign(s, { text: () => text });
}

/** main() with its stdout (and stderr) as given: a terminal or a pipe. */
async function run(argv: string[], o: { out?: ReturnType<typeof pipe>; err?: ReturnType<typeof pipe>; env?: Record<string, string>; stdin?: string } = {}) {
  const out = o.out ?? pipe();
  const err = o.err ?? pipe();
  const stdin = new PassThrough();
  stdin.end(o.stdin ?? '');
  const env = o.env ?? w.env;
  const code = await main(argv, { stdin, stdout: out, stderr: err, env, cwd: env.HOME, homeDir: env.HOME, handleSignals: false });
  return { code, stdout: out.text(), stderr: err.text() };
}

const colourEnv = () => {
  const env = { ...w.env, FORCE_COLOR: '1' };
  delete (env as Record<string, string | undefined>).NO_COLOR;
  return env;
};

describe('tables at a terminal', () => {
  it('colour statuses and fault levels, shorten ids and hide columns to fit 80 columns, and say so', async () => {
    await w.client.admin('PUT', `/replications/${SEED_IDS.demoReplication('erp-app-01', 'sys')}/fault`, { fault_level: '5' });
    await w.client.admin('PUT', `/replications/${SEED_IDS.demoReplication('erp-db-01', 'sys')}/fault`, { fault_level: '2' });
    const pairs = await run(['pair', 'list'], { out: tty(80), env: colourEnv() });
    expect(pairs.code, pairs.stderr).toBe(0);
    const lines = pairs.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l.replace(SGR, '').length).toBeLessThanOrEqual(80);
    expect(pairs.stdout).toContain(`${ESC}[32mprotected${ESC}[39m`);
    const fault5 = lines.find((l) => l.includes('rp-erp-app-01-sys'))!;
    const fault2 = lines.find((l) => l.includes('rp-erp-db-01-sys'))!;
    expect(fault5).toContain(`${ESC}[31m5 `);
    expect(fault2).toContain(`${ESC}[33m2 `);
    expect(pairs.stdout).toMatch(/^[0-9a-f]{8}… /m);
    expect(pairs.stderr).toMatch(/ids shortened; .*hidden to fit 80 columns: --json, a pipe/);

    const wide = await run(['pair', 'list'], { out: tty(300), env: colourEnv() });
    expect(wide.stdout).toContain(SEED_IDS.demoReplication('erp-app-01', 'sys'));
    expect(wide.stderr).not.toMatch(/to fit/);
  });

  it('red for an error-* group status, yellow while a job runs', async () => {
    await w.client.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.1029' });
    await w.stopServers('cn-north-4a');
    const rev = await w.client.post(`/server-groups/${SEED_IDS.demoGroup}/action`, { 'reverse-server-group': { priority_station: 'target' } });
    await jobDone(w.client, rev.body.job_id).catch(() => undefined);
    const r = await run(['group', 'list'], { out: tty(200), env: colourEnv() });
    expect(r.stdout).toContain(`${ESC}[31merror-reversing${ESC}[39m`);
    await w.client.admin('PUT', '/config', { job_duration_ms: 60_000 });
    await w.client.post(`/server-groups/${SEED_IDS.demoGroup}/action`, { 'reverse-server-group': { priority_station: 'target' } });
    const busy = await run(['group', 'status', 'demo-erp'], { out: tty(200), env: colourEnv() });
    expect(busy.stdout).toContain(`Status:       ${ESC}[33mreversing${ESC}[39m`);
  });

  it('in a pipe or with NO_COLOR: no escape codes, full ids, every column', async () => {
    const piped = await run(['pair', 'list'], { env: colourEnv() });
    expect(piped.stdout).not.toContain(ESC);
    expect(piped.stdout).toContain(SEED_IDS.demoReplication('erp-app-01', 'sys'));
    expect(piped.stdout.split('\n')[0]).toMatch(/ATTACHED\s+GROUP\s+PRODUCTION DISK$/);
    expect(piped.stderr).not.toMatch(/to fit/);
    const noColour = await run(['group', 'status', 'demo-erp'], { out: tty(80) });
    expect(noColour.stdout).not.toContain(ESC);
  });

  it('service text cannot bring its own colour codes: they are escaped, ours kept', async () => {
    await w.client.admin('PUT', `/records/replications/${SEED_IDS.demoReplication('erp-app-01', 'sys')}`, { name: `evil${ESC}[31mred${ESC}[8m` });
    const r = await run(['pair', 'list'], { out: tty(200), env: colourEnv() });
    expect(r.stdout).toContain('evil\\u001b[31mred\\u001b[8m');
    expect(r.stdout).not.toContain(`${ESC}[8m`);
    expect(r.stdout).toContain(`${ESC}[32mprotected${ESC}[39m`);
    await w.client.admin('PUT', `/records/groups/${SEED_IDS.demoGroup}`, { name: `erp${ESC}[8mhidden` });
    const s = await run(['group', 'status', SEED_IDS.demoGroup], { out: tty(200), env: colourEnv() });
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain('Group:        erp\\u001b[8mhidden');
    expect(s.stdout).not.toContain(`${ESC}[8m`);
    expect(s.stdout).toContain(`${ESC}[32mprotected${ESC}[39m`);
  });
});

describe('errors and notes for people', () => {
  it('a multi-line error keeps its lines, continuation lines indented; --json is one document', async () => {
    await w.client.admin('POST', '/fail-next', { job_type: 'batchStopServers', error_code: 'Ecs.0001', fail_reason: 'quota' });
    const ids = [SEED_IDS.server('web-01'), SEED_IDS.server('web-02')];
    const r = await run(['server', 'stop', ...ids, '--yes']);
    expect(r.code).toBe(5);
    const at = r.stderr.split('\n').findIndex((l) => l.startsWith('error: '));
    expect(r.stderr.split('\n')[at]).toMatch(/^error: .*job [0-9a-f]+ \(batchStopServers\) failed/);
    expect(r.stderr.split('\n')[at + 1]).toMatch(/^ {2,}sub-job /);
    await w.client.admin('POST', '/fail-next', { job_type: 'batchStopServers', error_code: 'Ecs.0001', fail_reason: 'quota' });
    const j = await run(['--json', 'server', 'stop', ...ids, '--yes']);
    const last = j.stderr.trim().split('\n').pop()!;
    expect(JSON.parse(last).error.message).toMatch(/\n {2}sub-job /);
  });

  it('the login note is printed once per run (two reverses on one stderr), and SDRS_NO_LOGIN_NOTE=1 leaves only the next step', async () => {
    await w.stopServers('cn-north-4a');
    const err = pipe();
    const there = await run(['group', 'reverse', 'demo-erp', '--to', 'target', '--yes'], { err });
    expect(there.code, there.stderr).toBe(0);
    const back = await run(['group', 'reverse', 'demo-erp', '--to', 'source', '--yes'], { err });
    expect(back.code, back.stderr).toBe(0);
    expect(err.text().match(/Logging in after a switchover/g)).toHaveLength(1);
    expect(err.text().match(/Next: start the servers at the new production site/g)).toHaveLength(2);

    const off = await run(['group', 'reverse', 'demo-erp', '--to', 'target', '--yes'], { env: { ...w.env, SDRS_NO_LOGIN_NOTE: '1' } });
    expect(off.code, off.stderr).toBe(0);
    expect(off.stderr).toContain('Next: start the servers at the new production site cn-north-4b (target)');
    expect(off.stderr).not.toContain('Logging in after a switchover');
  });

  it('group reverse --dry-run on a no-op prints the dry-run no-op document (also with --stop-servers), sends nothing', async () => {
    for (const extra of [[], ['--stop-servers']]) {
      const r = await run(['--json', 'group', 'reverse', 'demo-erp', '--to', 'source', '--dry-run', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ dry_run: true, requests: [], nothing_to_do: expect.stringMatching(/already runs production on source/) });
    }
    const people = await run(['group', 'reverse', 'demo-erp', '--to', 'source', '--dry-run']);
    expect(people.stdout).toBe('');
    expect(people.stderr).toMatch(/Dry run: nothing would be sent\. Nothing to do: group demo-erp already runs production on source/);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });
});

describe('config init and the example profile', () => {
  it('--test lists groups with the new profile; "Added" then "Updated"; a bad key fails with the call\'s exit code and no secret', async () => {
    const env = baseEnv();
    const init = (sk: string) =>
      run(['--profile', 'lab', '--endpoint', w.emu.url, '--project-id', w.emu.projectId, 'config', 'init', '--access-key', w.emu.ak, '--secret-key-stdin', '--test'], { env, stdin: `${sk}\n` });
    const first = await init(w.emu.sk);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/^Added profile lab in /m);
    expect(first.stderr).toContain('✔ Test call OK: profile lab listed 1 protection group(s).');
    const again = await init('not-the-right-secret');
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/^Updated profile lab in /m);
    expect(again.stderr).toMatch(/profile lab was saved, but the test call \(group list\) failed: /);
    expect(again.stderr + again.stdout).not.toContain('not-the-right-secret');
    const json = await run(['--json', '--profile', 'lab', '--endpoint', w.emu.url, 'config', 'init', '--access-key', w.emu.ak, '--secret-key-stdin', '--test'], { env, stdin: `${w.emu.sk}\n` });
    expect(JSON.parse(json.stdout)).toMatchObject({ profile: 'lab', added: false, test: { ok: true, groups: 1 } });
    expect(json.stdout).not.toContain(w.emu.sk);
  });

  it('at a terminal the test call is offered: yes lists the groups; a failure is said, the profile kept, exit 0', async () => {
    const env = baseEnv();
    const asked: string[] = [];
    const init = async (sk: string, answer: boolean) => {
      const stdin = Object.assign(new PassThrough(), { isTTY: true });
      stdin.end(`${sk}\n`);
      const err = tty(120);
      const out = pipe();
      const prompter = {
        text: async () => '', select: async () => { throw new Error('no select'); },
        confirm: async (m: string) => (asked.push(m), answer),
      };
      const argv = ['--profile', 'lab', '--endpoint', w.emu.url, '--region', 'cn-north-4', '--project-id', w.emu.projectId, 'config', 'init', '--access-key', w.emu.ak, '--secret-key-stdin'];
      const code = await main(argv, { stdin, stdout: out, stderr: err, env, cwd: env.HOME, homeDir: env.HOME, handleSignals: false, prompter });
      return { code, stderr: err.text() };
    };
    const ok = await init(w.emu.sk, true);
    expect(ok.code, ok.stderr).toBe(0);
    expect(asked).toEqual(['Test profile lab now (lists protection groups with it)?']);
    expect(ok.stderr).toMatch(/Added profile lab[\s\S]*Test call OK: profile lab listed 1 protection group\(s\)/);
    const bad = await init('wrong-secret-key', true);
    expect(bad.code, bad.stderr).toBe(0);
    expect(bad.stderr).toMatch(/Updated profile lab[\s\S]*✖ Test call failed: profile lab was saved, but the test call \(group list\) failed: /);
    expect(bad.stderr).not.toContain('wrong-secret-key');
    const no = await init(w.emu.sk, false);
    expect(no.stderr).not.toMatch(/Test call/);
  });

  it(".sdrsrc.example's emu profile works against an emulator with its default credentials", async () => {
    const env = baseEnv();
    copyFileSync(join(ROOT, '.sdrsrc.example'), join(env.HOME, '.sdrsrc'));
    // The example's endpoint is the default port 8443; this emulator listens elsewhere.
    const r = await run(['--json', '--profile', 'emu', '--endpoint', w.emu.url, 'group', 'list'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).map((g: { name: string }) => g.name)).toEqual(['demo-erp']);
    expect(readFileSync(join(env.HOME, '.sdrsrc'), 'utf8')).toContain('endpoint: http://127.0.0.1:8443');
  });
});

describe('emulator: the job route of two services', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, seed: 'demo', allowHosts: ['ecs.localhost', 'sdrs.localhost'] });
  });
  afterAll(async () => {
    await emu.stop();
  });

  /** A signed GET sent to the emulator with the Host header `host` (as the ECS or SDRS endpoint would send it). */
  const getAs = (host: string, path: string) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const url = `http://${host}:${emu.port}${path}`;
      const { headers } = signRequest({ method: 'GET', url, headers: { 'X-Project-Id': emu.projectId }, ak: emu.ak, sk: emu.sk });
      const req = request({ host: '127.0.0.1', port: emu.port, path, method: 'GET', headers }, (res) => {
        let text = '';
        res.on('data', (c) => (text += String(c)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('an unknown job asked at an ecs.* host gets an ECS error; at sdrs.* or a neutral host, SDRS.0408', async () => {
    const path = `/v1/${emu.projectId}/jobs/0123456789abcdef0123456789abcdef`;
    const ecs = await getAs('ecs.localhost', path);
    expect(ecs.status).toBe(404);
    expect(ecs.body.error.code).toMatch(/^Ecs\.\d{4}$/);
    for (const host of ['sdrs.localhost', '127.0.0.1']) {
      const r = await getAs(host, path);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('SDRS.0408');
    }
  });

  it('a job is served by its own service (or any at a neutral host)', async () => {
    const stop = await emulatorCall(emu, 'POST', '/cloudservers/action', { 'os-stop': { servers: [{ id: SEED_IDS.server('web-01') }] } });
    const path = `/v1/${emu.projectId}/jobs/${stop.job_id}`;
    expect((await getAs('ecs.localhost', path)).body.job_id).toBe(stop.job_id);
    expect((await getAs('127.0.0.1', path)).body.job_id).toBe(stop.job_id);
    expect((await getAs('sdrs.localhost', path)).body.error.code).toBe('SDRS.0408');
  });
});

async function emulatorCall(emu: RunningEmulator, method: string, p: string, body: unknown): Promise<any> {
  const url = `${emu.url}/v1/${emu.projectId}${p}`;
  const text = JSON.stringify(body);
  const { headers } = signRequest({ method, url, headers: { 'X-Project-Id': emu.projectId, 'Content-Type': 'application/json;charset=UTF-8' }, body: text, ak: emu.ak, sk: emu.sk });
  delete headers['Host'];
  return (await fetch(url, { method, headers, body: text })).json();
}
