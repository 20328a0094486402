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
  if (step.kind !== 'stop' && step.kind !== 'start') return undefined;
  if (mode === 'drill') return 'a drill leaves production untouched and starts its own drill servers';
  if (mode === 'failover' && step.site === 'production') return 'in a failover the production site is lost: it is not reached';
  return undefined;
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
  const ambiguous: string[] = [];
  const seen = new Map<string, string>();
  for (const { alias, ref } of plan.groups) {
    const byId = isWellFormedId(ref) ? all.find((g) => g.id === ref) : undefined;
    const byName = all.filter((g) => g.name === ref);
    if (!byId && byName.length > 1) {
      ambiguous.push(`${alias}: ${printable(ref)} matches ${byName.length} groups (${byName.map((g) => g.id).join(', ')}); use the id`);
      continue;
    }
    const g = byId ?? byName[0];
    if (!g) {
      missing.push(`${alias}: ${printable(ref)}`);
      continue;
    }
    const other = seen.get(g.id);
    if (other !== undefined) ambiguous.push(`${alias} and ${other} are the same group ${safeLine(g.name)} (${g.id}); one alias per group`);
    seen.set(g.id, alias);
    out.set(alias, g);
  }
  if (ambiguous.length) throw new UsageError(`${plan.file}: ${ambiguous[0]}`, { hint: ambiguous.length > 1 ? ambiguous.join('\n') : undefined, details: { problems: ambiguous } });
  if (missing.length) {
    throw new PreconditionError('GROUP_NOT_FOUND', `${plan.file}: protection group(s) not found: ${missing.join(', ')}`, {
      hint: "Nothing was sent. List the groups with 'sdrs group list' and fix the plan's groups.",
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
        const add = (check: string, ok: boolean, message: string) => checks.push({ mode, step: step.name, group: alias, group_id: g.id, check, ok, message });
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

type Add = (check: string, ok: boolean, message: string) => void;

/** A failover (reference 4.1, 3.3): accepted from its statuses, pairs to fail over, no broken link, no invalid instance. */
function failoverChecks(s: Snapshot, add: Add): void {
  const g = s.group;
  const ref = refOf(g);
  const refusal = statusRefusal('failover', g, ref);
  add('status', !refusal, refusal ?? `status ${g.status} allows a failover`);
  add('replication_pairs', s.pairs.length > 0, s.pairs.length > 0 ? `has replication pairs (${s.pairs.length})` : 'the group has no replication pairs: nothing to fail over');
  const five = s.pairs.filter((p) => faultMeaning(p.fault_level) === 'failover-not-allowed');
  add('fault_levels', five.length === 0, five.length === 0
    ? 'no replication pair at fault level 5'
    : `pair(s) ${five.map((p) => safeLine(p.name)).join(', ')} at fault level 5: the service allows no failover; repair replication first (sdrs group status ${ref})`);
  const invalid = s.instances.filter((i) => i.status === 'invalid');
  add('invalid_instances', invalid.length === 0, invalid.length === 0
    ? 'no protected instance is invalid'
    : `protected instance(s) ${invalid.map((i) => safeLine(i.name)).join(', ')} invalid (a server was deleted outside SDRS): remove them first (sdrs instance remove ${refOf(invalid[0])} --yes)`);
}

/** A drill (dr-operations 1.1, as drill/common.ts checks it): status, servers to build, first synchronisation complete. */
function drillChecks(s: Snapshot, add: Add): void {
  const g = s.group;
  const ref = refOf(g);
  const refusal = drillStatusRefusal(g, ref);
  add('drill_status', !refusal, refusal ?? `status ${g.status} allows a drill`);
  add('drill_instances', s.instances.length > 0, s.instances.length > 0
    ? `${s.instances.length} protected instance(s) to build drill servers from`
    : `the group protects no servers: a drill would build nothing; add them first: sdrs instance add ${ref} --server <server>`);
  const behind = s.pairs.filter((p) => (p.progress ?? 0) < 100);
  add('sync_progress', behind.length === 0, behind.length === 0
    ? `first synchronisation complete (${s.pairs.length} pair(s) at 100%)`
    : `first synchronisation not complete: ${behind.map((p) => `${safeLine(p.name)} ${p.progress ?? 0}%`).join(', ')}; wait: sdrs group status ${ref} --watch`);
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
    ? `no servers at the ${step.site} site: the group protects none`
    : gone.length
      ? `server(s) ${gone.join(', ')} at the ${step.site} site no longer exist (sdrs group status ${refOf(g)})`
      : `${ids.length} server(s) at the ${step.site} site`);
  // Before the group moves, the side it replicates to is the dr site: its servers stay stopped while protected.
  const replicaSide = moved ? prod : otherSide(prod);
  if (step.kind === 'start' && station === replicaSide && !(moved && mode === 'failover')) {
    const protectedNow = moved || DR_SERVERS_STOPPED_IN.has(g.status);
    add('dr_servers_protected', !protectedNow, protectedNow
      ? `starts the servers the group replicates to (${step.site} site${moved ? ', after the switchover' : ', before the group is moved'}): they must stay stopped while the group is protected; start them after the group's switchover step, at the dr site`
      : `the ${step.site} site's servers may run (the group is ${g.status})`);
  }
}

/** The PLAN_NOT_READY error: every failed check of every mode asked for. Exit 3, nothing sent. */
export function notReadyError(plan: Plan, modes: ModeReadiness[], printed = false): PreconditionError {
  const bad = modes.filter((m) => !m.ready);
  const n = bad.reduce((k, m) => k + m.failures.length, 0);
  return new PreconditionError('PLAN_NOT_READY', `plan ${safeLine(plan.name)} cannot run as ${bad.map((m) => m.mode).join(', ')}: ${n} check(s) failed`, {
    hint: printed ? 'Nothing was sent. Fix the checks marked ✖ above and validate again.' : ['Nothing was sent.', ...bad.flatMap((m) => m.failures.map((f) => `${m.mode}: step ${JSON.stringify(f.step)}${f.group ? ` group ${f.group}` : ''}: ${f.message}`))].join('\n'),
    details: { file: plan.file, modes: bad.map((m) => ({ mode: m.mode, failures: m.failures })) },
  });
}
