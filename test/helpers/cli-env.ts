/** Starts an in-process emulator and gives the environment that points the real binary at it. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorClient, type EmulatorClient } from './emulator-client.js';
import { baseEnv } from './run.js';

export interface TestWorld {
  emu: RunningEmulator;
  client: EmulatorClient;
  /** Environment for `runSdrs`: endpoint, credentials and project id of the emulator. */
  env: Record<string, string>;
  /**
   * Another such environment with a HOME of its own: no job-duration history shared with
   * `env` (a test that makes a job take an hour should not teach the other tests to wait).
   */
  freshEnv(): Record<string, string>;
  /** Requests per route so far (admin counters). */
  counters(): Promise<{ total: number; routes: Record<string, number> }>;
  /** Sets every ACTIVE server in the given AZ (default: all) to SHUTOFF. */
  stopServers(az?: string): Promise<void>;
  stop(): Promise<void>;
}

/** A clean environment (see baseEnv) pointing the binary at an emulator: endpoint, credentials, project. */
export function emulatorEnv(emu: Pick<RunningEmulator, 'url' | 'ak' | 'sk' | 'projectId'>, extra: Record<string, string | undefined> = {}): Record<string, string> {
  return baseEnv({
    SDRS_ENDPOINT: emu.url,
    HUAWEICLOUD_SDK_AK: emu.ak,
    HUAWEICLOUD_SDK_SK: emu.sk,
    SDRS_PROJECT_ID: emu.projectId,
    ...extra,
  });
}

/**
 * How long a job takes in a test world. Short: these tests are about what the CLI does
 * with a job, not about how long it waits for one (tests about timing set their own).
 */
export const JOB_MS = 100;
/**
 * The binary's first poll interval in a test world (the `interval` of the profile in its
 * HOME, so every waiting command uses it). A test about real polling passes `--interval`.
 */
export const POLL_INTERVAL = '50ms';

/** Writes HOME/.sdrsrc with a profile that polls every POLL_INTERVAL at first. */
export function writeFastPollingProfile(home: string): void {
  const text = `# Written by test/helpers/cli-env.ts: jobs take ${JOB_MS} ms in the test worlds, so poll fast.\nprofiles:\n  default:\n    interval: ${POLL_INTERVAL}\n`;
  writeFileSync(join(home, '.sdrsrc'), text, { mode: 0o600 });
}

/** An emulator on a free loopback port with short jobs (JOB_MS), and a binary that polls fast. */
export async function startWorld(opts: EmulatorOptions = {}, extraEnv: Record<string, string> = {}): Promise<TestWorld> {
  const emu = await startEmulator({ port: 0, seed: 'demo', jobDurationMs: JOB_MS, ...opts });
  const client = emulatorClient(emu);
  const freshEnv = () => {
    const env = emulatorEnv(emu, extraEnv);
    writeFastPollingProfile(env.HOME);
    return env;
  };
  return {
    emu,
    client,
    env: freshEnv(),
    freshEnv,
    async counters() {
      return (await client.admin('GET', '/counters')).body;
    },
    async stopServers(az?: string) {
      const state = (await client.admin('GET', '/state')).body;
      const servers = Object.values(state.world.servers as Record<string, { id: string; status: string; az?: string; availabilityZone?: string }>);
      for (const s of servers) {
        const serverAz = s.az ?? s.availabilityZone;
        if (s.status === 'ACTIVE' && (az === undefined || serverAz === az)) {
          await client.admin('PUT', `/servers/${s.id}/power`, { status: 'SHUTOFF' });
        }
      }
    },
    stop: () => emu.stop(),
  };
}

/** Sum of the counters whose route starts with `METHOD `. */
export function countMethod(c: { routes: Record<string, number> }, method: string): number {
  return Object.entries(c.routes)
    .filter(([k]) => k.startsWith(method + ' '))
    .reduce((a, [, v]) => a + v, 0);
}

/** Polls a job on the emulator until it ends; throws unless it succeeded. */
export async function jobDone(client: EmulatorClient, jobId: string): Promise<Record<string, any>> {
  for (let i = 0; i < 200; i++) {
    const job = (await client.get(`/jobs/${jobId}`)).body;
    if (job.status === 'SUCCESS') return job;
    if (job.status === 'FAIL') throw new Error(`job ${jobId} failed: ${job.error_code} ${job.fail_reason}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/**
 * Builds a protected group through the public API, as an operator would:
 * create the group, add a (stopped) server, protect it, pair its disk, start protection.
 */
export async function makeProtectedGroup(client: EmulatorClient, name: string, ids: { domain: string; vpc: string }): Promise<string> {
  const created = await client.post('/server-groups', { server_group: { name, source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: ids.domain, source_vpc_id: ids.vpc } });
  const groupId = (await jobDone(client, created.body.job_id)).entities.server_group_id as string;
  const added = (await client.admin('POST', '/servers', { name: `${name}-vm`, vpc_id: ids.vpc, status: 'SHUTOFF', disks: 1 })).body;
  const pi = await client.post('/protected-instances', { protected_instance: { server_group_id: groupId, server_id: added.server.id, name: `${name}-pi` } });
  const instanceId = (await jobDone(client, pi.body.job_id)).entities.protected_instance_id as string;
  const rp = await client.post('/replications', { replication: { server_group_id: groupId, volume_id: added.volumes[0].id, name: `${name}-rp` } });
  const pairId = (await jobDone(client, rp.body.job_id)).entities.replication_pair_id as string;
  const at = await client.post(`/protected-instances/${instanceId}/attachreplication`, { replicationAttachment: { replication_id: pairId, device: '/dev/vda' } });
  await jobDone(client, at.body.job_id);
  const started = await client.post(`/server-groups/${groupId}/action`, { 'start-server-group': {} });
  await jobDone(client, started.body.job_id);
  return groupId;
}

/**
 * For a test file: one emulator (demo seed, JOB_MS jobs) for all its tests, reset to the
 * demo seed with fresh counters before each test. The world is usable inside tests.
 */
export function useDemoWorld(): TestWorld {
  const w = {} as TestWorld;
  beforeAll(async () => {
    Object.assign(w, await startWorld());
  });
  afterAll(async () => {
    await w.stop();
  });
  beforeEach(async () => {
    await w.client.admin('POST', '/reset', { seed: 'demo' });
    await w.client.admin('PUT', '/config', { job_duration_ms: JOB_MS });
    await w.client.admin('DELETE', '/counters');
  });
  return w;
}
