/**
 * The emulator guards what it serves: every signed service route refuses
 * unsigned, wrongly signed, tampered, stale and unknown-key requests (401)
 * and changes nothing; the admin API answers loopback clients only.
 */
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
      // Nothing was reset or reconfigured from outside; loopback still works.
      expect((await viaLoopback.admin('GET', '/config')).status).toBe(200);
      expect((await viaLoopback.admin('GET', '/state')).body.world.groups[SEED_IDS.demoGroup].name).toBe('demo-erp');
      expect((await viaLan.get('/server-groups')).status).toBe(200);
    } finally {
      await open.stop();
    }
  });
});
