/** `sdrs api`: where a path goes (service, URL), what is refused before anything is sent, and the fields. */
import { describe, expect, it } from 'vitest';
import { fieldsBody, parseApi, resolveTarget, serviceOf } from '../../src/commands/api.js';

const P = '0123456789abcdef0123456789abcdef';
const REGION = { sdrs: 'https://sdrs.cn-north-4.myhuaweicloud.com', ecs: 'https://ecs.cn-north-4.myhuaweicloud.com', vpc: 'https://vpc.cn-north-4.myhuaweicloud.com', iam: 'https://iam.cn-north-4.myhuaweicloud.com' };

describe('serviceOf', () => {
  it.each([
    ['/v1/{project_id}/server-groups', 'sdrs'],
    ['/v1/{project_id}/jobs/abc', 'sdrs'],
    ['/v1/{project_id}/cloudservers/detail?limit=1', 'ecs'],
    ['/v1.1/{project_id}/cloudservers', 'ecs'],
    ['/v2.1/{project_id}/servers/x', 'ecs'],
    ['/v1/{project_id}/vpcs', 'vpc'],
    ['/v1/{project_id}/subnets?vpc_id=1', 'vpc'],
    ['/v2.0/security-groups', 'vpc'],
    ['/v3/{project_id}/vpc/vpcs', 'vpc'],
  ])('%s → %s', (path, service) => expect(serviceOf(path)).toBe(service));
});

describe('resolveTarget', () => {
  it('fills {project_id} and picks the endpoint by the path, or by --service', () => {
    expect(resolveTarget({ path: '/v1/{project_id}/cloudservers/detail' }, REGION, P, 'default').url.toString()).toBe(`${REGION.ecs}/v1/${P}/cloudservers/detail`);
    expect(resolveTarget({ path: '/v1/{project_id}/jobs/j1', service: 'ecs' }, REGION, P, 'default')).toMatchObject({ service: 'ecs', path: `/v1/${P}/jobs/j1` });
  });

  it('a full URL only under a configured endpoint (exit 2 otherwise)', () => {
    expect(resolveTarget({ path: `${REGION.vpc}/v1/${P}/vpcs?limit=1` }, REGION, P, 'default')).toMatchObject({ service: 'vpc', path: `/v1/${P}/vpcs` });
    for (const url of ['https://evil.example.com/v1/x', 'http://sdrs.cn-north-4.myhuaweicloud.com/v1/x', 'https://sdrs.cn-north-4.myhuaweicloud.com.evil.example.com/v1']) {
      expect(() => resolveTarget({ path: url }, REGION, P, 'default')).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining('refusing to send signed credentials') }));
    }
    // An endpoint with a path prefix: a URL outside the prefix is not under it.
    const prefixed = { ...REGION, sdrs: 'https://gw.example.com/sdrs' };
    expect(resolveTarget({ path: 'https://gw.example.com/sdrs/v1/p/server-groups' }, prefixed, P, 'default').url.toString()).toBe('https://gw.example.com/sdrs/v1/p/server-groups');
    expect(() => resolveTarget({ path: 'https://gw.example.com/other/v1/p' }, prefixed, P, 'default')).toThrow(/refusing/);
  });

  it('a full URL fills {project_id} too (URL parsing must not turn it into %7B…%7D), and a leftover encoded placeholder is refused', () => {
    expect(resolveTarget({ path: `${REGION.sdrs}/v1/{project_id}/server-groups?limit=1` }, REGION, P, 'default')).toMatchObject({ service: 'sdrs', path: `/v1/${P}/server-groups` });
    expect(resolveTarget({ path: `${REGION.sdrs}/v1/%7bproject_id%7D/server-groups` }, REGION, P, 'default').url.toString()).toBe(`${REGION.sdrs}/v1/${P}/server-groups`);
    expect(() => resolveTarget({ path: `${REGION.sdrs}/v1/{project_id}/server-groups/{id}` }, REGION, P, 'default')).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/placeholder "%7Bid%7D"/) }));
    expect(() => resolveTarget({ path: '/v1/{project_id}/server-groups/%7bid%7d' }, REGION, P, 'default')).toThrow(/placeholder "%7bid%7d"/);
    expect(() => resolveTarget({ path: `${REGION.sdrs}/v1/{project_id}/x` }, REGION, undefined, 'default')).toThrow(expect.objectContaining({ exitCode: 4, code: 'NO_PROJECT_ID' }));
  });

  it('refuses before sending: a placeholder left, a relative path, a fragment; no project id is exit 4', () => {
    expect(() => resolveTarget({ path: '/v1/{project_id}/server-groups/{id}' }, REGION, P, 'default')).toThrow(/placeholder "\{id\}"/);
    expect(() => resolveTarget({ path: 'v1/x' }, REGION, P, 'default')).toThrow(/must start with \//);
    expect(() => resolveTarget({ path: '/v1/x#y' }, REGION, P, 'default')).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => resolveTarget({ path: '/v1/{project_id}/x' }, REGION, undefined, 'default')).toThrow(expect.objectContaining({ exitCode: 4, code: 'NO_PROJECT_ID' }));
    expect(() => resolveTarget({ path: '/v1/x' }, { ...REGION, sdrs: '' }, P, 'default')).toThrow(expect.objectContaining({ exitCode: 4 }));
  });
});

describe('fields and flags', () => {
  it('-f strings, -F typed, nested by a.b or a[b]; conflicts and reserved keys are exit 2', () => {
    const f = (key: string, value: string, typed = false) => ({ key, value, typed });
    expect(fieldsBody([f('a.b', '1'), f('a[c]', '1', true), f('d', 'null', true), f('e', 'x', true)])).toEqual({ a: { b: '1', c: 1 }, d: null, e: 'x' });
    expect(() => fieldsBody([f('a', '1'), f('a.b', '2')])).toThrow(/conflicts/);
    expect(() => fieldsBody([f('a', '1'), f('a', '2')])).toThrow(/twice/);
    expect(() => fieldsBody([f('__proto__.x', '1')])).toThrow(/not a usable key/);
  });

  it('parse: methods, --input with GET, --paginate only for GET', () => {
    expect(parseApi(['get', '/v1/x'], {})).toMatchObject({ method: 'GET', paginate: false, wait: { wait: false } });
    expect(() => parseApi(['PATCH', '/v1/x'], {})).toThrow(/not one of GET, POST, PUT, DELETE/);
    expect(() => parseApi(['GET', '/v1/x'], { input: 'b.json' })).toThrow(/GET sends no body/);
    expect(() => parseApi(['POST', '/v1/x'], { paginate: true })).toThrow(/--paginate/);
    expect(() => parseApi(['POST', '/v1/x'], { rawField: ['novalue'] })).toThrow(/key=value/);
    expect(parseApi(['POST', '/v1/x'], { wait: true, timeout: '5m' }).wait).toEqual({ wait: true, timeoutMs: 300_000 });
    expect(() => parseApi(['POST', '/v1/x'], { timeout: '5m' })).toThrow('--timeout applies to --wait');
  });
});
