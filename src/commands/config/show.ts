/** `sdrs config show`. */
import type { Context } from '../../context.js';

/** commander handler. */
export async function configShowCommand(ctx: Context): Promise<void> {
  const { runConfigShow } = await import('../../config/show.js');
  await runConfigShow({ io: ctx.io, json: ctx.globals.json, config: () => ctx.config() });
}
