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
import { UsageError } from '../errors.js';
import { Engine } from './engine.js';
import { EmuError } from './errors.js';
import { FaultInjector, formatFaults, parseFaults } from './faults.js';
import { parseDuration } from './format.js';
import { acquireStateLock } from './lock.js';
import type { LockOwner, StateLock } from './lock.js';
import { cleanScratchFiles, loadWorld, saveWorld, stateFileError } from './persist.js';
import { alignRpo, quotasFromObject, realignRpo } from './readiness.js';
import type { Quotas } from './readiness.js';
import { seedWorld } from './seed.js';
import { buildServer } from './server.js';
import type { SeedName, World } from './world.js';

export interface EmulatorOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 takes a free port. @default 0 */
  port?: number;
  /**
   * Save the world here on every change and load it on start. The file is
   * locked (`FILE.lock`) while this emulator runs: a second one refuses it.
   */
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
  /** More names the Host header may carry besides loopback ones and `host` (DNS rebinding protection). */
  allowHosts?: string[];
  /** When set, the admin API needs `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /** Receives one line per request and internal errors. */
  logger?: (line: string) => void;
  /** Quotas (-1 unlimited); a type left out keeps its default (50 groups, 100 pairs). */
  quotas?: Partial<Quotas>;
  /** The period of the RPO statistics points, in ms of emulator time. @default 300000 (5 min) */
  rpoIntervalMs?: number;
  /** Serve https with this certificate and key (PEM), e.g. signed by a test CA. @default http */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export interface RunningEmulator {
  /** `http://host:port` (`https://` with `tls`), the endpoint to give clients. */
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
  /** The admin token, when one is required (clients send it as a Bearer token). */
  adminToken?: string;
  /** What start-up repaired beside the state file: a stale lock taken over, scratch files removed. */
  recovered: { staleLock?: LockOwner; removedFiles: string[] };
  /** Stops listening and closes open connections, and releases the state file's lock. */
  stop(): Promise<void>;
}

/**
 * Starts an emulator in this process.
 * @throws SdrsError STATE_LOCKED (exit 2) when another emulator uses `statePath`,
 *   STATE_FILE (exit 4) when it cannot be read, parsed or written, and
 *   UsageError (exit 2) for another project's state or an address that cannot be bound.
 */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const clock = new JobClock(opts.clock ?? systemClock);
  const lock: StateLock | undefined = opts.statePath ? acquireStateLock(opts.statePath) : undefined;
  try {
    return await startLocked(opts, host, clock, lock);
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function startLocked(opts: EmulatorOptions, host: string, clock: JobClock, lock: StateLock | undefined): Promise<RunningEmulator> {
  // Holding the lock, nothing else writes beside the file: leftovers of earlier runs can go.
  const removedFiles = opts.statePath ? cleanScratchFiles(opts.statePath) : [];
  const loaded = opts.statePath ? loadWorld(opts.statePath) : undefined;
  if (loaded && opts.projectId && loaded.projectId !== opts.projectId) {
    throw new UsageError(`state file ${opts.statePath} belongs to project ${loaded.projectId}, not ${opts.projectId}`, {
      hint: 'Drop --project-id to use the file\'s project, or give another --state file.',
    });
  }
  const projectId = loaded?.projectId ?? opts.projectId ?? DEFAULT_PROJECT_ID;
  const world = loaded ?? seedWorld(projectId, opts.seed ?? 'empty', clock.now());
  const engine = new Engine(world, clock, toDurations(opts.jobDurationMs), opts.statePath);
  try {
    if (opts.quotas) engine.readiness.quotas = quotasFromObject(opts.quotas, engine.readiness.quotas);
    if (opts.rpoIntervalMs !== undefined) engine.readiness.rpoIntervalMs = checkRpoInterval(opts.rpoIntervalMs);
    alignRpo(world, engine.readiness.rpoIntervalMs);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (opts.statePath && !loaded) {
    try {
      saveWorld(opts.statePath, world);
    } catch (err) {
      throw stateFileError(opts.statePath, `cannot be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, 'Give a --state file in a directory you can write to.');
    }
  }
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
      if (cfg.quotas !== undefined) engine.readiness.quotas = quotasFromObject(cfg.quotas, engine.readiness.quotas);
      if (cfg.rpo_interval !== undefined) {
        engine.readiness.rpoIntervalMs = checkRpoInterval(parseDuration(cfg.rpo_interval as string | number));
        realignRpo(engine.world, engine.now(), engine.readiness.rpoIntervalMs);
        engine.touch();
      }
    } catch (err) {
      throw new EmuError(400, { error: { code: 'EMULATOR.ADMIN', message: (err as Error).message } });
    }
    return {
      job_duration_ms: durationsToJson(engine.durations), faults: formatFaults(faults.spec), fault_seed: faultSeed,
      quotas: { ...engine.readiness.quotas }, rpo_interval_ms: engine.readiness.rpoIntervalMs,
    };
  };
  const app = buildServer({
    engine,
    creds,
    faults,
    configure,
    advanceClock: (ms) => clock.advance(parseDuration(ms)),
    access: { host, allowHosts: opts.allowHosts ?? [], adminToken: opts.adminToken },
    logger: opts.logger,
    tls: opts.tls,
  });
  try {
    await app.listen({ host, port: opts.port ?? 0 });
  } catch (err) {
    await app.close().catch(() => undefined);
    throw listenError(err, host, opts.port ?? 0);
  }
  const port = (app.server.address() as AddressInfo).port;
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  let stopped = false;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
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
    adminToken: opts.adminToken,
    recovered: { staleLock: lock?.tookOver, removedFiles },
    stop: async () => {
      try {
        await app.close();
      } finally {
        // Handlers are synchronous, so once closed no save is under way.
        if (!stopped) lock?.release();
        stopped = true;
      }
    },
  };
}

/** The address cannot be bound: a usage problem (exit 2), said plainly. */
function listenError(err: unknown, host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE') return new UsageError(`cannot listen on ${where}: the port is in use`, { hint: 'Stop what uses it, or pick another --port (0 takes a free one).' });
  if (code === 'EACCES') return new UsageError(`cannot listen on ${where}: permission denied`, { hint: 'Ports below 1024 need privileges: pick another --port.' });
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new UsageError(`cannot listen on ${where}: no such address on this machine`, { hint: 'Give --host an address of this machine, e.g. 127.0.0.1.' });
  }
  return err as Error;
}

/** The RPO point period: 1 s to 1 day. */
function checkRpoInterval(ms: number): number {
  if (!Number.isFinite(ms) || ms < 1000 || ms > 86_400_000) throw new Error(`invalid RPO interval ${ms} ms: use 1s to 24h`);
  return Math.round(ms);
}
