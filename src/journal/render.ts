/**
 * The DR report's renderers: Markdown (wikis, tickets), HTML (one self-contained file:
 * inline CSS and SVG, no script, no external URL, a Content-Security-Policy that lets
 * nothing load) and CSV (one row per journaled operation, then, after a blank line, one
 * row per other fact: readiness, failures, last checks, RPO points, sources). JSON is the model itself.
 * All text from the service or the journal is escaped for the format it goes into.
 */
import { safeLine } from '../errors.js';
import type { Operation } from './operations.js';
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
const result = (op: Operation) => `${op.outcome}${op.exit_code !== undefined ? ` (exit ${op.exit_code})` : ''}`;
const measured = (s?: OpSummary) => (s?.downtime_ms !== undefined ? `downtime ${dur(s.downtime_ms)}` : s?.recovery_ms !== undefined ? `recovery ${dur(s.recovery_ms)}` : undefined);
const lastOf = (s?: OpSummary) => (s ? [s.started_at.slice(0, 16).replace('T', ' '), s.outcome, dur(s.duration_ms), measured(s)].filter(Boolean).join(', ') : 'none on record');
const failureText = (f: FailureFact) => [f.at?.slice(0, 16).replace('T', ' '), f.operation, f.code, f.message, f.action].filter(Boolean).join(' — ');
const checkText = (c?: CheckSummary) => (c ? `${c.at.slice(0, 16).replace('T', ' ')}, ${c.verdict.replace('_', ' ')}` : 'never on record');
const verdictOf = (r: ReadinessRow) => (r.verdict ?? (r.ready ? 'READY' : 'NOT_READY')).replace('_', ' ');
const reasonsText = (r: ReadinessRow) => (r.reasons ? (r.reasons.length ? r.reasons.map((x) => `${x.reason}: ${x.message}${x.fix ? ` (fix: ${x.fix})` : ''}`).join('; ') : 'every reason ok') : r.reason);

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

const rpoSummary = (t: RpoTrend) => (t.points.length
  ? `${t.points.length} point(s) from ${t.points[0].point_time} to ${t.points[t.points.length - 1].point_time}; most pairs over their RPO at once: ${t.max}; latest: ${t.latest!.resource_num} at ${t.latest!.point_time}`
  : `no point since ${t.from}`);

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
  l.push(`# ${m.title}`, '');
  l.push(`Generated ${m.generated_at} from the local journal (${mdCell(m.journal.path)}, operations since ${m.since}) and the service's current state. Each fact says its source: *journal* (recorded on this machine when the operation ran) or *service* (read from SDRS now).`, '');
  if (m.journal.skipped_lines) l.push(`Warning: ${m.journal.skipped_lines} journal line(s) could not be read and were skipped.`, '');
  l.push('## Groups', '');
  l.push(...mdTable(['Group', 'Now (service)', 'Drills (service)', 'Drill overdue (service)', 'Last drill (journal)', 'Last switchover (journal)', 'Last failover (journal)', 'Last check (journal)', 'Operations (journal)'],
    m.groups.map((g) => [g.name, g.current ? `${g.current.status}, production ${g.current.production_az}` : '-', g.drills?.count ?? '-', g.drill_overdue ? (g.drill_overdue.value ? 'yes' : 'no') : '-', lastOf(g.last_drill), lastOf(g.last_switchover), lastOf(g.last_failover), checkText(g.last_check), g.operations])));
  l.push('', '## Readiness (service)', '');
  l.push('The verdict `sdrs check` gives now, with every reason that is not ok and the command that fixes it.', '');
  l.push(...mdTable(['Group', 'Verdict', 'Status', 'Production', 'Replication', 'Health', 'Why (fix)'], m.readiness.map((r) => [r.group, verdictOf(r), r.status, r.production, r.replication, r.health, reasonsText(r)])));
  l.push('', '## Failures', '');
  l.push('From the task centre (*service*) and the journal; *recovered* when the journal shows a later successful operation of the same kind on the group, else *open*.', '');
  const failures = m.groups.flatMap((g) => g.failures.map((f) => [g.name, f.at ?? '-', f.operation, f.code ?? '-', f.message ?? '-', f.state ?? '-', f.action ?? '-', f.job_id ?? '-', f.source]));
  l.push(...(failures.length ? mdTable(['Group', 'When', 'Operation', 'Code', 'Message', 'State', 'What was done', 'Job', 'Source'], failures) : ['None recorded.']));
  l.push('', '## RPO exceedance (service)', '');
  if (!m.rpo) l.push('Not read (see Sources).');
  else {
    l.push(`Replication pairs of the project over their RPO (tenant-wide): ${mdCell(rpoSummary(m.rpo))}.`, '');
    if (m.rpo.points.length) {
      l.push(`\`${textSparkline(m.rpo.points.map((p) => p.resource_num))}\``, '');
      l.push(...mdTable(['From', 'To', 'Pairs over RPO', 'Points'], m.rpo.runs.map((r) => [r.from, r.to, r.resource_num, r.points])));
    }
  }
  l.push('', '## Timeline (journal)', '');
  l.push(...(m.timeline.length ? mdTable(['Group', 'Operation', 'Phase', 'Start', 'End', 'Duration', 'Result'], m.timeline.map((b) => [b.group, b.kind, b.phase, b.start, b.end, dur(Date.parse(b.end) - Date.parse(b.start)), b.result])) : ['No phases recorded.']));
  l.push('', '## Operations (journal)', '');
  l.push(...mdTable(['Started', 'Kind', 'Groups', 'Result', 'Duration', 'Downtime/recovery', 'Jobs', 'User', 'Note', 'Command', 'Run'],
    m.operations.map((op) => [op.started_at, op.kind, groupNames(op), result(op) + (op.resume ? `; resume: ${op.resume}` : ''), dur(op.duration_ms), op.downtime_ms !== undefined ? `downtime ${dur(op.downtime_ms)}` : op.recovery_ms !== undefined ? `recovery ${dur(op.recovery_ms)}` : '-', op.jobs.map((j) => j.job_id).join(' ') || '-', op.user, op.note ?? '-', `sdrs ${op.argv.join(' ')}`, op.run])));
  l.push('', '## Sources', '');
  l.push(`- journal: ${mdCell(m.journal.path)} (${m.journal.operations} operation(s))`);
  for (const s of m.service) l.push(`- service: ${mdCell(s.name)}: ${s.state}${s.note ? ` (${mdCell(s.note)})` : ''}`);
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
  if (!bars.length) return '<p>No operations with phases in this period.</p>';
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
  parts.push(`<svg id="timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Timeline of operations and phases">`);
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
  if (!r.reasons.length) return 'every reason ok';
  return `<ul>${r.reasons.map((x) => `<li data-reason="${esc(x.reason)}"><b>${esc(x.reason)}</b>: ${esc(x.message)}${x.fix ? `<br>fix: <code>${esc(x.fix)}</code>` : ''}</li>`).join('')}</ul>`;
}

/** The RPO trend: an inline SVG sparkline (one bar per bucket of points) and the runs of equal counts. */
export function rpoHtml(t: RpoTrend | null): string {
  if (!t) return '<p>Not read (see Sources).</p>';
  const head = `<p>Replication pairs of the project over their RPO (tenant-wide): ${esc(rpoSummary(t))}. ${tag('service')}</p>`;
  if (!t.points.length) return head;
  const b = buckets(t.points.map((p) => p.resource_num), 240);
  const max = Math.max(1, ...b);
  const w = 4;
  const h = 40;
  const bars = b.map((v, i) => `<rect class="rpo${v > 0 ? ' over' : ''}" x="${i * w}" y="${(h - Math.max(1, (v / max) * h)).toFixed(1)}" width="${w - 1}" height="${Math.max(1, (v / max) * h).toFixed(1)}"><title>${esc(v)}</title></rect>`).join('');
  const svg = `<svg id="rpo" width="${b.length * w}" height="${h}" viewBox="0 0 ${b.length * w} ${h}" role="img" aria-label="Pairs over their RPO">${bars}</svg>`;
  const runs = htmlTable('rpo-runs', ['From', 'To', 'Pairs over RPO', 'Points'], t.runs.map((r) => ({ cells: [esc(r.from), esc(r.to), `<span class="${r.resource_num > 0 ? 'no' : 'yes'}">${esc(r.resource_num)}</span>`, esc(r.points)] })));
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
  const last = (s?: OpSummary) => (s ? `${esc(lastOf(s))}${tag('journal')}` : `none on record${tag('journal')}`);
  return {
    attrs: ` data-group="${esc(g.id ?? g.name)}"`,
    cells: [
      esc(g.name),
      g.current ? `${esc(`${g.current.status}, production ${g.current.production_az}`)}${tag('service')}` : '-',
      g.drills ? `${esc(g.drills.count)}${tag('service')}` : '-',
      g.drill_overdue ? `<span class="${g.drill_overdue.value ? 'no' : 'yes'}">${g.drill_overdue.value ? 'overdue' : 'no'}</span>${tag(g.drill_overdue.source)}` : '-',
      last(g.last_drill),
      last(g.last_switchover),
      last(g.last_failover),
      `${esc(checkText(g.last_check))}${tag('journal')}`,
      esc(g.operations),
    ],
  };
}

export function renderHtml(m: ReportModel): string {
  const failures = m.groups.flatMap((g) => g.failures.map((f) => ({
    attrs: ` data-state="${esc(f.state ?? '-')}" data-source="${esc(f.source)}"`,
    cells: [esc(g.name), esc(failureText(f)), f.state ? `<span class="${f.state === 'recovered' ? 'yes' : 'no'}">${esc(f.state)}</span>` : '-', f.job_id ? `<code>${esc(f.job_id)}</code>` : '-', tag(f.source)],
  })));
  const body = [
    `<h1>${esc(m.title)}</h1>`,
    `<p>Generated ${esc(m.generated_at)} from the local journal (<code>${esc(m.journal.path)}</code>, operations since ${esc(m.since)}) and the service's current state. Each fact is marked with its source: ${tag('journal')} recorded on this machine when the operation ran, ${tag('service')} read from SDRS now.</p>`,
    m.journal.skipped_lines ? `<p class="no">${esc(m.journal.skipped_lines)} journal line(s) could not be read and were skipped.</p>` : '',
    '<h2>Groups</h2>',
    htmlTable('groups', ['Group', 'Now', 'Drills', 'Drill due', 'Last drill', 'Last switchover', 'Last failover', 'Last check', 'Operations'], m.groups.map(groupRow)),
    '<h2>Readiness</h2>',
    '<p>The verdict <code>sdrs check</code> gives now, with every reason that is not ok and the command that fixes it.</p>',
    htmlTable('readiness', ['Group', 'Verdict', 'Status', 'Production', 'Replication', 'Health', 'Why (fix)', 'Source'], m.readiness.map((r) => ({
      attrs: ` data-group="${esc(r.group_id)}" data-verdict="${esc(r.verdict ?? (r.ready ? 'READY' : 'NOT_READY'))}"`,
      cells: [esc(r.group), `<span class="${r.ready ? 'yes' : 'no'}">${esc(verdictOf(r))}</span>`, esc(r.status), esc(r.production), esc(r.replication), esc(r.health), reasonsHtml(r), tag(r.source)],
    }))),
    '<h2>Timeline</h2>',
    '<p>One bar per phase of each operation (an operation without phases is one bar), one lane per group. Green: done; red: failed; amber: unfinished.</p>',
    timelineSvg(m.timeline),
    '<h2>Failures</h2>',
    '<p>From the task centre and the journal; recovered when the journal shows a later successful operation of the same kind on the group, else open.</p>',
    failures.length ? htmlTable('failures', ['Group', 'What happened and what was done', 'State', 'Job', 'Source'], failures) : '<p>None recorded.</p>',
    '<h2>RPO exceedance</h2>',
    rpoHtml(m.rpo),
    '<h2>Operations</h2>',
    htmlTable('operations', ['Started', 'Kind', 'Groups', 'Result', 'Duration', 'Downtime / recovery', 'Jobs', 'User', 'Note', 'Command'], m.operations.map((op) => ({
      attrs: ` data-run="${esc(op.run)}"`,
      cells: [
        esc(op.started_at), esc(op.kind), esc(groupNames(op)), esc(result(op)) + (op.resume ? `<br>resume: <code>${esc(op.resume)}</code>` : ''), esc(dur(op.duration_ms)),
        esc(op.downtime_ms !== undefined ? `downtime ${dur(op.downtime_ms)}` : op.recovery_ms !== undefined ? `recovery ${dur(op.recovery_ms)}` : '-'),
        op.jobs.map((j) => `<code>${esc(j.job_id)}</code>`).join(' ') || '-', esc(op.user), esc(op.note ?? '-'), `<code>${esc(`sdrs ${op.argv.join(' ')}`)}</code>`,
      ],
    }))),
    '<h2>Sources</h2>',
    `<ul><li>journal: <code>${esc(m.journal.path)}</code> (${esc(m.journal.operations)} operation(s))</li>${m.service.map((s) => `<li>service: ${esc(s.name)}: ${esc(s.state)}${s.note ? ` (${esc(s.note)})` : ''}</li>`).join('')}</ul>`,
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.title)}</title><style>${CSS}</style></head>
<body>
${body}
</body></html>
`;
}
