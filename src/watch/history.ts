/**
 * A small local cache of how long each job type took on each protection group,
 * so the watcher can poll densely only near the expected end (backoff.ts). It
 * is a cache: every function here tolerates a missing or corrupt file and
 * never throws.
 */
import { mkdir, readFile, rename, writeFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ExpectedWindow } from './backoff.js';

/** Samples kept per key. */
export const MAX_SAMPLES = 20;
/** Keys (job types, and job types per group) kept in the file; the least recently updated are dropped. */
const MAX_KEYS = 512;
/** A job type's samples across all groups stand in for a group without its own only if their p90 is within this factor of their p10. */
const TYPE_FALLBACK_MAX_SPREAD = 1.5;
/** Durations above this (ms) are ignored as nonsense: 7 days. */
const MAX_DURATION_MS = 7 * 24 * 3600_000;

interface HistoryFile {
  version: 1;
  /** job_type, or job_type@group_id (groupHistoryKey) → durations in ms, oldest first. */
  durations: Record<string, number[]>;
}

/**
 * The key of a job type on one protection group. Groups differ (a group of two
 * servers reverses faster than one of forty), so each learns its own durations;
 * the bare job type keeps the samples of every group as a fallback.
 */
export function groupHistoryKey(typeKey: string, groupId: string): string {
  return `${typeKey}@${groupId}`;
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

// Readers at the same moment (a hundred watchers starting together) share one read and parse.
const reading = new Map<string, Promise<HistoryFile>>();

/** load() for readers, who must not modify what it returns. */
function loadShared(path: string): Promise<HistoryFile> {
  let p = reading.get(path);
  if (!p) {
    p = load(path).finally(() => reading.delete(path));
    reading.set(path, p);
  }
  return p;
}

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

/** The recorded durations (ms, oldest first) for a key; [] when disabled, missing or unreadable. */
export async function readDurations(path: string | undefined, key: string): Promise<number[]> {
  if (!path || !key) return [];
  const file = await loadShared(path);
  return Object.hasOwn(file.durations, key) ? file.durations[key] : [];
}

/**
 * The durations to learn from for a job of `typeKey` on `groupId` (one file read): the
 * group's own; without any, the job type's across groups if they agree (p90 within 1.5x
 * of p10); else [] (plain backoff), since a window spanning very different groups would
 * make the watcher slower than knowing nothing.
 */
export async function readLearnedDurations(path: string | undefined, typeKey: string, groupId?: string): Promise<number[]> {
  if (!path || !typeKey) return [];
  const { durations } = await loadShared(path);
  const own = groupId ? groupHistoryKey(typeKey, groupId) : undefined;
  if (own && Object.hasOwn(durations, own)) return durations[own];
  const all = Object.hasOwn(durations, typeKey) ? durations[typeKey] : [];
  const sorted = [...all].sort((a, b) => a - b);
  if (!sorted.length || quantile(sorted, 0.9) > TYPE_FALLBACK_MAX_SPREAD * quantile(sorted, 0.1)) return [];
  return all;
}

/** Appends one observed duration (ms) under one key; see recordDurations. */
export async function recordDuration(path: string | undefined, key: string, durationMs: number): Promise<void> {
  return recordDurations(path, [key], durationMs);
}

// Writes from one process are queued, so a hundred watchers finishing together lose no
// sample; samples that arrive while a write is queued join it (one file rewrite for all).
let writes: Promise<void> = Promise.resolve();
const queued = new Map<string, { keys: string[]; durationMs: number }[]>();

/**
 * Appends one observed duration (ms) under each key, keeping the last MAX_SAMPLES per key.
 * Written atomically (temp file + rename); concurrent writers in different processes may
 * lose a sample, never corrupt the file.
 */
export function recordDurations(path: string | undefined, keys: string[], durationMs: number): Promise<void> {
  const valid = keys.filter((k) => k && k.length <= 256);
  if (!path || !valid.length || !validDuration(durationMs)) return Promise.resolve();
  const batch = queued.get(path);
  const sample = { keys: valid, durationMs: Math.round(durationMs) };
  if (batch) {
    batch.push(sample);
    return writes;
  }
  queued.set(path, [sample]);
  writes = writes.then(() => {
    const samples = queued.get(path) ?? [];
    queued.delete(path);
    return write(path, samples);
  });
  return writes;
}

async function write(path: string, samples: { keys: string[]; durationMs: number }[]): Promise<void> {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const file = await load(path);
    for (const { keys, durationMs } of samples) {
      for (const key of keys) {
        const list = (Object.hasOwn(file.durations, key) ? file.durations[key] : []).concat(durationMs);
        delete file.durations[key];
        file.durations[key] = list.slice(-MAX_SAMPLES);
      }
    }
    // Insertion order doubles as recency: drop the least recently updated keys.
    const all = Object.keys(file.durations);
    for (const k of all.slice(0, Math.max(0, all.length - MAX_KEYS))) delete file.durations[k];
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
