/**
 * IOStreams: the only way commands reach stdin, stdout and stderr.
 * stdout carries data only; everything for people goes to stderr.
 */
import type { Readable, Writable } from 'node:stream';

export interface IOStreams {
  in: Readable;
  out: Writable;
  err: Writable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Colour on stderr (people's stream). Off with NO_COLOR, --no-color, --json or a non-terminal. */
  color: boolean;
  /** Prompts allowed: stdin and stderr are terminals, and neither --no-input nor --json was given. */
  canPrompt: boolean;
  /** A spinner may be drawn: stderr is a terminal and --json was not given. */
  canAnimate: boolean;
}

export interface StreamFlags {
  json?: boolean;
  input?: boolean;
  color?: boolean;
}

type TTYish = { isTTY?: boolean };

/** Builds IOStreams from real or injected streams and the global flags. */
export function createIOStreams(
  streams: { in: Readable; out: Writable; err: Writable },
  env: NodeJS.ProcessEnv,
  flags: StreamFlags = {},
): IOStreams {
  const stdinIsTTY = Boolean((streams.in as TTYish).isTTY);
  const stdoutIsTTY = Boolean((streams.out as TTYish).isTTY);
  const stderrIsTTY = Boolean((streams.err as TTYish).isTTY);
  const noColorEnv = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forceColor = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const json = flags.json === true;
  const color =
    flags.color !== false && !noColorEnv && env.TERM !== 'dumb' && (forceColor || stderrIsTTY);
  const promptDisabled = env.SDRS_NO_INPUT !== undefined && env.SDRS_NO_INPUT !== '' && env.SDRS_NO_INPUT !== '0';
  return {
    ...streams,
    stdinIsTTY,
    stdoutIsTTY,
    stderrIsTTY,
    color,
    canPrompt: stdinIsTTY && stderrIsTTY && flags.input !== false && !json && !promptDisabled,
    canAnimate: stderrIsTTY && !json && env.TERM !== 'dumb',
  };
}

/** Writes one line to a stream. */
export function writeLine(stream: Writable, line = ''): void {
  stream.write(line + '\n');
}
