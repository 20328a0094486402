/**
 * IOStreams: the only way commands reach stdin, stdout and stderr.
 * stdout carries data only; everything for people goes to stderr.
 */
import type { Readable, Writable } from 'node:stream';
import { colorLevel, type ColorLevel } from './color.js';

export interface IOStreams {
  in: Readable;
  out: Writable;
  err: Writable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Colour on stderr (people's stream). Off with NO_COLOR, --no-color or TERM=dumb; on at a terminal or with FORCE_COLOR. */
  color: boolean;
  /** How much colour: 0 none to 3 truecolor (chalk's levels). */
  colorLevel: ColorLevel;
  /** Prompts allowed: stdin and stderr are terminals, and neither --no-input nor --json was given. */
  canPrompt: boolean;
  /** A spinner may be drawn: stderr is a terminal and --json was not given. */
  canAnimate: boolean;
  /** Columns of the terminal on stdout (undefined when stdout is not a terminal). */
  columns?: number;
}

export interface StreamFlags {
  json?: boolean;
  input?: boolean;
  color?: boolean;
}

type TTYish = { isTTY?: boolean; columns?: number };

/** Builds IOStreams from real or injected streams and the global flags. */
export function createIOStreams(
  streams: { in: Readable; out: Writable; err: Writable },
  env: NodeJS.ProcessEnv,
  flags: StreamFlags = {},
): IOStreams {
  const stdinIsTTY = Boolean((streams.in as TTYish).isTTY);
  const stdoutIsTTY = Boolean((streams.out as TTYish).isTTY);
  const stderrIsTTY = Boolean((streams.err as TTYish).isTTY);
  const json = flags.json === true;
  const level = colorLevel(env, stderrIsTTY, flags.color);
  const promptDisabled = env.SDRS_NO_INPUT !== undefined && env.SDRS_NO_INPUT !== '' && env.SDRS_NO_INPUT !== '0';
  return {
    ...streams,
    stdinIsTTY,
    stdoutIsTTY,
    stderrIsTTY,
    color: level > 0,
    colorLevel: level,
    canPrompt: stdinIsTTY && stderrIsTTY && flags.input !== false && !json && !promptDisabled,
    canAnimate: stderrIsTTY && !json && env.TERM !== 'dumb',
    columns: stdoutIsTTY ? (streams.out as TTYish).columns : undefined,
  };
}
