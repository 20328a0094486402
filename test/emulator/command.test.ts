import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { UsageError } from '../../src/errors.js';
import { DEFAULT_AK, DEFAULT_PROJECT_ID, DEFAULT_SK, runEmulatorCommand } from '../../src/emulator/index.js';
import { emulatorClient } from '../helpers/emulator-client.js';

function streams() {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (d) => (o += d));
  err.on('data', (d) => (e += d));
  return { out, err, stdout: () => o, stderr: () => e };
}

async function firstLine(s: { stdout: () => string }): Promise<string> {
  for (let i = 0; i < 200 && !s.stdout().includes('\n'); i++) await new Promise((r) => setTimeout(r, 10));
  return s.stdout();
}

describe('runEmulatorCommand (sdrs emulator)', () => {
  it('prints exactly one line, serves signed requests, and stops on abort', async () => {
    const s = streams();
    const ac = new AbortController();
    const done = runEmulatorCommand({ out: s.out, err: s.err, port: 0, seed: 'demo', signal: ac.signal });
    const line = await firstLine(s);
    const m = /^sdrs emulator listening on (http:\/\/127\.0\.0\.1:\d+) \(project id: ([0-9a-f]{32}), access key: (\S+)\)\n$/.exec(line);
    expect(m).not.toBeNull();
    expect(m![2]).toBe(DEFAULT_PROJECT_ID);
    expect(m![3]).toBe(DEFAULT_AK);
    const c = emulatorClient({ url: m![1], ak: DEFAULT_AK, sk: DEFAULT_SK, projectId: DEFAULT_PROJECT_ID });
    expect((await c.get('/server-groups')).body.count).toBe(1);
    expect(s.stderr()).toBe('');
    ac.abort('SIGINT');
    await done;
    await expect(fetch(m![1] + '/__emulator/state')).rejects.toThrow();
  });

  it('prints a JSON object with --json and uses the given credentials', async () => {
    const s = streams();
    const ac = new AbortController();
    const done = runEmulatorCommand({
      out: s.out, err: s.err, json: true, port: 0, ak: 'MYAK', sk: 'MYSK', projectId: '0123456789abcdef0123456789abcdef', jobDuration: '200ms', signal: ac.signal,
    });
    const info = JSON.parse(await firstLine(s));
    expect(Object.keys(info)).toEqual(['url', 'project_id', 'ak', 'sk']);
    expect(info).toMatchObject({ project_id: '0123456789abcdef0123456789abcdef', ak: 'MYAK', sk: 'MYSK' });
    const c = emulatorClient({ url: info.url, ak: 'MYAK', sk: 'MYSK', projectId: info.project_id });
    expect((await c.get('/active-domains')).status).toBe(200);
    expect((await c.admin('GET', '/config')).body.job_duration_ms).toEqual({ default: 200 });
    ac.abort();
    await done;
  });

  it('warns on stderr when the host is not loopback', async () => {
    const s = streams();
    const ac = new AbortController();
    const done = runEmulatorCommand({ out: s.out, err: s.err, host: '0.0.0.0', port: 0, signal: ac.signal });
    await firstLine(s);
    expect(s.stderr()).toMatch(/^warning: .*0\.0\.0\.0.*not on loopback/);
    ac.abort();
    await done;
  });

  it.each([
    [{ seed: 'huge' }, /--seed/],
    [{ port: 'x' }, /--port/],
    [{ jobDuration: 'soon' }, /invalid duration/],
    [{ faults: 'fire=1' }, /unknown fault/],
    [{ ak: 'only' }, /--ak and --sk/],
    [{ projectId: 'a/b' }, /--project-id/],
  ])('rejects %j with a UsageError before starting', async (bad, msg) => {
    const s = streams();
    const p = runEmulatorCommand({ out: s.out, err: s.err, port: 0, signal: new AbortController().signal, ...(bad as object) });
    await expect(p).rejects.toBeInstanceOf(UsageError);
    await expect(p).rejects.toThrow(msg);
    expect(s.stdout()).toBe('');
  });
});

/** `sdrs ...argv` through main() in this process, until `stop` is aborted; resolves with the exit code and output. */
function mainUntil(argv: string[], env: Record<string, string>, signal: AbortSignal) {
  const s = streams();
  const home = mkdtempSync(join(tmpdir(), 'sdrs-home-'));
  const stdin = new PassThrough();
  stdin.end('');
  const done = main(argv, { stdin, stdout: s.out, stderr: s.err, env: { HOME: home, ...env }, cwd: home, homeDir: home, handleSignals: false, signal });
  return { s, done };
}

describe('sdrs emulator --admin-token / SDRS_EMULATOR_ADMIN_TOKEN', () => {
  it('the environment variable sets the admin token; --admin-token wins over it', async () => {
    for (const [argv, env, token] of [
      [[], { SDRS_EMULATOR_ADMIN_TOKEN: 'tok-from-env' }, 'tok-from-env'],
      [['--admin-token', 'tok-from-flag'], { SDRS_EMULATOR_ADMIN_TOKEN: 'tok-from-env' }, 'tok-from-flag'],
    ] as [string[], Record<string, string>, string][]) {
      const ac = new AbortController();
      const { s, done } = mainUntil(['--json', 'emulator', '--port', '0', ...argv], env, ac.signal);
      const info = JSON.parse(await firstLine(s));
      expect(JSON.stringify(info)).not.toContain(token);
      const target = { url: info.url, ak: info.ak, sk: info.sk, projectId: info.project_id };
      expect((await emulatorClient(target).admin('GET', '/config')).status).toBe(401);
      expect((await emulatorClient({ ...target, adminToken: 'tok-from-env' }).admin('GET', '/config')).status).toBe(token === 'tok-from-env' ? 200 : 401);
      expect((await emulatorClient({ ...target, adminToken: token }).admin('GET', '/config')).status).toBe(200);
      ac.abort('SIGINT');
      await done;
    }
  });

  it('a malformed token is exit 2 and is not echoed', async () => {
    const ac = new AbortController();
    const { s, done } = mainUntil(['emulator', '--port', '0', '--admin-token', 'has space secret-part'], {}, ac.signal);
    expect(await done).toBe(2);
    expect(s.stderr()).toMatch(/invalid admin token/);
    expect(s.stderr()).not.toContain('secret-part');
    expect(s.stdout()).toBe('');
  });
});
