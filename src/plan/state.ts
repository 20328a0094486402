/**
 * The state of a plan run, kept in `$XDG_STATE_HOME/sdrs/plans/<run-id>.json` (else
 * ~/.local/state/sdrs/plans/): written whole to a temporary file, fsynced, renamed over
 * the old one (an atomic replace), so a SIGKILL at any moment leaves either the old or
 * the new state, never a torn one. Mode 0600. It holds ids, names, statuses and times
 * only: no credentials, no environment, no hook output.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanMode, StepKind } from './model.js';

/** Where one group of a step stands. `sent`: a request left and its end was not seen (resume reconciles it). */
export type GroupRunStatus = 'pending' | 'sent' | 'done' | 'failed' | 'skipped';

export type StepRunStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'continued';

export interface GroupRunState {
  alias: string;
  ref: string;
  /** The group's id once resolved. */
  id?: string;
  status: GroupRunStatus;
  /** Where production goes (fixed at the first send, so a resume never flips it back). */
  to?: 'source' | 'target';
  job_ids: string[];
  /** Drill mode: the drill this run created for the group. */
  drill_id?: string;
  drill_name?: string;
  started_at?: string;
  ended_at?: string;
  duration_ms?: number;
  error?: { code: string; exit_code: number; message: string };
}

export interface StepRunState {
  name: string;
  kind: StepKind;
  status: StepRunStatus;
  started_at?: string;
  ended_at?: string;
  duration_ms?: number;
  /** run steps: the hook's exit code (null: killed or not started). */
  exit_code?: number | null;
  timed_out?: boolean;
  groups: GroupRunState[];
  error?: { code: string; exit_code: number; message: string };
}

export interface PlanRunState {
  version: 1;
  run_id: string;
  plan: string;
  /** The plan file as given (absolute), so `plan resume <run-id>` finds it. */
  file: string;
  mode: PlanMode;
  keep: boolean;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  started_at: string;
  updated_at: string;
  ended_at?: string;
  /** pid of the process that last wrote it (a resume while it lives is refused). */
  pid: number;
  steps: StepRunState[];
  /** Each group's production station when the run began (the `production` site of stop/start steps). */
  production?: Record<string, 'source' | 'target'>;
  /** Drill mode: the drills cleaned up at the end (or kept). */
  cleanup?: { status: 'pending' | 'done' | 'failed' | 'kept'; drill_ids: string[] };
}

/** The directory of run states. */
export function plansDir(env: NodeJS.ProcessEnv, homeDir: string): string {
  const state = env.XDG_STATE_HOME?.trim();
  const base = state && state.startsWith('/') ? state : join(homeDir, '.local', 'state');
  return join(base, 'sdrs', 'plans');
}

/** A run id: sortable by time, unique enough for one machine. */
export function newRunId(plan: string, now: number): string {
  const slug = plan.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'plan';
  const t = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${slug}-${t}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Run ids contain no path separators and no dots-only names. */
export function validRunId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9-]{0,100}$/.test(id);
}

/** Writes the state atomically (temp file, fsync, rename; the directory fsynced too). */
export function saveState(dir: string, s: PlanRunState): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${s.run_id}.json`);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(s, null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  try {
    const d = openSync(dir, 'r');
    try {
      fsyncSync(d);
    } finally {
      closeSync(d);
    }
  } catch {
    // Some filesystems do not fsync directories; the rename is still atomic.
  }
}

/** Reads one run's state; undefined when there is none. */
export function loadState(dir: string, runId: string): PlanRunState | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, `${runId}.json`), 'utf8')) as PlanRunState;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Every run state, newest first (by modification time). */
export function listStates(dir: string): PlanRunState[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const found: { s: PlanRunState; m: number }[] = [];
  for (const n of names) {
    try {
      found.push({ s: JSON.parse(readFileSync(join(dir, n), 'utf8')) as PlanRunState, m: statSync(join(dir, n)).mtimeMs });
    } catch {
      // A file that is not a run state is ignored.
    }
  }
  return found.sort((a, b) => b.m - a.m || b.s.started_at.localeCompare(a.s.started_at)).map((x) => x.s);
}
