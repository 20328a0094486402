/**
 * Colour for people's output, through chalk. sdrs decides the level itself
 * from the injected environment and streams (NO_COLOR, --no-color, FORCE_COLOR,
 * TERM=dumb, a terminal on stderr) and takes chalk's own detection of what the
 * terminal supports (16, 256 or 16 million colours) when it runs on the real
 * process. chalk is bundled into the CLI chunk (scripts/build.mjs).
 */
import { Chalk, supportsColorStderr, type ChalkInstance } from 'chalk';

/** The styles sdrs uses. */
export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

/** 0 none, 1 basic 16 colours, 2 256 colours, 3 truecolor (chalk's levels). */
export type ColorLevel = 0 | 1 | 2 | 3;

const instances = new Map<ColorLevel, ChalkInstance>();

function chalkAt(level: ColorLevel): ChalkInstance {
  let c = instances.get(level);
  if (!c) instances.set(level, (c = new Chalk({ level })));
  return c;
}

/** The palette for a colour level (a boolean means basic colours or none). */
export function palette(level: ColorLevel | boolean): Palette {
  const l: ColorLevel = level === true ? 1 : level === false ? 0 : level;
  const c = chalkAt(l);
  return { bold: (s) => c.bold(s), dim: (s) => c.dim(s), red: (s) => c.red(s), green: (s) => c.green(s), yellow: (s) => c.yellow(s), cyan: (s) => c.cyan(s) };
}

/**
 * The colour level of stderr. Off with --no-color, NO_COLOR or TERM=dumb;
 * then FORCE_COLOR=0..3 sets it; otherwise on for a terminal, at the depth chalk
 * detects when the environment is the process's own.
 */
export function colorLevel(env: NodeJS.ProcessEnv, stderrIsTTY: boolean, flag: boolean | undefined): ColorLevel {
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.TERM === 'dumb') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') {
    if (force === '0' || force === 'false') return 0;
    const n = Number(force);
    return n >= 1 && n <= 3 ? (n as ColorLevel) : 1;
  }
  if (!stderrIsTTY) return 0;
  const detected = env === process.env && supportsColorStderr ? supportsColorStderr.level : 0;
  return (detected > 0 ? detected : 1) as ColorLevel;
}
