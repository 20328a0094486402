/** Emulator defaults and option parsing shared by startEmulator and the CLI command. */
import { parseDuration } from './format.js';
import type { Durations } from './engine.js';

/** Fixed default credentials: the emulator is a local tool, these are not secrets. */
export const DEFAULT_AK = 'EMULATORAK0000000001';
export const DEFAULT_SK = 'emuSk7Qx2vLr9TzN4pWc8HdY3mKf6JbG1sAe5UoZ';
export const DEFAULT_PROJECT_ID = 'e7a1c0de5d9b4f6a8c2e4b1d3f5a7c90';
export const DEFAULT_JOB_DURATION_MS = 3000;
export const DEFAULT_FAULT_SEED = 1;

/** Job durations in ms: one number for all jobs, or per job type with an optional `default`. */
export type JobDurationOption = number | Partial<Record<string, number>>;

export function toDurations(opt: JobDurationOption | undefined): Durations {
  if (opt === undefined) return { defaultMs: DEFAULT_JOB_DURATION_MS, perType: {} };
  if (typeof opt === 'number') return { defaultMs: parseDuration(opt), perType: {} };
  const perType: Record<string, number> = {};
  let defaultMs = DEFAULT_JOB_DURATION_MS;
  for (const [k, v] of Object.entries(opt)) {
    if (v === undefined) continue;
    if (k === 'default') defaultMs = parseDuration(v);
    else perType[k] = parseDuration(v);
  }
  return { defaultMs, perType };
}

/**
 * Parses `--job-duration`: `3s`, or `3s,reverseProtectionGroupNoCG=10s,batchStopServers=500ms`
 * (a bare value is the default, `type=value` overrides one job type).
 */
export function parseJobDurations(text: string): Durations {
  const out: Durations = { defaultMs: DEFAULT_JOB_DURATION_MS, perType: {} };
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) out.defaultMs = parseDuration(part);
    else {
      const type = part.slice(0, eq).trim();
      if (!/^[A-Za-z]+$/.test(type)) throw new Error(`invalid job type "${type}" in job duration`);
      const ms = parseDuration(part.slice(eq + 1));
      if (type === 'default') out.defaultMs = ms;
      else out.perType[type] = ms;
    }
  }
  return out;
}

/** The durations as a plain object (`default` plus per-type entries). */
export function durationsToJson(d: Durations): Record<string, number> {
  return { default: d.defaultMs, ...d.perType };
}

/** True for hosts only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
