import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_IDS, createManualClock, startEmulator } from '../../src/emulator/index.js';
import { emulatorClient } from '../helpers/emulator-client.js';
import { T0 } from './setup.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'sdrs-emu-'));
  dirs.push(d);
  return d;
}

describe('--state FILE', () => {
  it('writes the world on start and on every acknowledged change, with no temp files left', async () => {
    const dir = tmp();
    const statePath = join(dir, 'world.json');
    const clock = createManualClock(T0);
    const emu = await startEmulator({ statePath, seed: 'demo', clock });
    try {
      expect(JSON.parse(readFileSync(statePath, 'utf8')).groups[SEED_IDS.demoGroup].name).toBe('demo-erp');
      const c = emulatorClient(emu, { now: () => clock.now() });
      expect((await c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'renamed' } })).status).toBe(200);
      // Acknowledged => already on disk.
      expect(JSON.parse(readFileSync(statePath, 'utf8')).groups[SEED_IDS.demoGroup].name).toBe('renamed');
      expect(readdirSync(dir)).toEqual(['world.json']);
    } finally {
      await emu.stop();
    }
  });

  it('a restart brings the world back, including a job in flight that completes on the clock', async () => {
    const statePath = join(tmp(), 'world.json');
    const clock = createManualClock(T0);
    const first = await startEmulator({ statePath, seed: 'demo', clock });
    const c1 = emulatorClient(first, { now: () => clock.now() });
    await c1.admin('POST', '/servers', { name: 'extra-01', status: 'SHUTOFF' });
    const stop = await c1.post(`/server-groups/${SEED_IDS.demoGroup}/action`, { 'stop-server-group': {} });
    expect(stop.status).toBe(200);
    clock.advance(1000);
    const before = (await c1.get('/server-groups')).body;
    const jobBefore = (await c1.get(`/jobs/${stop.body.job_id}`)).body;
    expect(jobBefore.status).toBe('RUNNING');
    await first.stop();

    // A different seed is ignored: the state file wins.
    const second = await startEmulator({ statePath, seed: 'empty', clock });
    try {
      const c2 = emulatorClient(second, { now: () => clock.now() });
      expect(second.projectId).toBe(first.projectId);
      expect((await c2.get('/server-groups')).body).toEqual(before);
      expect((await c2.get(`/jobs/${stop.body.job_id}`)).body).toEqual(jobBefore);
      expect((await c2.get('/cloudservers/detail?name=extra-01')).body.count).toBe(1);
      clock.advance(2000);
      expect((await c2.get(`/jobs/${stop.body.job_id}`)).body.status).toBe('SUCCESS');
      expect((await c2.get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group.status).toBe('available');
    } finally {
      await second.stop();
    }
  });

  it('keeps issued tokens across a restart, and refuses a state file of another project', async () => {
    const statePath = join(tmp(), 'world.json');
    const clock = createManualClock(T0);
    const first = await startEmulator({ statePath, clock });
    const c1 = emulatorClient(first, { now: () => clock.now() });
    const t = await c1.post('/v3/auth/tokens', {
      auth: { identity: { methods: ['password'], password: { user: { name: 'u', password: 'p' } } }, scope: { project: { name: 'cn-north-4' } } },
    }, { unsigned: true });
    const token = t.headers.get('x-subject-token')!;
    await first.stop();
    const second = await startEmulator({ statePath, clock });
    try {
      expect((await emulatorClient(second).get('/server-groups', { token })).status).toBe(200);
    } finally {
      await second.stop();
    }
    await expect(startEmulator({ statePath, projectId: '0123456789abcdef0123456789abcdef' })).rejects.toThrow(/belongs to project/);
  });

  it('refuses a corrupt state file', async () => {
    const dir = tmp();
    const statePath = join(dir, 'world.json');
    (await import('node:fs')).writeFileSync(statePath, '{"nope":1}');
    await expect(startEmulator({ statePath })).rejects.toThrow(/not an sdrs emulator state/);
  });
});
