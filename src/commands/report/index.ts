/**
 * `sdrs report`: a DR report an auditor can read, from the local journal and the
 * service's current state (docs/journal.md): per group the last drill, switchover and
 * failover with result and measured time, when readiness was last checked, failures (the
 * task centre's and the journal's) and what was done, drills due, readiness now (as
 * `sdrs check` gives it), the RPO-exceedance trend, a timeline of every phase; as
 * Markdown, self-contained HTML, CSV or JSON.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { ConfigError, UsageError, safeLine } from '../../errors.js';
import { safeJson } from '../../io/output.js';
import { t, text } from '../../i18n/index.js';
import { reportMsg as R } from '../../i18n/catalog/report.js';
import { filterOperations } from '../../journal/operations.js';
import { buildReport, type ReportModel } from '../../journal/report.js';
import { renderCsv, renderHtml, renderMarkdown } from '../../journal/render.js';
import { parseSince } from '../../journal/since.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { note, out, result, type Block, type Result } from '../shared/output.js';
import { loadOperations } from '../shared/journal-read.js';
import { readService, sourceEnv, SERVICE_SOURCES } from './sources.js';

export const FORMATS = ['md', 'html', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** The options of one run. */
export interface ReportOptions {
  since: string;
  groups: string[];
  format: Format;
  output?: string;
  /** Read the service (current statuses, drills due); false with --no-service. */
  service: boolean;
}

/** What commander parses. */
interface ReportFlags {
  since?: string;
  group?: string[];
  format?: string;
  output?: string;
  service?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

function formatOf(f: ReportFlags): Format {
  const given = f.format?.trim().toLowerCase();
  const fromFile = f.output ? /\.(md|markdown|html?|json|csv)$/i.exec(f.output)?.[1].toLowerCase() : undefined;
  const want = given ?? (fromFile === 'markdown' ? 'md' : fromFile === 'htm' ? 'html' : fromFile) ?? 'md';
  if (!(FORMATS as readonly string[]).includes(want)) throw new UsageError(text(R.badFormat, { value: JSON.stringify(safeLine(f.format ?? '').slice(0, 20)), formats: FORMATS.join(', ') }));
  return want as Format;
}

/** Completes the top-level `report` command. */
export function registerReport(cmd: Command, run: Runner, runF: RunF<ReportOptions> = runReport): Command {
  cmd
    .option('--since <age>', 'operations started within this age (90d, 12h, 2w), since a date (2026-01-31), or all', '90d')
    .option('--group <group>', 'only this group, by name or id (repeatable, or comma-separated)', collect)
    .option('--format <format>', `md, html, json or csv (default: from the -o file's extension, else md)`)
    .option('-o, --output <file>', 'write the report to this file (default: stdout)')
    .option('--no-service', 'do not read the service: the journal only (offline)');
  examples(cmd, [
    '$ sdrs report --format html -o dr-report.html',
    '$ sdrs report --since 365d --group erp --format md > erp-dr.md',
    "$ sdrs report --format json | jq '.groups[] | {name, last_drill}'",
  ]);
  return bind(cmd, run, (_args, f: ReportFlags): ReportOptions => {
    const since = f.since ?? '90d';
    parseSince(since, Date.now());
    return { since, groups: f.group ?? [], format: formatOf(f), ...(f.output ? { output: f.output } : {}), service: f.service !== false };
  }, runF);
}

/** The report in one format. */
export function renderReport(m: ReportModel, format: Format): string {
  switch (format) {
    case 'md': return renderMarkdown(m);
    case 'html': return renderHtml(m);
    case 'csv': return renderCsv(m);
    default: return safeJson(m, 2) + '\n';
  }
}

/** Builds the model from the journal and the service, renders it, writes it. */
export async function runReport(ctx: Context, o: ReportOptions): Promise<Result> {
  const { path, ops, skipped, warnings } = loadOperations(ctx);
  const now = ctx.clock.now();
  const sinceMs = parseSince(o.since, now);
  const inRange = filterOperations(ops, { sinceMs, groups: o.groups });
  let service: Awaited<ReturnType<typeof readService>> = { facts: {}, status: [] };
  const notes: Block[] = [];
  if (o.service) {
    try {
      const api = await ctx.api();
      const env = sourceEnv(api, { now, ...(sinceMs !== undefined ? { sinceMs } : {}), groupFilter: o.groups });
      service = await readService(SERVICE_SOURCES.map((s) => s(api, env)));
    } catch (err) {
      // No configuration or credentials: the journal alone still makes a report.
      if (!(err instanceof ConfigError) && !(err instanceof Error && 'exitCode' in err && (err as { exitCode: number }).exitCode === 4)) throw err;
      service.status.push({ name: 'service', state: 'failed', note: safeLine(err.message).slice(0, 300) });
    }
    for (const s of service.status.filter((x) => x.state === 'failed')) notes.push(note(t(R.serviceUnread, { name: s.name, note: s.note ?? '' }), 'warn'));
  }
  const model = buildReport({
    ops: inRange,
    journalPath: path,
    skipped,
    since: sinceMs === undefined ? R.sinceStart.en : new Date(sinceMs).toISOString(),
    now: new Date(now).toISOString(),
    groupFilter: o.groups,
    service: service.facts,
    sources: o.service ? service.status : [{ name: 'service', state: 'skipped', note: '--no-service' }],
  });
  const rendered = renderReport(model, o.format);
  if (!o.output) {
    if (ctx.globals.json) return result(model, ...warnings, ...notes);
    return { data: undefined, blocks: [...warnings, ...notes, { kind: 'out', text: rendered.replace(/\r?\n$/, '') }] };
  }
  const file = resolve(ctx.cwd, o.output);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, rendered, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (err) {
    throw new ConfigError(text(R.cannotWrite, { file, reason: safeLine(err instanceof Error ? err.message : String(err)) }));
  }
  return result(
    { file, format: o.format, operations: model.operations.length, groups: model.groups.length, timeline_bars: model.timeline.length },
    ...warnings,
    ...notes,
    out(file),
    note(t(R.written, { file, format: o.format, ops: model.operations.length, groups: model.groups.length })),
  );
}
