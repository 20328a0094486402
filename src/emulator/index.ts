/**
 * The local SDRS emulator: `startEmulator()` for tests and the demo,
 * `runEmulatorCommand()` for `sdrs emulator`. See docs/emulator.md.
 *
 * The public surface only; loading it loads fastify (through start.ts).
 */
export { startEmulator } from './start.js';
export type { EmulatorOptions, RunningEmulator } from './start.js';
export { runEmulatorCommand } from './command.js';
export type { EmulatorCommandOptions } from './command.js';
export { createManualClock, systemClock, JobClock } from './clock.js';
export type { EmulatorClock, ManualClock } from './clock.js';
export { parseFaults, formatFaults, mulberry32 } from './faults.js';
export type { FaultSpec } from './faults.js';
export { parseDuration } from './format.js';
export { parseJobDurations, DEFAULT_AK, DEFAULT_SK, DEFAULT_PROJECT_ID, DEFAULT_JOB_DURATION_MS } from './config.js';
export type { JobDurationOption } from './config.js';
export { SEED_IDS, LOCAL_AZ, REMOTE_AZ, OTHER_AZ, addProtectedGroup } from './seed.js';
export type { ProtectedGroupInput } from './seed.js';
export type { World, SeedName } from './world.js';
export { DEFAULT_QUOTAS, DEFAULT_RPO_INTERVAL_MS, parseQuotas } from './readiness.js';
export type { Quotas } from './readiness.js';
