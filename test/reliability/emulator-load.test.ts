/**
 * The emulator under load: 20 signed clients hammer `sdrs emulator --state FILE`
 * (the real binary) for 30 s, creating, renaming, deleting and reading groups
 * and jobs. Mid-run the process is killed with SIGKILL twice and restarted on
 * the same port and state file. No acknowledged change may be lost, no job may
 * vanish, the state file must parse at every moment, and no request may get a
 * 5xx.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emulatorClient, type EmulatorClient } from '../helpers/emulator-client.js';
import { LOCAL_AZ, REMOTE_AZ, SEED_IDS, sleep, startEmulatorProcess, summary, tempDir, waitFor } from './helpers.js';

const CLIENTS = 20;
const RUN_MS = 30_000;
const KILLS_AT_MS = [10_000, 20_000];


const children: ChildProcess[] = [];
/** `sdrs emulator --state FILE` on `port`, unlimited quotas (it creates hundreds of groups). */
const startEmu = (state: string, port: number) =>
  startEmulatorProcess(['--state', state, '--port', String(port), '--job-duration', '300ms', '--quota', 'server_groups=-1,replications=-1'], children);
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

interface Owned {
  id?: string;
  /** Names the group may have: the last acknowledged one plus any attempted since without an answer. */
  names: Set<string>;
  /** The last acknowledged name. */
  acked: string;
  deleteAcked: boolean;
  deleteAttempted: boolean;
}

describe('the emulator under load, killed and restarted', () => {
  it(`${CLIENTS} clients for ${RUN_MS / 1000}s with ${KILLS_AT_MS.length} SIGKILLs: nothing acknowledged is lost`, { timeout: 120_000 }, async () => {
    const dir = tempDir('sdrs-load-');
    const state = join(dir, 'world.json');
    let emu = await startEmu(state, 0);
    const port = Number(new URL(emu.url).port);
    let client: EmulatorClient = emulatorClient(emu);

    const ackedJobs = new Map<string, string>(); // job id -> what
    const attemptedNames = new Set<string>();
    const owned: Owned[] = [];
    const stats = { requests: 0, ok: 0, errors4xx: 0, errors5xx: 0, network: 0, lostJobs: 0, parseFailures: 0, stateReads: 0 };
    const fiveXX: string[] = [];
    const unexpected: string[] = [];
    let running = true;
    let renamed = 0;
    let down = false;

    const call = async (fn: (c: EmulatorClient) => Promise<{ status: number; body: any; text: string }>) => {
      stats.requests++;
      try {
        const r = await fn(client);
        if (r.status >= 500) {
          stats.errors5xx++;
          fiveXX.push(`${r.status} ${r.text.slice(0, 200)}`);
        } else if (r.status >= 400) {
          stats.errors4xx++;
          unexpected.push(`${r.status} ${r.text.slice(0, 200)}`);
        }
        else stats.ok++;
        return r;
      } catch {
        stats.network++; // the emulator is down (killed): no answer, nothing acknowledged
        await sleep(50);
        return undefined;
      }
    };

    const ownedBy = new Map<Owned, number>();
    const worker = async (n: number) => {
      let seq = 0;
      const rnd = () => Math.random();
      while (running) {
        const mine = owned.filter((o) => o.id && !o.deleteAttempted && ownedBy.get(o) === n);
        const p = rnd();
        if (p < 0.3 || mine.length === 0) {
          const name = `load-${n}-${seq++}`;
          attemptedNames.add(name);
          const o: Owned = { names: new Set([name]), acked: name, deleteAcked: false, deleteAttempted: false };
          const r = await call((c) => c.post('/server-groups', {
            server_group: { name, source_availability_zone: LOCAL_AZ, target_availability_zone: REMOTE_AZ, domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc },
          }));
          if (r?.status === 200) {
            ackedJobs.set(r.body.job_id, `create ${name}`);
            const job = await call((c) => c.get(`/jobs/${r.body.job_id}`));
            if (job?.status === 200) {
              o.id = job.body.entities.server_group_id;
              owned.push(o);
              ownedBy.set(o, n);
            } else if (job?.status === 404) stats.lostJobs++;
          }
        } else if (p < 0.5) {
          const o = mine[Math.floor(rnd() * mine.length)];
          const name = `${o.acked.split('.r')[0]}.r${seq++}`;
          attemptedNames.add(name);
          o.names.add(name);
          const r = await call((c) => c.put(`/server-groups/${o.id}`, { server_group: { name } }));
          if (r?.status === 200) {
            renamed++;
            o.acked = name;
            o.names = new Set([name]);
          }
        } else if (p < 0.6) {
          const o = mine[Math.floor(rnd() * mine.length)];
          const g = await call((c) => c.get(`/server-groups/${o.id}`));
          if (g?.status === 200 && g.body.server_group.status === 'available') {
            o.deleteAttempted = true;
            const r = await call((c) => c.del(`/server-groups/${o.id}`));
            if (r?.status === 200) {
              o.deleteAcked = true;
              ackedJobs.set(r.body.job_id, `delete ${o.id}`);
            }
          }
        } else if (p < 0.85) {
          // Every acknowledged job must still be there, also right after a restart.
          const ids = [...ackedJobs.keys()];
          const id = ids[Math.floor(rnd() * ids.length)];
          const r = id ? await call((c) => c.get(`/jobs/${id}`)) : undefined;
          if (r?.status === 404) stats.lostJobs++;
        } else {
          await call((c) => c.get('/server-groups?limit=50'));
        }
      }
    };
    // The state file must parse at every moment (it is replaced atomically).
    const checker = (async () => {
      while (running) {
        if (existsSync(state)) {
          stats.stateReads++;
          try {
            const w = JSON.parse(readFileSync(state, 'utf8'));
            if (w.version !== 1 || typeof w.groups !== 'object') stats.parseFailures++;
          } catch {
            stats.parseFailures++;
          }
        }
        await sleep(20);
      }
    })();

    const killer = (async () => {
      const t0 = Date.now();
      for (const at of KILLS_AT_MS) {
        await sleep(Math.max(0, t0 + at - Date.now()));
        down = true;
        const exited = new Promise((r) => emu.child.once('exit', r));
        emu.child.kill('SIGKILL');
        await exited;
        // Right after the crash: the file parses, and every job acknowledged so far is in it.
        const saved = JSON.parse(readFileSync(state, 'utf8'));
        for (const id of ackedJobs.keys()) if (!saved.jobs[id]) stats.lostJobs++;
        emu = await startEmu(state, port);
        client = emulatorClient(emu);
        down = false;
      }
    })();

    const started = Date.now();
    const workers = Array.from({ length: CLIENTS }, (_, n) => worker(n));
    await sleep(RUN_MS);
    running = false;
    await Promise.all([...workers, checker, killer]);
    expect(down).toBe(false);

    // Let the last jobs end, then compare the world with what was acknowledged.
    const admin = emulatorClient(emu);
    const world = await waitFor(async () => {
      const w = (await admin.admin('GET', '/state')).body.world;
      return Object.values(w.jobs as Record<string, any>).every((j) => j.settled) ? w : undefined;
    }, 20_000);
    emu.child.kill('SIGTERM');

    const problems: string[] = [];
    for (const [id, what] of ackedJobs) {
      const j = world.jobs[id];
      if (!j) problems.push(`acknowledged job ${id} (${what}) is missing`);
      else if (j.fail !== null) problems.push(`job ${id} (${what}) failed: ${j.fail.code}`);
    }
    for (const o of owned) {
      const g = world.groups[o.id!];
      if (o.deleteAcked) {
        if (g) problems.push(`group ${o.id} was deleted (acknowledged) but still exists`);
      } else if (!o.deleteAttempted) {
        if (!g) problems.push(`group ${o.id} (${o.acked}) was lost`);
        else if (!o.names.has(g.name)) problems.push(`group ${o.id} is named ${g.name}, acknowledged ${o.acked}`);
      }
    }
    for (const g of Object.values(world.groups as Record<string, any>)) {
      if (!attemptedNames.has(g.name)) problems.push(`group ${g.id} named ${g.name} that no client asked for`);
      if (g.status !== 'available') problems.push(`group ${g.id} in status ${g.status}`);
    }
    expect(problems, problems.slice(0, 20).join('\n')).toEqual([]);
    expect(stats.lostJobs).toBe(0);
    expect(stats.parseFailures).toBe(0);
    expect(stats.errors5xx, fiveXX.slice(0, 5).join('\n')).toBe(0);
    expect(stats.errors4xx, unexpected.slice(0, 5).join('\n')).toBe(0);
    expect(stats.ok).toBeGreaterThan(300);
    expect(renamed).toBeGreaterThan(20);
    expect(stats.network).toBeGreaterThan(0); // the kills did interrupt the clients

    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    summary(
      `emulator load: ${CLIENTS} clients for ${RUN_MS / 1000}s (${seconds}s with settling), ${KILLS_AT_MS.length} SIGKILL + restart with --state: ` +
        `${stats.requests} requests (${stats.ok} ok, ${stats.errors4xx} 4xx, ${stats.errors5xx} 5xx, ${stats.network} unanswered while down), ` +
        `${ackedJobs.size} acknowledged jobs, ${owned.length} groups created, ${renamed} renames; lost jobs: 0, lost or phantom changes: 0, state file read ${stats.stateReads} times, unparsable: 0`,
    );
  });
});
