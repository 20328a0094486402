/**
 * What the service knows about readiness beyond the resources themselves:
 * the task centre (failed jobs), the RPO-exceedance trend and the quotas
 * (dr-operations.md 1.2-1.4; shapes as the official SDK models
 * `failure_job_params`, `rpo_stattistics_params`, `quota_resource_params`).
 *
 * The world keeps them in optional fields, so a state file written before
 * they existed still loads. Nothing runs in the background: `beforeSettle`
 * records the RPO points that fell due since the last request, and
 * `afterJob` files a failed job in the task centre when it ends.
 */
import type { FailureJob, QuotaResource, RpoStatistic } from '../api/types.js';
import { sdrsError } from './errors.js';
import { isoTime, spaceTime, stableUuid } from './format.js';
import type { FailureJobRec, JobRec, RpoRec, World } from './world.js';

export type { FailureJobRec, RpoRec };

// ---------------------------------------------------------------- quotas

/** Quota `type` values (QuotaResourceParams.type). */
export type QuotaType = 'server_groups' | 'replications';
export const QUOTA_TYPES: readonly QuotaType[] = ['server_groups', 'replications'];

/** Quotas per type; -1 is unlimited. */
export type Quotas = Record<QuotaType, number>;

/** The documented example: 50 protection groups, 100 replication pairs. */
export const DEFAULT_QUOTAS: Quotas = { server_groups: 50, replications: 100 };

/** A quota may be -1 (unlimited) or 0 to this. */
export const MAX_QUOTA = 100_000;

/** The run-time settings of this module (on the engine, like job durations; not saved in the world). */
export interface ReadinessConfig {
  quotas: Quotas;
  /** The period of the RPO statistics points, in ms of emulator time. */
  rpoIntervalMs: number;
}

/** One RPO point every 5 minutes of emulator time (UNVERIFIED: the real period is not documented). */
export const DEFAULT_RPO_INTERVAL_MS = 5 * 60_000;

export function defaultReadinessConfig(): ReadinessConfig {
  return { quotas: { ...DEFAULT_QUOTAS }, rpoIntervalMs: DEFAULT_RPO_INTERVAL_MS };
}

/** Checks one quota value: an integer from -1 (unlimited) to MAX_QUOTA. */
export function checkQuotaValue(type: string, v: unknown): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < -1 || n > MAX_QUOTA) {
    throw new Error(`invalid quota ${type}=${String(v)}: use an integer from 0 to ${MAX_QUOTA}, or -1 for unlimited`);
  }
  return n;
}

/**
 * Parses `--quota server_groups=50,replications=100` (either key may be left out: it keeps its
 * value in `base`). @throws Error on an unknown key or a bad number.
 */
export function parseQuotas(text: string, base: Quotas = DEFAULT_QUOTAS): Quotas {
  const out = { ...base };
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq).trim();
    if (!(QUOTA_TYPES as readonly string[]).includes(key) || eq < 0) {
      throw new Error(`invalid quota "${part}": use server_groups=N and/or replications=N (-1 for unlimited)`);
    }
    out[key as QuotaType] = checkQuotaValue(key, part.slice(eq + 1).trim());
  }
  return out;
}

/** Sets quotas from an admin body `{server_groups?, replications?}`. @throws Error on anything else. */
export function quotasFromObject(v: unknown, base: Quotas): Quotas {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('quotas must be an object {"server_groups"?: N, "replications"?: N}');
  const out = { ...base };
  for (const [k, n] of Object.entries(v)) {
    if (!(QUOTA_TYPES as readonly string[]).includes(k)) throw new Error(`unknown quota type "${k}": use server_groups or replications`);
    out[k as QuotaType] = checkQuotaValue(k, n);
  }
  return out;
}

/** How many of `type` exist now (every status counts, as long as the record exists). */
export function quotaUsed(w: World, type: QuotaType): number {
  return Object.keys(type === 'server_groups' ? w.groups : w.replications).length;
}

/** True when one more of `type` would go past its quota. */
export function quotaExhausted(w: World, cfg: ReadinessConfig, type: QuotaType): boolean {
  const quota = cfg.quotas[type];
  return quota !== -1 && quotaUsed(w, type) >= quota;
}

/**
 * Refuses a create past the quota: SDRS.0305 (protection groups) or SDRS.0306 (replication
 * pairs), HTTP 400, with the numbers. Checked after the request's own parameters.
 */
export function requireQuota(w: World, cfg: ReadinessConfig, type: QuotaType): void {
  if (!quotaExhausted(w, cfg, type)) return;
  const used = quotaUsed(w, type);
  if (type === 'server_groups') throw sdrsError('SDRS.0305', `The protection group quota is used up: ${used} of ${cfg.quotas[type]} protection groups exist.`);
  throw sdrsError('SDRS.0306', `The replication pair quota is used up: ${used} of ${cfg.quotas[type]} replication pairs exist.`);
}

/** `GET /sdrs/quotas` (ShowQuotaResponse: `{quotas:{resources:[QuotaResourceParams]}}`). */
export function quotasView(w: World, cfg: ReadinessConfig): { quotas: { resources: QuotaResource[] } } {
  return {
    quotas: {
      resources: QUOTA_TYPES.map((type) => ({ type, used: quotaUsed(w, type), quota: cfg.quotas[type], min: 0, max: -1 })),
    },
  };
}

// ---------------------------------------------------------------- task centre

export const FAILURE_STATUSES = [
  'createFail', 'deleteFail', 'attachFail', 'detachFail', 'expandFail', 'resizeFail',
  'startFail', 'stopFail', 'reverseFail', 'failoverFail', 'reprotectFail',
] as const;
export type FailureStatus = (typeof FAILURE_STATUSES)[number];

export const FAILURE_RESOURCE_TYPES = ['server_groups', 'protected_instances', 'replications', 'disaster_recovery_drills'] as const;
export type FailureResourceType = (typeof FAILURE_RESOURCE_TYPES)[number];

export function failureJobs(w: World): FailureJobRec[] {
  // A hand-edited state file may hold anything here: start over rather than fail every request.
  if (!Array.isArray(w.failureJobs)) w.failureJobs = [];
  return w.failureJobs;
}

/** True for a group-level failure (listed without `server_group_id`). */
export function isGroupLevel(f: FailureJobRec): boolean {
  return f.resourceType === 'server_groups';
}

/** The task-centre record's wire shape (FailureJobParams; the client's type, so both agree). */
export function failureJobView(f: FailureJobRec): FailureJob {
  return {
    job_type: f.jobType,
    job_status: 'FAIL',
    begin_time: isoTime(f.beginAt),
    job_id: f.jobId,
    failure_status: f.failureStatus,
    resource_id: f.resourceId,
    resource_name: f.resourceName,
    error_code: f.errorCode,
    fail_reason: f.failReason,
    resource_type: f.resourceType,
  };
}

/** Group actions: their `failure_status`. */
const GROUP_ACTION_FAILURES: Record<string, FailureStatus> = {
  startProtectionGroupNoCG: 'startFail',
  stopProtectionGroupNoCG: 'stopFail',
  reverseProtectionGroupNoCG: 'reverseFail',
  failoverProtectionGroupNoCG: 'failoverFail',
  reprotectProtectionGroupNoCG: 'reprotectFail',
};

/** What a failed job is in the task centre: status, resource and group; undefined for jobs it does not file (ECS). */
function classify(w: World, job: JobRec): Omit<FailureJobRec, 'jobId' | 'jobType' | 'beginAt' | 'errorCode' | 'failReason'> | undefined {
  if (job.service !== 'sdrs') return undefined;
  const e = job.entities;
  const groupId = e.server_group_id ?? null;
  const group = (id: string | null) => (id ? w.groups[id] : undefined);
  const t = job.type;
  if (t === 'createProtectionGroupNoCG' || t === 'deleteProtectionGroupNoCG' || GROUP_ACTION_FAILURES[t]) {
    const status: FailureStatus = GROUP_ACTION_FAILURES[t] ?? (t.startsWith('create') ? 'createFail' : 'deleteFail');
    return { failureStatus: status, resourceType: 'server_groups', resourceId: groupId ?? '', resourceName: group(groupId)?.name ?? '', groupId };
  }
  if (t === 'createProtectedInstanceNoCG' || t === 'deleteProtectedInstanceNoCG') {
    const id = e.protected_instance_id ?? '';
    return {
      failureStatus: t.startsWith('create') ? 'createFail' : 'deleteFail',
      resourceType: 'protected_instances',
      resourceId: id,
      resourceName: w.instances[id]?.name ?? '',
      groupId: groupId ?? w.instances[id]?.groupId ?? null,
    };
  }
  if (t === 'createReplicationPairNoCG' || t === 'deleteReplicationPairNoCG' || t === 'attachReplicationPairNew' || t === 'detachReplicationPairNew') {
    const id = e.replication_pair_id ?? '';
    const status: FailureStatus = t.startsWith('create') ? 'createFail' : t.startsWith('delete') ? 'deleteFail' : t.startsWith('attach') ? 'attachFail' : 'detachFail';
    // Attach and detach jobs carry no server_group_id: the pair's group is the one.
    return { failureStatus: status, resourceType: 'replications', resourceId: id, resourceName: w.replications[id]?.name ?? '', groupId: groupId ?? w.replications[id]?.groupId ?? null };
  }
  if (/DisasterRecoveryDrill/.test(t)) {
    // A failure inside the drill's group (the job's entities name it; else the drill record does).
    const id = e.disaster_recovery_drill_id ?? '';
    const drill = w.drills?.[id] as { name: string; groupId: string } | undefined;
    return {
      failureStatus: t.startsWith('delete') ? 'deleteFail' : 'createFail',
      resourceType: 'disaster_recovery_drills',
      resourceId: id,
      resourceName: drill?.name ?? '',
      groupId: groupId ?? drill?.groupId ?? null,
    };
  }
  return undefined;
}

/** The task-centre bookkeeping of a job that just ended (called by the engine after its effect). */
export function afterJob(w: World, job: JobRec): void {
  if (job.fail) {
    const c = classify(w, job);
    if (!c) return;
    failureJobs(w).push({ ...c, jobId: job.id, jobType: job.type, beginAt: job.beginAt, errorCode: job.fail.code, failReason: job.fail.reason });
    return;
  }
  // A deleted group takes the failures inside it along (its group-level ones stay until deleted).
  if (job.effect.kind === 'group-delete' && !w.groups[job.effect.groupId]) {
    const gone = job.effect.groupId;
    w.failureJobs = failureJobs(w).filter((f) => isGroupLevel(f) || f.groupId !== gone);
  }
}

// ---------------------------------------------------------------- RPO statistics

/** Points older than this are dropped (UNVERIFIED: the real retention is not documented). */
export const RPO_RETENTION_MS = 7 * 24 * 3_600_000;

function alignUp(t: number, period: number): number {
  return Math.ceil(t / period) * period;
}

export function rpoState(w: World, now: number, period: number): RpoRec {
  const r = w.rpo as Partial<RpoRec> | undefined;
  if (!r || typeof r.next !== 'number' || !Number.isFinite(r.next) || !Array.isArray(r.points) || !Array.isArray(r.exceeded)) {
    w.rpo = { next: alignUp(now, period), points: [], exceeded: [] };
  }
  return w.rpo!;
}

/** The pairs counted as over their RPO now: fault level 2 or 5, or marked by the admin API. */
export function pairsOverRpo(w: World): string[] {
  const marked = new Set(Array.isArray(w.rpo?.exceeded) ? w.rpo.exceeded : []);
  return Object.values(w.replications)
    .filter((rp) => rp.faultLevel === '2' || rp.faultLevel === '5' || marked.has(rp.id))
    .map((rp) => rp.id);
}

/**
 * Records every point due by `now` with the world as it stands (nothing changes the fault
 * state between requests). Returns true when points were added.
 */
export function recordRpoPoints(w: World, now: number, period: number): boolean {
  const rpo = rpoState(w, now, period);
  if (rpo.next > now) return false;
  const count = pairsOverRpo(w).length;
  const oldest = now - RPO_RETENTION_MS;
  if (rpo.next < oldest) rpo.next = alignUp(oldest, period);
  for (; rpo.next <= now; rpo.next += period) rpo.points.push([rpo.next, count]);
  const keepFrom = rpo.points.findIndex(([t]) => t >= oldest);
  if (keepFrom > 0) rpo.points.splice(0, keepFrom);
  return true;
}

/** A state file written under another period: its next point moves to a boundary of this one. */
export function alignRpo(w: World, period: number): void {
  if (typeof w.rpo?.next === 'number') w.rpo.next = alignUp(w.rpo.next, period);
}

/** A new period takes effect from the next aligned boundary after now. */
export function realignRpo(w: World, now: number, period: number): void {
  if (w.rpo) w.rpo.next = alignUp(now + 1, period);
}

/** `point_time`: `yyyy-MM-dd HH:mm` (UTC). */
export function pointTime(ms: number): string {
  return spaceTime(ms).slice(0, 16);
}

/** One RpoStattisticsParams record; the id is derived from the project and time, so it is stable. */
export function rpoPointView(projectId: string, [t, n]: [number, number]): RpoStatistic {
  return {
    id: stableUuid(`rpo:${projectId}:${t}`),
    point_time: pointTime(t),
    resource_num: n,
    resource_type: 'replication',
    created_at: spaceTime(t),
    updated_at: spaceTime(t),
  };
}

/** Parses `yyyy-MM-dd HH:mm:ss.SSS` (milliseconds optional) as UTC; undefined if malformed. */
export function parseQueryTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m;
  const t = Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0, ms ? +ms.padEnd(3, '0') : 0);
  const back = new Date(t);
  // Reject 2024-02-30 and the like instead of rolling over.
  if (back.getUTCFullYear() !== +y || back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d || +h > 23 || +mi > 59 || (s !== undefined && +s > 59)) return undefined;
  return t;
}
