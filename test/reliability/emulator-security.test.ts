/**
 * The emulator guards what it serves: every signed service route refuses
 * unsigned, wrongly signed, tampered, stale and unknown-key requests (401)
 * and changes nothing; the admin API answers loopback clients only, and
 * nothing a web page in a browser on the machine can send gets through:
 * simple (text/plain, form, bodyless) POSTs, foreign Origins, DNS-rebinding
 * Host names; an admin token, when set, is required.
 */
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROUTES } from '../../src/emulator/server.js';
import { SEED_IDS, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorClient, type EmulatorClient } from '../helpers/emulator-client.js';
import { signRequest } from '../../src/auth/sign.js';
import { summary } from './helpers.js';

let emu: RunningEmulator;
let c: EmulatorClient;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 'demo', jobDurationMs: 300 });
  c = emulatorClient(emu);
});
afterAll(async () => {
  await emu?.stop();
});

/** A concrete path for a route template: the emulator's project, seeded ids for the rest. */
function concrete(path: string): string {
  const ids: Record<string, string> = {
    project_id: emu.projectId,
    server_group_id: SEED_IDS.demoGroup,
    protected_instance_id: SEED_IDS.demoInstance('erp-app-01'),
    replication_id: SEED_IDS.demoReplication('erp-app-01', 'data'),
    server_id: SEED_IDS.server('web-01'),
    job_id: '0123456789abcdef0123456789abcdef',
  };
  return path.replace(/\{(\w+)\}/g, (_m, k: string) => ids[k] ?? 'x');
}
/** Signs a GET, then sends it with a query parameter added. */
async function tamperedQuery(p: string): Promise<{ status: number; body: any }> {
  const url = emu.url + c.path(p);
  const { headers } = signRequest({ method: 'GET', url, headers: { 'X-Project-Id': emu.projectId }, ak: emu.ak, sk: emu.sk });
  delete headers['Host'];
  const r = await fetch(url + (url.includes('?') ? '&' : '?') + 'limit=1', { headers });
  return { status: r.status, body: await r.json() };
}

const BODIES: Record<string, unknown> = {
  POST: { server_group: { name: 'intruder', source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc } },
  PUT: { server_group: { name: 'intruder' } },
  DELETE: undefined,
};

describe('every signed route refuses bad signatures', () => {
  const signed = ALL_ROUTES.filter((r) => r.auth === 'sign');

  it(`${signed.length} routes x 6 kinds of bad request: 401, and the world unchanged`, async () => {
    const world = async () => JSON.stringify((await c.admin('GET', '/state')).body.world);
    const attempts: { name: string; call: (m: string, p: string, body: unknown) => Promise<{ status: number; body: any }> }[] = [
      { name: 'unsigned', call: (m, p, body) => c.call(m, p, { body, unsigned: true }) },
      { name: 'wrong secret key', call: (m, p, body) => c.call(m, p, { body, sk: 'not-the-secret-key-000000' }) },
      { name: 'unknown access key', call: (m, p, body) => c.call(m, p, { body, ak: 'AKUNKNOWN0000000000' }) },
      { name: 'stale date', call: (m, p, body) => c.call(m, p, { body, date: new Date(Date.now() - 20 * 60_000) }) },
      { name: 'tampered after signing', call: (m, p, body) => (m === 'GET' ? tamperedQuery(p) : c.call(m, p, { body: body ?? {}, sendBody: JSON.stringify({ server_group: { name: 'tampered' } }) })) },
      { name: 'bad token', call: (m, p, body) => c.call(m, p, { body, token: 'MIIforged-token' }) },
    ];
    let refused = 0;
    const problems: string[] = [];
    for (const route of signed) {
      const p = concrete(route.path);
      const before = await world();
      for (const a of attempts) {
        const r = await a.call(route.method, p, BODIES[route.method] ?? (route.method === 'GET' ? undefined : {}));
        if (r.status === 401 && r.body?.error_code === 'APIGW.0301') refused++;
        else problems.push(`${a.name} ${route.method} ${route.path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      }
      if ((await world()) !== before) problems.push(`${route.method} ${route.path}: a refused request changed the world`);
      // Control: the same route signed properly is not refused by the gateway.
      const ok = await c.call(route.method, p, { body: BODIES[route.method] ?? (route.method === 'GET' ? undefined : {}) });
      if (ok.status === 401) problems.push(`control ${route.method} ${route.path}: a good signature was refused`);
      await c.admin('POST', '/reset', { seed: 'demo' });
    }
    expect(problems, problems.join('\n')).toEqual([]);
    summary(`emulator security: ${signed.length} signed routes x ${attempts.length} kinds of bad request = ${refused} refused with 401, 0 accepted`);
  });

  it('a refused request changes nothing', async () => {
    const before = (await c.admin('GET', '/state')).body.world;
    for (const o of [{ unsigned: true }, { sk: 'wrong-secret-key-0000000' }]) {
      const r = await c.call('POST', '/server-groups', { ...o, body: BODIES.POST });
      expect(r.status).toBe(401);
      const a = await c.call('POST', `/server-groups/${SEED_IDS.demoGroup}/action`, { ...o, body: { 'stop-server-group': {} } });
      expect(a.status).toBe(401);
    }
    const after = (await c.admin('GET', '/state')).body.world;
    expect(after.groups).toEqual(before.groups);
    expect(after.jobs).toEqual(before.jobs);
  });
});

describe('the admin API answers loopback clients only', () => {
  const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

  it.skipIf(!external)('from a non-loopback address every admin route is 403; the service itself still answers', async () => {
    const open = await startEmulator({ host: '0.0.0.0', port: 0, seed: 'demo' });
    try {
      const viaLan = emulatorClient({ ...open, url: `http://${external}:${open.port}` });
      const viaLoopback = emulatorClient({ ...open, url: `http://127.0.0.1:${open.port}` });
      const admin = ALL_ROUTES.filter((r) => r.auth === 'admin');
      expect(admin.length).toBeGreaterThan(8);
      for (const route of admin) {
        const path = route.path.replace('/__emulator', '').replace(/\{(\w+)\}/g, 'x');
        const r = await viaLan.admin(route.method, path, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
        expect(r.status, `${route.method} ${route.path}`).toBe(403);
        expect(r.body.error_code).toBe('APIGW.0302');
      }
      // The router decodes %5F: an encoded admin path is still the admin API.
      for (const p of ['/%5F%5Femulator/state', '/%5f_emulator/config']) {
        const r = await fetch(`http://${external}:${open.port}${p}`);
        expect(r.status, p).toBe(403);
        expect(await r.text()).not.toContain('"world"');
      }
      // Nothing was reset or reconfigured from outside; loopback still works.
      expect((await viaLoopback.admin('GET', '/config')).status).toBe(200);
      expect((await viaLoopback.admin('GET', '/state')).body.world.groups[SEED_IDS.demoGroup].name).toBe('demo-erp');
      expect((await viaLan.get('/server-groups')).status).toBe(200);
    } finally {
      await open.stop();
    }
  });
});

/** One request with exactly these headers (fetch cannot set Host), to 127.0.0.1:port. */
function raw(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: Record<string, unknown>; text: string; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the admin API refuses what a web page can send', () => {
  const host = () => `127.0.0.1:${emu.port}`;
  const failNext = () => emu.world.failNext.length;
  let refused = 0;
  afterAll(() => summary(`emulator admin API: ${refused} browser-style requests (text/plain, form, bodyless, foreign Origin, rebinding Host, missing/wrong token) refused, 0 took effect`));

  it('a text/plain, form or bodyless POST is 415 and changes nothing (no 100 queued job failures, no reset)', async () => {
    await c.admin('POST', '/reset', { seed: 'demo' });
    await c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'kept' } });
    const attempts: [string, string, Record<string, string>, string | undefined][] = [
      ['POST', '/__emulator/fail-next', { 'Content-Type': 'text/plain' }, '{"job_type":"*","count":100}'],
      ['POST', '/__emulator/fail-next', { 'Content-Type': 'application/x-www-form-urlencoded' }, '{"job_type":"*","count":100}'],
      ['POST', '/__emulator/fail-next', { 'Content-Type': 'multipart/form-data; boundary=x' }, '{"job_type":"*","count":100}'],
      ['POST', '/__emulator/fail-next', {}, '{"job_type":"*","count":100}'],
      ['POST', '/__emulator/reset', { 'Content-Type': 'text/plain' }, '{"seed":"empty"}'],
      ['POST', '/__emulator/reset', {}, undefined],
      ['DELETE', '/__emulator/counters', {}, undefined],
      ['PUT', '/__emulator/config', { 'Content-Type': 'text/plain;charset=UTF-8' }, '{"faults":"5xx=1"}'],
    ];
    for (const [method, path, headers, body] of attempts) {
      const r = await raw(emu.port, method, path, { Host: host(), ...headers }, body);
      expect(r.status, `${method} ${path} ${JSON.stringify(headers)}: ${r.text}`).toBe(415);
      expect(r.body.error.code).toBe('EMULATOR.ADMIN');
      expect(r.body.error.message).toMatch(/Content-Type: application\/json/);
      refused++;
    }
    expect(failNext()).toBe(0);
    expect(emu.world.groups[SEED_IDS.demoGroup].name).toBe('kept');
    expect((await c.admin('GET', '/config')).body.faults).toBe('none');
    // The same calls as a program makes them (JSON, with or without a body) work.
    expect((await raw(emu.port, 'POST', '/__emulator/fail-next', { Host: host(), 'Content-Type': 'application/json; charset=utf-8' }, '{"job_type":"*"}')).status).toBe(200);
    expect(failNext()).toBe(1);
    expect((await raw(emu.port, 'POST', '/__emulator/reset', { Host: host(), 'Content-Type': 'application/json' })).status).toBe(200);
    expect(failNext()).toBe(0);
  });

  it('a foreign or null Origin is 403 on every admin route, reads included; a loopback Origin is not', async () => {
    const admin = ALL_ROUTES.filter((r) => r.auth === 'admin');
    for (const origin of ['https://evil.example', 'http://evil.example:8443', 'null', 'http://127.0.0.1.evil.example']) {
      for (const route of admin) {
        const path = route.path.replace(/\{(\w+)\}/g, 'x');
        const body = route.method === 'GET' ? undefined : '{"job_type":"*","count":100,"seed":"empty"}';
        const r = await raw(emu.port, route.method, path, { Host: host(), Origin: origin, 'Content-Type': 'application/json' }, body);
        expect(r.status, `${origin} ${route.method} ${route.path}: ${r.text}`).toBe(403);
        expect(r.text).not.toContain('"world"');
        refused++;
      }
    }
    expect(failNext()).toBe(0);
    expect((await raw(emu.port, 'GET', '/__emulator/config', { Host: host(), Origin: `http://localhost:${emu.port}` })).status).toBe(200);
    expect((await raw(emu.port, 'GET', '/__emulator/config', { Host: host(), Origin: 'http://[::1]:3000' })).status).toBe(200);
    // A browser must ask before it sends JSON cross-origin; the emulator never says yes.
    const pre = await raw(emu.port, 'OPTIONS', '/__emulator/reset', { Host: host(), Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' });
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('a DNS-rebinding Host is 403: the admin API does not show the world, and a signed request for that name is refused', async () => {
    for (const h of [`rebind.example:${emu.port}`, 'rebind.example', `localhost.evil.example:${emu.port}`, `127.0.0.1.nip.io:${emu.port}`]) {
      const state = await raw(emu.port, 'GET', '/__emulator/state', { Host: h });
      expect(state.status, `${h}: ${state.text.slice(0, 200)}`).toBe(403);
      expect(state.text).not.toContain('"world"');
      const reset = await raw(emu.port, 'POST', '/__emulator/fail-next', { Host: h, 'Content-Type': 'application/json' }, '{"job_type":"*","count":100}');
      expect(reset.status).toBe(403);
      refused += 2;
    }
    expect(failNext()).toBe(0);
    // A page on rebind.example can sign with the emulator's public default keys: the Host it signs is its own.
    const signedFor = (hostPort: string) => {
      const url = `http://${hostPort}${c.path('/server-groups')}`;
      return signRequest({ method: 'GET', url, headers: { 'X-Project-Id': emu.projectId }, ak: emu.ak, sk: emu.sk }).headers;
    };
    const rebound = await raw(emu.port, 'GET', c.path('/server-groups'), signedFor(`rebind.example:${emu.port}`));
    expect(rebound.status, rebound.text).toBe(403);
    expect(rebound.body.error_code).toBe('APIGW.0302');
    expect(rebound.text).not.toContain('demo-erp');
    refused++;
    // The names a client on this machine uses still verify, Host signed or not.
    for (const h of [`127.0.0.1:${emu.port}`, `localhost:${emu.port}`, `[::1]:${emu.port}`, `LOCALHOST:${emu.port}`, `127.0.0.1:9999`]) {
      const r = await raw(emu.port, 'GET', c.path('/server-groups'), signedFor(h));
      expect(r.status, `${h}: ${r.text.slice(0, 300)}`).toBe(200);
    }
  });

  it('--allow-host adds a name; the admin token, when set, is required and compared exactly', async () => {
    const guarded = await startEmulator({ port: 0, seed: 'demo', allowHosts: ['emu.lan'], adminToken: 's3cret-admin-token' });
    try {
      const h = `127.0.0.1:${guarded.port}`;
      const call = (headers: Record<string, string>) => raw(guarded.port, 'POST', '/__emulator/fail-next', { Host: h, 'Content-Type': 'application/json', ...headers }, '{"job_type":"*","count":100}');
      for (const auth of [undefined, 'Bearer wrong', 'Bearer s3cret-admin-toke', 'Bearer s3cret-admin-token2', 'Basic czNjcmV0', 's3cret-admin-token', 'Bearer ']) {
        const r = await call(auth === undefined ? {} : { Authorization: auth });
        expect(r.status, `${auth}: ${r.text}`).toBe(401);
        expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(r.text).not.toContain('s3cret-admin-token');
        refused++;
      }
      expect((await raw(guarded.port, 'GET', '/__emulator/state', { Host: h })).status).toBe(401);
      expect(guarded.world.failNext).toEqual([]);
      expect((await call({ Authorization: 'Bearer s3cret-admin-token' })).status).toBe(200);
      expect(guarded.world.failNext).toHaveLength(100);
      // The helper sends the emulator's token; signed service routes do not need it.
      const gc = emulatorClient(guarded);
      expect((await gc.admin('POST', '/reset', { seed: 'demo' })).status).toBe(200);
      expect((await gc.admin('GET', '/state', undefined, { token: null })).status).toBe(401);
      expect((await gc.get('/server-groups')).status).toBe(200);
      // The allowed name works as a Host; others still do not.
      expect((await raw(guarded.port, 'GET', '/__emulator/config', { Host: `emu.lan:${guarded.port}`, Authorization: 'Bearer s3cret-admin-token' })).status).toBe(200);
      expect((await raw(guarded.port, 'GET', '/__emulator/config', { Host: `emu2.lan:${guarded.port}`, Authorization: 'Bearer s3cret-admin-token' })).status).toBe(403);
    } finally {
      await guarded.stop();
    }
  });
});
