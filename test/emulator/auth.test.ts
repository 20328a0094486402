import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { formatSdkDate } from '../../src/auth/sign.js';
import { isLoopbackAddress } from '../../src/emulator/server.js';
import { T0, harness } from './setup.js';

const require = createRequire(import.meta.url);

describe('gateway authentication', () => {
  it('accepts a request signed by our signer and answers with X-Request-Id', async () => {
    const { c } = await harness();
    const r = await c.get('/server-groups');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(r.body).toEqual({ server_groups: [], count: 0 });
  });

  it('accepts requests signed by the official @huaweicloud/huaweicloud-sdk-core signer', async () => {
    const { emu, c } = await harness({ seed: 'demo' });
    const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
    const send = async (method: string, path: string, query: Record<string, string>, data?: unknown) => {
      const headers: Record<string, string> = { 'X-Project-Id': emu.projectId, 'X-Sdk-Date': formatSdkDate(new Date(T0)) };
      if (data) headers['Content-Type'] = 'application/json;charset=UTF-8';
      const signed = AKSKSigner.sign(
        { endpoint: emu.url + path, method, headers: { ...headers }, queryParams: query, data, pathParams: {} },
        { getAk: () => emu.ak, getSk: () => emu.sk },
      ) as Record<string, string>;
      delete signed.Host;
      delete signed.host;
      const qs = new URLSearchParams(query).toString();
      const r = await fetch(emu.url + path + (qs ? '?' + qs : ''), { method, headers: signed, body: data ? JSON.stringify(data) : undefined });
      return { status: r.status, body: (await r.json()) as any };
    };
    const list = await send('GET', c.path('/server-groups'), { limit: '10', offset: '0', status: 'protected' });
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(1);
    const create = await send('POST', c.path('/server-groups'), {}, { server_group: { name: 'x', source_availability_zone: 'cn-north-4a' } });
    // Authenticated (so it reached validation): an invalid-AZ/domain answer, not a 401.
    expect(create.status).toBe(400);
    expect(create.body.error.code).toBe('SDRS.0205');
  });

  it('accepts a Go-SDK style request: content-type unsigned, body ending in a newline', async () => {
    const { c } = await harness();
    const r = await c.call('PUT', '/server-groups/nope', {
      rawBody: '{"server_group":{"name":"n"}}\n',
      signedHeaders: ['x-project-id', 'x-sdk-date'],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('SDRS.1013');
  });

  const expect401 = (r: { status: number; body: any; headers: Headers }, fragment: string) => {
    expect(r.status).toBe(401);
    expect(r.body.error_code).toBe('APIGW.0301');
    expect(r.body.error_msg).toMatch(/^Incorrect IAM authentication information: /);
    expect(r.body.error_msg).toContain(fragment);
    expect(r.body.request_id).toBe(r.headers.get('x-request-id'));
  };

  it('rejects a wrong secret key with 401 APIGW.0301', async () => {
    const { c } = await harness();
    expect401(await c.get('/server-groups', { sk: 'not-the-secret' }), 'verify aksk signature fail');
  });

  it('rejects a tampered body with 401', async () => {
    const { c } = await harness({ seed: 'demo' });
    const r = await c.call('POST', '/server-groups', {
      rawBody: '{"server_group":{"name":"a"}}',
      sendBody: '{"server_group":{"name":"b"}}',
    });
    expect401(r, 'verify aksk signature fail');
    // Nothing was created.
    expect((await c.get('/server-groups')).body.count).toBe(1);
  });

  it('rejects a tampered query and path', async () => {
    const { emu, c } = await harness();
    const ok = await c.get('/server-groups?limit=1');
    expect(ok.status).toBe(200);
    const signedFor = (await import('../../src/auth/sign.js')).signRequest({
      method: 'GET', url: emu.url + c.path('/server-groups?limit=1'), headers: { 'X-Project-Id': emu.projectId }, ak: emu.ak, sk: emu.sk, date: new Date(T0),
    }).headers;
    delete signedFor.Host;
    const r = await fetch(emu.url + c.path('/server-groups?limit=2'), { headers: signedFor });
    expect(r.status).toBe(401);
  });

  it('rejects a date more than 15 minutes off, in either direction, and accepts 14 minutes', async () => {
    const { c } = await harness();
    expect401(await c.get('/server-groups', { date: new Date(T0 - 16 * 60_000) }), '15 minutes');
    expect401(await c.get('/server-groups', { date: new Date(T0 + 16 * 60_000) }), '15 minutes');
    expect((await c.get('/server-groups', { date: new Date(T0 - 14 * 60_000) })).status).toBe(200);
  });

  it('rejects missing, malformed and unknown-key authorization', async () => {
    const { c } = await harness();
    expect401(await c.get('/server-groups', { unsigned: true }), 'neither an Authorization');
    expect401(await c.get('/server-groups', { unsigned: true, headers: { Authorization: 'Bearer x' } }), 'SDK-HMAC-SHA256');
    expect401(await c.get('/server-groups', { ak: 'SOMEOTHERAK000000000' }), 'access key does not exist');
  });

  it('answers 403 APIGW.0302 for another project in the path or X-Project-Id', async () => {
    const { c } = await harness();
    const other = '0123456789abcdef0123456789abcdef';
    const r = await c.get(`/v1/${other}/server-groups`);
    expect(r.status).toBe(403);
    expect(r.body.error_code).toBe('APIGW.0302');
    const h = await c.get('/server-groups', { headers: { 'X-Project-Id': other } });
    expect(h.status).toBe(403);
  });

  it('issues IAM tokens (201 + X-Subject-Token) that are accepted as X-Auth-Token until they expire', async () => {
    const { emu, c, clock } = await harness();
    const body = {
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'ops', password: 'pw', domain: { name: 'acme' } } } },
        scope: { project: { name: 'cn-north-4' } },
      },
    };
    const r = await c.post('/v3/auth/tokens', body, { unsigned: true });
    expect(r.status).toBe(201);
    const token = r.headers.get('x-subject-token')!;
    expect(token).toBeTruthy();
    expect(r.body.token.project.id).toBe(emu.projectId);
    expect(r.body.token.expires_at).toBe('2024-03-02T08:00:00.000Z');
    expect((await c.get('/server-groups', { token })).status).toBe(200);
    expect((await c.get('/server-groups', { token: 'MIIbogus' })).status).toBe(401);
    clock.advance(24 * 3_600_000);
    expect((await c.get('/server-groups', { token })).status).toBe(401);
  });

  it('refuses a token request without a password or project scope', async () => {
    const { c } = await harness();
    const noPw = { auth: { identity: { methods: ['password'], password: { user: { name: 'ops', password: '' } } }, scope: { project: { name: 'cn-north-4' } } } };
    expect((await c.post('/v3/auth/tokens', noPw, { unsigned: true })).status).toBe(401);
    const noScope = { auth: { identity: { methods: ['password'], password: { user: { name: 'ops', password: 'x' } } } } };
    expect((await c.post('/v3/auth/tokens', noScope, { unsigned: true })).status).toBe(400);
  });

  it('serves project discovery (GET /v3/projects?name=) signed', async () => {
    const { emu, c } = await harness();
    const r = await c.get('/v3/projects?name=cn-north-4');
    expect(r.status).toBe(200);
    expect(r.body.projects).toEqual([expect.objectContaining({ id: emu.projectId, name: 'cn-north-4' })]);
    expect((await c.get('/v3/projects', { sk: 'bad' })).status).toBe(401);
  });

  it('answers unknown routes with 404 APIGW.0101 and an X-Request-Id', async () => {
    const { c } = await harness();
    const r = await c.get('/no-such-thing');
    expect(r.status).toBe(404);
    expect(r.body.error_code).toBe('APIGW.0101');
    expect(r.headers.get('x-request-id')).toBeTruthy();
  });

  it('treats only loopback peers as admin clients', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('10.0.0.5')).toBe(false);
    expect(isLoopbackAddress('::ffff:192.168.1.2')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });
});
