import { describe, expect, it } from 'vitest';
import { ApiError, AuthError, ConfigError, NetworkError, UsageError } from '../../src/errors.js';
import { findErrorFields } from '../../src/api/errors.js';
import { makeClient } from './helpers.js';
import { AK, PROJECT, SK, useStubs } from './stub-server.js';

const stub = useStubs();

describe('error bodies (reference section 6)', () => {
  const cases: [string, number, unknown, string, string][] = [
    ['SDRS error wrapper', 400, { error: { code: 'SDRS.1013', message: 'group not found' } }, 'SDRS.1013', 'group not found'],
    ['badrequest wrapper', 400, { badrequest: { code: 'SDRS.0201', message: 'bad params' } }, 'SDRS.0201', 'bad params'],
    ['badRequest wrapper', 400, { badRequest: { code: 'SDRS.0202', message: 'bad name' } }, 'SDRS.0202', 'bad name'],
    ['itemNotFound wrapper', 404, { itemNotFound: { code: 'SDRS.2206', message: 'no tag' } }, 'SDRS.2206', 'no tag'],
    ['gateway error_code', 401, { error_code: 'APIGW.0301', error_msg: 'verify aksk signature fail', request_id: 'r-body' }, 'APIGW.0301', 'verify aksk signature fail'],
    ['top-level code/message', 403, { code: 'IAM.0002', message: 'forbidden' }, 'IAM.0002', 'forbidden'],
  ];
  it.each(cases)('%s', async (_name, status, body, code, message) => {
    const s = await stub([{ status, body, headers: { 'x-request-id': 'req-123' } }]);
    const { api } = makeClient(s.url);
    const err = await api.getGroup('g-1').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status, apiCode: code, requestId: 'req-123' });
    expect(err.message).toContain(message);
    expect(err.exitCode).toBe(status === 401 || status === 403 ? 4 : 3);
    expect(err.toJSON().error).toMatchObject({ code, http_status: status, request_id: 'req-123' });
  });

  it('takes the request id from the body when the header is missing', async () => {
    const s = await stub([{ status: 401, body: { error_code: 'APIGW.0301', error_msg: 'x', request_id: 'r-body' } }]);
    const err = await makeClient(s.url).api.getGroup('g-1').catch((e) => e);
    expect(err.requestId).toBe('r-body');
    expect(err.hint).toMatch(/clock/);
  });

  it('an HTML body from a proxy becomes a clear error with a short snippet', async () => {
    const html = `<html><body>${'Bad Gateway '.repeat(200)}</body></html>`;
    const s = await stub([{ status: 418, body: html }]);
    const err = await makeClient(s.url).api.getGroup('g-1').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.apiCode).toBe('HTTP_418');
    expect(err.message).toContain('<html><body>Bad Gateway');
    expect(err.message.length).toBeLessThan(400);
  });

  it('an empty error body says so', async () => {
    const s = await stub([{ status: 400 }]);
    const err = await makeClient(s.url).api.getGroup('g-1').catch((e) => e);
    expect(err.message).toMatch(/HTTP 400.*empty body/);
  });

  it('finds nested fields the way the Go SDK does', () => {
    expect(findErrorFields({ a: { b: { code: 'X', message: 'y' } } })).toEqual({ code: 'X', message: 'y' });
    expect(findErrorFields('text')).toBeUndefined();
    expect(findErrorFields([1])).toBeUndefined();
  });
});

describe('unexpected 2xx bodies', () => {
  it.each([
    ['not JSON', '<html>ok</html>'],
    ['an array', '[1,2]'],
    ['missing the object', '{"something":1}'],
    ['an object without id', '{"server_group":{"name":"x"}}'],
    ['empty', ''],
  ])('%s → BAD_RESPONSE (exit 7)', async (_n, body) => {
    const s = await stub([{ status: 200, body }]);
    const err = await makeClient(s.url).api.getGroup('g-1').catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ code: 'BAD_RESPONSE', exitCode: 7 });
    expect(err.message).toMatch(/unexpected response/);
  });

  it('a job id missing from a mutation response is an unknown outcome (the change may have been made)', async () => {
    const s = await stub([{ status: 200, body: {} }]);
    await expect(makeClient(s.url).api.deleteGroup('g-1')).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN', exitCode: 7 });
  });

  it('refuses a response larger than the limit', async () => {
    const s = await stub([{ status: 200, body: { server_groups: [], pad: 'x'.repeat(200_000) } }]);
    const err = await makeClient(s.url, { maxBodyBytes: 10_000 }).api.listGroups().catch((e) => e);
    expect(err).toMatchObject({ code: 'RESPONSE_TOO_LARGE', exitCode: 7 });
  });
});

describe('path parameters', () => {
  it.each(['../x', 'a/b', 'a?b', 'a%2Fb', 'a b', '', '-leading', 'x'.repeat(129)])('rejects %j without sending', async (id) => {
    const s = await stub([{ status: 200, body: {} }]);
    const { api } = makeClient(s.url);
    const err = await api.getGroup(id).catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('group id');
    await expect(api.groupAction(id, { action: 'start' })).rejects.toBeInstanceOf(UsageError);
    await expect(api.getJob(id)).rejects.toThrow(/job id/);
    await expect(api.serverAction('os-stop', ['ok', id])).rejects.toThrow(/server id/);
    expect(s.seen).toHaveLength(0);
  });

  it('missing project id or endpoint fails before sending', async () => {
    const { api } = makeClient('http://127.0.0.1:9', { projectId: undefined });
    await expect(api.getGroup('g-1')).rejects.toBeInstanceOf(AuthError);
    await expect(api.getGroup('g-1')).rejects.toThrow(/--project-id.*\n.*SDRS_PROJECT_ID/s);
    const noEcs = makeClient('', { endpoints: { sdrs: 'http://127.0.0.1:9', ecs: '', vpc: '', iam: '' } });
    await expect(noEcs.api.getServer('s-1')).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('pagination', () => {
  const groups = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `g-${from + i}` }));
  it('pages by offset until a short page', async () => {
    const s = await stub((seen) => {
      const offset = Number(new URL(seen.url, 'http://x').searchParams.get('offset'));
      return { status: 200, body: { server_groups: groups(offset, offset < 200 ? 100 : 30), count: 230 } };
    });
    const all = await makeClient(s.url).api.listAllGroups({ status: 'protected' });
    expect(all).toHaveLength(230);
    expect(s.seen.map((r) => r.url.replace(/^.*\?/, ''))).toEqual([
      'status=protected&limit=100&offset=0', 'status=protected&limit=100&offset=100', 'status=protected&limit=100&offset=200',
    ]);
  });

  it('stops at an empty page, and when count is reached', async () => {
    const s = await stub([
      { status: 200, body: { protected_instances: groups(0, 100) } },
      { status: 200, body: { protected_instances: [] } },
    ]);
    expect(await makeClient(s.url).api.listAllInstances({ server_group_id: 'g-1' })).toHaveLength(100);
    const c = await stub([{ status: 200, body: { replications: groups(0, 100), count: 100 } }]);
    expect(await makeClient(c.url).api.listAllReplications()).toHaveLength(100);
    expect(c.seen).toHaveLength(1);
  });

  it('ECS servers page by page number', async () => {
    const s = await stub([{ status: 200, body: { servers: groups(0, 100), count: 150 } }, { status: 200, body: { servers: groups(100, 50), count: 150 } }]);
    expect(await makeClient(s.url).api.listServers()).toHaveLength(150);
    expect(s.seen.map((r) => new URL(r.url, 'http://x').searchParams.get('offset'))).toEqual(['1', '2']);
    expect(s.seen[0].url).toMatch(new RegExp(`^/v1/${PROJECT}/cloudservers/detail\\?`));
  });

  it('listServersWithin: every server when the pages fit, else undefined after the first page', async () => {
    const pages = () => [{ status: 200, body: { servers: groups(0, 100), count: 150 } }, { status: 200, body: { servers: groups(100, 50), count: 150 } }] as const;
    const fits = await stub([...pages()]);
    expect(await makeClient(fits.url).api.listServersWithin(2)).toHaveLength(150);
    expect(fits.seen.map((x) => new URL(x.url, 'http://h').searchParams.get('offset'))).toEqual(['1', '2']);
    const tooMany = await stub([...pages()]);
    expect(await makeClient(tooMany.url).api.listServersWithin(1)).toBeUndefined();
    expect(tooMany.seen).toHaveLength(1);
  });
});

describe('endpoints and bodies', () => {
  it('uses the documented paths and bodies', async () => {
    const s = await stub((seen) => {
      if (seen.url.includes('/jobs/')) return { status: 200, body: { job_id: 'j1', status: 'RUNNING' } };
      if (seen.url.includes('/cloudservers/s-1')) return { status: 200, body: { server: { id: 's-1' } } };
      if (seen.url.endsWith('/vpcs')) return { status: 200, body: { vpcs: [{ id: 'v' }] } };
      if (seen.url.includes('/protected-instances/')) return { status: 200, body: { protected_instance: { id: 'pi' } } };
      return { status: 200, body: { job_id: 'j1' } };
    });
    const { api } = makeClient(s.url);
    await api.getJob('j1');
    await api.getEcsJob('j1');
    await api.getServer('s-1');
    await api.listVpcs();
    await api.getInstance('pi');
    await api.serverAction('os-stop', ['s-1']);
    await api.serverAction('os-start', ['s-1']);
    await api.createInstance({ server_group_id: 'g', server_id: 's', name: 'n' });
    await api.groupAction('g-1', { action: 'failover' });
    await api.deleteGroup('g-1');
    expect(s.seen.map((r) => `${r.method} ${r.url.replace(`/v1/${PROJECT}`, '')} ${r.body}`)).toEqual([
      'GET /jobs/j1 ', 'GET /jobs/j1 ', 'GET /cloudservers/s-1 ', 'GET /vpcs ', 'GET /protected-instances/pi ',
      'POST /cloudservers/action {"os-stop":{"servers":[{"id":"s-1"}],"type":"SOFT"}}',
      'POST /cloudservers/action {"os-start":{"servers":[{"id":"s-1"}]}}',
      'POST /protected-instances {"protected_instance":{"server_group_id":"g","server_id":"s","name":"n"}}',
      'POST /server-groups/g-1/action {"failover-server-group":{}}',
      'DELETE /server-groups/g-1 ',
    ]);
  });
});

describe('--debug and --dry-run never show secrets', () => {
  it('traces requests and responses with secrets redacted', async () => {
    const s = await stub([{ status: 200, body: { server_group: { id: 'g-1', echo: SK }, token: 'tok-temporary-123' }, headers: { 'x-subject-token': 'subject-tok-1' } }]);
    const { api, debug, setCreds } = makeClient(s.url);
    setCreds({ kind: 'aksk', ak: AK, sk: SK, securityToken: 'tok-temporary-123' });
    await api.getGroup('g-1');
    const trace = debug.join('\n');
    expect(trace).toMatch(/→ GET http:\/\/127\.0\.0\.1:\d+\/v1\/.*\/server-groups\/g-1/);
    expect(trace).toMatch(/← 200 OK \(\d+ ms\)/);
    expect(trace).toMatch(/authorization: \*\*\*/);
    expect(trace).toMatch(/x-security-token: \*\*\*/);
    expect(trace).toMatch(/x-subject-token: \*\*\*/);
    expect(trace).not.toContain(SK);
    expect(trace).not.toContain('tok-temporary-123');
    expect(trace).not.toContain('subject-tok-1');
  });

  it('token auth: the token never appears', async () => {
    const s = await stub([{ status: 401, body: { error_code: 'APIGW.0301', error_msg: 'bad token iam-token-abcdef' } }]);
    const { api, debug, setCreds } = makeClient(s.url);
    setCreds({ kind: 'token', token: 'iam-token-abcdef' });
    await api.getGroup('g-1').catch(() => {});
    expect(debug.join('\n')).toMatch(/x-auth-token: \*\*\*/);
    expect(debug.join('\n')).not.toContain('iam-token-abcdef');
  });

  it('prepareGroupAction builds the signed request without sending it', async () => {
    const s = await stub([{ status: 200, body: {} }]);
    const { api, setCreds } = makeClient(s.url);
    setCreds({ kind: 'aksk', ak: AK, sk: SK, securityToken: 'tok-temporary-123' });
    const p = await api.prepareGroupAction('g-1', { action: 'reverse', priorityStation: 'source' });
    expect(s.seen).toHaveLength(0);
    expect(p).toMatchObject({
      method: 'POST',
      url: `${s.url}/v1/${PROJECT}/server-groups/g-1/action`,
      body: { 'reverse-server-group': { priority_station: 'source' } },
    });
    expect(p.headers.Authorization).toMatch(/^SDK-HMAC-SHA256 Access=\*\*\*\*1234, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, Signature=\*\*\*$/);
    expect(p.headers['X-Security-Token']).toBe('***');
    expect(JSON.stringify(p)).not.toContain(SK);
    const c = await api.prepareCreateGroup({ name: 'a', source_availability_zone: 'az1', target_availability_zone: 'az2', domain_id: 'd', source_vpc_id: 'v' });
    expect(c.body).toEqual({ server_group: { name: 'a', source_availability_zone: 'az1', target_availability_zone: 'az2', domain_id: 'd', source_vpc_id: 'v' } });
  });
});
