/**
 * The one output layer. A command's run returns a Result: the data (the
 * `--json` document) and the view for people (stdout lines and tables, stderr
 * messages). `render` prints it in the mode the run is in: a person at a
 * terminal (colour), plain lines (scripts, CI), or one JSON document.
 */
import type { Context } from '../../context.js';
import { palette, type Palette } from '../../io/color.js';
import { printJson, printTable, type TableStyle } from '../../io/output.js';
import { safeText, type SdrsError } from '../../errors.js';
import { CHILD_BUSY, faultMeaning, groupInProgress } from '../../api/rules.js';
import { language, local, t } from '../../i18n/index.js';
import { joinList } from '../../i18n/compose.js';
import { pipeline as M } from '../../i18n/catalog/pipeline.js';

/** How a stderr message is coloured for people. */
export type Tone = 'plain' | 'ok' | 'warn' | 'bad' | 'dim' | 'bold';

/** One piece of the people's view, in order. */
export type Block =
  /**
   * A line (or lines) of data on stdout. `styled`: the text was built for this run's stdout
   * (`tableStyle`) with its service parts already escaped, so the colour in it is sdrs's own;
   * `tone` colours a plain line when stdout is a terminal with colour on.
   */
  | { kind: 'out'; text: string; styled?: boolean; tone?: Tone }
  /** An aligned table on stdout. */
  | { kind: 'table'; headers: string[]; rows: (string | number | null | undefined)[][] }
  /** A message for people on stderr; `always`: printed with --json too. */
  | { kind: 'say'; text: string; tone: Tone; always: boolean };

/** What a command's run returns. */
export interface Result<T = unknown> {
  /** The --json document; undefined prints nothing on stdout with --json. */
  data?: T;
  /** The view for people (without --json; `say` blocks marked `always` in both modes). */
  blocks: Block[];
  /** A partial failure, reported after the result is printed and setting the exit code (e.g. one of several groups failed). */
  error?: SdrsError;
  /** What the local journal records about this operation beyond the sends it saw (docs/journal.md). */
  journal?: JournalFacts;
}

/**
 * Facts a command knows about the operation it ran, for the journal and the reports:
 * what kind of operation it was, the groups, the phases with their times, and the
 * measured downtime (planned switchover) or recovery time (failover, drill).
 */
export interface JournalFacts {
  /** e.g. 'switchover', 'failover', 'drill', 'reverse', 'create', 'plan'. */
  kind?: string;
  groups?: { id: string; name?: string }[];
  /** Each phase, per group where it has one; times as ISO 8601 strings. */
  phases?: { name: string; group?: string; started_at: string; ended_at?: string; result?: 'ok' | 'failed' | 'unfinished' }[];
  /** Planned switchover: first production server stopped to last DR-site server started. */
  downtime_ms?: number;
  /** Failover or drill: start to the recovered (or drill) servers ready. */
  recovery_ms?: number;
  /** Anything else worth keeping (no secrets). */
  extra?: Record<string, unknown>;
  /**
   * A read kept as evidence (`sdrs check`): journaled although nothing was sent; it ended
   * `ok` when it answered (exit 0, or 8: checked, not ready).
   */
  read?: boolean;
}

/** A stdout line (or several, joined by newlines). */
export const out = (text: string): Block => ({ kind: 'out', text });
/** Text built with `tableStyle(ctx)` (service parts escaped with safeLine/formatTable, colour ours) for stdout. */
export const styledOut = (text: string): Block => ({ kind: 'out', text, styled: true });
/** A stdout line coloured by `tone` when stdout is a terminal (e.g. a table row by its verdict). */
export const outTone = (text: string, tone: Tone): Block => ({ kind: 'out', text, tone });
/** A table on stdout. */
export const table = (headers: string[], rows: (string | number | null | undefined)[][]): Block => ({ kind: 'table', headers, rows });
/** A message on stderr for people (not with --json). */
export const say = (text: string, tone: Tone = 'plain'): Block => ({ kind: 'say', text, tone, always: false });
/** A message on stderr in every mode (e.g. "Nothing to do", "Dry run: nothing was sent."). */
export const note = (text: string, tone: Tone = 'plain'): Block => ({ kind: 'say', text, tone, always: true });

/** A result: data for --json, blocks for people. */
export function result<T>(data: T | undefined, ...blocks: Block[]): Result<T> {
  return { data, blocks };
}

/**
 * The colour (SGR) sequences chalk writes for the palette (bold, dim, red, green, yellow, cyan
 * and their resets) and no others: a service name carrying, say, conceal (`ESC[8m`) is escaped.
 */
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const SGR = /\u001b\[(?:1|2|22|31|32|33|36|39)m/g;

/**
 * Text for a terminal: control characters and bidi overrides (service text) escaped,
 * keeping the colour sequences that `tint` and `mark` put around our own words when
 * colour is on (with colour off there are none, so every escape character is escaped).
 */
export function clean(text: string, colorLevel: number): string {
  if (colorLevel === 0) return safeText(text);
  const codes = text.match(SGR) ?? [];
  return text.split(SGR).map((part, i) => safeText(part) + (codes[i] ?? '')).join('');
}

/** Colours a line by tone. */
export function paint(p: Palette, tone: Tone, text: string): string {
  switch (tone) {
    case 'ok': return p.green(text);
    case 'warn': return p.yellow(text);
    case 'bad': return p.red(text);
    case 'dim': return p.dim(text);
    case 'bold': return p.bold(text);
    default: return text;
  }
}

/**
 * Prints a result in the run's mode. Text may carry what the service said (names,
 * descriptions, reasons), so control characters and bidi overrides are escaped
 * before any colour is added; tables escape their cells; JSON escapes C1 and bidi.
 */
export function render(ctx: Context, r: Result | undefined | void): void {
  if (!r) return;
  const json = ctx.globals.json;
  const p = palette(ctx.io.colorLevel);
  const style = tableStyle(ctx);
  for (const b of r.blocks) {
    if (b.kind === 'say') {
      if (!json || b.always) ctx.io.err.write(paint(p, b.tone, clean(b.text, ctx.io.colorLevel)) + '\n');
    } else if (!json) {
      if (b.kind === 'out') ctx.io.out.write((b.styled ? b.text : b.tone && ctx.io.stdoutIsTTY ? paint(p, b.tone, clean(b.text, 0)) : clean(b.text, 0)) + '\n');
      else {
        const fit = printTable(ctx.io, b.headers, b.rows, style);
        const what = [
          ...(fit.shortenedIds ? [t(M.idsShortened)] : []),
          ...(fit.dropped.length ? [t(M.columnsHidden, { columns: local(joinList(fit.dropped)) })] : []),
          ...(fit.cut ? [t(M.valuesCut)] : []),
        ];
        if (what.length) ctx.io.err.write(p.dim(t(M.toFit, { what: what.join(language() === 'zh-CN' ? '；' : '; '), columns: style.columns })) + '\n');
      }
    }
  }
  if (json && r.data !== undefined) printJson(ctx.io, r.data);
}

/**
 * How a status reads at a glance: red for `error*` and other broken states, yellow while something
 * is under way (a group operation, a busy child, a server changing state), green for the healthy
 * finals (protected, ACTIVE, a replication that runs); undefined leaves it plain.
 */
export function statusTone(status: string): Tone | undefined {
  const s = status.trim();
  const l = s.toLowerCase();
  if (l.startsWith('error') || ['invalid', 'fault', 'failed', 'fail', 'not_found', 'deleted'].includes(l)) return 'bad';
  if (groupInProgress(l) || CHILD_BUSY.has(l) || ['init', 'running', 'build', 'reboot', 'hard_reboot', 'resize', 'verify_resize', 'migrating', 'powering-on', 'powering-off', 'synchronizing', 'submitted'].includes(l)) return 'warn';
  if (['protected', 'active', 'success', 'ok', 'done'].includes(l)) return 'ok';
  return undefined;
}

/** A pair's fault level (`5`, `2 FAILOVER ADVISED`): red for 5 (failover not allowed), yellow for 2 (failover advised). */
export function faultTone(cell: string): Tone | undefined {
  const m = faultMeaning(cell.trim().split(/\s+/)[0]);
  return m === 'failover-not-allowed' ? 'bad' : m === 'failover-advised' ? 'warn' : undefined;
}

/**
 * The tone of a table cell by its column: statuses, power states, replication and fault levels.
 * Chinese headers are recognised by the service's terms: 故障… (fault level), …状态 (status),
 * 电源… (power), 复制… (replication), 结果 (result).
 */
export function cellTone(header: string, text: string): Tone | undefined {
  const h = header.toUpperCase().trim();
  if (h.startsWith('FAULT') || h.startsWith('故障')) return faultTone(text);
  if (h === 'STATUS' || h === 'POWER' || h === 'REPLICATION' || h === 'RESULT' || h.endsWith(' STATUS')) return statusTone(text);
  if (h.endsWith('状态') || h.startsWith('电源') || h.startsWith('复制') || h === '结果') return statusTone(text);
  return undefined;
}

/**
 * The table style of this run's stdout: at a terminal, its width (tables fit it) and, when colour
 * is on, cells coloured by cellTone; in a pipe or with --json, full values and no colour.
 */
export function tableStyle(ctx: Context): TableStyle & { palette?: Palette } {
  if (!ctx.io.stdoutIsTTY || ctx.globals.json) return {};
  const level = ctx.io.colorLevel;
  const p = level > 0 ? palette(level) : undefined;
  return {
    columns: ctx.io.columns,
    ...(p ? { palette: p, paint: (header: string, text: string) => { const t = cellTone(header, text); return t ? paint(p, t, text) : text; } } : {}),
  };
}
