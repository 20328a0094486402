/** `sdrs job show <job-id>`. */
import type { Context } from '../../context.js';
import type { Job } from '../../api/types.js';
import { printJson } from '../../io/output.js';
import { requireId } from '../../validate.js';

/** commander handler. */
export async function jobShowCommand(ctx: Context, args: string[]): Promise<void> {
  const jobId = requireId('job id', args[0]);
  const api = await ctx.api();
  const job = await api.getJob(jobId);
  if (ctx.globals.json) return printJson(ctx.io, job);
  ctx.io.out.write(describeJob(job) + '\n');
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
