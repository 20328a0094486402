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
import { ALLOWED_FROM, FAULT_FOR_REVERSE, allowedFrom, faultMeaning, reverseSideRefusalText, statusRefusalText } from '../../api/rules.js';
import { local, text, type Text } from '../../i18n/index.js';
import { joinList, listOf, mapText, parened } from '../../i18n/compose.js';
import { reverse as M } from '../../i18n/catalog/reverse.js';
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
  /**
   * The same messages in both languages, for people (the fields above are the English that
   * JSON documents carry): the title, one per check, failure, hint and warning, in their order.
   */
  text: { title: Text; checks: Text[]; failures: Text[]; hints: Text[]; warnings: Text[] };
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

const list = (names: (string | Text)[], max = 5) => listOf(names, max);

/** Runs every check (it does not stop at the first failure, so the operator sees them all). Prints nothing. */
export async function runPreflight(api: SdrsApi, group: ServerGroup, to: Station, opts: PreflightOptions = {}): Promise<PreflightReport> {
  const title = text(M.pfTitle, { name: safeLine(group.name), to, az: azOf(group, to) });
  const report: PreflightReport = {
    ok: true, title: title.en,
    checks: [], failures: [], failedChecks: [], hints: [], warnings: [], instanceCount: 0, running: [],
    text: { title, checks: [], failures: [], hints: [], warnings: [] },
  };
  const ref = refOf(group);
  const line = (name: string, ok: boolean, message: Text, level?: Check['level']) => {
    report.checks.push({ name, ok, ...(level ? { level } : !ok ? { level: 'error' as const } : {}), message: message.en });
    report.text.checks.push(message);
  };
  const warn = (name: string, message: Text) => {
    line(name, true, message, 'warning');
    report.warnings.push(message.en);
    report.text.warnings.push(message);
  };
  const fail = (check: string, failure: Text, hint: Text) => {
    report.ok = false;
    report.failures.push(failure.en);
    report.failedChecks.push(check);
    report.hints.push(hint.en);
    report.text.failures.push(failure);
    report.text.hints.push(hint);
  };
  line('group_exists', true, text(M.pfGroupExists, { name: safeLine(group.name), id: group.id }));

  const statusOk = allowedFrom('reverse', group.status);
  line('status', statusOk, text(M.pfStatus, { allowed: { en: ALLOWED_FROM.reverse.join(' or '), zh: ALLOWED_FROM.reverse.join(' 或 ') }, status: group.status }));
  const refusal = statusRefusalText('reverse', group, ref);
  if (refusal) fail('status', text(M.pfStatusFailure, { status: group.status }), sentence(refusal));

  const from = group.priority_station;
  const side = reverseSideRefusalText(group, to, ref);
  line('production_side', !side, side
    ? text(M.pfSideBad, { to, az: azOf(group, to), status: group.status, other: otherSide(to) })
    : text(M.pfSideOk, { fromAz: azOf(group, from), from, toAz: azOf(group, to), to }));
  if (side) fail('production_side', text(M.pfSideFailure, { to, status: group.status }), sentence(side));

  const [pairs, instances] = await Promise.all([
    api.listAllReplications({ server_group_id: group.id }),
    api.listAllInstances({ server_group_id: group.id }),
  ]);
  report.instanceCount = instances.length;
  line('replication_pairs', pairs.length > 0, text(M.pfPairs, { n: pairs.length }));
  if (pairs.length === 0) fail('replication_pairs', text(M.pfNoPairs), text(M.pfNoPairsHint));

  const byMeaning = new Map<keyof typeof FAULT_FOR_REVERSE, Text[]>();
  for (const p of pairs) {
    const m = faultMeaning(p.fault_level);
    if (m !== 'none') byMeaning.set(m, [...(byMeaning.get(m) ?? []), parened(safeLine(p.name), p.id)]);
  }
  if (byMeaning.size === 0) line('fault_levels', true, text(M.pfNoFault));
  for (const [m, names] of byMeaning) {
    const f = FAULT_FOR_REVERSE[m];
    const what = text(M.pfFaultWhat, { names: list(names), means: text(f.means) });
    const fix = text(f.fix, { ref });
    if (f.refuse) {
      line('fault_levels', false, what);
      fail('fault_levels', text(M.pfFault5Failure, { n: names.length, names: list(names) }), sentence(text(M.pfFaultWarn, { what, fix })));
    } else {
      warn('fault_levels', text(M.pfFaultWarn, { what, fix }));
    }
  }

  const invalid = instances.filter((i) => i.status === 'invalid');
  line('invalid_instances', invalid.length === 0, invalid.length
    ? text(M.pfInvalidSome, { list: joinList(invalid.map((i) => `${safeLine(i.name)} ${i.id}`)) })
    : text(M.pfInvalidNone));
  if (invalid.length > 0) fail('invalid_instances', text(M.pfInvalidFailure, { n: invalid.length }), text(M.pfInvalidHint));

  const running = await runningProductionServers(api, group, instances);
  report.running = running;
  const names = joinList(running.map((s) => `${safeLine(s.name)} ${s.id}`));
  if (opts.stopServers && running.length > 0) {
    line('servers_running', true, text(M.pfServersStoppedFirst, { az: azOf(group, from), from, n: running.length, names }));
  } else {
    line(
      'servers_running',
      running.length === 0,
      running.length
        ? text(M.pfServersRunning, { az: azOf(group, from), from, names })
        : text(M.pfServersStopped, { az: azOf(group, from), from, n: instances.length }),
    );
    if (running.length > 0) {
      fail(
        'servers_running',
        text(M.pfServersFailure, { n: running.length, list: joinList(running.map((s) => parened(safeLine(s.name), s.id))) }),
        text(M.pfServersHint, { ids: running.map((s) => s.id).join(' ') }),
      );
    }
  }
  if (side && !report.failedChecks.includes('servers_running')) {
    // Production is still where it was: it can run there again while the cause is fixed.
    const ids = instances.map((i) => serverAt(i, to)).filter(Boolean);
    if (ids.length) {
      const until = text(M.pfUntilThen, { to, ids: ids.join(' ') });
      report.hints.push(until.en);
      report.text.hints.push(until);
    }
  }
  return report;
}

/** Prints the checklist on stderr: the title, then one line per check (✔, ✖, or ! for a warning). */
export function printChecklist(ctx: Context, report: PreflightReport): void {
  say(ctx, safeLine(local(report.text.title)));
  report.checks.forEach((c, i) => say(ctx, `  ${c.level === 'warning' ? tint(ctx, 'warn', '!') : mark(ctx, c.ok)} ${safeLine(local(report.text.checks[i]))}`));
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
  const failures = report.text.failures.map((f) => mapText(f, safeLine));
  return new PreconditionError('PREFLIGHT_FAILED', text(M.pfFailed, { name: safeLine(group.name), failures: { en: failures.map((f) => f.en).join('; '), zh: failures.map((f) => f.zh).join('；') } }), {
    hint: { en: report.text.hints.map((h) => safeLine(h.en)).join(' '), zh: report.text.hints.map((h) => safeLine(h.zh)).join('') },
    details: { group_id: group.id, group: group.name, failed_checks: report.failedChecks, checks: report.checks },
  });
}

/** A dry run's document with the checklist it passed (`checks`), when the checks ran. */
export function withChecks(r: Result, report: PreflightReport | undefined): Result {
  return report && r.data && typeof r.data === 'object' ? { ...r, data: { ...(r.data as object), checks: report.checks } } : r;
}

/** A refusal from the rules as a hint sentence. */
const sentence = (s: Text): Text => mapText(s, (x, lang) => (lang === 'en' ? x.charAt(0).toUpperCase() + x.slice(1) + '.' : x + '。'));

async function runningProductionServers(api: SdrsApi, group: ServerGroup, instances: ProtectedInstance[]): Promise<PreflightReport['running']> {
  const from = group.priority_station;
  const servers = await readServers(api, instances.map((i) => serverAt(i, from)));
  // A deleted server (null) is the invalid-instance check's business, not a crash here.
  return runningAt({ group, instances, pairs: [], servers }, from).map((r) => ({ id: r.server.id, name: r.server.name, instance: r.instance.name }));
}
