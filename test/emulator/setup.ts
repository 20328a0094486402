/** Shared fixture: an emulator on port 0 with a manual clock, and a client that signs on that clock. */
import { afterEach } from 'vitest';
import { createManualClock, startEmulator } from '../../src/emulator/index.js';
import type { EmulatorOptions, ManualClock, RunningEmulator } from '../../src/emulator/index.js';
import { emulatorClient } from '../helpers/emulator-client.js';
import type { EmulatorClient } from '../helpers/emulator-client.js';

export const T0 = Date.parse('2024-03-01T08:00:00.000Z');

export interface Harness {
  emu: RunningEmulator;
  clock: ManualClock;
  c: EmulatorClient;
  /** Advances the manual clock. */
  advance(ms: number): void;
  /** GET the job. */
  job(id: string): Promise<any>;
}

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

export async function harness(opts: EmulatorOptions = {}): Promise<Harness> {
  const clock = createManualClock(T0);
  const emu = await startEmulator({ clock, ...opts });
  running.push(emu);
  const c = emulatorClient(emu, { now: () => clock.now() });
  return {
    emu,
    clock,
    c,
    advance: (ms) => void clock.advance(ms),
    job: async (id) => {
      const r = await c.get(`/jobs/${id}`);
      if (r.status !== 200) throw new Error(`job ${id}: HTTP ${r.status} ${r.text}`);
      return r.body;
    },
  };
}
