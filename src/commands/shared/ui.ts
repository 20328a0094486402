/** Progress messages while a command runs (stderr, for people); the final output is the Result. */
import type { Context } from '../../context.js';
import { palette } from '../../io/color.js';
import { clean, paint, type Tone } from './output.js';

/**
 * Prints a line for people on stderr now (progress, checklists, notes before a confirmation).
 * Control characters and bidi overrides in it (service text) are escaped; colour a part
 * of it with `tint` only around our own words.
 */
export function say(ctx: Context, line: string, tone: Tone = 'plain'): void {
  ctx.io.err.write(paint(palette(ctx.io.colorLevel), tone, clean(line, ctx.io.colorLevel)) + '\n');
}

/** A green tick / red cross prefix. */
export function mark(ctx: Context, ok: boolean): string {
  const p = palette(ctx.io.colorLevel);
  return ok ? p.green('✔') : p.red('✖');
}

/** Colours part of a line. */
export function tint(ctx: Context, tone: Tone, text: string): string {
  return paint(palette(ctx.io.colorLevel), tone, text);
}
