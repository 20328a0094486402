/**
 * Proxies and private CAs, for real, on loopback: a proxy started here (test/helpers/proxy.ts)
 * counting what passes, and the emulator over TLS with a certificate signed by a CA made here.
 * In process (runMain): fast, and the environment is the run's own, never process.env.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createNetwork } from '../../src/api/network.js';
import { SEED_IDS, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { countMethod, emulatorEnv, JOB_MS, startWorld, writeFastPollingProfile, type TestWorld } from '../helpers/cli-env.js';
import { NO_WAIT_CLOCK, runMain } from '../helpers/in-process.js';
import { startProxy, type TestProxy } from '../helpers/proxy.js';
import { HIDDEN, makeTestCa } from '../helpers/tls.js';

const PASSWORD = 'pr0xy-Secret-42';

/** main() with a clock whose sleeps end at once: retries of an unreachable proxy cost no time. */
const runFast = (argv: string[], env: Record<string, string>) => runMain(argv, { env, clock: NO_WAIT_CLOCK });

/** Every file under dir, read (the journal, the history cache...). */
function allText(dir: string): string {
  let s = '';
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, name);
    if (statSync(p).isFile()) s += readFileSync(p, 'utf8');
  }
  return s;
}

let proxy: TestProxy;
let w: TestWorld;
beforeAll(async () => {
  [proxy, w] = await Promise.all([startProxy(), startWorld({ allowHosts: [HIDDEN] })]);
});
afterAll(async () => {
  await Promise.all([proxy.close(), w.stop()]);
});

describe('behind an HTTP proxy (plain http endpoint)', () => {
  test('every command goes through the proxy, even to a host only the proxy can resolve', async () => {
    const env = { ...w.freshEnv(), SDRS_ENDPOINT: w.emu.url.replace('127.0.0.1', HIDDEN), http_proxy: proxy.url };
    await w.client.admin('DELETE', '/counters');
    await w.stopServers('cn-north-4a');
    proxy.reset();
    const list = await runMain(['group', 'list'], { env });
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('demo-erp');
    expect((await runMain(['group', 'status', 'demo-erp'], { env })).code).toBe(0);
    const rev = await runMain(['--json', 'group', 'reverse', 'demo-erp', '--to', 'target', '--yes', '--no-wait'], { env });
    expect(rev.code, rev.stderr).toBe(0);
    const job = JSON.parse(rev.stdout).job_id as string;
    expect((await runMain(['job', 'wait', job, '--interval', '50ms'], { env })).code).toBe(0);
    expect((await runMain(['job', 'show', job], { env })).code).toBe(0);
    const c = await w.counters();
    expect(countMethod(c, 'POST')).toBe(1);
    // The proxy saw every request the emulator answered (tunnelled plain http: counted by request line).
    expect(proxy.requests).toBe(c.total);
    expect(proxy.connects).toBeGreaterThan(0);
    expect(new Set(proxy.targets)).toEqual(new Set([`${HIDDEN}:${w.emu.port}`]));
  });

  test('config init --test makes its test call through the same --proxy', async () => {
    const env = w.freshEnv();
    delete env.SDRS_ENDPOINT;
    proxy.reset();
    const r = await runMain(
      ['--proxy', proxy.url, '--profile', 'lab', '--endpoint', `http://${HIDDEN}:${w.emu.port}`, '--project-id', w.emu.projectId,
        'config', 'init', '--access-key', w.emu.ak, '--secret-key-stdin', '--test'],
      { env, stdin: `${w.emu.sk}\n` },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(proxy.requests).toBe(1);
  });

  test("a project's config file may not choose the proxy unless trusted (UNTRUSTED_CONFIG, nothing sent)", async () => {
    const env = { ...w.freshEnv(), SDRS_ENDPOINT: w.emu.url.replace('127.0.0.1', HIDDEN) };
    const project = mkdtempSync(join(tmpdir(), 'sdrs-project-'));
    writeFileSync(join(project, '.sdrsrc'), `profiles:\n  default:\n    proxy: ${proxy.url}\n`);
    proxy.reset();
    const r = await runMain(['--json', 'group', 'list'], { env, cwd: project });
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stderr.trim().split('\n').pop()!).error).toMatchObject({ code: 'UNTRUSTED_CONFIG', setting: 'proxy' });
    expect(proxy.connects).toBe(0);
    const trusted = await runMain(['group', 'list'], { env: { ...env, SDRS_TRUST_PROJECT_CONFIG: '1' }, cwd: project });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(proxy.requests).toBe(1);
  });

  test("a project's config file may not set noProxy either: it would send requests around the user's proxy", async () => {
    const env = { ...w.freshEnv(), http_proxy: proxy.url };
    const project = mkdtempSync(join(tmpdir(), 'sdrs-project-'));
    writeFileSync(join(project, '.sdrsrc'), 'profiles:\n  default:\n    noProxy: "*"\n');
    proxy.reset();
    const r = await runMain(['--json', 'group', 'list'], { env, cwd: project });
    expect(r.code, r.stderr).toBe(4);
    expect(JSON.parse(r.stderr.trim().split('\n').pop()!).error).toMatchObject({ code: 'UNTRUSTED_CONFIG', setting: 'noProxy' });
    const zh = await runMain(['group', 'list'], { env: { ...env, LANG: 'zh_CN.UTF-8' }, cwd: project });
    expect(zh.stderr).toContain('noProxy：sdrs 不允许此类文件决定哪些请求绕过您的代理');
    const shown = await runMain(['config', 'show', '--json'], { env, cwd: project });
    expect(JSON.stringify(JSON.parse(shown.stdout))).toContain('untrusted: it sets noProxy');
    expect(proxy.requests + proxy.connects).toBe(0);
    // Trusted, it applies: straight to the emulator, the proxy sees nothing.
    const trusted = await runMain(['group', 'list'], { env: { ...env, SDRS_TRUST_PROJECT_CONFIG: '1' }, cwd: project });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(proxy.requests + proxy.connects).toBe(0);
  });

  test('HTTP_PROXY (upper case) is honoured for http too, after http_proxy', async () => {
    const env = { ...w.freshEnv(), SDRS_ENDPOINT: w.emu.url.replace('127.0.0.1', HIDDEN), HTTP_PROXY: proxy.url };
    proxy.reset();
    expect((await runMain(['group', 'list'], { env })).code).toBe(0);
    expect(proxy.requests).toBe(1);
  });

  test('a loopback endpoint is proxied too (as in curl) unless NO_PROXY names it', async () => {
    const env = { ...w.freshEnv(), http_proxy: proxy.url };
    proxy.reset();
    expect((await runMain(['group', 'list'], { env })).code).toBe(0);
    expect(proxy.requests).toBe(1);
    proxy.reset();
    for (const no of ['127.0.0.1', `127.0.0.0/8`, `127.0.0.1:${w.emu.port}`]) {
      const r = await runMain(['group', 'list'], { env: { ...env, NO_PROXY: no } });
      expect(r.code).toBe(0);
    }
    expect((await runMain(['--proxy', 'none', 'group', 'list'], { env })).code).toBe(0);
    expect(proxy.connects + proxy.requests).toBe(0);
  });

  test('proxy credentials: sent to the proxy, never printed (--debug, config show, errors, journal)', async () => {
    proxy.requireAuth('ops', PASSWORD);
    try {
      const env: Record<string, string> = { ...w.freshEnv(), SDRS_ENDPOINT: w.emu.url.replace('127.0.0.1', HIDDEN) };
      const withCreds = `http://ops:${PASSWORD}@127.0.0.1:${proxy.port}`;
      proxy.reset();
      const ok = await runMain(['--debug', '--proxy', withCreds, '--note', 'proxy test', 'group', 'list'], { env });
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stderr).toContain(`via proxy http://***@127.0.0.1:${proxy.port}`);
      expect(proxy.authorizations).toContain(`Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}`);

      const show = await runMain(['--json', 'config', 'show'], { env: { ...env, HTTPS_PROXY: withCreds, http_proxy: withCreds } });
      const settings = JSON.parse(show.stdout).settings;
      expect(settings['proxy.https']).toEqual({ value: `http://***@127.0.0.1:${proxy.port}`, source: 'env', origin: 'HTTPS_PROXY' });
      expect(settings['proxy.http']).toMatchObject({ source: 'env', origin: 'http_proxy' });

      const wrong = `http://ops:wrong-${PASSWORD}@127.0.0.1:${proxy.port}`;
      const refused = await runMain(['--json', '--debug', 'group', 'reverse', 'demo-erp', '--to', 'source', '--yes'], { env: { ...env, http_proxy: wrong } });
      expect(refused.code).toBe(4);
      const e = JSON.parse(refused.stderr.trim().split('\n').pop()!).error;
      expect(e.code).toBe('PROXY_AUTH');
      expect(e.message).toContain(`the proxy http://***@127.0.0.1:${proxy.port} refused its credentials`);
      const human = await runMain(['group', 'list'], { env: { ...env, http_proxy: wrong } });
      expect(human.stderr.trim().split('\n')[0]).toMatch(/^error: the proxy http:\/\/\*\*\*@127\.0\.0\.1:\d+ refused its credentials \(407/);

      for (const r of [ok, show, refused, human]) expect(r.stdout + r.stderr).not.toContain(PASSWORD);
      expect(allText(env.HOME)).not.toContain(PASSWORD);
    } finally {
      proxy.requireAuth(undefined);
    }
  });
});

describe('a proxy that cannot be reached, or cannot reach the endpoint', () => {
  test('exit 7 naming the proxy (masked); a mutation is not sent and may be retried: it never left', async () => {
    const env = { ...w.freshEnv(), http_proxy: `http://ops:${PASSWORD}@127.0.0.1:1` };
    await w.client.admin('DELETE', '/counters');
    const r = await runFast(['--json', 'group', 'list'], env);
    expect(r.code).toBe(7);
    const e = JSON.parse(r.stderr.trim().split('\n').pop()!).error;
    expect(e.code).toBe('PROXY_UNREACHABLE');
    expect(e.message).toMatch(/^could not reach the proxy http:\/\/\*\*\*@127\.0\.0\.1:1 \(ECONNREFUSED\) after 5 attempts; nothing was sent$/);
    expect(r.stderr).not.toContain(PASSWORD);
    expect((await w.counters()).total).toBe(0);
  });

  test('a CONNECT the proxy refuses (502: it could not reach the host) is exit 7, PROXY_UNREACHABLE', async () => {
    const env = { ...w.freshEnv(), SDRS_ENDPOINT: `http://${HIDDEN}:1`, http_proxy: proxy.url };
    const r = await runFast(['--json', 'group', 'list'], env);
    expect(r.code).toBe(7);
    const e = JSON.parse(r.stderr.trim().split('\n').pop()!).error;
    expect(e.code).toBe('PROXY_UNREACHABLE');
    expect(e.message).toContain(`answered 502 when asked to connect to ${HIDDEN}:1`);
  });
});

describe('a proxy that fails in the middle of a change', () => {
  test('the CONNECT of the POST refused: retried (it never left), then exit 7 PROXY_UNREACHABLE as not sent; no POST arrived', async () => {
    const env = { ...w.freshEnv(), SDRS_ENDPOINT: w.emu.url.replace('127.0.0.1', HIDDEN), http_proxy: proxy.url };
    const create = (name: string) => ['--json', 'group', 'create', '--name', name, '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc, '--no-wait'];
    // Learn how many tunnels a create takes (one request each): the POST is the last.
    proxy.reset();
    proxy.oneRequestPerTunnel = true;
    const first = await runFast(create('px-first'), env);
    expect(first.code, first.stderr).toBe(0);
    const tunnels = proxy.connects;
    expect(tunnels).toBe(proxy.requests);
    proxy.reset();
    proxy.oneRequestPerTunnel = true;
    proxy.refuseConnectsFrom = tunnels;
    await w.client.admin('DELETE', '/counters');
    const r = await runFast(create('px-second'), env);
    expect(r.code).toBe(7);
    const e = JSON.parse(r.stderr.trim().split('\n').pop()!).error;
    expect(e.code).toBe('PROXY_UNREACHABLE');
    expect(e.message).toBe(`the proxy ${proxy.url} answered 502 when asked to connect to ${HIDDEN}:${w.emu.port} after 5 attempts; nothing was sent`);
    const c = await w.counters();
    expect(countMethod(c, 'POST')).toBe(0);
    expect(proxy.connects).toBe(tunnels + 4);
  });
});

describe('a TLS endpoint signed by a private CA', () => {
  let dir: string;
  let pki: { ca: string; cert: string; key: string };
  let tlsEmu: RunningEmulator;
  let lines: string[];
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sdrs-ca-'));
    pki = makeTestCa(dir);
    lines = [];
    tlsEmu = await startEmulator({
      port: 0, seed: 'demo', jobDurationMs: JOB_MS, allowHosts: [HIDDEN], logger: (l) => lines.push(l),
      tls: { cert: readFileSync(pki.cert), key: readFileSync(pki.key) },
    });
    env = emulatorEnv(tlsEmu);
    writeFastPollingProfile(env.HOME);
  });
  afterAll(() => tlsEmu.stop());

  test('works with --ca-bundle (the public roots stay trusted too)', async () => {
    expect(tlsEmu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const r = await runMain(['--ca-bundle', pki.ca, 'group', 'list'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('demo-erp');
  });

  test('without it: exit 4 TLS_UNTRUSTED naming the host and the fix; nothing reached the service', async () => {
    lines.length = 0;
    const r = await runMain(['--json', 'group', 'reverse', 'demo-erp', '--to', 'target', '--yes'], { env });
    expect(r.code).toBe(4);
    const e = JSON.parse(r.stderr.trim().split('\n').pop()!).error;
    expect(e.code).toBe('TLS_UNTRUSTED');
    expect(e.message).toBe(`cannot trust 127.0.0.1:${tlsEmu.port}: its certificate is not signed by a CA this machine trusts (UNABLE_TO_VERIFY_LEAF_SIGNATURE); nothing was sent`);
    expect(e.hint).toMatch(/--ca-bundle FILE, caBundle in the profile, or NODE_EXTRA_CA_CERTS/);
    expect(lines).toEqual([]);
    const human = await runMain(['group', 'list'], { env });
    expect(human.stderr.split('\n').filter(Boolean)).toHaveLength(2); // one line, one hint
  });

  test('a profile caBundle (relative to the config file) and NODE_EXTRA_CA_CERTS of the run work too', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sdrs-ca-home-'));
    writeFileSync(join(home, 'corp-ca.pem'), readFileSync(pki.ca));
    writeFileSync(join(home, '.sdrsrc'), 'profiles:\n  default:\n    caBundle: corp-ca.pem\n', { mode: 0o600 });
    const r = await runMain(['group', 'list'], { env: { ...env, HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    const show = JSON.parse((await runMain(['--json', 'config', 'show'], { env: { ...env, HOME: home } })).stdout).settings;
    expect(show.caBundle).toEqual({ value: 'corp-ca.pem', source: 'config', origin: `${join(home, '.sdrsrc')}#default.caBundle` });
    const extra = await runMain(['group', 'list'], { env: { ...env, NODE_EXTRA_CA_CERTS: pki.ca } });
    expect(extra.code, extra.stderr).toBe(0);
  });

  test('a CA bundle that cannot be read or holds no certificate: exit 4, one line, nothing sent', async () => {
    lines.length = 0;
    writeFileSync(join(dir, 'junk.pem'), 'not a certificate\n');
    for (const bad of [join(dir, 'missing.pem'), join(dir, 'junk.pem')]) {
      const r = await runMain(['--ca-bundle', bad, 'group', 'list'], { env });
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(new RegExp(`^error: the CA bundle ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (cannot be read \\(ENOENT\\)|holds no PEM certificate); nothing was sent\n`));
    }
    expect(lines).toEqual([]);
  });

  test('through HTTPS_PROXY (CONNECT) to a host only the proxy resolves, with the CA', async () => {
    proxy.reset();
    const e = { ...env, SDRS_ENDPOINT: tlsEmu.url.replace('127.0.0.1', HIDDEN), HTTPS_PROXY: proxy.url };
    lines.length = 0;
    const r = await runMain(['--ca-bundle', pki.ca, 'group', 'status', 'demo-erp'], { env: e });
    expect(r.code, r.stderr).toBe(0);
    expect(proxy.connects).toBeGreaterThan(0);
    expect(new Set(proxy.targets)).toEqual(new Set([`${HIDDEN}:${tlsEmu.port}`]));
    expect(lines.length).toBeGreaterThan(0);
    // and with the host in NO_PROXY (a resolvable name), the proxy sees none
    proxy.reset();
    const direct = await runMain(['--ca-bundle', pki.ca, 'group', 'list'], { env: { ...env, HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } });
    expect(direct.code, direct.stderr).toBe(0);
    expect(proxy.connects).toBe(0);
  });
});

describe("NODE_EXTRA_CA_CERTS is Node's: sdrs reads it again only when it sets the CAs itself", () => {
  const missing = join(tmpdir(), 'sdrs-no-such-ca.pem');
  test('the one Node read at start-up (absolute or relative: the config resolves it) is left to Node, which only warns', () => {
    expect(createNetwork({ extraCaCerts: missing }, { NODE_EXTRA_CA_CERTS: missing }).ca).toBeUndefined();
    expect(createNetwork({ extraCaCerts: resolve('sdrs-no-such-ca.pem') }, { NODE_EXTRA_CA_CERTS: 'sdrs-no-such-ca.pem' }).ca).toBeUndefined();
  });
  test('another one (an in-process run with its own environment), or next to a CA bundle: read, and unreadable is exit 4', () => {
    expect(() => createNetwork({ extraCaCerts: missing }, {})).toThrow(expect.objectContaining({ exitCode: 4, code: 'CONFIG', message: expect.stringContaining(`NODE_EXTRA_CA_CERTS ${missing} cannot be read`) }));
    expect(() => createNetwork({ extraCaCerts: missing, caBundle: missing }, { NODE_EXTRA_CA_CERTS: missing })).toThrow(expect.objectContaining({ exitCode: 4 }));
  });
});
