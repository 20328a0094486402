/**
 * A small local cache of how long each job type took, so the watcher can poll
 * densely only near the expected end (backoff.ts). It is a cache: every
 * function here tolerates a missing or corrupt file and never throws.
 */
import { mkdir, readFile, rename, writeFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ExpectedWindow } from './backoff.js';

/** Samples kept per job type. */
export const MAX_SAMPLES = 20;
/** Job types kept in the file (the oldest-updated are dropped). */
const MAX_TYPES = 64;
/** Durations above this (ms) are ignored as nonsense: 7 days. */
const MAX_DURATION_MS = 7 * 24 * 3600_000;

interface HistoryFile {
  version: 1;
  /** job_type → durations in ms, oldest first. */
  durations: Record<string, number[]>;
}

/** `$XDG_CACHE_HOME/sdrs/job-durations.json`, else `~/.cache/sdrs/job-durations.json`. */
export function defaultHistoryPath(env: NodeJS.ProcessEnv, homeDir: string): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && xdg.startsWith('/')) return join(xdg, 'sdrs', 'job-durations.json');
  if (!homeDir) return undefined;
  return join(homeDir, '.cache', 'sdrs', 'job-durations.json');
}

const validDuration = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= MAX_DURATION_MS;

async function load(path: string): Promise<HistoryFile> {
  const empty: HistoryFile = { version: 1, durations: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return empty;
  }
  if (!raw || typeof raw !== 'object') return empty;
  const d = (raw as { durations?: unknown }).durations;
  if (!d || typeof d !== 'object' || Array.isArray(d)) return empty;
  const out: Record<string, number[]> = {};
  for (const [type, list] of Object.entries(d as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    const clean = list.filter(validDuration).slice(-MAX_SAMPLES);
    if (clean.length) out[type] = clean;
  }
  return { version: 1, durations: out };
}

/** The recorded durations (ms, oldest first) for a job type; [] when disabled, missing or unreadable. */
export async function readDurations(path: string | undefined, jobType: string): Promise<number[]> {
  if (!path || !jobType) return [];
  const file = await load(path);
  return Object.hasOwn(file.durations, jobType) ? file.durations[jobType] : [];
}

/**
 * Appends one observed duration (ms) for a job type, keeping the last MAX_SAMPLES.
 * Written atomically (temp file + rename); concurrent writers may lose a sample, never corrupt the file.
 */
export async function recordDuration(path: string | undefined, jobType: string, durationMs: number): Promise<void> {
  if (!path || !jobType || jobType.length > 128 || !validDuration(durationMs)) return;
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const file = await load(path);
    const list = (Object.hasOwn(file.durations, jobType) ? file.durations[jobType] : []).concat(Math.round(durationMs));
    delete file.durations[jobType];
    file.durations[jobType] = list.slice(-MAX_SAMPLES);
    // Insertion order doubles as recency: drop the least recently updated types.
    const types = Object.keys(file.durations);
    for (const t of types.slice(0, Math.max(0, types.length - MAX_TYPES))) delete file.durations[t];
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, JSON.stringify(file) + '\n', { mode: 0o600 });
    await rename(tmp, path);
  } catch {
    await unlink(tmp).catch(() => undefined);
  }
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The window in which a job is expected to end (ms since it started): the 10th to
 * 90th percentile of the samples widened by `margin` (default 5 %); undefined without samples.
 */
export function expectedWindow(samples: readonly number[], margin = 0.05): ExpectedWindow | undefined {
  const clean = samples.filter(validDuration).sort((a, b) => a - b);
  if (clean.length === 0) return undefined;
  return {
    startMs: quantile(clean, 0.1) * (1 - margin),
    endMs: quantile(clean, 0.9) * (1 + margin),
  };
}

/** Shifts a window by the time the job had already run when watching began (ms); undefined if it has passed. */
export function shiftWindow(w: ExpectedWindow | undefined, alreadyRanMs: number): ExpectedWindow | undefined {
  if (!w || !(alreadyRanMs > 0)) return w;
  if (w.endMs - alreadyRanMs <= 0) return undefined;
  return { startMs: Math.max(0, w.startMs - alreadyRanMs), endMs: w.endMs - alreadyRanMs };
}
