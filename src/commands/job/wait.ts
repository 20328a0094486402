/** `sdrs job wait <job-id>`: resume watching a job from anywhere. */
import type { Context } from '../../context.js';
import { printJson } from '../../io/output.js';
import { requireId } from '../../validate.js';
import { parseWaitFlags, say, waitSettings, watch } from '../shared.js';
import { describeJob } from './show.js';

/** commander handler. */
export async function jobWaitCommand(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<void> {
  const jobId = requireId('job id', args[0]);
  const flags = await parseWaitFlags(opts);
  const api = await ctx.api();
  const settings = await waitSettings(ctx, flags);
  const result = await watch(ctx, api, settings, { jobId, label: `Waiting for job ${jobId}` });
  if (ctx.globals.json) return printJson(ctx.io, result.job);
  say(ctx, `Job ${jobId} finished: ${result.job.status}`);
  ctx.io.out.write(describeJob(result.job) + '\n');
}
