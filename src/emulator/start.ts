/**
 * `startEmulator()`: the emulator in this process, for tests, the demo and
 * `sdrs emulator` (emulator/command.ts). See docs/emulator.md.
 *
 * This module (and only this module tree) loads fastify.
 */
import type { AddressInfo } from 'node:net';
import { JobClock, systemClock } from './clock.js';
import type { EmulatorClock } from './clock.js';
import { DEFAULT_AK, DEFAULT_FAULT_SEED, DEFAULT_PROJECT_ID, DEFAULT_SK, durationsToJson, parseJobDurations, toDurations } from './config.js';
import type { JobDurationOption } from './config.js';
import { Engine } from './engine.js';
import { EmuError } from './errors.js';
import { FaultInjector, formatFaults, parseFaults } from './faults.js';
import { parseDuration } from './format.js';
import { loadWorld, saveWorld } from './persist.js';
import { seedWorld } from './seed.js';
import { buildServer } from './server.js';
import type { SeedName, World } from './world.js';

export interface EmulatorOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 takes a free port. @default 0 */
  port?: number;
  /** Save the world here on every change and load it on start. */
  statePath?: string;
  /** Seed for a fresh world (ignored when statePath already holds one). @default 'empty' */
  seed?: SeedName;
  /** Job durations in ms, for all jobs or per job type (`{default, reverseProtectionGroupNoCG, ...}`). @default 3000 */
  jobDurationMs?: JobDurationOption;
  /** Fault spec, e.g. `5xx=0.05,429=0.05,reset=0.02,latency=200ms,rps=20`. @default none */
  faults?: string;
  /** Seed of the fault PRNG. @default 1 */
  faultSeed?: number;
  /** @default DEFAULT_AK */
  ak?: string;
  /** @default DEFAULT_SK */
  sk?: string;
  /** @default DEFAULT_PROJECT_ID (or the project of the loaded state) */
  projectId?: string;
  /** Time source for jobs and signature dates. @default the system clock */
  clock?: EmulatorClock;
  /** Receives one line per request and internal errors. */
  logger?: (line: string) => void;
}

export interface RunningEmulator {
  /** `http://host:port`, the endpoint to give clients. */
  url: string;
  host: string;
  port: number;
  projectId: string;
  ak: string;
  sk: string;
  /** The live world (replaced on reset). */
  readonly world: World;
  /** The job clock (the injected clock plus admin advances). */
  clock: JobClock;
  engine: Engine;
  /** Stops listening and closes open connections. */
  stop(): Promise<void>;
}

/** Starts an emulator in this process. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const clock = new JobClock(opts.clock ?? systemClock);
  const loaded = opts.statePath ? loadWorld(opts.statePath) : undefined;
  if (loaded && opts.projectId && loaded.projectId !== opts.projectId) {
    throw new Error(`state file ${opts.statePath} belongs to project ${loaded.projectId}, not ${opts.projectId}`);
  }
  const projectId = loaded?.projectId ?? opts.projectId ?? DEFAULT_PROJECT_ID;
  const world = loaded ?? seedWorld(projectId, opts.seed ?? 'empty', clock.now());
  const engine = new Engine(world, clock, toDurations(opts.jobDurationMs), opts.statePath);
  if (opts.statePath && !loaded) saveWorld(opts.statePath, world);
  let faultSeed = opts.faultSeed ?? DEFAULT_FAULT_SEED;
  const faults = new FaultInjector(parseFaults(opts.faults), faultSeed);
  const creds = { ak: opts.ak ?? DEFAULT_AK, sk: opts.sk ?? DEFAULT_SK, projectId };

  const configure = (cfg: Record<string, unknown>): Record<string, unknown> => {
    try {
      if (cfg.job_duration !== undefined) {
        engine.durations = typeof cfg.job_duration === 'number' ? toDurations(cfg.job_duration) : parseJobDurations(String(cfg.job_duration));
      }
      if (cfg.job_duration_ms !== undefined) engine.durations = toDurations(cfg.job_duration_ms as JobDurationOption);
      if (cfg.faults !== undefined || cfg.fault_seed !== undefined) {
        if (cfg.fault_seed !== undefined) faultSeed = Number(cfg.fault_seed);
        const spec = cfg.faults === undefined ? faults.spec : parseFaults(cfg.faults === null ? '' : String(cfg.faults));
        faults.configure(spec, faultSeed);
      }
    } catch (err) {
      throw new EmuError(400, { error: { code: 'EMULATOR.ADMIN', message: (err as Error).message } });
    }
    return { job_duration_ms: durationsToJson(engine.durations), faults: formatFaults(faults.spec), fault_seed: faultSeed };
  };
  const app = buildServer({
    engine,
    creds,
    faults,
    configure,
    advanceClock: (ms) => clock.advance(parseDuration(ms)),
    logger: opts.logger,
  });
  await app.listen({ host, port: opts.port ?? 0 });
  const port = (app.server.address() as AddressInfo).port;
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    projectId,
    ak: creds.ak,
    sk: creds.sk,
    get world() {
      return engine.world;
    },
    clock,
    engine,
    stop: async () => {
      await app.close();
    },
  };
}
