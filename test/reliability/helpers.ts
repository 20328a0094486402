/**
 * Shared pieces of the reliability suite: an in-process emulator with the
 * environment that points the real binary at it, a concurrency pool, an
 * in-process `main()` runner, and the checks every error report must pass.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { LOCAL_AZ, REMOTE_AZ, SEED_IDS, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorClient, type EmulatorClient } from '../helpers/emulator-client.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { BIN, baseEnv } from '../helpers/run.js';

export { LOCAL_AZ, REMOTE_AZ, SEED_IDS };

export interface World {
  emu: RunningEmulator;
  client: EmulatorClient;
  /** Environment for the binary (or main()): endpoint, credentials, project, private HOME. */
  env: Record<string, string>;
  admin<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  /** Total signed-route requests so far (admin counters). */
  requests(): Promise<number>;
  /** `GET /__emulator/state`'s world. */
  state(): Promise<any>;
  stop(): Promise<void>;
}

/** An emulator on a free loopback port (system clock) and an env for the CLI. */
export async function startWorld(opts: EmulatorOptions = {}, extraEnv: Record<string, string | undefined> = {}): Promise<World> {
  const emu = await startEmulator({ port: 0, seed: 'empty', jobDurationMs: 300, ...opts });
  const client = emulatorClient(emu);
  const env = emulatorEnv(emu, extraEnv);
  const admin = async (method: string, path: string, body?: unknown) => {
    const r = await client.admin(method, path, body);
    if (r.status >= 300) throw new Error(`admin ${method} ${path}: HTTP ${r.status} ${r.text}`);
    return r.body;
  };
  return {
    emu,
    client,
    env,
    admin,
    requests: async () => (await admin('GET', '/counters')).total as number,
    state: async () => (await admin('GET', '/state')).world,
    stop: () => emu.stop(),
  };
}

/** Runs `tasks` with at most `limit` at a time; resolves with every result, in order. */
export async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}

/** A counting semaphore: `run(fn)` waits for a free slot. */
export function semaphore(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(fn: () => Promise<T>): Promise<T> {
    if (active >= limit) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export { runMain, type InProcessResult } from '../helpers/in-process.js';

 
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * The contract of an error report without --json: no stack trace, an `error:`
 * line, at most one hint line after it, and no raw control character.
 */
export function expectCleanError(stderr: string, context = ''): string {
  const lines = stderr.replace(/\n$/, '').split('\n');
  const at = lines.findIndex((l) => l.startsWith('error: '));
  expect(at, `no "error:" line in ${JSON.stringify(stderr)} ${context}`).toBeGreaterThanOrEqual(0);
  expect(lines.length - at, `more than an error line and a hint: ${JSON.stringify(stderr)} ${context}`).toBeLessThanOrEqual(2);
  expect(stderr, `stack trace in ${context}`).not.toMatch(/^\s+at .+[(:]\d+/m);
  expect(CONTROL.test(stderr.replace(/\n/g, '')), `raw control character in ${JSON.stringify(stderr)} ${context}`).toBe(false);
  return lines[at];
}

/** Sleeps. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls a job through the signed client until it ends; returns it. */
export async function waitJob(client: EmulatorClient, jobId: string, timeoutMs = 20_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await client.get(`/jobs/${jobId}`);
    if (r.status === 200 && (r.body.status === 'SUCCESS' || r.body.status === 'FAIL')) return r.body;
    if (Date.now() > until) throw new Error(`job ${jobId} did not end: ${r.text}`);
    await sleep(15);
  }
}

async function submit(client: EmulatorClient, method: 'post' | 'del', path: string, body: unknown): Promise<any> {
  const r = await client[method](path, body);
  if (r.status !== 200) throw new Error(`${method} ${path}: HTTP ${r.status} ${r.text}`);
  const job = await waitJob(client, r.body.job_id);
  if (job.status !== 'SUCCESS') throw new Error(`${path}: job ${job.job_id} ${job.status} ${job.fail_reason}`);
  return job;
}

/**
 * Builds a protected group through the API (with faults off): one stopped
 * production server with one disk, a protected instance, one attached pair,
 * protection started. It can be reversed back and forth without touching
 * servers, because the emulator never starts them.
 */
export async function makeProtectedGroup(w: World, name: string): Promise<string> {
  const { client } = w;
  const server = await w.admin('POST', '/servers', { name: `${name}-srv`, status: 'SHUTOFF', disks: 1 });
  const created = await submit(client, 'post', '/server-groups', {
    server_group: { name, source_availability_zone: LOCAL_AZ, target_availability_zone: REMOTE_AZ, domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc },
  });
  const groupId = created.entities.server_group_id as string;
  const pi = await submit(client, 'post', '/protected-instances', {
    protected_instance: { server_group_id: groupId, server_id: server.server.id, name: `${name}-pi` },
  });
  const rp = await submit(client, 'post', '/replications', {
    replication: { server_group_id: groupId, volume_id: server.volumes[0].id, name: `${name}-rp` },
  });
  await submit(client, 'post', `/protected-instances/${pi.entities.protected_instance_id}/attachreplication`, {
    replicationAttachment: { replication_id: rp.entities.replication_pair_id, device: '/dev/vda' },
  });
  await submit(client, 'post', `/server-groups/${groupId}/action`, { 'start-server-group': {} });
  return groupId;
}

/** Every regular file under `dir`, recursively, with its text. */
export function filesUnder(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (s.isFile()) out.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'sdrs-rel-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Prints one summary line for docs/reliability.md. */
export function summary(line: string): void {
  console.log(`[reliability] ${line}`);
}

/** Polls `fn` every 25 ms until it returns something other than undefined. */
export async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`waitFor: gave up after ${timeoutMs} ms`);
    await sleep(25);
  }
}

/** A `sdrs emulator --json` process started by a test (the built binary). */
export interface EmulatorProcess {
  child: ChildProcess;
  url: string;
  ak: string;
  sk: string;
  projectId: string;
  stderr: () => string;
}

/**
 * Starts `sdrs emulator --json ...args` (optionally under a shell prefix such as a ulimit),
 * adds it to `children` for the test file's cleanup, and reads its one JSON line.
 */
export function startEmulatorProcess(args: string[], children: ChildProcess[], shellPrefix?: string): Promise<EmulatorProcess> {
  return new Promise((resolve, reject) => {
    const argv = [BIN, 'emulator', '--json', ...args];
    const child = shellPrefix
      ? spawn('bash', ['-c', `${shellPrefix}; exec "$0" "$@"`, process.execPath, ...argv], { env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, argv, { env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += String(d)));
    child.stdout!.on('data', (d) => {
      out += String(d);
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        const info = JSON.parse(out.slice(0, nl));
        resolve({ child, url: info.url, ak: info.ak, sk: info.sk, projectId: info.project_id, stderr: () => err });
      }
    });
    child.on('exit', (code) => reject(new Error(`emulator exited (${code}) before it listened: ${err}`)));
  });
}
