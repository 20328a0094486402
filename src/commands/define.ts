/** Small helpers for declaring commands: lazy actions, example blocks, the shared wait flags. */
import type { Command } from 'commander';
import type { Context } from '../context.js';

/** Runs an action with the context built from the parsed global flags. */
export type Runner = (cmd: Command, action: (ctx: Context) => Promise<void>) => Promise<void>;

/** A command's implementation: positional arguments and parsed options. */
export type Handler = (ctx: Context, args: string[], opts: Record<string, unknown>) => Promise<void>;

/** Wraps a lazily loaded handler as a commander action. */
export function lazy(run: Runner, load: () => Promise<Handler>) {
  return async (...a: unknown[]) => {
    const cmd = a[a.length - 1] as Command;
    const opts = cmd.opts() as Record<string, unknown>;
    const args = a.slice(0, -2).flat().filter((x) => x !== undefined) as string[];
    await run(cmd, async (ctx) => (await load())(ctx, args, opts));
  };
}

/** Appends an "Examples:" block to the help (docs/commands.md reads it too). */
export function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', '\nExamples:\n' + lines.map((l) => '  ' + l).join('\n') + '\n');
}

/** The flags of every command that submits a job and waits for it. */
export function waitOptions(cmd: Command): Command {
  return cmd
    .option('--no-wait', 'print the job id and return at once (resume with: sdrs job wait <job-id>)')
    .option('--timeout <duration>', 'how long to wait for the job: 90s, 10m, 1h; 0 = no limit (default: 30m)')
    .option('--interval <duration>', 'first poll interval; later polls back off (default: 1s)');
}
