/** Output helpers: JSON documents and plain tables on stdout. */
import type { IOStreams } from './streams.js';
import { safeLine } from '../errors.js';

/**
 * Characters JSON.stringify leaves raw that a terminal acts on or that reorder text:
 * DEL and C1 controls, and the bidi and line-separator marks. They can only stand
 * inside strings, where `\uXXXX` is the same value, so the document means the same.
 */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with the characters above escaped. */
export function safeJson(data: unknown, indent?: number): string {
  return JSON.stringify(data, null, indent).replace(JSON_UNSAFE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Prints one JSON document on stdout (indented on a terminal, compact when piped). */
export function printJson(io: IOStreams, data: unknown): void {
  io.out.write(safeJson(data, io.stdoutIsTTY ? 2 : undefined) + '\n');
}

/** A table cell as text: control characters and bidi marks escaped, and on one line. */
function cellText(c: string | number | null | undefined): string {
  return c === null || c === undefined ? '-' : safeLine(String(c));
}

/** How a table is laid out at a terminal; without it, full values and no colour (pipes: scripts parse them). */
export interface TableStyle {
  /**
   * The terminal's width: to fit it, long ids are shortened (first 8 characters and "…"), then
   * columns dropped (`dropOrder`), then the widest column cut, instead of letting lines wrap.
   */
  columns?: number;
  /**
   * Colours a cell: `text` is the cell as printed (already escaped), never padded; the colour
   * codes are added around escaped text only, so service text cannot bring its own.
   */
  paint?: (header: string, text: string) => string;
  /** Headers in the order they are dropped to fit. @default from the right, never the first column, NAME, STATUS or FAULT */
  dropOrder?: string[];
}

/** What fitting the terminal did, so the caller can say how to see everything. */
export interface TableFit {
  /** Ids were shortened to 8 characters and "…". */
  shortenedIds: boolean;
  /** Headers of the columns left out. */
  dropped: string[];
  /** Some cells were cut to fit. */
  cut: boolean;
}

/** A 32-hex id or a UUID (with dashes): what is shortened first when a table does not fit. */
const LONG_ID = /^[0-9a-f]{8}(?:-?[0-9a-f]{4}){3}-?[0-9a-f]{12}$/i;

/** `s` cut to at most `width` columns, ending in "…" when cut. */
export function truncateTo(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let outText = '';
  let w = 0;
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (w + cw > width - 1) break;
    outText += ch;
    w += cw;
  }
  return outText + '…';
}

/** Columns a narrow terminal never drops (the first one neither), with their Chinese headers. */
const KEPT_COLUMNS: ReadonlySet<string> = new Set(['NAME', 'STATUS', 'FAULT', '名称', '状态', '故障级别']);

/** Lays out a table (see TableStyle) and says what fitting it to the terminal did. */
export function layoutTable(headers: string[], rows: (string | number | null | undefined)[][], style: TableStyle = {}): { text: string; fit: TableFit } {
  let cells = [headers.map((h) => safeLine(h)), ...rows.map((r) => headers.map((_, i) => cellText(r[i])))];
  let keep = headers.map((_, i) => i);
  const fit: TableFit = { shortenedIds: false, dropped: [], cut: false };
  const widthOf = (i: number) => Math.max(...cells.map((r) => displayWidth(r[i] ?? '')));
  const total = () => keep.reduce((a, i) => a + widthOf(i), 0) + 2 * (keep.length - 1);
  const max = style.columns !== undefined && style.columns > 0 ? style.columns : undefined;
  if (max !== undefined && total() > max) {
    cells = cells.map((r, ri) => (ri === 0 ? r : r.map((c) => (LONG_ID.test(c) ? (fit.shortenedIds = true, `${c.slice(0, 8)}…`) : c))));
    const order = style.dropOrder
      ? style.dropOrder.map((h) => headers.indexOf(h)).filter((i) => i >= 0)
      : keep.slice(1).filter((i) => !KEPT_COLUMNS.has(headers[i])).reverse();
    for (const i of order) {
      if (total() <= max || keep.length <= 2) break;
      keep = keep.filter((k) => k !== i);
      fit.dropped.push(headers[i]);
    }
    // Still too wide: cut the widest column to what is left, but never below 6 columns.
    for (let guard = 0; total() > max && guard < keep.length; guard++) {
      const widest = keep.reduce((a, i) => (widthOf(i) > widthOf(a) ? i : a), keep[0]);
      const room = Math.max(6, widthOf(widest) - (total() - max));
      if (room >= widthOf(widest)) break;
      cells = cells.map((r) => r.map((c, i) => (i === widest ? truncateTo(c, room) : c)));
      fit.cut = true;
    }
  }
  const widths = new Map(keep.map((i) => [i, widthOf(i)]));
  const last = keep[keep.length - 1];
  const text = cells
    .map((r, ri) =>
      keep
        .map((i) => {
          const c = r[i] ?? '';
          const shown = ri > 0 && style.paint ? style.paint(headers[i], c) : c;
          return i === last ? shown : shown + ' '.repeat(widths.get(i)! - displayWidth(c));
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
  return { text, fit };
}

/** Renders rows as an aligned text table: full values and no colour unless a style says otherwise. */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][], style?: TableStyle): string {
  return layoutTable(headers, rows, style).text;
}

/** Prints a table on stdout. */
export function printTable(io: IOStreams, headers: string[], rows: (string | number | null | undefined)[][], style?: TableStyle): TableFit {
  const { text, fit } = layoutTable(headers, rows, style);
  io.out.write(text + '\n');
  return fit;
}

/** Terminal width of a string: CJK characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) ? 2 : 1;
  }
  return w;
}
