import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { maskUrlCredentials, proxySecretForms } from '../../src/config/mask.js';
import { runMain } from '../helpers/in-process.js';
import { bypassesProxy, proxyFor, resolveNetwork } from '../../src/config/proxy.js';
import type { SettingWithSource } from '../../src/config/types.js';

describe('NO_PROXY, curl semantics', () => {
  const cases: [string, string, number, boolean][] = [
    // list, host, port, bypassed
    ['example.com', 'example.com', 443, true],
    ['example.com', 'a.example.com', 443, true],
    ['.example.com', 'a.example.com', 443, true],
    ['.example.com', 'example.com', 443, true],
    ['example.com', 'notexample.com', 443, false],
    ['example.com', 'example.com.evil.org', 443, false],
    ['EXAMPLE.com', 'a.Example.COM', 443, true],
    ['*', 'anything.at.all', 80, true],
    ['', 'example.com', 443, false],
    [' foo.org , example.com ', 'x.example.com', 443, true],
    ['127.0.0.1', '127.0.0.1', 80, true],
    ['127.0.0.1', '127.0.0.2', 80, false],
    ['localhost', '127.0.0.1', 80, false], // a name never matches an address
    ['127.0.0.1', 'localhost', 80, false],
    ['10.0.0.0/8', '10.20.30.40', 443, true],
    ['10.0.0.0/8', '11.0.0.1', 443, false],
    ['::1', '[::1]', 443, true],
    ['[::1]', '::1', 443, true],
    ['fd00::/8', '[fd12::5]', 443, true],
    ['0:0:0:0:0:0:0:1', '[::1]', 443, true],
    ['example.com:8443', 'example.com', 8443, true],
    ['example.com:8443', 'example.com', 443, false],
    ['[::1]:8443', '[::1]', 8443, true],
    ['[::1]:8443', '[::1]', 443, false],
    ['example.com.', 'example.com', 443, true],
  ];
  test.each(cases)('NO_PROXY=%j, host %s:%d -> bypass %s', (list, host, port, want) => {
    expect(bypassesProxy(host, port, list)).toBe(want);
  });

  test('proxyFor picks the scheme and honours NO_PROXY with the default port', () => {
    const net = { httpsProxy: 'http://s:1', httpProxy: 'http://p:2', noProxy: 'direct.example.com:443' };
    expect(proxyFor('https://sdrs.cn-north-4.myhuaweicloud.com/v1', net)).toBe('http://s:1');
    expect(proxyFor('http://127.0.0.1:8443/v1', net)).toBe('http://p:2');
    expect(proxyFor('https://direct.example.com/v1', net)).toBeUndefined();
    expect(proxyFor('http://direct.example.com/v1', net)).toBe('http://p:2');
  });
});

describe('resolveNetwork: flag > env > profile', () => {
  const run = (flags: { proxy?: string; caBundle?: string }, env: Record<string, string>, profile = {}) => {
    const sources: Record<string, SettingWithSource<string | number | undefined>> = {};
    return { net: resolveNetwork(flags, env, profile, '~/.sdrsrc#default', sources), sources };
  };

  test('lower case first, HTTP_PROXY honoured after http_proxy, ALL_PROXY last', () => {
    expect(run({}, { https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:1' }).net.httpsProxy).toBe('http://a:1');
    expect(run({}, { HTTPS_PROXY: 'http://b:1' }).net.httpsProxy).toBe('http://b:1');
    expect(run({}, { http_proxy: 'http://a:1', HTTP_PROXY: 'http://b:1' }).net.httpProxy).toBe('http://a:1');
    expect(run({}, { HTTP_PROXY: 'http://b:1' }).net.httpProxy).toBe('http://b:1');
    const all = run({}, { ALL_PROXY: 'http://c:1' }).net;
    expect([all.httpsProxy, all.httpProxy]).toEqual(['http://c:1', 'http://c:1']);
    // HTTPS_PROXY is for https only (curl)
    expect(run({}, { HTTPS_PROXY: 'http://b:1' }).net.httpProxy).toBeUndefined();
  });

  test('--proxy beats the environment, which beats the profile; --proxy none goes direct', () => {
    const env = { HTTPS_PROXY: 'http://env:1', NO_PROXY: 'x.org' };
    expect(run({ proxy: 'http://flag:1' }, env, { proxy: 'http://file:1' }).net.httpsProxy).toBe('http://flag:1');
    expect(run({}, env, { proxy: 'http://file:1' }).net.httpsProxy).toBe('http://env:1');
    expect(run({}, {}, { proxy: 'http://file:1' }).net.httpsProxy).toBe('http://file:1');
    const none = run({ proxy: 'none' }, env, { proxy: 'http://file:1' });
    expect(none.net.httpsProxy).toBeUndefined();
    expect(none.sources['proxy.https']).toMatchObject({ value: 'none (direct)', source: 'flag' });
    expect(run({ proxy: '' }, env, { proxy: 'http://file:1' }).net.httpsProxy).toBeUndefined(); // curl's -x ""
    expect(run({}, env, { noProxy: 'y.org' }).net.noProxy).toBe('x.org');
    expect(run({}, {}, { noProxy: 'y.org' }).net.noProxy).toBe('y.org');
  });

  test('a scheme-less proxy is http; credentials are masked in the sources, kept for the agent', () => {
    const r = run({}, { HTTPS_PROXY: 'user:s3cret-pw@proxy.corp:3128' });
    expect(r.net.httpsProxy).toBe('http://user:s3cret-pw@proxy.corp:3128');
    expect(r.sources['proxy.https']).toEqual({ value: 'http://***@proxy.corp:3128', source: 'env', origin: 'HTTPS_PROXY' });
    expect(JSON.stringify(r.sources)).not.toContain('s3cret');
  });

  test('a socks or malformed proxy is refused without repeating its password', () => {
    expect(() => run({}, { HTTPS_PROXY: 'socks5://u:pw-secret@h:1080' })).toThrow(/socks5 proxies are not supported/);
    try {
      run({ proxy: 'http://u:pw-secret@h:1/path' }, {});
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain('pw-secret');
      expect((err as { exitCode: number }).exitCode).toBe(2);
    }
    try {
      run({}, {}, { proxy: 'ftp://h' });
      expect.unreachable();
    } catch (err) {
      expect((err as { exitCode: number }).exitCode).toBe(4);
    }
  });
});

describe('proxy passwords in messages (masked with or without a scheme, up to the last @)', () => {
  test('maskUrlCredentials: from the scheme or the start, to the last @ before white space', () => {
    const cases: [string, string][] = [
      ['bob:S3cretX@proxy.example:3128/path', '***@proxy.example:3128/path'],
      ['bob:S3cretX@', '***@'],
      ['http://bob:pa/ss9@proxy.example:3128', 'http://***@proxy.example:3128'],
      ['http://bob:p?a#s@s@proxy:1', 'http://***@proxy:1'],
      ['https://u:p@h/x?m=a@b', 'https://***@b'],
      ['http://proxy:3128', 'http://proxy:3128'],
      ['proxy:3128', 'proxy:3128'],
      ['https://u:p@h other@text', 'https://***@h other@text'],
    ];
    for (const [value, masked] of cases) expect(maskUrlCredentials(value), value).toBe(masked);
  });

  test('maskUrlCredentials stays linear on 100 kB of hostile input', () => {
    for (const s of ['a'.repeat(100_000), 'http://' + 'a@'.repeat(50_000), 'a:'.repeat(50_000) + '//x', '@'.repeat(100_000), 'x'.repeat(40) + '://' + '@'.repeat(99_000)]) {
      const t0 = performance.now();
      maskUrlCredentials(s);
      expect(performance.now() - t0).toBeLessThan(200);
    }
  });

  test('proxySecretForms: the password as written and decoded, user:password, the Basic credentials', () => {
    const forms = proxySecretForms('bob:S3c%25ret@h:1');
    expect(forms).toEqual(expect.arrayContaining(['S3c%25ret', 'S3c%ret', 'bob:S3c%25ret', 'bob:S3c%ret', Buffer.from('bob:S3c%ret').toString('base64')]));
    expect(proxySecretForms('http://bob:pa/ss9@h:1')).toContain('pa/ss9');
    expect(proxySecretForms('http://h:1')).toEqual([]);
    expect(proxySecretForms('bob@h')).toEqual([]);
  });

  describe('the errors of a run, text and --json, English and Chinese', () => {
    const home = mkdtempSync(join(tmpdir(), 'sdrs-proxy-msg-'));
    const base = { HOME: home, SDRS_ENDPOINT: 'http://127.0.0.1:9', SDRS_PROJECT_ID: '0123456789abcdef0123456789abcdef', HUAWEICLOUD_SDK_AK: 'AKAKAKAKAKAKAKAKAKAK', HUAWEICLOUD_SDK_SK: 'skskskskskskskskskskskskskskskskskskskss', NO_COLOR: '1' };
    const runs: [string, string[], Record<string, string>, number, string, string][] = [
      ['flag with a path', ['--proxy', 'bob:S3cretX@proxy.example:3128/path'], {}, 2, 'S3cretX', '***@proxy.example:3128/path'],
      ['flag with a bad port', ['--proxy', 'bob:S3cretX@proxy.example:99999'], {}, 2, 'S3cretX', '***@proxy.example:99999'],
      ['flag with no host', ['--proxy', 'bob:S3cretX@'], {}, 2, 'S3cretX', '***@'],
      ['env with / in the password', [], { HTTPS_PROXY: 'http://bob:pa/ss9@proxy.example:3128' }, 2, 'pa/ss9', 'http://***@proxy.example:3128'],
      ['profile with / in the password', [], { PROFILE: 'http://bob:pa/ss9@proxy.example:3128' }, 4, 'pa/ss9', 'http://***@proxy.example:3128'],
    ];
    test('an endpoint URL with a password holding / is refused without repeating it (--endpoint, config init)', async () => {
      writeFileSync(join(home, '.sdrsrc'), 'profiles: {}\n', { mode: 0o600 });
      for (const argv of [['--endpoint', 'https://u:pa/ss99@sdrs.example.com', 'group', 'list'], ['config', 'init', '--no-input', '--profile', 'x', '--endpoint', 'https://u:pa/ss99@sdrs.example.com']]) {
        for (const LANG of ['C', 'zh_CN.UTF-8']) {
          const r = await runMain(argv, { env: { ...base, LANG } });
          expect(r.code, r.stderr).toBe(2);
          expect(r.stderr).toContain('https://***@sdrs.example.com');
          expect(r.stdout + r.stderr).not.toContain('pa/ss99');
        }
      }
    });

    for (const [name, flags, extra, code, secret, shown] of runs) {
      test(name, async () => {
        const { PROFILE, ...vars } = extra;
        writeFileSync(join(home, '.sdrsrc'), PROFILE ? `profiles:\n  default:\n    proxy: ${PROFILE}\n` : 'profiles: {}\n', { mode: 0o600 });
        const outs: string[] = [];
        for (const LANG of ['C', 'zh_CN.UTF-8']) {
          for (const json of [[], ['--json']]) {
            const r = await runMain([...flags, ...json, 'group', 'list'], { env: { ...base, ...vars, LANG } });
            expect(r.code, r.stderr).toBe(code);
            expect(r.stderr).toContain(shown);
            expect(r.stderr).toMatch(LANG === 'C' || json.length ? /proxy/ : /代理/);
            expect(r.stdout + r.stderr, LANG).not.toContain(secret);
            if (json.length) outs.push(r.stdout + r.stderr);
          }
        }
        expect(outs[1]).toBe(outs[0]);
      });
    }
  });
});
