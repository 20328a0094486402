/**
 * How every command is declared. A verb module exports:
 *   - `<Verb>Options`: the typed options of one run;
 *   - `register<Verb>(parent, run, runF?)`: declares the flags beside a `<Verb>Flags`
 *     type (what commander parses) and a parse function that turns flags and
 *     arguments into the options, validating them (exit 2, nothing sent);
 *   - `run<Verb>(ctx, options)`: does the work and returns a Result, which the one
 *     output layer (output.ts) renders for people, plain lines or --json.
 * `runF` lets a wiring test capture the parsed options without running anything.
 */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { parseDuration } from '../../config/duration.js';
import { printable } from '../../validate.js';
import { render, type Result } from './output.js';
import { guardSends } from './sent.js';
import { beginJournal, endJournal } from './journal.js';
import { text } from '../../i18n/index.js';
import { pipeline as M } from '../../i18n/catalog/pipeline.js';

/** Runs an action with the context built from the parsed global flags (given by cli.ts). */
export type Runner = (cmd: Command, action: (ctx: Context) => Promise<void>) => Promise<void>;

/** A command's run: typed options in, a Result out (undefined: nothing more to print). */
export type RunF<O> = (ctx: Context, o: O) => Promise<Result | void>;

/** Turns commander's parsed flags and positional arguments into a command's options (throws UsageError). */
export type Parse<F, O> = (args: string[], flags: F) => O;

/**
 * Wires a declared command to its parse and run functions. The flags are read
 * from commander once, here, as the type the command declares next to them.
 */
export function bind<F, O>(cmd: Command, run: Runner, parse: Parse<F, O>, runF: RunF<O>): Command {
  return cmd.action(async (...a: unknown[]) => {
    const c = a[a.length - 1] as Command;
    const args = a.slice(0, -2).flat().filter((x) => x !== undefined) as string[];
    await run(c, async (ctx) => {
      // The local journal: a start record at the first send, an end record here (journal.ts).
      beginJournal(ctx, c);
      let r: Result | void;
      try {
        const options = parse(args, c.opts() as F);
        // From a mutating request's send on, any ending says what is known and how to check (sent.ts).
        r = await guardSends(ctx, () => runF(ctx, options));
      } catch (err) {
        endJournal(ctx, undefined, err);
        throw err;
      }
      endJournal(ctx, r ?? undefined, r?.error);
      render(ctx, r);
      if (r?.error) throw r.error;
    });
  });
}

/** Appends an "Examples:" block to the help (docs/commands.md reads it too). */
export function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', '\nExamples:\n' + lines.map((l) => '  ' + l).join('\n') + '\n');
}

export const DRY_RUN = 'print the exact request (secrets redacted) and send nothing';
export const YES = 'do not ask for confirmation (required without a terminal)';

/** The flags of every command that submits a job and waits for it. */
export function waitOptions(cmd: Command): Command {
  return cmd
    .option('--no-wait', 'print the job id and return at once (resume with: sdrs job wait <job-id>)')
    .option('--timeout <duration>', 'how long to wait for the job: 90s, 10m, 1h; 0 = no limit (default: 30m)')
    .option('--interval <duration>', 'first poll interval; later polls back off (default: 1s)')
    .option('--max-interval <duration>', MAX_INTERVAL);
}

/**
 * `--max-interval`: a hard bound on the gap between polls. The trade-off: a long job's end is
 * noticed at most that late, at the cost of more requests (a 10-minute job at 5s: 120 polls).
 */
export const MAX_INTERVAL = 'longest gap between polls, in every phase (default: 30s, longer while the end is far off): lower notices the end of a long job sooner, with more requests';

/** What commander parses from waitOptions. */
export interface WaitFlagValues {
  wait?: boolean;
  timeout?: string;
  interval?: string;
  maxInterval?: string;
}

/** The wait flags, checked: `--no-wait`, and durations in ms where given. */
export interface WaitFlags {
  wait: boolean;
  timeoutMs?: number;
  intervalMs?: number;
  /** `--max-interval`: no gap between polls is longer. */
  maxIntervalMs?: number;
}

/** Parses --timeout/--interval/--no-wait (exit 2 on bad values). */
export function parseWaitFlags(f: WaitFlagValues): WaitFlags {
  const out: WaitFlags = { wait: f.wait !== false };
  if (f.timeout !== undefined) out.timeoutMs = parseDuration(String(f.timeout), '--timeout');
  if (f.interval !== undefined) {
    out.intervalMs = parseDuration(String(f.interval), '--interval');
    if (out.intervalMs <= 0) throw new UsageError(text(M.intervalPositive));
  }
  if (f.maxInterval !== undefined) {
    out.maxIntervalMs = parseDuration(String(f.maxInterval), '--max-interval');
    if (out.maxIntervalMs <= 0) throw new UsageError(text(M.maxIntervalPositive));
    if (out.intervalMs !== undefined && out.maxIntervalMs < out.intervalMs) throw new UsageError(text(M.maxIntervalShort));
  }
  return out;
}

/** A whole number within bounds, or exit 2 naming the flag. */
export function parseInteger(flag: string, value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(text(M.wholeNumber, { flag, value: printable(String(value)), min, max }));
  return n;
}
