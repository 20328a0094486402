/**
 * The journal's records folded into operations: one per run, its start, jobs and
 * end merged. A run with no end record is unfinished (or still running, when its
 * process is alive on this host): it is shown with the command that resumes it.
 */
import type { EndRecord, FinalStatus, JournalRecord, Outcome, PhaseRecord, RunContext } from './record.js';

/** One operation, as `sdrs history` and `sdrs report` show it. */
export interface Operation extends RunContext {
  run: string;
  /** finished: it has an end record; running: no end yet and its process is alive here; unfinished: neither. */
  state: 'finished' | 'running' | 'unfinished';
  kind: string;
  started_at: string;
  ended_at?: string;
  duration_ms?: number;
  /** How it ended; `unfinished` for a run without an end record. */
  outcome: Outcome | 'unfinished' | 'running';
  exit_code?: number;
  dry_run?: boolean;
  error_code?: string;
  message?: string;
  groups: { id: string; name?: string }[];
  jobs: { job_id: string; operation: string; resume: string; at: string }[];
  final_statuses: FinalStatus[];
  phases: PhaseRecord[];
  downtime_ms?: number;
  recovery_ms?: number;
  /** What the command added (a check's verdicts: docs/journal.md). */
  extra?: Record<string, unknown>;
  /** For an unfinished run: the command that resumes watching it (or checks what happened). */
  resume?: string;
  /** Always `journal`: these facts come from this machine's journal. */
  source: 'journal';
}

/** Whether a process is alive on this host. */
export type IsAlive = (host: string, pid: number) => boolean;

/** Folds records (file order) into operations, newest first. */
export function foldOperations(records: JournalRecord[], isAlive: IsAlive = () => false): Operation[] {
  const byRun = new Map<string, JournalRecord[]>();
  for (const r of records) {
    const list = byRun.get(r.run);
    if (list) list.push(r);
    else byRun.set(r.run, [r]);
  }
  const ops: Operation[] = [];
  for (const [run, list] of byRun) {
    const start = list.find((r) => r.type === 'start');
    const end = list.find((r): r is EndRecord => r.type === 'end');
    const jobs = list.filter((r) => r.type === 'job').map((j) => ({ job_id: j.job_id, operation: j.operation, resume: j.resume, at: j.at }));
    if (end) {
      const { v: _v, type: _t, at, ...rest } = end;
      // The end lists every request sent; a job id only it knows (none expected) is added.
      const more = end.sent
        .filter((s) => s.job_id && !jobs.some((j) => j.job_id === s.job_id))
        .map((s) => ({ job_id: s.job_id as string, operation: s.operation, resume: `sdrs job wait ${s.job_id}`, at }));
      ops.push({
        ...rest,
        run,
        state: 'finished',
        ended_at: at,
        jobs: [...jobs, ...more],
        source: 'journal',
      });
      continue;
    }
    if (!start || start.type !== 'start') continue; // job records alone: nothing to show
    const alive = isAlive(start.host, start.pid);
    const last = jobs[jobs.length - 1];
    const { v: _v, type: _t, at: _at, operation: _op, check, group_id, ...ctx } = start;
    ops.push({
      ...ctx,
      run,
      state: alive ? 'running' : 'unfinished',
      outcome: alive ? 'running' : 'unfinished',
      groups: group_id ? [{ id: group_id }] : [],
      jobs,
      final_statuses: [],
      phases: [],
      resume: last ? last.resume : check,
      source: 'journal',
    });
  }
  return ops.sort((a, b) => (a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : 0));
}

/** The filters of history and report. */
export interface OperationFilter {
  /** Only operations started at or after this time (ms since the epoch). */
  sinceMs?: number;
  /** Group ids or names: an operation matches when any of its groups (or jobs' groups) does. */
  groups?: string[];
  kinds?: string[];
}

/** Whether an operation touches a group, by id or name. */
export function touches(op: Operation, ref: string): boolean {
  return op.groups.some((g) => g.id === ref || g.name === ref) || op.final_statuses.some((g) => g.id === ref || g.name === ref);
}

export function filterOperations(ops: Operation[], f: OperationFilter): Operation[] {
  return ops.filter((op) =>
    (f.sinceMs === undefined || Date.parse(op.started_at) >= f.sinceMs)
    && (!f.groups?.length || f.groups.some((g) => touches(op, g)))
    && (!f.kinds?.length || f.kinds.includes(op.kind)));
}
