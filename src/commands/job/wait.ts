/** `sdrs job wait <job-id>`: resume watching a job from anywhere. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Job } from '../../api/types.js';
import { requireId } from '../../validate.js';
import { bind, examples, MAX_INTERVAL, parseWaitFlags, type RunF, type Runner, type WaitFlags as CheckedWaitFlags } from '../shared/command.js';
import { out, result, say, type Result } from '../shared/output.js';
import { waitSettings, watch } from '../shared/wait.js';
import { describeJob } from './show.js';
import { t } from '../../i18n/index.js';
import { jobMsg as M } from '../../i18n/catalog/job.js';

/** The options of one run. */
export interface WaitOptions {
  jobId: string;
  /** An ECS job (a server stop or start) rather than an SDRS job. */
  ecs: boolean;
  wait: CheckedWaitFlags;
}

/** What commander parses (no `--no-wait`: waiting is the point). */
interface WaitFlags {
  timeout?: string;
  interval?: string;
  maxInterval?: string;
  ecs?: boolean;
}

/** `job wait`'s argument, flags, help and wiring. */
export function registerWait(job: Command, run: Runner, runF: RunF<WaitOptions> = runWait): Command {
  const cmd = job
    .command('wait')
    .description('wait for a job to finish (resume watching from anywhere)')
    .argument('<job-id>', 'job id')
    .option('--timeout <duration>', 'how long to wait: 90s, 10m, 1h; 0 = no limit (default: 30m)')
    .option('--interval <duration>', 'first poll interval (default: 1s)')
    .option('--max-interval <duration>', MAX_INTERVAL)
    .option('--ecs', 'an ECS job (server stop/start --no-wait), read from ECS rather than SDRS');
  examples(cmd, ['$ sdrs job wait 0a1b...ff --timeout 1h || echo "exit $?"', '$ sdrs job wait "$(sdrs server stop web-01 --yes --no-wait)" --ecs']);
  return bind(cmd, run, (args, f: WaitFlags): WaitOptions => ({ jobId: requireId('job id', args[0]), ecs: f.ecs === true, wait: parseWaitFlags(f) }), runF);
}

/** Watches the job to its end: the job object with --json, its description otherwise. */
export async function runWait(ctx: Context, o: WaitOptions): Promise<Result<Job>> {
  const api = await ctx.api();
  const settings = await waitSettings(ctx, o.wait);
  const { job } = await watch(ctx, api, settings, {
    jobId: o.jobId,
    label: t(o.ecs ? M.opWaitingEcs : M.opWaiting, { id: o.jobId }),
    ...(o.ecs ? { kind: 'ecs' as const, resumeCommand: `sdrs job wait ${o.jobId} --ecs` } : {}),
  });
  return result(job, say(t(M.finished, { id: o.jobId, status: job.status })), out(describeJob(job)));
}
