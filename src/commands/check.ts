/**
 * `sdrs check [group…|--all]`: would the DR site take over now? A verdict per group
 * (READY, DEGRADED, NOT READY) with every reason and the command that fixes it, for
 * people (a table at a terminal, plain lines elsewhere), `--json`, and
 * `--format openmetrics` for a Prometheus textfile collector or any scraper. Exit 8
 * (NOT_READY) when a group is NOT READY (or DEGRADED with `--fail-on degraded`).
 */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import type { FailureJob, QuotaResource, ServerGroup } from '../api/types.js';
import { NotReadyError, UsageError, safeLine } from '../errors.js';
import { formatTable } from '../io/output.js';
import { mapLimit } from '../util/pool.js';
import { printable, requireGroupRef } from '../validate.js';
import { bind, examples, type RunF, type Runner } from './shared/command.js';
import { note, out, outTone, say, type Block, type Result, type Tone } from './shared/output.js';
import {
  assessQuotas, findingMessage, groupDrillSource, loadSnapshots, readReadiness, unknownOn4xx, verdictLabel, verdictOf, verdictText, REASONS,
  type DrillSource, type GroupReadiness, type QuotaFinding, type Severity, type Verdict,
} from './shared/readiness.js';
import { resolveGroups } from './shared/resolve.js';
import { t, text } from '../i18n/index.js';
import { readiness as M } from '../i18n/catalog/readiness.js';

/** Groups read at once (each reads its pairs, instances, servers and failures). */
export const CHECK_CONCURRENCY = 4;

/** The options of one run. */
export interface CheckOptions {
  groups: string[];
  all: boolean;
  /** The least severe verdict that exits 8. */
  failOn: 'not-ready' | 'degraded';
  format: 'text' | 'openmetrics';
}

/** What commander parses. */
interface CheckFlags {
  all?: boolean;
  failOn?: string;
  format?: string;
}

/** The `sdrs check --json` document. */
export interface CheckDocument {
  /** When the check ran (ISO 8601). */
  checked_at: string;
  /** The worst verdict among the groups and the quotas. */
  verdict: Verdict;
  summary: { groups: number; ready: number; degraded: number; not_ready: number };
  groups: GroupReadiness[];
  /** null when the quotas could not be read. */
  quotas: QuotaFinding[] | null;
}

function parseCheck(args: string[], f: CheckFlags): CheckOptions {
  const all = f.all === true;
  if (all && args.length) throw new UsageError(text(M.checkBoth));
  if (!all && !args.length) throw new UsageError(text(M.checkNone), { hint: 'sdrs check --all' });
  const failOn = f.failOn ?? 'not-ready';
  if (failOn !== 'not-ready' && failOn !== 'degraded') throw new UsageError(text(M.checkFailOn, { value: printable(failOn) }));
  const format = f.format ?? 'text';
  if (format !== 'text' && format !== 'openmetrics') throw new UsageError(text(M.checkFormat, { value: printable(format) }));
  return { groups: args.map((a) => requireGroupRef(a)), all, failOn, format };
}

/** `check`'s arguments, flags, help and wiring. */
export function registerCheck(cmd: Command, run: Runner, runF: RunF<CheckOptions> = runCheck): void {
  cmd
    .argument('[group...]', 'group ids or exact, unique names')
    .option('--all', 'check every protection group')
    .option('--fail-on <verdict>', 'the least verdict that exits 8: not-ready or degraded (default: not-ready)')
    .option('--format <format>', 'text (default) or openmetrics (Prometheus textfile collector; docs/json-output.md#metrics)');
  examples(cmd, [
    '$ sdrs check --all',
    '$ sdrs check erp crm --fail-on degraded || echo "not ready: exit $?"',
    "$ sdrs check --all --json | jq -r '.groups[] | select(.verdict != \"READY\") | .group.name'",
    '$ sdrs check --all --format openmetrics > sdrs.prom.tmp; mv sdrs.prom.tmp /var/lib/node_exporter/sdrs.prom',
  ]);
  bind(cmd, run, parseCheck, runF);
}

/** Checks the groups; exit 8 when one is NOT READY (or DEGRADED with --fail-on degraded). */
export async function runCheck(ctx: Context, o: CheckOptions): Promise<Result<CheckDocument>> {
  if (o.format === 'openmetrics' && ctx.globals.json) throw new UsageError(text(M.checkTwoOutputs));
  const api = await ctx.api();
  const groups: ServerGroup[] = o.all ? await api.listAllGroups() : await resolveGroups(api, o.groups);
  // Read once for every group: the group-level failures, the quotas, the drill facts.
  const [groupLevel, quotas] = await Promise.all([
    api.listFailureJobs().catch(unknownOn4xx) as Promise<FailureJob[] | undefined>,
    api.showQuota().catch(unknownOn4xx) as Promise<QuotaResource[] | undefined>,
  ]);
  const drills: DrillSource = groupDrillSource(api);
  const snapshots = await loadSnapshots(api, groups);
  const readiness = await mapLimit(groups, CHECK_CONCURRENCY, (g, i) =>
    readReadiness(api, g, { drills, now: ctx.clock.now(), groupLevel: groupLevel ?? null, snapshot: snapshots[i] }));
  const quotaFindings = quotas ? assessQuotas(quotas) : null;
  const doc: CheckDocument = {
    checked_at: new Date(ctx.clock.now()).toISOString(),
    verdict: verdictOf([...readiness.map((r) => severityOf(r.verdict)), ...(quotaFindings ?? []).map((q) => q.severity)]),
    summary: {
      groups: readiness.length,
      ready: readiness.filter((r) => r.verdict === 'READY').length,
      degraded: readiness.filter((r) => r.verdict === 'DEGRADED').length,
      not_ready: readiness.filter((r) => r.verdict === 'NOT_READY').length,
    },
    groups: readiness,
    quotas: quotaFindings,
  };
  const blocks = o.format === 'openmetrics' ? [out(openMetrics(doc))] : ctx.io.stdoutIsTTY ? terminalView(doc) : plainView(doc);
  if (!groups.length) blocks.push(note(t(M.checkNoGroups)));
  const r: Result<CheckDocument> = { data: o.format === 'openmetrics' ? undefined : doc, blocks };
  // The journal keeps when readiness was verified (docs/journal.md); not the openmetrics runs a cron repeats every minute.
  if (o.format !== 'openmetrics') r.journal = checkJournal(doc);
  const failing = doc.summary.not_ready > 0 || (o.failOn === 'degraded' && doc.verdict !== 'READY');
  if (failing) {
    const bad = readiness.filter((g) => g.verdict === 'NOT_READY' || (o.failOn === 'degraded' && g.verdict === 'DEGRADED'));
    const list = { en: bad.map((g) => `${safeLine(g.group.name)} (${verdictText(g.verdict)})`).join(', '), zh: bad.map((g) => `${safeLine(g.group.name)}（${(g.verdict === 'NOT_READY' ? M.verdictNotReady : g.verdict === 'DEGRADED' ? M.verdictDegraded : M.verdictReady).zh}）`).join('、') };
    const counts = { n: bad.length, total: readiness.length };
    r.error = new NotReadyError(
      bad.length
        ? {
            en: text(o.failOn === 'degraded' ? M.checkFailedGroups : M.checkFailedNotReady, { ...counts, list: list.en }).en,
            zh: text(o.failOn === 'degraded' ? M.checkFailedGroups : M.checkFailedNotReady, { ...counts, list: list.zh }).zh,
          }
        : text(M.checkQuotaDegraded),
      { hint: text(M.checkHint), details: { verdict: doc.verdict, groups: bad.map((g) => ({ id: g.group.id, name: g.group.name, verdict: g.verdict })) } },
    );
  }
  return r;
}

/** The check's journal record: the verdict per group and the reasons not ok (a read, written at no cost to the check). */
function checkJournal(d: CheckDocument): NonNullable<Result['journal']> {
  return {
    kind: 'check',
    read: true,
    groups: d.groups.map((g) => ({ id: g.group.id, name: g.group.name })),
    extra: {
      verdict: d.verdict,
      checks: d.groups.map((g) => ({
        group_id: g.group.id,
        group: g.group.name,
        verdict: g.verdict,
        not_ok: bad(g).map((c) => ({ reason: c.reason, severity: c.severity, message: c.message.slice(0, 300) })),
      })),
    },
  };
}

const severityOf = (v: Verdict): Severity => (v === 'NOT_READY' ? 'not_ready' : v === 'DEGRADED' ? 'degraded' : 'ok');
const TONE: Record<Verdict, Tone> = { READY: 'ok', DEGRADED: 'warn', NOT_READY: 'bad' };
const MARK: Record<Severity, string> = { ok: '✔', degraded: '!', not_ready: '✖', unknown: '?' };
const bad = (r: GroupReadiness) => r.checks.filter((c) => c.severity === 'degraded' || c.severity === 'not_ready');

/** At a terminal: a summary table coloured by verdict, then every reason of the groups not READY with its fix. */
function terminalView(d: CheckDocument): Block[] {
  const blocks: Block[] = [];
  if (d.groups.length) {
    const lines = formatTable(
      [t(M.colGroup), t(M.colVerdict), t(M.colStatus), t(M.colProduction), t(M.colReasons)],
      d.groups.map((g) => [g.group.name, verdictLabel(g.verdict), g.group.status, g.group.priority_station, bad(g).map((c) => c.reason).join(', ') || '-']),
    ).split('\n');
    blocks.push(out(lines[0]), ...d.groups.map((g, i) => outTone(lines[i + 1], TONE[g.verdict])));
  }
  for (const g of d.groups.filter((x) => x.verdict !== 'READY')) {
    blocks.push(out(''), outTone(t(M.groupVerdict, { name: safeLine(g.group.name), verdict: verdictLabel(g.verdict) }), TONE[g.verdict]));
    for (const c of bad(g)) {
      blocks.push(out(t(M.reasonLine, { mark: MARK[c.severity], reason: c.reason, message: safeLine(findingMessage(c)) })));
      if (c.fix) blocks.push(out(t(M.fixLine, { fix: c.fix })));
    }
  }
  const quota = (d.quotas ?? []).filter((q) => q.severity !== 'ok');
  if (quota.length) {
    blocks.push(out(''), outTone(t(M.quotasDegraded), 'warn'));
    for (const q of quota) blocks.push(out(t(M.quotaLine, { type: q.type, message: findingMessage(q) })), ...(q.fix ? [out(t(M.seeLine, { fix: q.fix }))] : []));
  }
  blocks.push(...unknownNotes(d));
  return blocks;
}

/** Elsewhere (CI, logs): one line per group, then one line per reason that is not ok, each with its fix. */
function plainView(d: CheckDocument): Block[] {
  const lines: string[] = [];
  for (const g of d.groups) {
    // Service text (names, failure reasons) stays on its line: a newline in it cannot forge a line.
    const name = safeLine(g.group.name);
    lines.push(`${name} ${g.verdict}`);
    for (const c of bad(g)) {
      const p = { name, verdict: g.verdict, reason: c.reason, message: safeLine(findingMessage(c)) };
      lines.push(c.fix ? t(M.plainReasonFix, { ...p, fix: c.fix }) : t(M.plainReason, p));
    }
  }
  for (const q of d.quotas ?? []) if (q.severity !== 'ok') lines.push(t(M.plainQuota, { type: q.type, message: findingMessage(q) }));
  return [...(lines.length ? [out(lines.join('\n'))] : []), ...unknownNotes(d)];
}

/** The reasons that could not be checked, once for all groups (stderr). */
function unknownNotes(d: CheckDocument): Block[] {
  const unknown = new Map<string, string>();
  for (const g of d.groups) for (const c of g.checks) if (c.severity === 'unknown') unknown.set(c.reason, findingMessage(c));
  const notes = [...unknown].map(([reason, why]) => say(t(M.notChecked, { reason, why }), 'dim'));
  if (d.quotas === null) notes.push(say(t(M.notCheckedQuotas), 'dim'));
  return notes;
}

/** OpenMetrics values of a reason: 0 ok, 1 degraded, 2 not ready, -1 unknown. */
const CHECK_VALUE: Record<Severity, number> = { ok: 0, degraded: 1, not_ready: 2, unknown: -1 };
const VERDICT_VALUE: Record<Verdict, number> = { READY: 0, DEGRADED: 1, NOT_READY: 2 };

/** Characters no label value should carry raw: controls (newline included), bidi overrides, line separators. */
// eslint-disable-next-line no-control-regex -- replacing control characters is the point
const LABEL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A label value as OpenMetrics requires: unsafe characters replaced (U+FFFD), backslash and double quote escaped. */
function label(v: string): string {
  return v.replace(LABEL_UNSAFE, '\ufffd').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/**
 * The check as OpenMetrics text (docs/json-output.md#metrics has the names): one gauge
 * per group (its verdict) and per group and reason, the quotas, and when it ran; `# EOF` last.
 */
export function openMetrics(d: CheckDocument): string {
  const lines: string[] = [];
  const family = (name: string, help: string) => lines.push(`# TYPE ${name} gauge`, `# HELP ${name} ${help}`);
  const g = (r: GroupReadiness) => `group_id="${label(r.group.id)}",group="${label(r.group.name)}"`;
  family('sdrs_group_verdict', 'Readiness verdict of a protection group: 0 READY, 1 DEGRADED, 2 NOT READY.');
  for (const r of d.groups) lines.push(`sdrs_group_verdict{${g(r)}} ${VERDICT_VALUE[r.verdict]}`);
  family('sdrs_group_check', 'One reason of a group verdict: 0 ok, 1 degraded, 2 not ready, -1 unknown (not checked).');
  for (const r of d.groups) for (const c of r.checks) lines.push(`sdrs_group_check{${g(r)},reason="${c.reason}"} ${CHECK_VALUE[c.severity]}`);
  family('sdrs_groups', 'Protection groups checked, by verdict.');
  for (const v of ['READY', 'DEGRADED', 'NOT_READY'] as const) lines.push(`sdrs_groups{verdict="${v}"} ${d.groups.filter((r) => r.verdict === v).length}`);
  if (d.quotas) {
    family('sdrs_quota_used', 'Resources in use against a quota (type: server_groups or replications).');
    for (const q of d.quotas) lines.push(`sdrs_quota_used{type="${label(q.type)}"} ${q.used}`);
    family('sdrs_quota_limit', 'The quota of a resource type; -1 unlimited.');
    for (const q of d.quotas) lines.push(`sdrs_quota_limit{type="${label(q.type)}"} ${q.quota}`);
  }
  family('sdrs_check_timestamp_seconds', 'When this check ran, seconds since the Unix epoch.');
  lines.push(`sdrs_check_timestamp_seconds ${Date.parse(d.checked_at) / 1000}`);
  lines.push('# EOF');
  return lines.join('\n');
}

/** The reasons a check reports, for the docs. */
export const CHECK_REASONS = REASONS;
