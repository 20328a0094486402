/** `sdrs job show <job-id>`: one asynchronous job, described. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Job } from '../../api/types.js';
import { requireId } from '../../validate.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { out, result, type Result } from '../shared/output.js';

/** The options of one run. */
export interface ShowOptions {
  jobId: string;
}

/** `job show`'s argument, help and wiring. */
export function registerShow(job: Command, run: Runner, runF: RunF<ShowOptions> = runShow): Command {
  const cmd = job.command('show').description('show a job').argument('<job-id>', 'job id');
  examples(cmd, ['$ sdrs job show 0a1b...ff --json | jq -r .status']);
  return bind(cmd, run, (args): ShowOptions => ({ jobId: requireId('job id', args[0]) }), runF);
}

/** Reads the job: the API object with --json, a description otherwise. */
export async function runShow(ctx: Context, o: ShowOptions): Promise<Result<Job>> {
  const api = await ctx.api();
  const job = await api.getJob(o.jobId);
  return result(job, out(describeJob(job)));
}

/** A readable description of a job and its sub-jobs. */
export function describeJob(job: Job): string {
  const lines = [
    `Job:      ${job.job_id}`,
    `Type:     ${job.job_type}`,
    `Status:   ${job.status}`,
    `Started:  ${job.begin_time ?? '-'}`,
    `Ended:    ${job.end_time ?? '-'}`,
  ];
  const e = job.entities ?? {};
  if (e.server_group_id) lines.push(`Group:    ${e.server_group_id}`);
  if (job.error_code || job.fail_reason) lines.push(`Error:    ${job.error_code ?? ''} ${job.fail_reason ?? ''}`.trimEnd());
  for (const s of e.sub_jobs ?? []) {
    lines.push(`  sub-job ${s.job_id} ${s.job_type} ${s.status}${s.error_code ? ` ${s.error_code}: ${s.fail_reason ?? ''}` : ''}`);
  }
  return lines.join('\n');
}
