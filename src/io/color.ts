/**
 * Colour for people's output. A tiny ANSI helper rather than chalk on the hot
 * path: `sdrs --help` and plain error messages must not pay for loading it.
 */
export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const ON: Palette = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};
const id = (s: string) => s;
const OFF: Palette = { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id };

/** Returns the palette for an enabled flag. */
export function palette(enabled: boolean): Palette {
  return enabled ? ON : OFF;
}
