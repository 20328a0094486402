import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_IDS, createManualClock, startEmulator } from '../../src/emulator/index.js';
import { jsonErrorOffset, writeFileAtomic } from '../../src/emulator/persist.js';
import { SdrsError } from '../../src/errors.js';
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
      expect(readdirSync(dir).sort()).toEqual(['world.json', 'world.json.lock']);
    } finally {
      await emu.stop();
    }
    // Stopping releases the lock.
    expect(readdirSync(dir)).toEqual(['world.json']);
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
    writeFileSync(statePath, '{"nope":1}');
    await expect(startEmulator({ statePath })).rejects.toThrow(/not an sdrs emulator state/);
  });
});

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  expect(r.status).toBe(0);
  return r.pid!;
}

describe('one emulator per --state file', () => {
  it('a second emulator on the same file is refused (STATE_LOCKED, exit 2) and the first keeps every acknowledged change', async () => {
    const dir = tmp();
    const statePath = join(dir, 'world.json');
    const first = await startEmulator({ statePath, seed: 'demo' });
    try {
      const c = emulatorClient(first);
      expect((await c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'first-1' } })).status).toBe(200);
      const err = await startEmulator({ statePath, seed: 'empty' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SdrsError);
      expect(err).toMatchObject({ code: 'STATE_LOCKED', exitCode: 2 });
      expect((err as Error).message).toContain(statePath);
      expect((err as Error).message).toContain(`pid ${process.pid}`);
      expect((err as SdrsError).hint).toContain(`${statePath}.lock`);
      // The refused start wrote nothing: the first emulator's changes stand, and it goes on saving.
      expect(JSON.parse(readFileSync(statePath, 'utf8')).groups[SEED_IDS.demoGroup].name).toBe('first-1');
      expect((await c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'first-2' } })).status).toBe(200);
      expect(JSON.parse(readFileSync(statePath, 'utf8')).groups[SEED_IDS.demoGroup].name).toBe('first-2');
      expect(JSON.parse(readFileSync(`${statePath}.lock`, 'utf8')).pid).toBe(process.pid);
    } finally {
      await first.stop();
    }
    const second = await startEmulator({ statePath });
    try {
      expect(second.world.groups[SEED_IDS.demoGroup].name).toBe('first-2');
    } finally {
      await second.stop();
    }
    expect(existsSync(`${statePath}.lock`)).toBe(false);
  });

  it('a lock whose process is gone is taken over; one of a live process or another host is not', async () => {
    const dir = tmp();
    const statePath = join(dir, 'world.json');
    const lockPath = `${statePath}.lock`;
    const dead = deadPid();
    writeFileSync(lockPath, JSON.stringify({ pid: dead, host: hostname(), started: '2024-01-01T00:00:00.000Z', id: 'x' }));
    const emu = await startEmulator({ statePath });
    try {
      expect(emu.recovered.staleLock?.pid).toBe(dead);
      expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    } finally {
      await emu.stop();
    }
    // A damaged lock (not written by an emulator), older than a moment, is taken over too.
    writeFileSync(lockPath, 'garbage');
    utimesSync(lockPath, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await (await startEmulator({ statePath })).stop();

    // The parent of this test process is alive: its lock stands.
    writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, host: hostname(), started: 'x', id: 'y' }));
    await expect(startEmulator({ statePath })).rejects.toMatchObject({ code: 'STATE_LOCKED', exitCode: 2 });
    // On another host the pid cannot be checked: refused, saying so.
    writeFileSync(lockPath, JSON.stringify({ pid: dead, host: 'other-host.example', started: 'x', id: 'y' }));
    await expect(startEmulator({ statePath })).rejects.toThrow(/another host/);
    expect(readFileSync(lockPath, 'utf8')).toContain('other-host.example');
  });

  it('temporary files an interrupted save left are removed on start; other files are not', async () => {
    const dir = tmp();
    const statePath = join(dir, 'world.json');
    await (await startEmulator({ statePath })).stop();
    const leftovers = ['.world.json.0a1b2c3d.1.tmp', '.world.json.ffffffff.12.tmp', '.world.json.lock-0123abcd.tmp'];
    const others = ['.other.json.0a1b2c3d.1.tmp', 'notes.tmp', '.world.json.bak', '.world.json.stale-0123abcd.tmp'];
    for (const f of [...leftovers, ...others]) writeFileSync(join(dir, f), '{"half":');
    const emu = await startEmulator({ statePath });
    try {
      expect(emu.recovered.removedFiles.sort()).toEqual([...leftovers].sort());
      // A fresh `stale-` file is a lock take-over under way elsewhere: left alone.
      expect(readdirSync(dir).sort()).toEqual(['world.json', 'world.json.lock', ...others].sort());
    } finally {
      await emu.stop();
    }
  });

  it('no temporary file is left when a save fails', async () => {
    const dir = tmp();
    // The target is a directory: the rename fails after the temporary file was written.
    mkdirSync(join(dir, 'world.json'));
    expect(() => writeFileAtomic(join(dir, 'world.json'), '{}')).toThrow();
    expect(readdirSync(dir)).toEqual(['world.json']);
  });
});

describe('a --state file that cannot be used: STATE_FILE, exit 4, naming the file and what is wrong', () => {
  const SECRET = 'tok-5ecret-do-not-print';
  const cases: [string, string | ((p: string) => void), RegExp][] = [
    ['empty', '', /is not valid JSON \(the file is empty\)/],
    ['truncated', `{"version":1,"projectId":"${SECRET}","groups":{`, /is not valid JSON \(it ends too early: truncated\?\)/],
    ['a syntax error', `{"version":1,\n  "tokens": {"${SECRET}": x}}`, /is not valid JSON \(a syntax error at line 2, column 41\)/],
    ['an array', '[1,2]', /not an sdrs emulator state: it holds a JSON array/],
    ['no version', '{"nope":1}', /not an sdrs emulator state \(version 1\): it has no "version"/],
    ['another version', '{"version":2}', /its version is 2/],
    ['a missing field', '{"version":1,"projectId":"p","seed":"empty","seq":0,"domains":[],"vpcs":[]}', /"servers" is missing, not an object/],
    ['a field of the wrong type', '{"version":1,"projectId":"p","seed":"empty","seq":"0"}', /"seq" is a string, not a number/],
    ['a directory', (p) => mkdirSync(p), /is a directory/],
    ['/dev/zero', (p) => symlinkSync('/dev/zero', p), /is not a regular file/],
  ];
  it.each(cases)('%s', async (_name, content, msg) => {
    const statePath = join(tmp(), 'world.json');
    if (typeof content === 'string') writeFileSync(statePath, content);
    else content(statePath);
    const err = await startEmulator({ statePath }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SdrsError);
    expect(err).toMatchObject({ code: 'STATE_FILE', exitCode: 4 });
    expect((err as Error).message).toMatch(new RegExp(`^state file ${statePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
    expect((err as Error).message).toMatch(msg);
    // Never the content: it may hold tokens.
    expect((err as Error).message + (err as SdrsError).hint).not.toContain(SECRET);
    // The failed start released the lock.
    expect(existsSync(`${statePath}.lock`)).toBe(false);
  });

  it('jsonErrorOffset finds where JSON stops (JSON.parse often does not say)', () => {
    const bad = ['{"a":}', '{"a":1', '[1,]', '{"a":1}x', '"\\q"', '{"a" 1}', '[tru]', '{"a":"\u0001"}'];
    expect(bad.map(jsonErrorOffset)).toEqual([5, 6, 3, 7, 2, 5, 1, 6]);
    for (const good of ['{}', '[]', '{"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9"]}', ' 1 ']) expect(jsonErrorOffset(good)).toBeUndefined();
  });
});
