/** `sdrs server start <server...>`: start servers and wait until they are ACTIVE. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import type { Result } from '../shared/output.js';
import { declarePower, parsePower, runPower, type PowerFlags, type PowerRunOptions } from './power.js';

/** The options of one run. */
export interface StartOptions extends PowerRunOptions {
  /** Start DR-site servers of protected groups too (refused otherwise: exit 3, nothing sent). */
  allowDrSite: boolean;
}

/** What commander parses. */
interface StartFlags extends PowerFlags {
  allowDrSite?: boolean;
}

/** `server start`'s arguments, flags, help and wiring. */
export function registerStart(server: Command, run: Runner, runF: RunF<StartOptions> = runStart): Command {
  const cmd = declarePower(server.command('start').description('start servers and wait until they are ACTIVE (a DR-site server of a protected group is refused)'), (c) =>
    c.option('--allow-dr-site', 'also start DR-site servers of protected groups (they normally stay stopped until a reverse or failover)'),
  );
  examples(cmd, ['$ sdrs server start erp-app-01 --az cn-north-4b || echo "start failed: exit $?"']);
  return bind(cmd, run, (args, f: StartFlags) => ({ ...parsePower(args, f), allowDrSite: f.allowDrSite === true }), runF);
}

/** Starts the servers. */
export function runStart(ctx: Context, o: StartOptions): Promise<Result> {
  return runPower(ctx, 'start', o);
}
