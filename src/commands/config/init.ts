/** `sdrs config init`. */
import type { Context } from '../../context.js';
import { printJson } from '../../io/output.js';
import { palette } from '../../io/color.js';

/** commander handler. */
export async function configInitCommand(ctx: Context, _args: string[], opts: Record<string, unknown>): Promise<void> {
  const { runConfigInit } = await import('../../config/init.js');
  const result = await runConfigInit({
    io: ctx.io,
    env: ctx.env,
    homeDir: ctx.homeDir,
    canPrompt: ctx.io.canPrompt,
    warn: (line) => ctx.io.err.write(palette(ctx.io.color).yellow(`warning: ${line}`) + '\n'),
    flags: {
      profile: ctx.globals.profile,
      region: ctx.globals.region,
      projectId: ctx.globals.projectId,
      endpoint: ctx.globals.endpoint,
      accessKey: opts.accessKey as string | undefined,
      secretKeyStdin: opts.secretKeyStdin === true,
    },
  });
  if (ctx.globals.json) return printJson(ctx.io, result);
  ctx.io.err.write(`${result.created ? 'Created' : 'Updated'} profile ${result.profile} in ${result.file} (mode 0600).\n`);
}
