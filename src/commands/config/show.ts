/** `sdrs config show`: the resolved settings and where each came from, secrets masked (src/config/show.ts builds them). */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { ConfigShowData } from '../../config/show.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { out, result, type Result } from '../shared/output.js';

/** The options of one run (none: the global flags choose the profile). */
export type ShowOptions = Record<string, never>;

/** `config show`'s help and wiring. */
export function registerShow(config: Command, run: Runner, runF: RunF<ShowOptions> = runShow): Command {
  const cmd = config.command('show').description('show the resolved settings and where each came from (secrets masked)');
  examples(cmd, ['$ sdrs config show', '$ sdrs --profile dr config show --json | jq -r .settings.region.value']);
  return bind(cmd, run, (): ShowOptions => ({}), runF);
}

/** Loads the configuration: the settings document with --json, an aligned table otherwise. */
export async function runShow(ctx: Context, _o: ShowOptions): Promise<Result<ConfigShowData>> {
  const { buildConfigShow, formatConfigShow } = await import('../../config/show.js');
  const data = buildConfigShow(await ctx.config());
  return result(data, out(formatConfigShow(data)));
}
