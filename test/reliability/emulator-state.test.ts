/**
 * `sdrs emulator --state FILE` as a shared rehearsal server, through the real
 * binary: one emulator per state file (a second exits 2 and the first keeps
 * every acknowledged change), a SIGKILLed emulator's lock and half-written
 * temporary files are cleaned up by the next start, a save that cannot be
 * completed (a file-size limit) leaves the previous state and no temporary
 * file, and a corrupt state file is exit 4 with one line naming the file and
 * what is wrong — never "a bug in sdrs".
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/emulator/index.js';
import { runSdrs } from '../helpers/run.js';
import { emulatorClient } from '../helpers/emulator-client.js';
import { expectCleanError, startEmulatorProcess, summary, tempDir, waitFor, type EmulatorProcess } from './helpers.js';



const children: ChildProcess[] = [];
/** `sdrs emulator --port 0 ...args` (optionally under a shell prefix). */
const startEmu = (args: string[], shellPrefix?: string) => startEmulatorProcess(['--port', '0', '--job-duration', '200ms', ...args], children, shellPrefix);
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

async function stopEmu(e: EmulatorProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (e.child.exitCode !== null || e.child.signalCode !== null) return;
  const exited = new Promise((r) => e.child.once('exit', r));
  e.child.kill(signal);
  await exited;
}

const lockPid = (state: string): number => JSON.parse(readFileSync(`${state}.lock`, 'utf8')).pid;

describe.concurrent('one emulator per --state file (the built binary)', () => {
  it('a second emulator on the same file exits 2 naming the file and the first one; the first keeps every acknowledged change', async () => {
    const dir = tempDir('sdrs-state-');
    const state = join(dir, 'world.json');
    const first = await startEmu(['--state', state, '--seed', 'demo']);
    try {
      const c = emulatorClient(first);
      expect((await c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'acked-1' } })).status).toBe(200);
      const t0 = Date.now();
      const second = await runSdrs(['emulator', '--state', state, '--port', '0'], { timeoutMs: 8000 });
      const ms = Date.now() - t0;
      expect(second.code, second.stderr).toBe(2);
      expect(second.stdout).toBe('');
      const line = expectCleanError(second.stderr);
      expect(line).toBe(`error: state file ${state} is in use by another emulator (pid ${first.child.pid} on ${JSON.parse(readFileSync(`${state}.lock`, 'utf8')).host}, started ${JSON.parse(readFileSync(`${state}.lock`, 'utf8')).started}); one state file takes one emulator`);
      expect(second.stderr).toContain(`delete ${state}.lock`);
      const json = await runSdrs(['emulator', '--state', state, '--port', '0', '--json'], { timeoutMs: 8000 });
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stderr).error).toMatchObject({ code: 'STATE_LOCKED', exit_code: 2, state_file: state, owner_pid: first.child.pid });
      // Nothing the refused emulators did reached the file; the first goes on acknowledging and saving.
      expect((await c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'acked-2' } })).status).toBe(200);
      expect(JSON.parse(readFileSync(state, 'utf8')).groups[SEED_IDS.demoGroup].name).toBe('acked-2');
      summary(`emulator --state lock: a second emulator on a used state file exits 2 in ${ms} ms; the first keeps its acknowledged changes`);
    } finally {
      await stopEmu(first);
    }
    // SIGTERM released the lock.
    expect(existsSync(`${state}.lock`)).toBe(false);
    expect(readdirSync(dir)).toEqual(['world.json']);
  });

  it('after a SIGKILL the next start takes over the dead lock and removes the half-written temporary files', async () => {
    const dir = tempDir('sdrs-state-');
    const state = join(dir, 'world.json');
    const first = await startEmu(['--state', state, '--seed', 'demo']);
    const c1 = emulatorClient(first);
    expect((await c1.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'before-kill' } })).status).toBe(200);
    await stopEmu(first, 'SIGKILL');
    expect(lockPid(state)).toBe(first.child.pid);
    // What a SIGKILL between write and rename leaves.
    const leftover = '.world.json.0badf00d.7.tmp';
    writeFileSync(join(dir, leftover), '{"version":1,"gro');
    const second = await startEmu(['--state', state]);
    try {
      expect(lockPid(state)).toBe(second.child.pid);
      const notes = await waitFor(async () => (second.stderr().includes('note: removed') ? second.stderr() : undefined), 3000);
      expect(notes).toContain(`note: took over the lock of ${state}: its emulator (pid ${first.child.pid}`);
      expect(notes).toContain('note: removed 1 temporary file(s)');
      expect(readdirSync(dir).sort()).toEqual(['world.json', 'world.json.lock']);
      expect((await emulatorClient(second).get(`/server-groups/${SEED_IDS.demoGroup}`)).body.server_group.name).toBe('before-kill');
    } finally {
      await stopEmu(second);
    }
    expect(readdirSync(dir)).toEqual(['world.json']);
  });

  it.skipIf(process.platform === 'win32')('a save cut short by a file-size limit fails the request, keeps the previous state and leaves no temporary file', async () => {
    const dir = tempDir('sdrs-state-');
    const state = join(dir, 'world.json');
    const seeded = await startEmu(['--state', state, '--seed', 'demo']);
    await stopEmu(seeded);
    const size = statSync(state).size;
    // bash counts 1024-byte blocks: room for the current state, not for 40 more groups.
    const emu = await startEmu(['--state', state], `ulimit -f ${Math.ceil(size / 1024) + 8}`);
    try {
      const c = emulatorClient(emu);
      const before = readFileSync(state, 'utf8');
      const r = await c.admin('POST', '/groups', { name: 'bulk', count: 40, servers: 2 });
      expect(r.status, r.text).toBe(500);
      // The previous state, whole; no temporary file.
      expect(readFileSync(state, 'utf8')).toBe(before);
      expect(() => JSON.parse(readFileSync(state, 'utf8'))).not.toThrow();
      expect(readdirSync(dir).sort()).toEqual(['world.json', 'world.json.lock']);
    } finally {
      await stopEmu(emu);
    }
  });
});

describe.concurrent('a corrupt --state file (the built binary)', () => {
  const cases: [string, (p: string) => void, string][] = [
    ['truncated JSON', (p) => writeFileSync(p, '{"version":1,"projectId":"p","groups":{"a":'), 'is not valid JSON (it ends too early: truncated?): it is damaged, or not an emulator state'],
    // More kinds (empty, wrong version, missing fields, a directory, /dev/zero) in test/emulator/persist.test.ts.
    ['a directory', (p) => mkdirSync(p), 'is a directory, not a file'],
  ];
  it.each(cases)('%s: exit 4, one line naming the file and what is wrong', async (_name, make, what) => {
    const state = join(tempDir('sdrs-state-'), 'world.json');
    make(state);
    const r = await runSdrs(['emulator', '--state', state, '--port', '0'], { timeoutMs: 8000 });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toBe('');
    expect(expectCleanError(r.stderr)).toBe(`error: state file ${state} ${what}`);
    expect(r.stderr).not.toMatch(/bug|internal/i);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });

  it('--json: the error document carries STATE_FILE, exit_code 4 and the file', async () => {
    const state = join(tempDir('sdrs-state-'), 'world.json');
    writeFileSync(state, '');
    const j = await runSdrs(['emulator', '--state', state, '--port', '0', '--json'], { timeoutMs: 8000 });
    expect(j.code).toBe(4);
    expect(JSON.parse(j.stderr).error).toMatchObject({ code: 'STATE_FILE', exit_code: 4, state_file: state, message: `state file ${state} is not valid JSON (the file is empty): it is damaged, or not an emulator state` });
  });
});
