/**
 * The service's side of the DR report: each source reads one API and returns the
 * facts it knows (report.ts in src/journal describes the model). A source whose API
 * the service does not have or refuses (HTTP 4xx: 404, an older service, a tenant
 * without the permission) is skipped with a note; one that fails otherwise is listed as
 * failed; either way the report is still written from what was read.
 *
 * The sources: the group list (current status, production site, drill count), the
 * groups with no drill in the service's period, readiness (the same checks, verdicts
 * and fixes as `sdrs check`), the task centre's failed operations per group, and the
 * RPO-exceedance trend over the report's period.
 */
import type { SdrsApi } from '../../api/client.js';
import type { FailureJob, ServerGroup } from '../../api/types.js';
import { ApiError, safeLine, toSdrsError } from '../../errors.js';
import type { FailureFact, ReadinessRow, ServiceFacts, ServiceSource, SourceStatus } from '../../journal/report.js';
import { mapLimit } from '../../util/pool.js';
import { CHECK_CONCURRENCY } from '../check.js';
import { serviceTime, MAX_SINCE_MS } from '../rpo.js';
import { groupDrillSource, groupFailures, loadSnapshots, readReadiness, unknownOn4xx, type GroupReadiness } from '../shared/readiness.js';

/** What every source of one report shares: the time, the period, the groups asked for, one read of the group list. */
export interface SourceEnv {
  /** ms since the epoch. */
  now: number;
  /** The start of the report's period (ms), or undefined for "all". */
  sinceMs?: number;
  /** --group: names or ids; empty for every group. */
  groupFilter: string[];
  /** The group list, read once for all sources. */
  groups(): Promise<ServerGroup[]>;
}

/** The environment of one report's sources. */
export function sourceEnv(api: Pick<SdrsApi, 'listAllGroups'>, o: { now: number; sinceMs?: number; groupFilter: string[] }): SourceEnv {
  let groups: Promise<ServerGroup[]> | undefined;
  return { ...o, groups: () => (groups ??= api.listAllGroups()) };
}

const wanted = (env: SourceEnv) => (g: ServerGroup) => !env.groupFilter.length || env.groupFilter.some((f) => f === g.id || f === g.name);

/** A readiness verdict as a row of the report's readiness table. */
export function readinessRow(r: GroupReadiness, g: ServerGroup): ReadinessRow {
  const notOk = r.checks.filter((c) => c.severity === 'degraded' || c.severity === 'not_ready');
  const az = g.priority_station === 'target' ? g.target_availability_zone : g.source_availability_zone;
  return {
    group: g.name,
    group_id: g.id,
    status: g.status,
    production: `${az} (${g.priority_station})`,
    replication: g.replication_status ?? '-',
    health: g.health_status ?? '-',
    ready: r.verdict === 'READY',
    reason: notOk.length ? notOk.map((c) => `${c.reason}: ${c.message}`).join('; ') : 'every reason of sdrs check ok',
    verdict: r.verdict,
    reasons: notOk.map((c) => ({ reason: c.reason, severity: c.severity, message: c.message, ...(c.fix ? { fix: c.fix } : {}) })),
    source: 'service',
  };
}

/** A task-centre failure as a fact of the report (what was done is decided against the journal). */
export function failureFact(j: FailureJob, g: ServerGroup): FailureFact {
  return {
    group_id: g.id,
    group: g.name,
    ...(j.begin_time ? { at: j.begin_time } : {}),
    operation: j.failure_status,
    ...(j.error_code ? { code: j.error_code } : {}),
    ...(j.fail_reason ? { message: j.fail_reason } : {}),
    job_id: j.job_id,
    failure_status: j.failure_status,
    resource: { type: j.resource_type, ...(j.resource_id ? { id: j.resource_id } : {}), ...(j.resource_name ? { name: j.resource_name } : {}) },
    source: 'service',
  };
}

/** Builds the sources for one report from the API client. */
export const SERVICE_SOURCES: ((api: SdrsApi, env: SourceEnv) => ServiceSource)[] = [
  (_api, env) => ({
    name: 'protection groups (current status, production site, drill count)',
    read: async () => ({ groups: await env.groups() }),
  }),
  (api) => ({
    name: 'groups with no drill in the service period (query_type=period_no_dr_drill)',
    read: async () => ({ drillOverdue: (await api.listAllGroups({ query_type: 'period_no_dr_drill' })).map((g) => g.id) }),
  }),
  (api, env) => ({
    name: 'readiness (the checks of sdrs check)',
    read: async () => {
      const groups = (await env.groups()).filter(wanted(env));
      const groupLevel = (await api.listFailureJobs().catch(unknownOn4xx)) as FailureJob[] | undefined;
      const drills = groupDrillSource(api);
      const snapshots = await loadSnapshots(api, groups);
      const verdicts = await mapLimit(groups, CHECK_CONCURRENCY, (g, i) =>
        readReadiness(api, g, { drills, now: env.now, groupLevel: groupLevel ?? null, snapshot: snapshots[i] }));
      return { readiness: verdicts.map((r, i) => readinessRow(r, groups[i])) };
    },
  }),
  (api, env) => ({
    name: 'failed operations (task centre: GET /task-center/failure-jobs)',
    read: async () => {
      const groups = (await env.groups()).filter(wanted(env));
      const top = await api.listFailureJobs();
      const per = await mapLimit(groups, CHECK_CONCURRENCY, (g) => groupFailures(api, g.id, top).then((list) => list.map((j) => failureFact(j, g))));
      return { failures: per.flat() };
    },
  }),
  (api, env) => ({
    name: 'RPO-exceedance trend (GET /resource/rpo-statistics)',
    read: async () => {
      // The report's period, at most as far back as `sdrs rpo` asks (the service's retention is not documented).
      const from = serviceTime(Math.max(env.sinceMs ?? 0, env.now - MAX_SINCE_MS));
      const points = await api.listRpoStatistics({ start_time: from, resource_type: 'replication' });
      return { rpo: { from, points: points.map((p) => ({ point_time: p.point_time, resource_num: p.resource_num, source: 'service' as const })) } };
    },
  }),
];

/** Reads every source; merges what answered. */
export async function readService(sources: ServiceSource[]): Promise<{ facts: ServiceFacts; status: SourceStatus[] }> {
  const facts: ServiceFacts = {};
  const status: SourceStatus[] = [];
  for (const s of sources) {
    try {
      const f = await s.read();
      if (f.groups) facts.groups = [...(facts.groups ?? []), ...f.groups];
      if (f.drillOverdue) facts.drillOverdue = [...(facts.drillOverdue ?? []), ...f.drillOverdue];
      if (f.failures) facts.failures = [...(facts.failures ?? []), ...f.failures];
      if (f.readiness) facts.readiness = [...(facts.readiness ?? []), ...f.readiness];
      if (f.rpo) facts.rpo = f.rpo;
      status.push({ name: s.name, state: 'ok' });
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429) {
        status.push({ name: s.name, state: 'skipped', note: err.status === 404 ? 'the service does not have this API (HTTP 404)' : `the service refused it (HTTP ${err.status}${err.apiCode ? ` ${safeLine(err.apiCode).slice(0, 40)}` : ''})` });
      } else status.push({ name: s.name, state: 'failed', note: safeLine(toSdrsError(err).message).slice(0, 300) });
    }
  }
  return { facts, status };
}
