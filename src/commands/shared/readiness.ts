/**
 * Readiness: "if the DR site had to take over now, would it work?", per group. Each
 * reason is checked from what the service says (the group, its pairs and instances, the
 * servers of both sites, the task centre, drills, quotas) and gets a severity; the
 * group's verdict is the worst of them: READY, DEGRADED or NOT_READY. Every finding
 * carries the command that fixes it (or shows what to do), runnable as printed.
 *
 * `sdrs check` and the top of `sdrs group status` are views of this module. Drills
 * come from a `DrillSource`, so a richer source (the drill API) can be plugged in.
 */
import { MAX_GROUP_IDS_PER_QUERY, type SdrsApi } from '../../api/client.js';
import type { FailureJob, QuotaResource, Server, ServerGroup, Station } from '../../api/types.js';
import { faultMeaning, fixFor, groupInProgress } from '../../api/rules.js';
import { ApiError, safeLine } from '../../errors.js';
import { displayWidth } from '../../io/output.js';
import { azOf, otherSide, refOf, shellArg } from './sites.js';
import { fill, local, t, text, verbatim, type Entry, type Text } from '../../i18n/index.js';
import { listOf } from '../../i18n/compose.js';
import { readiness as M } from '../../i18n/catalog/readiness.js';
import { loadSnapshot, readServers, runningAt, serverAt, type Snapshot } from './snapshot.js';

/** A group's verdict, worst first: NOT_READY, DEGRADED, READY. */
export type Verdict = 'READY' | 'DEGRADED' | 'NOT_READY';

/** How one reason stands: fine, a concern, a blocker, or not known (the data could not be read). */
export type Severity = 'ok' | 'degraded' | 'not_ready' | 'unknown';

/**
 * The reasons, in the order they are shown. Stable: they are the `reason` of `--json`
 * and the `reason` label of the OpenMetrics output (docs/json-output.md).
 */
export const REASONS = [
  'group_status', 'fault_level', 'sync_progress', 'invalid_instances', 'dr_servers_running',
  'production_down', 'failed_operations', 'drills_leftover', 'drill_overdue',
] as const;
export type Reason = (typeof REASONS)[number];

/** One reason's result for one group. */
export interface Finding {
  reason: Reason;
  severity: Severity;
  /** What was found, one line. */
  message: string;
  /** The command that fixes it, or that shows what to do; runnable as printed. Absent when ok. */
  fix?: string;
}

/** One group's readiness. */
export interface GroupReadiness {
  group: { id: string; name: string; status: string; priority_station: Station };
  verdict: Verdict;
  /** Every reason, in REASONS order. */
  checks: Finding[];
}

/** The quota headroom of the project (tenant-wide, not per group). */
export interface QuotaFinding {
  type: string;
  used: number;
  /** -1: unlimited. */
  quota: number;
  severity: Severity;
  message: string;
  fix?: string;
}

/** Where drill facts come from. Each function answers undefined when it cannot tell (the check is then `unknown`). */
export interface DrillSource {
  /** The drills left on the group (its drill servers still exist). */
  leftover(group: ServerGroup): Promise<{ count: number; ids?: string[] } | undefined>;
  /** The ids of the groups with no drill in the service's period (3 months), or undefined when the service does not say. */
  overdue(): Promise<ReadonlySet<string> | undefined>;
}

/**
 * The drill facts the group API already gives: `disaster_recovery_drill_num` (drills left
 * on the group, named by the drill list when there are any) and the group list's `query_type=period_no_dr_drill` (no drill in 3
 * months). A service that refuses that filter (HTTP 4xx: an older service, or the
 * emulator without drills) leaves "overdue" unknown.
 */
export function groupDrillSource(api: Pick<SdrsApi, 'listAllGroups' | 'listAllDrills'>): DrillSource {
  let overdue: Promise<ReadonlySet<string> | undefined> | undefined;
  return {
    async leftover(g) {
      const n = g.disaster_recovery_drill_num;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return undefined;
      if (n === 0) return { count: 0 };
      // Drills left: the drill API names them (one read, only then), so the fix can name the one to delete.
      const ids = await api.listAllDrills({ server_group_id: g.id }).then((ds) => ds.map((d) => d.id), () => undefined);
      return { count: n, ...(ids ? { ids } : {}) };
    },
    overdue() {
      overdue ??= api.listAllGroups({ query_type: 'period_no_dr_drill' }).then(
        (gs) => new Set(gs.map((g) => g.id)),
        (err) => {
          if (err instanceof ApiError && err.status >= 400 && err.status < 500) return undefined;
          throw err;
        },
      );
      return overdue;
    },
  };
}

/** What a readiness assessment reads besides the snapshot. */
export interface ReadinessInputs {
  /** The task centre's failed operations about this group: the group-level ones naming it and those inside it. */
  failures: FailureJob[] | undefined;
  drillsLeftover: { count: number; ids?: string[] } | undefined;
  /** undefined: not known. */
  drillOverdue: boolean | undefined;
}

const RANK: Record<Severity, number> = { ok: 0, unknown: 0, degraded: 1, not_ready: 2 };

/** The worst verdict among findings (`unknown` does not change it). */
export function verdictOf(severities: Severity[]): Verdict {
  const worst = Math.max(0, ...severities.map((s) => RANK[s]));
  return worst === 2 ? 'NOT_READY' : worst === 1 ? 'DEGRADED' : 'READY';
}

/** How a verdict reads for people, in English (error messages). */
export const verdictText = (v: Verdict): string => (v === 'NOT_READY' ? 'NOT READY' : v);

/** How a verdict reads for people, in this run's language. */
export const verdictLabel = (v: Verdict): string => t(v === 'NOT_READY' ? M.verdictNotReady : v === 'DEGRADED' ? M.verdictDegraded : M.verdictReady);

/** Each finding's message in both languages, for people (the finding carries the English of JSON and the journal). */
const SAID = new WeakMap<object, Text>();

/** A finding (or quota finding) with its message in both languages. */
function said<F extends { message: string }>(f: Omit<F, 'message'> & { message: Text }): F {
  const out = { ...f, message: f.message.en } as unknown as F;
  SAID.set(out, f.message);
  return out;
}

/** A finding's message in this run's language (its English when it was not made here). */
export function findingMessage(f: Finding | QuotaFinding): string {
  return local(SAID.get(f) ?? verbatim(f.message));
}

/** The command at the end of one of rules.ts's fixes ("retry the start: sdrs group start erp"). */
function commandIn(text: string): string | undefined {
  const m = /(sdrs [^;]*)$/.exec(text);
  return m?.[1];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** A count for a message: the English as before ("1 pair", "2 pairs"), the Chinese from the catalogue. */
const count = (n: number, one: string, zh: Entry): Text => ({ en: plural(n, one), zh: fill(zh.zh, { n }) });
const names = (xs: string[], max = 3) => listOf(xs.map(safeLine), max);

/** The group's status as a reason. */
function statusFinding(g: ServerGroup, ref: string): Finding {
  const base = { reason: 'group_status' as const };
  if (g.status === 'protected') return said({ ...base, severity: 'ok', message: text(M.statusProtected, { station: g.priority_station }) });
  const fix = commandIn(fixFor(g, ref)) ?? `sdrs group status ${ref}`;
  if (groupInProgress(g.status)) return said({ ...base, severity: 'degraded', message: text(M.statusRunning, { status: g.status }), fix: `sdrs group status ${ref} --watch` });
  if (g.status === 'available') return said({ ...base, severity: 'not_ready', message: text(M.statusAvailable), fix: `sdrs group start ${ref}` });
  if (g.status === 'failed-over') return said({ ...base, severity: 'not_ready', message: text(M.statusFailedOver), fix: `sdrs group start ${ref}` });
  return said({ ...base, severity: 'not_ready', message: text(M.statusOther, { status: g.status }), fix });
}

/** Every reason for one group, from its snapshot (servers of both sites) and the other inputs. */
export function assessGroup(s: Snapshot, inputs: ReadinessInputs): GroupReadiness {
  const g = s.group;
  const ref = refOf(g);
  const prod = g.priority_station;
  const dr = otherSide(prod);
  const checks: Finding[] = [statusFinding(g, ref)];

  // Pair fault levels (reference 3.3): "2" failover advised (production disk lost), "5" failover not allowed.
  const faults = s.pairs.map((p) => ({ p, m: faultMeaning(p.fault_level) }));
  const five = faults.filter((f) => f.m === 'failover-not-allowed').map((f) => f.p.name);
  const two = faults.filter((f) => f.m === 'failover-advised').map((f) => f.p.name);
  const odd = faults.filter((f) => f.m === 'unknown').map((f) => `${safeLine(f.p.name)} (${f.p.fault_level})`);
  if (five.length) {
    checks.push(said({ reason: 'fault_level', severity: 'not_ready', message: text(M.fault5, { count: count(five.length, 'pair', M.countPairs), names: names(five) }), fix: `sdrs group status ${ref}` }));
  } else if (two.length) {
    checks.push(said({ reason: 'fault_level', severity: 'degraded', message: text(M.fault2, { count: count(two.length, 'pair', M.countPairs), names: names(two) }), fix: `sdrs group failover ${ref}` }));
  } else if (odd.length) {
    checks.push(said({ reason: 'fault_level', severity: 'unknown', message: text(M.faultOdd, { names: names(odd) }), fix: `sdrs group status ${ref}` }));
  } else {
    checks.push(said({ reason: 'fault_level', severity: 'ok', message: text(s.pairs.length ? M.faultNone : M.noPairs) }));
  }

  const behind = s.pairs.filter((p) => (p.progress ?? 0) < 100);
  checks.push(behind.length
    ? said({
        reason: 'sync_progress', severity: 'degraded',
        message: text(M.syncBehind, { count: count(behind.length, 'pair', M.countPairs), names: names(behind.map((p) => `${safeLine(p.name)} ${p.progress ?? 0}%`)) }),
        fix: `sdrs group status ${ref} --watch`,
      })
    : said({ reason: 'sync_progress', severity: 'ok', message: text(s.pairs.length ? M.syncDone : M.noPairs) }));

  const invalid = s.instances.filter((pi) => pi.status === 'invalid');
  checks.push(invalid.length
    ? said({
        reason: 'invalid_instances', severity: 'not_ready',
        message: text(M.invalid, { count: count(invalid.length, 'protected instance', M.countInstances), names: names(invalid.map((pi) => pi.name)) }),
        fix: `sdrs instance remove ${refOf(invalid[0])} --yes`,
      })
    : said({ reason: 'invalid_instances', severity: 'ok', message: text(M.invalidNone) }));

  // While protected, the DR-site servers are stopped: one running cannot take the replica.
  const drRunning = runningAt(s, dr).map((x) => x.server);
  const drAz = azOf(g, dr);
  checks.push(g.status === 'protected' && drRunning.length
    ? said({
        reason: 'dr_servers_running', severity: 'degraded',
        message: text(M.drRunning, { count: count(drRunning.length, 'DR-site server', M.countDrServers), names: names(drRunning.map((x) => `${safeLine(x.name)} ${x.status}`)) }),
        fix: `sdrs server stop ${drRunning.map((x) => refOf(x)).join(' ')} --az ${shellArg(drAz)} --yes`,
      })
    : said({ reason: 'dr_servers_running', severity: 'ok', message: text(g.status === 'protected' ? M.drStopped : M.drNotChecked) }));

  // Production down: every production-site server stopped (or gone), outside a switchover.
  const prodServers = s.instances.map((pi) => ({ pi, server: s.servers.get(serverAt(pi, prod)) }));
  const down = prodServers.length > 0 && prodServers.every((x) => !x.server || x.server.status === 'SHUTOFF');
  const prodAz = azOf(g, prod);
  if (down && !groupInProgress(g.status)) {
    const stopped = prodServers.filter((x) => x.server).map((x) => x.server!);
    checks.push(said({
      reason: 'production_down', severity: 'not_ready',
      message: text(M.prodDown, { az: prodAz }),
      fix: stopped.length ? `sdrs server start ${stopped.map((x) => refOf(x)).join(' ')} --az ${shellArg(prodAz)}` : `sdrs group status ${ref}`,
    }));
  } else {
    checks.push(said({ reason: 'production_down', severity: 'ok', message: prodServers.length ? text(M.prodRunning, { az: prodAz }) : text(M.noInstances) }));
  }

  const f = inputs.failures;
  if (f === undefined) checks.push(said({ reason: 'failed_operations', severity: 'unknown', message: text(M.failuresUnknown) }));
  else if (f.length) {
    const latest = [...f].sort((a, b) => String(b.begin_time ?? '').localeCompare(String(a.begin_time ?? '')))[0];
    const code = latest.error_code ? safeLine(String(latest.error_code)) : '';
    const why = latest.fail_reason ? safeLine(String(latest.fail_reason)) : '';
    const what = text(M.failureLatest, { status: safeLine(String(latest.failure_status)), resource: safeLine(String(latest.resource_name ?? latest.resource_id ?? latest.resource_type)) });
    const detail: Text = {
      en: what.en + (code ? `, ${code}` : '') + (why ? `: ${why}` : ''),
      zh: what.zh + (code ? `，${code}` : '') + (why ? `：${why}` : ''),
    };
    checks.push(said({
      reason: 'failed_operations', severity: 'degraded',
      message: text(M.failures, { count: count(f.length, 'failed operation', M.countFailures), latest: detail, ref }),
      fix: `sdrs job failures clear --group ${ref} --yes`,
    }));
  } else checks.push(said({ reason: 'failed_operations', severity: 'ok', message: text(M.failuresNone) }));

  const d = inputs.drillsLeftover;
  if (d === undefined) checks.push(said({ reason: 'drills_leftover', severity: 'unknown', message: text(M.drillsUnknown) }));
  else if (d.count > 0) {
    checks.push(said({
      reason: 'drills_leftover', severity: 'degraded',
      message: text(M.drillsLeft, { count: count(d.count, 'drill', M.countDrills) }),
      fix: d.ids?.length === 1 ? `sdrs drill delete ${d.ids[0]} --yes` : `sdrs drill list --group ${ref}`,
    }));
  } else checks.push(said({ reason: 'drills_leftover', severity: 'ok', message: text(M.drillsNone) }));

  const o = inputs.drillOverdue;
  checks.push(o === undefined
    ? said({ reason: 'drill_overdue', severity: 'unknown', message: text(M.overdueUnknown) })
    : o
      ? said({ reason: 'drill_overdue', severity: 'degraded', message: text(M.overdue), fix: `sdrs drill run ${ref} --yes` })
      : said({ reason: 'drill_overdue', severity: 'ok', message: text(M.drilled) }));

  return {
    group: { id: g.id, name: g.name, status: g.status, priority_station: g.priority_station },
    verdict: verdictOf(checks.map((c) => c.severity)),
    checks,
  };
}

/** The quota headroom findings: exhausted is DEGRADED (the next create is refused with SDRS.0305/0306). */
export function assessQuotas(quotas: QuotaResource[]): QuotaFinding[] {
  return quotas.map((q): QuotaFinding => {
    const what = q.type === 'server_groups' ? text(M.quotaGroups) : q.type === 'replications' ? text(M.quotaPairs) : verbatim(q.type);
    if (q.quota === -1) return said({ type: q.type, used: q.used, quota: q.quota, severity: 'ok' as const, message: text(M.quotaUnlimited, { what, used: q.used }) });
    const left = q.quota - q.used;
    if (left <= 0) {
      return said({
        type: q.type, used: q.used, quota: q.quota, severity: 'degraded' as const,
        message: text(M.quotaExhausted, { what, used: q.used, quota: q.quota, code: q.type === 'server_groups' ? 'SDRS.0305' : 'SDRS.0306' }),
        fix: 'sdrs quota',
      });
    }
    return said({ type: q.type, used: q.used, quota: q.quota, severity: 'ok' as const, message: text(M.quotaLeft, { what, used: q.used, quota: q.quota, left }) });
  });
}

/** The failed operations about one group: the group-level ones naming it, and those inside it. */
export async function groupFailures(api: Pick<SdrsApi, 'listFailureJobs'>, groupId: string, groupLevel?: FailureJob[]): Promise<FailureJob[]> {
  const [top, inside] = await Promise.all([
    groupLevel ?? api.listFailureJobs(),
    api.listFailureJobs({ server_group_id: groupId }),
  ]);
  const seen = new Set<string>();
  return [...top.filter((j) => j.resource_id === groupId), ...inside].filter((j) => !seen.has(j.job_id) && Boolean(seen.add(j.job_id)));
}

/** The service's drill period (`period_no_dr_drill`: no drill in 3 months), as sdrs counts a group's age against it. */
export const DRILL_PERIOD_MS = 90 * 24 * 3600 * 1000;

/**
 * Overdue: the service lists the group as not drilled in its period, and the group is
 * older than that period (a group created last week is not late for its first drill).
 * A `created_at` sdrs cannot read leaves the service's word as it is.
 */
export function drillOverdue(group: Pick<ServerGroup, 'id' | 'created_at'>, notDrilled: ReadonlySet<string> | undefined, now: number): boolean | undefined {
  if (!notDrilled) return undefined;
  if (!notDrilled.has(group.id)) return false;
  const created = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(group.created_at ?? '') ? group.created_at : `${group.created_at}Z`);
  return Number.isNaN(created) || now - created >= DRILL_PERIOD_MS;
}

/**
 * The snapshots of many groups (servers of both sites) in few reads: the instances and pairs
 * of 30 groups per listing (`server_group_ids`), and the servers from one listing of every
 * ECS server when that takes fewer pages than there are servers to read (else one by one;
 * a server missing from the listing is read on its own, so the service says if it is gone).
 */
export async function loadSnapshots(api: SdrsApi, groups: readonly ServerGroup[]): Promise<Snapshot[]> {
  if (groups.length <= 1) return Promise.all(groups.map((g) => loadSnapshot(api, g, 'both')));
  const runs: string[][] = [];
  for (let i = 0; i < groups.length; i += MAX_GROUP_IDS_PER_QUERY) runs.push(groups.slice(i, i + MAX_GROUP_IDS_PER_QUERY).map((g) => g.id));
  const [instances, pairs] = await Promise.all([
    Promise.all(runs.map((ids) => api.listAllInstances({ server_group_ids: ids }))).then((l) => l.flat()),
    Promise.all(runs.map((ids) => api.listAllReplications({ server_group_ids: ids }))).then((l) => l.flat()),
  ]);
  const wanted = [...new Set(instances.flatMap((pi) => [pi.source_server, pi.target_server]).filter(Boolean))];
  const listed = wanted.length > 1 ? await api.listServersWithin(wanted.length - 1) : undefined;
  let servers: Map<string, Server | null>;
  if (listed) {
    const byId = new Map(listed.map((x) => [x.id, x]));
    const missing = wanted.filter((id) => !byId.has(id));
    const read = missing.length ? await readServers(api, missing) : new Map();
    servers = new Map(wanted.map((id) => [id, byId.get(id) ?? read.get(id) ?? null]));
  } else servers = await readServers(api, wanted);
  return groups.map((group) => ({
    group,
    instances: instances.filter((pi) => pi.server_group_id === group.id),
    pairs: pairs.filter((p) => p.server_group_id === group.id),
    servers,
  }));
}

/** Reads what one group's readiness needs and assesses it. `groupLevel`: the group-level failures, read once for many groups. */
export async function readReadiness(
  api: SdrsApi, group: ServerGroup, o: { drills: DrillSource; now: number; groupLevel?: FailureJob[] | null; snapshot?: Snapshot },
): Promise<GroupReadiness> {
  const [snapshot, failures, leftover, overdue] = await Promise.all([
    o.snapshot ?? loadSnapshot(api, group, 'both'),
    o.groupLevel === null ? undefined : groupFailures(api, group.id, o.groupLevel).catch(unknownOn4xx),
    o.drills.leftover(group),
    o.drills.overdue(),
  ]);
  return assessGroup(snapshot, { failures, drillsLeftover: leftover, drillOverdue: drillOverdue(group, overdue, o.now) });
}

/** A 4xx answer (a service without the task centre) leaves a reason unknown; anything else is an error. */
export function unknownOn4xx(err: unknown): undefined {
  if (err instanceof ApiError && err.status >= 400 && err.status < 500) return undefined;
  throw err;
}

/** The verdict at the top of `group status`: "Readiness:    DEGRADED", then each reason that is not ok with its fix. */
export function verdictLines(r: GroupReadiness): string[] {
  const bad = r.checks.filter((c) => c.severity === 'degraded' || c.severity === 'not_ready');
  const label = t(M.labelReadiness);
  return [
    `${label}${' '.repeat(Math.max(1, 14 - displayWidth(label)))}${verdictLabel(r.verdict)}${bad.length ? '' : t(M.verdictAllOk)}`,
    ...bad.map((c) => {
      const p = { mark: c.severity === 'not_ready' ? '✖' : '!', reason: c.reason, message: safeLine(findingMessage(c)) };
      return c.fix ? t(M.verdictReasonFix, { ...p, fix: c.fix }) : t(M.verdictReason, p);
    }),
  ];
}
