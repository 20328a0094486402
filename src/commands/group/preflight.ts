/**
 * Pre-flight checks before a reverse, shown as a checklist on stderr. Each
 * failure says what to do about it. Rules: seed 001 and reference 4.1, 3.3; the
 * status, side and fault-level checks are views of the one table in api/rules.ts.
 *
 * With `--json` the checklist is not mixed with the JSON error document: when a
 * check fails, it is only inside the error document (`checks`); when every check
 * passes, it is printed on stderr like other progress.
 */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { ProtectedInstance, ServerGroup, Station } from '../../api/types.js';
import { ALLOWED_FROM, FAULT_FOR_REVERSE, allowedFrom, faultMeaning, reverseSideRefusal, statusRefusal } from '../../api/rules.js';
import { PreconditionError, safeLine } from '../../errors.js';
import type { Result } from '../shared/output.js';
import { azOf, otherSide, refOf } from '../shared/sites.js';
import { readServers, runningAt, serverAt } from '../shared/snapshot.js';
import { mark, say, tint } from '../shared/ui.js';

/** One line of the checklist, as the JSON documents carry it (`checks`). */
export interface Check {
  /** Machine-readable name: group_exists, status, production_side, replication_pairs, fault_levels, invalid_instances, servers_running. */
  name: string;
  /** False: the check failed (the reverse is refused unless --skip-checks). */
  ok: boolean;
  /** `error` for a failed check, `warning` for a passed one worth reading; absent otherwise. */
  level?: 'error' | 'warning';
  message: string;
}

/** The outcome of the checks. */
export interface PreflightReport {
  ok: boolean;
  /** The checklist's title. */
  title: string;
  /** Every check, in the order printed. */
  checks: Check[];
  /** One short phrase per failed check. */
  failures: string[];
  /** Machine-readable names of the failed checks. */
  failedChecks: string[];
  /** What to do, one sentence per failure. */
  hints: string[];
  /** Passed checks worth reading (fault level 2...), one phrase each. */
  warnings: string[];
  instanceCount: number;
  /** Servers at the current production site that are still running. */
  running: { id: string; name: string; instance: string }[];
}

/** Options of runPreflight. */
export interface PreflightOptions {
  /** `--stop-servers`: running production servers will be stopped first, so they do not fail the checks. */
  stopServers?: boolean;
}

const list = (names: string[], max = 5) => names.slice(0, max).join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');

/** Runs every check (it does not stop at the first failure, so the operator sees them all). Prints nothing. */
export async function runPreflight(api: SdrsApi, group: ServerGroup, to: Station, opts: PreflightOptions = {}): Promise<PreflightReport> {
  const report: PreflightReport = {
    ok: true, title: `Pre-flight checks for reversing ${safeLine(group.name)} to ${to} (${azOf(group, to)}):`,
    checks: [], failures: [], failedChecks: [], hints: [], warnings: [], instanceCount: 0, running: [],
  };
  const ref = refOf(group);
  const line = (name: string, ok: boolean, message: string, level?: Check['level']) => {
    report.checks.push({ name, ok, ...(level ? { level } : !ok ? { level: 'error' as const } : {}), message });
  };
  const warn = (name: string, message: string) => {
    line(name, true, message, 'warning');
    report.warnings.push(message);
  };
  const fail = (check: string, failure: string, hint: string) => {
    report.ok = false;
    report.failures.push(failure);
    report.failedChecks.push(check);
    report.hints.push(hint);
  };
  line('group_exists', true, `group exists: ${safeLine(group.name)} (${group.id})`);

  const statusOk = allowedFrom('reverse', group.status);
  line('status', statusOk, `status is ${ALLOWED_FROM.reverse.join(' or ')} (now: ${group.status})`);
  const refusal = statusRefusal('reverse', group, ref);
  if (refusal) fail('status', `status is ${group.status}`, sentence(refusal));

  const from = group.priority_station;
  const side = reverseSideRefusal(group, to, ref);
  line('production_side', !side, side
    ? `production moves to ${to}: it already runs there (${azOf(group, to)}), the group is ${group.status} after a failed reverse to ${otherSide(to)}`
    : `production moves from ${azOf(group, from)} (${from}) to ${azOf(group, to)} (${to})`);
  if (side) fail('production_side', `production already runs on ${to} and the group is ${group.status} (a reverse to ${to} is refused: SDRS.1022)`, sentence(side));

  const [pairs, instances] = await Promise.all([
    api.listAllReplications({ server_group_id: group.id }),
    api.listAllInstances({ server_group_id: group.id }),
  ]);
  report.instanceCount = instances.length;
  line('replication_pairs', pairs.length > 0, `has replication pairs (${pairs.length})`);
  if (pairs.length === 0) {
    fail('replication_pairs', 'the group has no replication pairs', 'Add a replication pair to the group and start protection before reversing.');
  }

  const byMeaning = new Map<keyof typeof FAULT_FOR_REVERSE, string[]>();
  for (const p of pairs) {
    const m = faultMeaning(p.fault_level);
    if (m !== 'none') byMeaning.set(m, [...(byMeaning.get(m) ?? []), `${safeLine(p.name)} (${p.id})`]);
  }
  if (byMeaning.size === 0) line('fault_levels', true, `no replication pair reports a fault (fault_level 0)`);
  for (const [m, names] of byMeaning) {
    const f = FAULT_FOR_REVERSE[m];
    const what = `pair(s) ${list(names)}: ${f.means}`;
    const fix = f.fix.replaceAll('{ref}', ref);
    if (f.refuse) {
      line('fault_levels', false, what);
      fail('fault_levels', `${names.length} replication pair(s) at fault_level 5 (link broken): ${list(names)}`, sentence(`${what}; ${fix}`));
    } else {
      warn('fault_levels', `${what}; ${fix}`);
    }
  }

  const invalid = instances.filter((i) => i.status === 'invalid');
  line('invalid_instances', invalid.length === 0, `no protected instance is invalid${invalid.length ? ` (invalid: ${invalid.map((i) => `${safeLine(i.name)} ${i.id}`).join(', ')})` : ''}`);
  if (invalid.length > 0) {
    fail(
      'invalid_instances',
      `${invalid.length} protected instance(s) are invalid`,
      'An instance is invalid when one of its servers was deleted outside SDRS; a reverse would fail. Remove those protected instances first.',
    );
  }

  const running = await runningProductionServers(api, group, instances);
  report.running = running;
  const names = running.map((s) => `${safeLine(s.name)} ${s.id}`).join(', ');
  if (opts.stopServers && running.length > 0) {
    line('servers_running', true, `servers at the current production site ${azOf(group, from)} (${from}): ${running.length} running, stopped first (--stop-servers): ${names}`);
  } else {
    line(
      'servers_running',
      running.length === 0,
      `every server at the current production site ${azOf(group, from)} (${from}) is stopped` + (running.length ? ` (running: ${names})` : ` (${instances.length})`),
    );
    if (running.length > 0) {
      fail(
        'servers_running',
        `${running.length} production server(s) still running: ${running.map((s) => `${safeLine(s.name)} (${s.id})`).join(', ')}`,
        `Stop them first (sdrs server stop ${running.map((s) => s.id).join(' ')} --yes), then run the reverse again; or let the reverse do it: --stop-servers --start-servers.`,
      );
    }
  }
  if (side && !report.failedChecks.includes('servers_running')) {
    // Production is still where it was: it can run there again while the cause is fixed.
    const ids = instances.map((i) => serverAt(i, to)).filter(Boolean);
    if (ids.length) report.hints.push(`Until then production can run on ${to} again: sdrs server start ${ids.join(' ')} (stop them again before the retry).`);
  }
  return report;
}

/** Prints the checklist on stderr: the title, then one line per check (✔, ✖, or ! for a warning). */
export function printChecklist(ctx: Context, report: PreflightReport): void {
  say(ctx, safeLine(report.title));
  for (const c of report.checks) say(ctx, `  ${c.level === 'warning' ? tint(ctx, 'warn', '!') : mark(ctx, c.ok)} ${safeLine(c.message)}`);
}

/**
 * Runs the checks, prints the checklist (with --json only when every check passed), and
 * throws PREFLIGHT_FAILED (exit 3, nothing sent) if any failed; the error document carries
 * the checklist as `checks`.
 */
export async function preflightOrThrow(ctx: Context, api: SdrsApi, group: ServerGroup, to: Station, opts: PreflightOptions = {}): Promise<PreflightReport> {
  const report = await runPreflight(api, group, to, opts);
  if (report.ok || !ctx.globals.json) printChecklist(ctx, report);
  if (!report.ok) throw preflightError(group, report);
  return report;
}

/** The PREFLIGHT_FAILED error of one group. */
export function preflightError(group: ServerGroup, report: PreflightReport): PreconditionError {
  return new PreconditionError('PREFLIGHT_FAILED', `pre-flight checks failed for group ${safeLine(group.name)}: ${report.failures.map(safeLine).join('; ')}`, {
    hint: report.hints.map(safeLine).join(' '),
    details: { group_id: group.id, group: group.name, failed_checks: report.failedChecks, checks: report.checks },
  });
}

/** A dry run's document with the checklist it passed (`checks`), when the checks ran. */
export function withChecks(r: Result, report: PreflightReport | undefined): Result {
  return report && r.data && typeof r.data === 'object' ? { ...r, data: { ...(r.data as object), checks: report.checks } } : r;
}

/** A refusal from the rules as a hint sentence. */
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + '.';

async function runningProductionServers(api: SdrsApi, group: ServerGroup, instances: ProtectedInstance[]): Promise<PreflightReport['running']> {
  const from = group.priority_station;
  const servers = await readServers(api, instances.map((i) => serverAt(i, from)));
  // A deleted server (null) is the invalid-instance check's business, not a crash here.
  return runningAt({ group, instances, pairs: [], servers }, from).map((r) => ({ id: r.server.id, name: r.server.name, instance: r.instance.name }));
}
