/** Starts an in-process emulator and gives the environment that points the real binary at it. */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorClient, type EmulatorClient } from './emulator-client.js';
import { baseEnv } from './run.js';

export interface TestWorld {
  emu: RunningEmulator;
  client: EmulatorClient;
  /** Environment for `runSdrs`: endpoint, credentials and project id of the emulator. */
  env: Record<string, string>;
  /** Requests per route so far (admin counters). */
  counters(): Promise<{ total: number; routes: Record<string, number> }>;
  /** Sets every ACTIVE server in the given AZ (default: all) to SHUTOFF. */
  stopServers(az?: string): Promise<void>;
  stop(): Promise<void>;
}

/** An emulator on a free loopback port with short jobs. */
export async function startWorld(opts: EmulatorOptions = {}, extraEnv: Record<string, string> = {}): Promise<TestWorld> {
  const emu = await startEmulator({ port: 0, seed: 'demo', jobDurationMs: 300, ...opts });
  const client = emulatorClient(emu);
  const env = baseEnv({
    SDRS_ENDPOINT: emu.url,
    HUAWEICLOUD_SDK_AK: emu.ak,
    HUAWEICLOUD_SDK_SK: emu.sk,
    SDRS_PROJECT_ID: emu.projectId,
    ...extraEnv,
  });
  return {
    emu,
    client,
    env,
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
