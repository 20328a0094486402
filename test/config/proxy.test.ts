import { describe, expect, test } from 'vitest';
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
