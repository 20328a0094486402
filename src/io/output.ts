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

/** Renders rows as an aligned text table (no colour: stdout is data). */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(cellText))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - displayWidth(c))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Prints a table on stdout. */
export function printTable(io: IOStreams, headers: string[], rows: (string | number | null | undefined)[][]): void {
  io.out.write(formatTable(headers, rows) + '\n');
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
