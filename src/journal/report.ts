/**
 * The DR report's one data model (`sdrs report`, docs/journal.md): built from the
 * journal's operations and from what the service says now, every fact marked with
 * where it came from (`source: 'journal' | 'service'`). The four renderers
 * (render.ts: Markdown, HTML, CSV, JSON) only present it.
 *
 * Service facts come from sources (`ServiceSource`, src/commands/report/sources.ts): the
 * group list (current status, production site, replication and health, drill count), the
 * groups with no drill in the service's period, readiness as `sdrs check` gives it, the task
 * centre's failures and the RPO-exceedance trend, each returning `ServiceFacts`. A source
 * the service answers with a 4xx is skipped and listed as such. Failures are settled
 * against the journal here: recovered when a later operation of the same kind on the group
 * succeeded, else open. The journal's `check` records give each group's last verification.
 */
import type { Operation } from './operations.js';
import { safeLine } from '../errors.js';
import { refOf } from '../util/ref.js';

export type Source = 'journal' | 'service';

/** A group as the service lists it (the fields the report reads). */
export interface ServiceGroup {
  id: string;
  name: string;
  status: string;
  priority_station: string;
  source_availability_zone: string;
  target_availability_zone: string;
  protected_instance_num?: number;
  replication_num?: number;
  disaster_recovery_drill_num?: number;
  replication_status?: string | null;
  health_status?: string | null;
}

/** A failed operation the service knows of (task centre), or the journal recorded. */
export interface FailureFact {
  group_id?: string;
  group?: string;
  at?: string;
  operation: string;
  /** The error code(s): SDRS.xxxx, JOB_FAILED, ... */
  code?: string;
  message?: string;
  /** What was done about it: the next command, or the later run that succeeded. */
  action?: string;
  job_id?: string;
  /** The task centre's `failure_status` (reverseFail, startFail, ...), for a service failure. */
  failure_status?: string;
  /** The resource that failed (a group, an instance, a pair, a drill), for a service failure. */
  resource?: { type: string; id?: string; name?: string };
  /**
   * recovered: the journal shows a later successful operation of the same kind on the group
   * (`recovered_by` names it); open: it does not.
   */
  state?: 'recovered' | 'open';
  recovered_by?: { run: string; kind: string; at: string };
  /** For a service failure: the journal run that sent the failed job, when this machine ran it. */
  journal_run?: string;
  source: Source;
}

/** One reason of a readiness verdict that is not ok (as `sdrs check` gives it). */
export interface ReadinessReason {
  reason: string;
  severity: string;
  message: string;
  /** The command that fixes it. */
  fix?: string;
}

/** One row of the readiness table. */
export interface ReadinessRow {
  group: string;
  group_id: string;
  status: string;
  production: string;
  replication: string;
  health: string;
  /** READY only. */
  ready: boolean;
  /** Why not ready (or "protected, replicating"). */
  reason: string;
  /** The verdict of `sdrs check` (absent when the report could only read the group list). */
  verdict?: 'READY' | 'DEGRADED' | 'NOT_READY';
  /** The reasons not ok, each with its fix (as `sdrs check` gives them). */
  reasons?: ReadinessReason[];
  source: Source;
}

/** One point of the RPO-exceedance trend: how many pairs of the project were over their RPO. */
export interface RpoPoint {
  point_time: string;
  resource_num: number;
  source: 'service';
}

/** The RPO-exceedance trend over the report's period (tenant-wide: the service has no per-group figure). */
export interface RpoTrend {
  /** The start of the window asked of the service. */
  from: string;
  points: RpoPoint[];
  max: number;
  latest: { point_time: string; resource_num: number } | null;
  /** Consecutive points with the same count, oldest first (the Markdown and HTML table). */
  runs: { from: string; to: string; resource_num: number; points: number }[];
  source: 'service';
}

/** A check the journal recorded (`sdrs check`): when readiness was last verified, and the verdict then. */
export interface CheckSummary {
  run: string;
  at: string;
  verdict: string;
  /** The reasons not ok then. */
  not_ok: string[];
  user: string;
  source: 'journal';
}

/** What one service source adds. */
export interface ServiceFacts {
  groups?: ServiceGroup[];
  /** Group ids with no drill within the service's period (`query_type=period_no_dr_drill`). */
  drillOverdue?: string[];
  failures?: FailureFact[];
  readiness?: ReadinessRow[];
  rpo?: { from: string; points: RpoPoint[] };
}

/** A source of service facts; `read` throws an error with `status: 404` when the service lacks the API. */
export interface ServiceSource {
  name: string;
  read(): Promise<ServiceFacts>;
}

/** Which service sources answered. */
export interface SourceStatus {
  name: string;
  /** ok; skipped: the service does not have this API or refused it (4xx); failed: it could not be read. */
  state: 'ok' | 'skipped' | 'failed';
  note?: string;
}

/** An operation in the report's per-group summary. */
export interface OpSummary {
  run: string;
  kind: string;
  started_at: string;
  ended_at?: string;
  duration_ms?: number;
  outcome: string;
  exit_code?: number;
  downtime_ms?: number;
  recovery_ms?: number;
  job_ids: string[];
  user: string;
  note?: string;
  source: 'journal';
}

export interface GroupReport {
  id?: string;
  name: string;
  operations: number;
  last_drill?: OpSummary;
  /** The last planned switchover (a reverse). */
  last_switchover?: OpSummary;
  last_failover?: OpSummary;
  failures: FailureFact[];
  current?: { status: string; production: string; production_az: string; replication_status?: string | null; health_status?: string | null; source: 'service' };
  drills?: { count: number; source: 'service' };
  drill_overdue?: { value: boolean; basis: string; source: Source };
  /** The last `sdrs check` of the group the journal recorded. */
  last_check?: CheckSummary;
}

/** One bar of the timeline: a phase of an operation, for one group. */
export interface TimelineBar {
  run: string;
  group: string;
  kind: string;
  phase: string;
  start: string;
  end: string;
  result: string;
  source: 'journal';
}

export interface ReportModel {
  title: string;
  generated_at: string;
  since: string;
  journal: { path: string; skipped_lines: number; operations: number };
  filter: { groups: string[] };
  groups: GroupReport[];
  operations: Operation[];
  timeline: TimelineBar[];
  readiness: ReadinessRow[];
  /** null when the service was not read or has no RPO statistics API. */
  rpo: RpoTrend | null;
  service: SourceStatus[];
}

const SWITCHOVER = new Set(['switchover', 'reverse']);
const FAILED = new Set(['failed', 'timeout', 'unknown', 'error', 'interrupted', 'unfinished']);

function summary(op: Operation): OpSummary {
  return {
    run: op.run,
    kind: op.kind,
    started_at: op.started_at,
    ...(op.ended_at ? { ended_at: op.ended_at } : {}),
    ...(op.duration_ms !== undefined ? { duration_ms: op.duration_ms } : {}),
    outcome: op.outcome,
    ...(op.exit_code !== undefined ? { exit_code: op.exit_code } : {}),
    ...(op.downtime_ms !== undefined ? { downtime_ms: op.downtime_ms } : {}),
    ...(op.recovery_ms !== undefined ? { recovery_ms: op.recovery_ms } : {}),
    job_ids: op.jobs.map((j) => j.job_id),
    user: op.user,
    ...(op.note !== undefined ? { note: op.note } : {}),
    source: 'journal',
  };
}

/** The group keys an operation names: ids with their names where known. */
function groupsOf(op: Operation): { id?: string; name: string }[] {
  const out = new Map<string, { id?: string; name: string }>();
  for (const g of [...op.groups, ...op.final_statuses]) out.set(g.id, { id: g.id, name: g.name ?? out.get(g.id)?.name ?? g.id });
  return [...out.values()];
}

/** The timeline's bars: each phase of each operation; an operation without phases is one bar per group. */
export function timelineOf(ops: Operation[]): TimelineBar[] {
  const bars: TimelineBar[] = [];
  for (const op of [...ops].reverse()) {
    if (op.kind === 'check') continue; // a read: no phase to draw
    const name = (g?: string) => g ?? groupsOf(op)[0]?.name ?? '(no group)';
    if (op.phases.length) {
      for (const p of op.phases) {
        bars.push({ run: op.run, group: name(p.group), kind: op.kind, phase: p.name, start: p.started_at, end: p.ended_at ?? op.ended_at ?? p.started_at, result: p.result ?? 'unfinished', source: 'journal' });
      }
    } else if (op.outcome !== 'dry-run' && op.outcome !== 'refused' && op.outcome !== 'no-change') {
      const groups = groupsOf(op);
      for (const g of groups.length ? groups : [{ name: '(no group)' }]) {
        bars.push({ run: op.run, group: g.name, kind: op.kind, phase: op.kind, start: op.started_at, end: op.ended_at ?? op.started_at, result: op.outcome === 'ok' ? 'ok' : op.outcome, source: 'journal' });
      }
    }
  }
  return bars;
}

/** Readiness from the group list: protected and healthy is ready; anything else says why not. */
export function readinessOf(groups: ServiceGroup[]): ReadinessRow[] {
  return groups.map((g) => {
    const production = g.priority_station === 'target' ? g.target_availability_zone : g.source_availability_zone;
    const problems: string[] = [];
    if (g.status !== 'protected') problems.push(`status is ${g.status}, not protected`);
    if (g.health_status && !/^(normal|healthy)$/i.test(g.health_status)) problems.push(`health ${g.health_status}`);
    if ((g.replication_num ?? 1) === 0) problems.push('no replication pairs');
    return {
      group: g.name,
      group_id: g.id,
      status: g.status,
      production: `${production} (${g.priority_station})`,
      replication: g.replication_status ?? '-',
      health: g.health_status ?? '-',
      ready: problems.length === 0,
      reason: problems.length ? problems.join('; ') : 'protected: a switchover or failover can start',
      source: 'service',
    };
  });
}

/** The journal kinds that redo what a task-centre `failure_status` failed at (reverseFail: a switchover). */
const REDONE_BY: Record<string, string[]> = {
  reverse: ['switchover', 'reverse'],
  reprotect: ['start', 'reprotect'],
};

/** Whether an operation of `kind` redoes the failed `what` (a journal kind, or a `failure_status` without "Fail"). */
export function redoes(kind: string, what: string): boolean {
  return kind === what || kind.endsWith(`-${what}`) || (REDONE_BY[what] ?? []).includes(kind);
}

/** The first successful operation after `at` on the group that redoes `what` (ops newest first). */
function recoveryOf(ops: Operation[], g: { id?: string; name?: string }, what: string, at: string | undefined): Operation | undefined {
  const t = at ? Date.parse(at) : NaN;
  return [...ops].reverse().find((op) =>
    op.outcome === 'ok' && op.kind !== 'check' && redoes(op.kind, what)
    && (!Number.isFinite(t) || Date.parse(op.started_at) > t)
    && groupsOf(op).some((x) => (g.id && x.id === g.id) || (g.name && x.name === g.name)));
}

/** Marks a failure recovered (with the run that recovered it) or open. */
function settle(f: FailureFact, ops: Operation[], what: string): FailureFact {
  const op = recoveryOf(ops.filter((o) => !f.job_id || !o.jobs.some((j) => j.job_id === f.job_id)), { id: f.group_id, name: f.group }, what, f.at);
  return op ? { ...f, state: 'recovered', recovered_by: { run: op.run, kind: op.kind, at: op.started_at } } : { ...f, state: 'open' };
}

/** The trend: points oldest first, the runs of equal counts, the maximum and the latest. */
export function rpoTrendOf(from: string, points: RpoPoint[]): RpoTrend {
  const sorted = [...points].sort((a, b) => a.point_time.localeCompare(b.point_time));
  const runs: RpoTrend['runs'] = [];
  for (const p of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.resource_num === p.resource_num) {
      last.to = p.point_time;
      last.points++;
    } else runs.push({ from: p.point_time, to: p.point_time, resource_num: p.resource_num, points: 1 });
  }
  const latest = sorted[sorted.length - 1];
  return {
    from,
    points: sorted,
    max: Math.max(0, ...sorted.map((p) => p.resource_num)),
    latest: latest ? { point_time: latest.point_time, resource_num: latest.resource_num } : null,
    runs,
    source: 'service',
  };
}

/** The group checks a journaled `sdrs check` recorded (its end record's `extra.checks`). */
function checksOf(op: Operation): { group_id?: string; group?: string; verdict: string; not_ok: string[] }[] {
  const list = op.extra?.checks;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c: unknown) => {
    if (!c || typeof c !== 'object') return [];
    const o = c as Record<string, unknown>;
    if (typeof o.verdict !== 'string') return [];
    const notOk = Array.isArray(o.not_ok) ? o.not_ok.map((x) => (x && typeof x === 'object' ? `${String((x as { reason?: unknown }).reason)}: ${String((x as { message?: unknown }).message ?? '')}` : String(x))) : [];
    return [{ ...(typeof o.group_id === 'string' ? { group_id: o.group_id } : {}), ...(typeof o.group === 'string' ? { group: o.group } : {}), verdict: o.verdict, not_ok: notOk }];
  });
}

/** Builds the model. `ops` are the journal's operations in the range (newest first). */
export function buildReport(input: {
  ops: Operation[];
  journalPath: string;
  skipped: number;
  since: string;
  now: string;
  groupFilter: string[];
  service: ServiceFacts;
  sources: SourceStatus[];
}): ReportModel {
  const { ops, service } = input;
  const byKey = new Map<string, GroupReport>();
  const key = (g: { id?: string; name: string }) => {
    const found = [...byKey.values()].find((r) => (g.id && r.id === g.id) || r.name === g.name);
    if (found) {
      if (!found.id && g.id) found.id = g.id;
      if (found.name === found.id && g.name !== g.id) found.name = g.name;
      return found;
    }
    const r: GroupReport = { ...(g.id ? { id: g.id } : {}), name: g.name, operations: 0, failures: [] };
    byKey.set(g.id ?? g.name, r);
    return r;
  };
  const filter = (g: { id?: string; name: string }) => !input.groupFilter.length || input.groupFilter.some((f) => f === g.id || f === g.name);
  for (const g of service.groups ?? []) if (filter(g)) key(g);
  for (const op of ops) {
    for (const g of groupsOf(op)) {
      if (!filter(g)) continue;
      const r = key(g);
      r.operations++;
      const s = summary(op);
      // ops are newest first: the first seen of each kind is the last one run.
      if (op.kind === 'drill' && !r.last_drill) r.last_drill = s;
      if (SWITCHOVER.has(op.kind) && !r.last_switchover && op.outcome !== 'dry-run' && op.outcome !== 'refused' && op.outcome !== 'no-change') r.last_switchover = s;
      if (op.kind === 'check' && !r.last_check && op.outcome === 'ok') {
        const c = checksOf(op).find((x) => (g.id && x.group_id === g.id) || x.group === g.name);
        if (c) r.last_check = { run: op.run, at: op.ended_at ?? op.started_at, verdict: c.verdict, not_ok: c.not_ok, user: op.user, source: 'journal' };
      }
      if (op.kind === 'failover' && !r.last_failover && op.outcome !== 'dry-run' && op.outcome !== 'refused' && op.outcome !== 'no-change') r.last_failover = s;
      if (FAILED.has(op.outcome) || op.outcome === 'refused') {
        r.failures.push(settle({
          group_id: g.id, group: g.name, at: op.started_at, operation: op.kind, code: op.error_code ?? op.outcome,
          ...(op.message ? { message: op.message } : {}),
          ...(op.resume ? { action: `unfinished; resume with: ${op.resume}` } : { action: op.outcome === 'refused' ? 'refused before anything was sent' : `exit ${op.exit_code ?? '?'}` }),
          ...(op.jobs.length ? { job_id: op.jobs[op.jobs.length - 1].job_id } : {}),
          source: 'journal',
        }, ops, op.kind));
      }
    }
  }
  for (const g of service.groups ?? []) {
    if (!filter(g)) continue;
    const r = key(g);
    r.current = {
      status: g.status,
      production: g.priority_station,
      production_az: g.priority_station === 'target' ? g.target_availability_zone : g.source_availability_zone,
      replication_status: g.replication_status ?? null,
      health_status: g.health_status ?? null,
      source: 'service',
    };
    if (typeof g.disaster_recovery_drill_num === 'number') r.drills = { count: g.disaster_recovery_drill_num, source: 'service' };
    if (service.drillOverdue) r.drill_overdue = { value: service.drillOverdue.includes(g.id), basis: 'no drill within the service\'s period (query_type=period_no_dr_drill, 3 months by default)', source: 'service' };
  }
  // How a printed `sdrs job failures` names the group: its id, or its name when that is typed back as printed.
  const groupRef = (g: GroupReport) => safeLine(refOf({ id: g.id ?? g.name, name: g.name }));
  for (const f of service.failures ?? []) {
    const r = [...byKey.values()].find((x) => (f.group_id && x.id === f.group_id) || (f.group && x.name === f.group));
    if (!r) continue;
    const what = (f.failure_status ?? f.operation).replace(/Fail$/, '');
    // The run that sent the failed job, if this machine did: "later" is then read on this machine's clock, not the service's.
    const sentBy = f.job_id ? ops.find((op) => op.jobs.some((j) => j.job_id === f.job_id)) : undefined;
    const settled = sentBy
      ? { ...settle({ ...f, at: sentBy.started_at }, ops, what), at: f.at, journal_run: sentBy.run }
      : settle(f, ops, what);
    r.failures.push(settled.state === 'recovered'
      ? { ...settled, action: `recovered: ${settled.recovered_by!.kind} succeeded at ${settled.recovered_by!.at} (journal run ${settled.recovered_by!.run}); clear it with sdrs job failures clear ${f.job_id ? `${f.job_id} --yes` : `--group ${groupRef(r)} --yes`}` }
      : { ...settled, action: f.action ?? `open: review with sdrs job failures --group ${groupRef(r)}, then clear it` });
  }
  const readiness = (service.readiness ?? readinessOf(service.groups ?? [])).filter((row) => filter({ id: row.group_id, name: row.group }));
  return {
    title: 'Disaster recovery report',
    generated_at: input.now,
    since: input.since,
    journal: { path: input.journalPath, skipped_lines: input.skipped, operations: ops.length },
    filter: { groups: input.groupFilter },
    groups: [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name)),
    operations: ops,
    // A lane named by the group's id (a run that failed before it learnt the name) takes the name the service gives.
    timeline: timelineOf(ops).map((b) => ({ ...b, group: [...byKey.values()].find((r) => r.id === b.group)?.name ?? b.group })),
    readiness,
    rpo: service.rpo ? rpoTrendOf(service.rpo.from, service.rpo.points) : null,
    service: input.sources,
  };
}
