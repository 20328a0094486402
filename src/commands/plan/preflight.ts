/**
 * What can be known about a plan's run before it starts, per mode (docs/plans.md): every
 * group resolves, and every step of every group would be accepted from where the world is,
 * step after step (a group moved by an earlier step is on the other side in a later one).
 * `plan validate` prints it (exit 3 when anything fails); `plan run` refuses to start on it.
 * Nothing here sends anything.
 *
 *   switchover: the reverse pre-flight of `group reverse --stop-servers` (group/preflight.ts:
 *               status, side, pairs, fault levels, invalid instances; running production
 *               servers are fine, the step stops them)
 *   failover:   the failover status rule, pairs, no fault level 5, no invalid instance;
 *               production is not read (it is lost)
 *   drill:      the drill rules (status, servers to build, first synchronisation complete)
 *   stop/start: the servers exist at that site; DR-site servers are not started while their
 *               group is still protected towards them (before its switchover step)
 */
import type { SdrsApi } from '../../api/client.js';
import type { ServerGroup, Station } from '../../api/types.js';
import { drillStatusRefusal, faultMeaning, statusRefusal, DR_SERVERS_STOPPED_IN } from '../../api/rules.js';
import { PreconditionError, UsageError, safeLine } from '../../errors.js';
import { isWellFormedId, printable } from '../../validate.js';
import { mapLimit } from '../../util/pool.js';
import type { Plan, PlanMode, PlanStep } from '../../plan/model.js';
import { runPreflight } from '../group/preflight.js';
import { loadSnapshots } from '../shared/readiness.js';
import { otherSide, refOf } from '../shared/sites.js';
import { serverAt, type Snapshot } from '../shared/snapshot.js';
import { en, join, language, text, type Entry, type Params, type Text } from '../../i18n/index.js';
import { planMsg as M } from '../../i18n/catalog/plan.js';

/** One check of one step (and group), in one mode. */
export interface PlanCheck {
  mode: PlanMode;
  step: string;
  /** The group's alias in the plan. */
  group?: string;
  group_id?: string;
  /** Machine-readable: group_resolves, status, production_side, replication_pairs, fault_levels, invalid_instances, servers, dr_servers_protected, drill_status, drill_instances, sync_progress. */
  check: string;
  ok: boolean;
  message: string;
}

/** A plan's readiness in one mode. */
export interface ModeReadiness {
  mode: PlanMode;
  ready: boolean;
  /** Failed checks only (passed ones are counted). */
  failures: PlanCheck[];
  passed: number;
  /** Steps skipped in this mode (stop/start steps of a failover or a drill), with why. */
  skipped: { step: string; why: string }[];
}

/** A group as the plan resolved it. */
export interface ResolvedGroup {
  alias: string;
  ref: string;
  id: string;
  name: string;
  status: string;
  priority_station: Station;
}

/** How the mode treats a stop/start step (docs/plans.md): skipped, with why, or undefined (run). */
export function skippedIn(mode: PlanMode, step: PlanStep): string | undefined {
  const why = skippedWhy(mode, step);
  return why && en(why);
}

/** Why the mode skips a stop/start step, as a catalogue entry (people read it in their language). */
export function skippedWhy(mode: PlanMode, step: PlanStep): Entry | undefined {
  if (step.kind !== 'stop' && step.kind !== 'start') return undefined;
  if (mode === 'drill') return M.skippedDrill;
  if (mode === 'failover' && step.site === 'production') return M.skippedFailover;
  return undefined;
}

/** A check's message for people, in the run's language (its `message`, in the JSON, stays English). */
const zhOfCheck = new WeakMap<PlanCheck, string>();
export function checkText(c: PlanCheck): string {
  return language() === 'zh-CN' ? zhOfCheck.get(c) ?? c.message : c.message;
}
/** A check's message in both languages. */
export function checkBoth(c: PlanCheck): Text {
  return { en: c.message, zh: zhOfCheck.get(c) ?? c.message };
}

/**
 * Every group of the plan by alias, from one listing (id first, then exact name).
 * Missing groups are exit 3 (GROUP_NOT_FOUND, all named); an ambiguous name, or two aliases
 * for one group, exit 2.
 */
export async function resolvePlanGroups(api: SdrsApi, plan: Plan): Promise<Map<string, ServerGroup>> {
  const all = await api.listAllGroups();
  const out = new Map<string, ServerGroup>();
  const missing: string[] = [];
  const ambiguous: Text[] = [];
  const seen = new Map<string, string>();
  for (const { alias, ref } of plan.groups) {
    const byId = isWellFormedId(ref) ? all.find((g) => g.id === ref) : undefined;
    const byName = all.filter((g) => g.name === ref);
    if (!byId && byName.length > 1) {
      ambiguous.push(text(M.ambiguousRef, { alias, ref: printable(ref), n: byName.length, ids: byName.map((g) => g.id).join(', ') }));
      continue;
    }
    const g = byId ?? byName[0];
    if (!g) {
      missing.push(`${alias}: ${printable(ref)}`);
      continue;
    }
    const other = seen.get(g.id);
    if (other !== undefined) ambiguous.push(text(M.sameGroupTwice, { alias, other, group: safeLine(g.name), id: g.id }));
    seen.set(g.id, alias);
    out.set(alias, g);
  }
  if (ambiguous.length) {
    throw new UsageError(text(M.inFile, { file: plan.file, message: ambiguous[0] }), {
      hint: ambiguous.length > 1 ? join(ambiguous, '\n') : undefined, details: { problems: ambiguous.map((a) => a.en) },
    });
  }
  if (missing.length) {
    throw new PreconditionError('GROUP_NOT_FOUND', text(M.groupsNotFound, { file: plan.file, list: missing.join(', ') }), {
      hint: text(M.groupsNotFoundHint),
      details: { missing },
    });
  }
  return out;
}

export const resolvedView = (plan: Plan, groups: Map<string, ServerGroup>): ResolvedGroup[] =>
  plan.groups.map(({ alias, ref }) => {
    const g = groups.get(alias)!;
    return { alias, ref, id: g.id, name: g.name, status: g.status, priority_station: g.priority_station };
  });

/** How many groups are read at once (each: a few listings and server reads; the transport keeps 8 requests in flight). */
const READ_CONCURRENCY = 4;

/**
 * Every check of every step in each mode, from one read of the world. The snapshots
 * (instances, pairs, servers of both sites) are read once for all modes; the switchover's
 * own pre-flight reads what it needs per group.
 */
export async function planPreflight(api: SdrsApi, plan: Plan, groups: Map<string, ServerGroup>, modes: readonly PlanMode[]): Promise<ModeReadiness[]> {
  const used = [...new Set(plan.steps.flatMap((s) => s.groups ?? []))].map((a) => groups.get(a)).filter((g): g is ServerGroup => g !== undefined);
  const snapshots = new Map<string, Snapshot>((await loadSnapshots(api, used)).map((s) => [s.group.id, s]));
  const moveSteps = plan.steps.filter((s) => s.kind === 'switchover' || s.kind === 'failover');
  const reverseReports = modes.includes('switchover')
    ? new Map(await mapLimit(moveSteps.flatMap((s) => s.groups ?? []), READ_CONCURRENCY, async (alias) => {
        const g = groups.get(alias)!;
        return [alias, await runPreflight(api, g, otherSide(g.priority_station), { stopServers: true })] as const;
      }))
    : new Map();

  return modes.map((mode) => {
    const checks: PlanCheck[] = [];
    const skipped: ModeReadiness['skipped'] = [];
    const moved = new Set<string>();
    for (const step of plan.steps) {
      const why = skippedIn(mode, step);
      if (why) {
        skipped.push({ step: step.name, why });
        continue;
      }
      for (const alias of step.groups ?? []) {
        const g = groups.get(alias)!;
        const s = snapshots.get(g.id)!;
        const add = (check: string, ok: boolean, message: string | Text) => {
          const c: PlanCheck = { mode, step: step.name, group: alias, group_id: g.id, check, ok, message: typeof message === 'string' ? message : message.en };
          if (typeof message !== 'string') zhOfCheck.set(c, message.zh);
          checks.push(c);
        };
        if (step.kind === 'switchover' || step.kind === 'failover') {
          moved.add(alias);
          if (mode === 'switchover') {
            const r = reverseReports.get(alias)!;
            // Passed lines as the checklist says them; each failure with what to do about it.
            for (const c of r.checks) if (c.ok && c.name !== 'group_exists') add(c.name, true, c.message);
            r.failedChecks.forEach((name: string, i: number) => add(name, false, `${r.failures[i]}. ${r.hints[i]}`));
          } else if (mode === 'failover') failoverChecks(s, add);
          else drillChecks(s, add);
        } else {
          stopStartChecks(mode, step, s, moved.has(alias), add);
        }
      }
    }
    const failures = checks.filter((c) => !c.ok);
    return { mode, ready: failures.length === 0, failures, passed: checks.length - failures.length, skipped };
  });
}

type Add = (check: string, ok: boolean, message: string | Text) => void;
const b = (entry: Entry, params?: Params): Text => text(entry, params);

/** A failover (reference 4.1, 3.3): accepted from its statuses, pairs to fail over, no broken link, no invalid instance. */
function failoverChecks(s: Snapshot, add: Add): void {
  const g = s.group;
  const ref = refOf(g);
  const refusal = statusRefusal('failover', g, ref);
  add('status', !refusal, refusal ?? b(M.chkFailoverStatus, { status: g.status }));
  add('replication_pairs', s.pairs.length > 0, s.pairs.length > 0 ? b(M.chkPairs, { n: s.pairs.length }) : b(M.chkNoPairs));
  const five = s.pairs.filter((p) => faultMeaning(p.fault_level) === 'failover-not-allowed');
  add('fault_levels', five.length === 0, five.length === 0
    ? b(M.chkNoFault5)
    : b(M.chkFault5, { list: five.map((p) => safeLine(p.name)).join(', '), ref }));
  const invalid = s.instances.filter((i) => i.status === 'invalid');
  add('invalid_instances', invalid.length === 0, invalid.length === 0
    ? b(M.chkNoInvalid)
    : b(M.chkInvalid, { list: invalid.map((i) => safeLine(i.name)).join(', '), ref: refOf(invalid[0]) }));
}

/** A drill (dr-operations 1.1, as drill/common.ts checks it): status, servers to build, first synchronisation complete. */
function drillChecks(s: Snapshot, add: Add): void {
  const g = s.group;
  const ref = refOf(g);
  const refusal = drillStatusRefusal(g, ref);
  add('drill_status', !refusal, refusal ?? b(M.chkDrillStatus, { status: g.status }));
  add('drill_instances', s.instances.length > 0, s.instances.length > 0
    ? b(M.chkInstances, { n: s.instances.length })
    : b(M.chkNoInstances, { ref }));
  const behind = s.pairs.filter((p) => (p.progress ?? 0) < 100);
  add('sync_progress', behind.length === 0, behind.length === 0
    ? b(M.chkSynced, { n: s.pairs.length })
    : b(M.chkNotSynced, { list: behind.map((p) => `${safeLine(p.name)} ${p.progress ?? 0}%`).join(', '), ref }));
}

/**
 * A stop/start step: the servers exist at the site (production and dr as they were when the
 * run started); the DR-site servers are not started while the group still replicates to them.
 */
function stopStartChecks(mode: PlanMode, step: PlanStep, s: Snapshot, moved: boolean, add: Add): void {
  const g = s.group;
  const prod = g.priority_station;
  const station = step.site === 'production' ? prod : otherSide(prod);
  const ids = s.instances.map((i) => serverAt(i, station)).filter(Boolean);
  const gone = ids.filter((id) => s.servers.get(id) === null);
  add('servers', ids.length > 0 && gone.length === 0, ids.length === 0
    ? b(M.chkNoServersAt, { site: step.site })
    : gone.length
      ? b(M.chkServersGone, { list: gone.join(', '), site: step.site, ref: refOf(g) })
      : b(M.chkServersAt, { n: ids.length, site: step.site }));
  // Before the group moves, the side it replicates to is the dr site: its servers stay stopped while protected.
  const replicaSide = moved ? prod : otherSide(prod);
  if (step.kind === 'start' && station === replicaSide && !(moved && mode === 'failover')) {
    const protectedNow = moved || DR_SERVERS_STOPPED_IN.has(g.status);
    add('dr_servers_protected', !protectedNow, protectedNow
      ? b(moved ? M.chkStartsReplicasAfter : M.chkStartsReplicasBefore, { site: step.site })
      : b(M.chkMayRun, { site: step.site, status: g.status }));
  }
}

/** The PLAN_NOT_READY error: every failed check of every mode asked for. Exit 3, nothing sent. */
export function notReadyError(plan: Plan, modes: ModeReadiness[], printed = false): PreconditionError {
  const bad = modes.filter((m) => !m.ready);
  const n = bad.reduce((k, m) => k + m.failures.length, 0);
  return new PreconditionError('PLAN_NOT_READY', text(M.notReady, { plan: safeLine(plan.name), modes: bad.map((m) => m.mode).join(', '), n }), {
    hint: printed ? text(M.notReadyPrintedHint) : join([text(M.nothingSent), ...bad.flatMap((m) => m.failures.map((f) => text(f.group ? M.notReadyLineGroup : M.notReadyLine, {
      mode: m.mode, step: JSON.stringify(f.step), group: f.group, message: checkBoth(f),
    })))], '\n'),
    details: { file: plan.file, modes: bad.map((m) => ({ mode: m.mode, failures: m.failures })) },
  });
}
