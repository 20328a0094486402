/** `sdrs server stop <server...>`: soft-stop servers and wait until they are SHUTOFF. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { bind, examples, YES, type RunF, type Runner } from '../shared/command.js';
import type { Result } from '../shared/output.js';
import { declarePower, parsePower, runPower, type PowerFlags, type PowerRunOptions } from './power.js';

/** The options of one run. */
export interface StopOptions extends PowerRunOptions {
  /** Do not ask (required without a terminal). */
  yes: boolean;
}

/** What commander parses. */
interface StopFlags extends PowerFlags {
  yes?: boolean;
}

/** `server stop`'s arguments, flags, help and wiring. */
export function registerStop(server: Command, run: Runner, runF: RunF<StopOptions> = runStop): Command {
  const cmd = declarePower(
    server.command('stop').description('stop servers (soft) and wait until they are SHUTOFF'),
    (c) => c.option('-y, --yes', YES),
  );
  examples(cmd, ['$ sdrs server stop erp-app-01 erp-db-01 --az cn-north-4a --yes --json | jq -r ".[].status"']);
  return bind(cmd, run, (args, f: StopFlags): StopOptions => ({ ...parsePower(args, f), yes: f.yes === true }), runF);
}

/** Stops the servers (asks first, or needs --yes without a terminal). */
export function runStop(ctx: Context, o: StopOptions): Promise<Result> {
  return runPower(ctx, 'stop', o);
}
