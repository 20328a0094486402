/**
 * The DR report's renderers: Markdown (wikis, tickets), HTML (one self-contained file:
 * inline CSS and SVG, no script, no external URL, a Content-Security-Policy that lets
 * nothing load) and CSV (one row per journaled operation, then, after a blank line, one
 * row per other fact: readiness, failures, last checks, RPO points, sources). JSON is the model itself.
 * All text from the service or the journal is escaped for the format it goes into.
 */
import { safeLine } from '../errors.js';
import type { Operation } from './operations.js';
import { language, t } from '../i18n/index.js';
import { reportMsg as R } from '../i18n/catalog/report.js';
import type { CheckSummary, FailureFact, GroupReport, OpSummary, ReadinessRow, ReportModel, RpoTrend, TimelineBar } from './report.js';

/** Milliseconds as `1.3s`, `4m05s`, `2h03m`. */
export function dur(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

const groupNames = (op: Operation) => [...new Set([...op.groups, ...op.final_statuses].map((g) => g.name ?? g.id))].join(' ');
const result = (op: Operation) => (op.exit_code !== undefined ? t(R.exitOf, { outcome: op.outcome, code: op.exit_code }) : op.outcome);
const measured = (s?: Pick<OpSummary, 'downtime_ms' | 'recovery_ms'>) => (s?.downtime_ms !== undefined ? t(R.downtime, { time: dur(s.downtime_ms) }) : s?.recovery_ms !== undefined ? t(R.recovery, { time: dur(s.recovery_ms) }) : undefined);
const lastOf = (s?: OpSummary) => (s ? [s.started_at.slice(0, 16).replace('T', ' '), s.outcome, dur(s.duration_ms), measured(s)].filter(Boolean).join(', ') : t(R.noneOnRecord));
const failureText = (f: FailureFact) => [f.at?.slice(0, 16).replace('T', ' '), f.operation, f.code, f.message, f.action].filter(Boolean).join(' — ');
const checkText = (c?: CheckSummary) => (c ? `${c.at.slice(0, 16).replace('T', ' ')}, ${c.verdict.replace('_', ' ')}` : t(R.neverOnRecord));
const verdictOf = (r: ReadinessRow) => (r.verdict ?? (r.ready ? 'READY' : 'NOT_READY')).replace('_', ' ');
const reasonsText = (r: ReadinessRow) => (r.reasons ? (r.reasons.length ? r.reasons.map((x) => `${x.reason}: ${x.message}${x.fix ? ` (${t(R.fix, { fix: x.fix })})` : ''}`).join('; ') : t(R.everyReasonOk)) : r.reason);

const BARS = '▁▂▃▄▅▆▇█';

/** The counts as bars, at most `width` (the most of each bucket when there are more points). */
export function buckets(values: number[], width: number): number[] {
  const per = Math.max(1, Math.ceil(values.length / width));
  const out: number[] = [];
  for (let i = 0; i < values.length; i += per) out.push(Math.max(...values.slice(i, i + per)));
  return out;
}

/** A text sparkline, one character per bucket, scaled to the maximum; zero is the lowest bar. */
export function textSparkline(values: number[], width = 60): string {
  const b = buckets(values, width);
  const max = Math.max(0, ...b);
  return b.map((v) => (max === 0 ? BARS[0] : BARS[Math.round((v / max) * (BARS.length - 1))])).join('');
}

const rpoSummary = (r: RpoTrend) => (r.points.length
  ? t(R.rpoSummary, { n: r.points.length, from: r.points[0].point_time, to: r.points[r.points.length - 1].point_time, max: r.max, latest: r.latest!.resource_num, at: r.latest!.point_time })
  : t(R.rpoNone, { from: r.from }));
const downRec = (op: Operation) => measured(op) ?? '-';
/** The report's period start for people (the model keeps the English of "all"). */
const sinceText = (m: ReportModel) => (m.since === R.sinceStart.en ? t(R.sinceStart) : m.since);

// ---------- Markdown ----------

/** One Markdown table cell: one line, the characters Markdown acts on escaped. */
export function mdCell(text: unknown): string {
  return safeLine(String(text ?? '')).replace(/[\\|`*_<>[\]#]/g, (c) => `\\${c}`);
}

function mdTable(headers: string[], rows: unknown[][]): string[] {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)];
}

export function renderMarkdown(m: ReportModel): string {
  const l: string[] = [];
  // The prose follows the run's language (docs/journal.md); the facts stay as the model has them.
  const title = m.title === R.title.en ? t(R.title) : m.title;
  l.push(`# ${title}`, '');
  l.push(t(R.mdIntro, { at: m.generated_at, path: mdCell(m.journal.path), since: sinceText(m) }), '');
  if (m.journal.skipped_lines) l.push(t(R.mdSkipped, { n: m.journal.skipped_lines }), '');
  l.push(`## ${t(R.hGroups)}`, '');
  l.push(...mdTable([t(R.cGroup), t(R.cNowService), t(R.cDrillsService), t(R.cDrillOverdueService), t(R.cLastDrillJournal), t(R.cLastSwitchoverJournal), t(R.cLastFailoverJournal), t(R.cLastCheckJournal), t(R.cOperationsJournal)],
    m.groups.map((g) => [g.name, g.current ? t(R.production, { status: g.current.status, az: g.current.production_az }) : '-', g.drills?.count ?? '-', g.drill_overdue ? (g.drill_overdue.value ? t(R.yes) : t(R.no)) : '-', lastOf(g.last_drill), lastOf(g.last_switchover), lastOf(g.last_failover), checkText(g.last_check), g.operations])));
  l.push('', `## ${t(R.hReadinessService)}`, '');
  l.push(t(R.readinessIntro), '');
  l.push(...mdTable([t(R.cGroup), t(R.cVerdict), t(R.cStatus), t(R.cProduction), t(R.cReplication), t(R.cHealth), t(R.cWhy)], m.readiness.map((r) => [r.group, verdictOf(r), r.status, r.production, r.replication, r.health, reasonsText(r)])));
  l.push('', `## ${t(R.hFailures)}`, '');
  l.push(t(R.failuresIntroMd), '');
  const failures = m.groups.flatMap((g) => g.failures.map((f) => [g.name, f.at ?? '-', f.operation, f.code ?? '-', f.message ?? '-', f.state ?? '-', f.action ?? '-', f.job_id ?? '-', f.source]));
  l.push(...(failures.length ? mdTable([t(R.cGroup), t(R.cWhen), t(R.cOperation), t(R.cCode), t(R.cMessage), t(R.cState), t(R.cDone), t(R.cJob), t(R.cSource)], failures) : [t(R.noneRecorded)]));
  l.push('', `## ${t(R.hRpoService)}`, '');
  if (!m.rpo) l.push(t(R.notRead));
  else {
    l.push(t(R.rpoLine, { summary: mdCell(rpoSummary(m.rpo)) }), '');
    if (m.rpo.points.length) {
      l.push(`\`${textSparkline(m.rpo.points.map((p) => p.resource_num))}\``, '');
      l.push(...mdTable([t(R.cFrom), t(R.cTo), t(R.cPairsOver), t(R.cPoints)], m.rpo.runs.map((r) => [r.from, r.to, r.resource_num, r.points])));
    }
  }
  l.push('', `## ${t(R.hTimelineJournal)}`, '');
  l.push(...(m.timeline.length ? mdTable([t(R.cGroup), t(R.cOperation), t(R.cPhase), t(R.cStart), t(R.cEnd), t(R.cDuration), t(R.cResult)], m.timeline.map((b) => [b.group, b.kind, b.phase, b.start, b.end, dur(Date.parse(b.end) - Date.parse(b.start)), b.result])) : [t(R.noPhases)]));
  l.push('', `## ${t(R.hOperationsJournal)}`, '');
  l.push(...mdTable([t(R.cStarted), t(R.cKind), t(R.cGroups), t(R.cResult), t(R.cDuration), t(R.cDownRec), t(R.cJobs), t(R.cUser), t(R.cNote), t(R.cCommand), t(R.cRun)],
    m.operations.map((op) => [op.started_at, op.kind, groupNames(op), result(op) + (op.resume ? `; ${t(R.resume, { command: op.resume })}` : ''), dur(op.duration_ms), downRec(op), op.jobs.map((j) => j.job_id).join(' ') || '-', op.user, op.note ?? '-', `sdrs ${op.argv.join(' ')}`, op.run])));
  l.push('', `## ${t(R.hSources)}`, '');
  l.push(`- ${t(R.sourceJournal, { path: mdCell(m.journal.path), n: m.journal.operations })}`);
  for (const s of m.service) l.push(`- ${t(R.sourceService, { name: mdCell(s.name), state: s.state })}${s.note ? ` (${mdCell(s.note)})` : ''}`);
  return l.join('\n') + '\n';
}

// ---------- CSV ----------

/** One CSV field (RFC 4180), with a leading = + - @ (a spreadsheet formula) neutralised by a quote mark. */
export function csvField(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return String(v);
  let s = safeLine(String(v));
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'run', 'state', 'started_at', 'ended_at', 'duration_ms', 'kind', 'groups', 'group_ids', 'outcome', 'exit_code', 'error_code', 'job_ids',
  'downtime_ms', 'recovery_ms', 'phases', 'user', 'host', 'profile', 'region', 'project_id', 'endpoint', 'note', 'command', 'resume', 'source',
] as const;

export function renderCsv(m: ReportModel): string {
  const rows = m.operations.map((op) => [
    op.run, op.state, op.started_at, op.ended_at, op.duration_ms, op.kind, groupNames(op), op.groups.map((g) => g.id).join(' '), op.outcome, op.exit_code, op.error_code,
    op.jobs.map((j) => j.job_id).join(' '), op.downtime_ms, op.recovery_ms,
    op.phases.map((p) => `${p.group ? `${p.group}:` : ''}${p.name}=${p.ended_at ? Date.parse(p.ended_at) - Date.parse(p.started_at) : '?'}ms`).join(' '),
    op.user, op.host, op.profile, op.region, op.project_id, op.endpoint, op.note, `sdrs ${op.argv.join(' ')}`, op.resume, op.source,
  ]);
  const extra = extraRows(m);
  return [CSV_COLUMNS.join(','), ...rows.map((r) => r.map(csvField).join(',')), '', EXTRA_CSV_COLUMNS.join(','), ...extra.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
}

/**
 * The second table of the CSV, after a blank line: the report's other facts, one row
 * each, the first column naming the section (`grep ^rpo,`): readiness (a `verdict` row
 * per group, then a row per reason not ok with its fix), failure, last_check, rpo, source.
 */
export const EXTRA_CSV_COLUMNS = ['section', 'group', 'group_id', 'time', 'name', 'value', 'code', 'message', 'action', 'source'] as const;

function extraRows(m: ReportModel): unknown[][] {
  const rows: unknown[][] = [];
  for (const r of m.readiness) {
    rows.push(['readiness', r.group, r.group_id, m.generated_at, 'verdict', r.verdict ?? (r.ready ? 'READY' : 'NOT_READY'), '', r.reasons ? '' : r.reason, '', r.source]);
    for (const x of r.reasons ?? []) rows.push(['readiness', r.group, r.group_id, m.generated_at, x.reason, x.severity, '', x.message, x.fix, r.source]);
  }
  for (const g of m.groups) for (const f of g.failures) rows.push(['failure', g.name, g.id, f.at, f.operation, f.state, f.code, f.message, f.action, f.source]);
  for (const g of m.groups) if (g.last_check) rows.push(['last_check', g.name, g.id, g.last_check.at, 'verdict', g.last_check.verdict, '', g.last_check.not_ok.join('; '), g.last_check.run, 'journal']);
  for (const p of m.rpo?.points ?? []) rows.push(['rpo', '', '', p.point_time, 'pairs_over_rpo', p.resource_num, '', '', '', p.source]);
  for (const s of m.service) rows.push(['source', '', '', '', s.name, s.state, '', s.note, '', 'service']);
  return rows;
}

// ---------- HTML ----------

/** Text for HTML content and attribute values. */
export function esc(text: unknown): string {
  return safeLine(String(text ?? '')).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const tag = (source: string) => `<span class="src src-${source === 'service' ? 'service' : 'journal'}">${esc(source)}</span>`;

function htmlTable(id: string, headers: string[], rows: { attrs?: string; cells: string[] }[]): string {
  return `<table id="${id}"><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr${r.attrs ?? ''}>${r.cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The Gantt chart: one lane per group, one bar per phase. */
export function timelineSvg(bars: TimelineBar[]): string {
  if (!bars.length) return `<p>${t(R.noTimeline)}</p>`;
  const lanes = [...new Set(bars.map((b) => b.group))];
  const t0 = Math.min(...bars.map((b) => Date.parse(b.start)));
  const t1 = Math.max(...bars.map((b) => Date.parse(b.end)), t0 + 1);
  const labelW = 160;
  const width = 960;
  const plotW = width - labelW - 20;
  const laneH = 28;
  const top = 24;
  const height = top + lanes.length * laneH + 10;
  const x = (t: number) => labelW + ((t - t0) / (t1 - t0)) * plotW;
  const parts: string[] = [];
  parts.push(`<svg id="timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${t(R.timelineLabel)}">`);
  parts.push(`<text x="${labelW}" y="14" class="axis">${esc(new Date(t0).toISOString())}</text><text x="${width - 20}" y="14" class="axis" text-anchor="end">${esc(new Date(t1).toISOString())}</text>`);
  lanes.forEach((lane, i) => {
    const y = top + i * laneH;
    parts.push(`<text x="4" y="${y + 18}" class="lane">${esc(lane)}</text><line x1="${labelW}" x2="${width - 20}" y1="${y + laneH - 2}" y2="${y + laneH - 2}" class="grid"/>`);
  });
  for (const b of bars) {
    const y = top + lanes.indexOf(b.group) * laneH + 4;
    const s = Date.parse(b.start);
    const e = Date.parse(b.end);
    const w = Math.max(2, x(e) - x(s));
    const cls = b.result === 'ok' ? 'ok' : b.result === 'unfinished' || b.result === 'running' ? 'open' : 'bad';
    parts.push(`<rect class="bar ${cls}" data-run="${esc(b.run)}" data-phase="${esc(b.phase)}" data-group="${esc(b.group)}" x="${x(s).toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${laneH - 10}"><title>${esc(`${b.group}: ${b.kind} / ${b.phase}, ${b.start} to ${b.end} (${dur(e - s)}), ${b.result}`)}</title></rect>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

function reasonsHtml(r: ReadinessRow): string {
  if (!r.reasons) return esc(r.reason);
  if (!r.reasons.length) return esc(t(R.everyReasonOk));
  return `<ul>${r.reasons.map((x) => `<li data-reason="${esc(x.reason)}"><b>${esc(x.reason)}</b>: ${esc(x.message)}${x.fix ? `<br>${t(R.fix, { fix: `<code>${esc(x.fix)}</code>` })}` : ''}</li>`).join('')}</ul>`;
}

/** The RPO trend: an inline SVG sparkline (one bar per bucket of points) and the runs of equal counts. */
export function rpoHtml(trend: RpoTrend | null): string {
  if (!trend) return `<p>${esc(t(R.notRead))}</p>`;
  const head = `<p>${t(R.rpoLine, { summary: esc(rpoSummary(trend)) })} ${tag('service')}</p>`;
  if (!trend.points.length) return head;
  const b = buckets(trend.points.map((p) => p.resource_num), 240);
  const max = Math.max(1, ...b);
  const w = 4;
  const h = 40;
  const bars = b.map((v, i) => `<rect class="rpo${v > 0 ? ' over' : ''}" x="${i * w}" y="${(h - Math.max(1, (v / max) * h)).toFixed(1)}" width="${w - 1}" height="${Math.max(1, (v / max) * h).toFixed(1)}"><title>${esc(v)}</title></rect>`).join('');
  const svg = `<svg id="rpo" width="${b.length * w}" height="${h}" viewBox="0 0 ${b.length * w} ${h}" role="img" aria-label="${t(R.rpoLabel)}">${bars}</svg>`;
  const runs = htmlTable('rpo-runs', [t(R.cFrom), t(R.cTo), t(R.cPairsOver), t(R.cPoints)], trend.runs.map((r) => ({ cells: [esc(r.from), esc(r.to), `<span class="${r.resource_num > 0 ? 'no' : 'yes'}">${esc(r.resource_num)}</span>`, esc(r.points)] })));
  return `${head}${svg}${runs}`;
}

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1b1f24;max-width:1200px}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa}.src{font-size:.7rem;padding:0 4px;border-radius:3px;margin-left:4px}
.src-journal{background:#ddf4ff}.src-service{background:#fff8c5}.yes{color:#1a7f37;font-weight:600}.no{color:#cf222e;font-weight:600}
svg .rpo{fill:#8c959f}svg .rpo.over{fill:#cf222e}svg .bar.ok{fill:#2da44e}svg .bar.bad{fill:#cf222e}svg .bar.open{fill:#bf8700}svg .lane,svg .axis{font-size:11px;fill:#57606a}svg .grid{stroke:#eaeef2}
code{font-size:.8rem}`;

function groupRow(g: GroupReport): { cells: string[]; attrs: string } {
  const last = (s?: OpSummary) => (s ? `${esc(lastOf(s))}${tag('journal')}` : `${esc(t(R.noneOnRecord))}${tag('journal')}`);
  return {
    attrs: ` data-group="${esc(g.id ?? g.name)}"`,
    cells: [
      esc(g.name),
      g.current ? `${esc(t(R.production, { status: g.current.status, az: g.current.production_az }))}${tag('service')}` : '-',
      g.drills ? `${esc(g.drills.count)}${tag('service')}` : '-',
      g.drill_overdue ? `<span class="${g.drill_overdue.value ? 'no' : 'yes'}">${esc(g.drill_overdue.value ? t(R.overdue) : t(R.no))}</span>${tag(g.drill_overdue.source)}` : '-',
      last(g.last_drill),
      last(g.last_switchover),
      last(g.last_failover),
      `${esc(checkText(g.last_check))}${tag('journal')}`,
      esc(g.operations),
    ],
  };
}

export function renderHtml(m: ReportModel): string {
  const title = m.title === R.title.en ? t(R.title) : m.title;
  const failures = m.groups.flatMap((g) => g.failures.map((f) => ({
    attrs: ` data-state="${esc(f.state ?? '-')}" data-source="${esc(f.source)}"`,
    cells: [esc(g.name), esc(failureText(f)), f.state ? `<span class="${f.state === 'recovered' ? 'yes' : 'no'}">${esc(f.state)}</span>` : '-', f.job_id ? `<code>${esc(f.job_id)}</code>` : '-', tag(f.source)],
  })));
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p>${t(R.htmlIntro, { at: esc(m.generated_at), path: esc(m.journal.path), since: esc(sinceText(m)), journal: tag('journal'), service: tag('service') })}</p>`,
    m.journal.skipped_lines ? `<p class="no">${esc(t(R.htmlSkipped, { n: m.journal.skipped_lines }))}</p>` : '',
    `<h2>${esc(t(R.hGroups))}</h2>`,
    htmlTable('groups', [t(R.cGroup), t(R.cNow), t(R.cDrills), t(R.cDrillDue), t(R.cLastDrill), t(R.cLastSwitchover), t(R.cLastFailover), t(R.cLastCheck), t(R.cOperations)], m.groups.map(groupRow)),
    `<h2>${esc(t(R.hReadiness))}</h2>`,
    `<p>${t(R.readinessIntroHtml)}</p>`,
    htmlTable('readiness', [t(R.cGroup), t(R.cVerdict), t(R.cStatus), t(R.cProduction), t(R.cReplication), t(R.cHealth), t(R.cWhy), t(R.cSource)], m.readiness.map((r) => ({
      attrs: ` data-group="${esc(r.group_id)}" data-verdict="${esc(r.verdict ?? (r.ready ? 'READY' : 'NOT_READY'))}"`,
      cells: [esc(r.group), `<span class="${r.ready ? 'yes' : 'no'}">${esc(verdictOf(r))}</span>`, esc(r.status), esc(r.production), esc(r.replication), esc(r.health), reasonsHtml(r), tag(r.source)],
    }))),
    `<h2>${esc(t(R.hTimeline))}</h2>`,
    `<p>${esc(t(R.timelineIntro))}</p>`,
    timelineSvg(m.timeline),
    `<h2>${esc(t(R.hFailures))}</h2>`,
    `<p>${esc(t(R.failuresIntroHtml))}</p>`,
    failures.length ? htmlTable('failures', [t(R.cGroup), t(R.cWhatHappened), t(R.cState), t(R.cJob), t(R.cSource)], failures) : `<p>${esc(t(R.noneRecorded))}</p>`,
    `<h2>${esc(t(R.hRpo))}</h2>`,
    rpoHtml(m.rpo),
    `<h2>${esc(t(R.hOperations))}</h2>`,
    htmlTable('operations', [t(R.cStarted), t(R.cKind), t(R.cGroups), t(R.cResult), t(R.cDuration), t(R.cDownRecHtml), t(R.cJobs), t(R.cUser), t(R.cNote), t(R.cCommand)], m.operations.map((op) => ({
      attrs: ` data-run="${esc(op.run)}"`,
      cells: [
        esc(op.started_at), esc(op.kind), esc(groupNames(op)), esc(result(op)) + (op.resume ? `<br>${t(R.resume, { command: `<code>${esc(op.resume)}</code>` })}` : ''), esc(dur(op.duration_ms)),
        esc(downRec(op)),
        op.jobs.map((j) => `<code>${esc(j.job_id)}</code>`).join(' ') || '-', esc(op.user), esc(op.note ?? '-'), `<code>${esc(`sdrs ${op.argv.join(' ')}`)}</code>`,
      ],
    }))),
    `<h2>${esc(t(R.hSources))}</h2>`,
    `<ul><li>${t(R.sourceJournal, { path: `<code>${esc(m.journal.path)}</code>`, n: esc(m.journal.operations) })}</li>${m.service.map((s) => `<li>${t(R.sourceService, { name: esc(s.name), state: esc(s.state) })}${s.note ? ` (${esc(s.note)})` : ''}</li>`).join('')}</ul>`,
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="${language() === 'zh-CN' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body>
${body}
</body></html>
`;
}
