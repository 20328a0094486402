import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import {
  canonicalQuery,
  canonicalRequest,
  parseAuthorization,
  signRequest,
  verifyRequest,
  formatSdkDate,
} from '../../src/auth/sign.js';

const require = createRequire(import.meta.url);

describe('AK/SK signing: official Go SDK vectors', () => {
  it('GET /path?limit=1 without a body', () => {
    const r = signRequest({
      method: 'GET',
      url: 'https://example.huaweicloud.com/path?limit=1',
      headers: { 'X-Sdk-Date': '20060102T150405Z' },
      ak: 'AccessKey',
      sk: 'SecretKey',
      signedHeaders: ['x-sdk-date'],
    });
    expect(r.canonicalRequest).toBe(
      'GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(r.authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
    );
  });

  it('POST with the Go encoder trailing newline in the body', () => {
    const r = signRequest({
      method: 'POST',
      url: 'https://example.huaweicloud.com/path?key=value',
      headers: { 'X-Sdk-Date': '20060102T150405Z', 'Content-Type': 'application/json' },
      body: '{"Name":"test","Id":1}\n',
      ak: 'AccessKey',
      sk: 'SecretKey',
      signedHeaders: ['x-sdk-date'],
    });
    expect(r.authorization).toContain('Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59');
  });

  it('canonicalises the Go query vector', () => {
    const params: [string, string][] = [
      ['limit', '1'],
      ['enable', 'true'],
      ['test', '一 (&=?!#%.*)'],
      ['path', '/tmp/123'],
      ['multi', '3'],
      ['multi', '1'],
      ['multi', '2'],
    ];
    expect(canonicalQuery(params)).toBe(
      'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29',
    );
  });
});

describe('AK/SK signing: SDRS vectors from the reference', () => {
  const project = '0123456789abcdef0123456789abcdef';
  const host = 'sdrs.cn-north-4.myhuaweicloud.com';
  it('reverse action', () => {
    const r = signRequest({
      method: 'POST',
      url: `https://${host}/v1/${project}/server-groups/40df180b-9fe2-471a-8c64-1b758dc84189/action`,
      headers: {
        'Content-Type': 'application/json;charset=UTF-8',
        'X-Project-Id': project,
        'X-Sdk-Date': '20240101T000000Z',
      },
      body: '{"reverse-server-group":{"priority_station":"target"}}',
      ak: 'AccessKey',
      sk: 'SecretKey',
    });
    expect(r.authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=44dd8b2434ec594266c6c7232f83e41173de386890789e06198cba513dcc49f5',
    );
  });
  it('list groups with a query', () => {
    const r = signRequest({
      method: 'GET',
      url: `https://${host}/v1/${project}/server-groups?limit=10&offset=0&status=protected`,
      headers: { 'X-Project-Id': project, 'X-Sdk-Date': '20240101T000000Z' },
      ak: 'AccessKey',
      sk: 'SecretKey',
    });
    expect(r.authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-project-id;x-sdk-date, Signature=1de8aa1337f3babfcaeeb06daf261d7afd982f1cccf01352124c624da71feeee',
    );
  });
});

describe('cross-check against the official @huaweicloud/huaweicloud-sdk-core signer', () => {
  const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
  // Dot segments are excluded: every HTTP client normalises them away before sending.
  const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
  const qkey = fc.stringMatching(/^[a-z_]{1,8}$/);
  const qval = fc.string({ maxLength: 12 });
  it('produces the same Authorization header for random requests', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.dictionary(qkey, qval, { maxKeys: 4 }),
        fc.option(fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.string({ maxLength: 20 })), { nil: undefined }),
        (method, segs, query, data) => {
          const path = '/v1/p/' + segs.join('/');
          const qs = new URLSearchParams(query).toString();
          const endpoint = 'https://sdrs.cn-north-4.myhuaweicloud.com';
          const date = '20240101T000000Z';
          const headers: Record<string, string> = { 'X-Project-Id': 'p', 'X-Sdk-Date': date };
          if (data) headers['Content-Type'] = 'application/json;charset=UTF-8';
          const official = AKSKSigner.sign(
            {
              endpoint: endpoint + path,
              method,
              headers: { ...headers },
              queryParams: query,
              data,
              pathParams: {},
            },
            { getAk: () => 'AK', getSk: () => 'SK' },
          ) as Record<string, string>;
          const ours = signRequest({
            method,
            url: endpoint + path + (qs ? '?' + qs : ''),
            headers,
            body: data ? JSON.stringify(data) : undefined,
            ak: 'AK',
            sk: 'SK',
            signedHeaders: Object.keys(official)
              .filter((k) => k !== 'Authorization')
              .map((k) => k.toLowerCase()),
          });
          expect(ours.authorization).toBe(official.Authorization);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('verifyRequest', () => {
  const now = new Date('2024-01-01T00:00:00Z');
  const sign = (body: string, date = now) =>
    signRequest({
      method: 'POST',
      url: 'http://127.0.0.1:8443/v1/p/server-groups?x=1',
      headers: { 'Content-Type': 'application/json', 'X-Project-Id': 'p' },
      body,
      ak: 'AK',
      sk: 'SK',
      date,
    });
  const verify = (headers: Record<string, string>, body: string, at = now) =>
    verifyRequest({
      method: 'POST',
      url: '/v1/p/server-groups?x=1',
      headers,
      body: Buffer.from(body),
      lookupSecret: (ak) => (ak === 'AK' ? 'SK' : undefined),
      now: at,
    });
  it('accepts a correctly signed request and rejects tampering', () => {
    const s = sign('{"a":1}');
    expect(verify(s.headers, '{"a":1}')).toEqual({ ok: true, access: 'AK' });
    expect(verify(s.headers, '{"a":2}')).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verify({ ...s.headers, 'X-Project-Id': 'q' }, '{"a":1}')).toMatchObject({ ok: false, reason: 'mismatch' });
  });
  it('rejects a stale date, an unknown key and a missing header', () => {
    const s = sign('{}', new Date(now.getTime() - 16 * 60_000));
    expect(verify(s.headers, '{}')).toMatchObject({ ok: false, reason: 'stale-date' });
    const t = signRequest({ method: 'POST', url: 'http://h/v1/p/server-groups?x=1', headers: {}, ak: 'OTHER', sk: 'SK', date: now });
    expect(verify(t.headers, '')).toMatchObject({ ok: false, reason: 'unknown-key' });
    expect(verify({}, '')).toMatchObject({ ok: false, reason: 'missing' });
  });
  it('parses the Authorization header', () => {
    expect(parseAuthorization('SDK-HMAC-SHA256 Access=A, SignedHeaders=host;x-sdk-date, Signature=ab')).toEqual({
      access: 'A',
      signedHeaders: ['host', 'x-sdk-date'],
      signature: 'ab',
    });
    expect(parseAuthorization('Bearer x')).toBeUndefined();
  });
  it('formats X-Sdk-Date', () => {
    expect(formatSdkDate(new Date('2006-01-02T15:04:05.123Z'))).toBe('20060102T150405Z');
  });
  it('canonical request hashes the exact body bytes', () => {
    const a = canonicalRequest({ method: 'post', url: '/x', headers: {}, signedHeaders: [], body: '{}' });
    const b = canonicalRequest({ method: 'post', url: '/x', headers: {}, signedHeaders: [], body: '{}\n' });
    expect(a).not.toBe(b);
  });
});
