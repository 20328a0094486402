/** `sdrs job show <job-id>`: one asynchronous job, described. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Job } from '../../api/types.js';
import { requireId } from '../../validate.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { out, result, type Result } from '../shared/output.js';
import { t } from '../../i18n/index.js';
import { jobMsg as M } from '../../i18n/catalog/job.js';
import { alignedLines } from '../group/show.js';

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
  const rows: [string, string][] = [
    [t(M.fJob), job.job_id],
    [t(M.fType), job.job_type],
    [t(M.fStatus), job.status],
    [t(M.fStarted), job.begin_time ?? '-'],
    [t(M.fEnded), job.end_time ?? '-'],
  ];
  const e = job.entities ?? {};
  if (e.server_group_id) rows.push([t(M.fGroup), e.server_group_id]);
  const failed = Boolean(job.error_code || job.fail_reason);
  if (failed) rows.push([t(M.fError), `${job.error_code ?? ''} ${job.fail_reason ?? ''}`]);
  const lines = alignedLines(rows, 10);
  if (failed) lines.push(lines.pop()!.trimEnd());
  for (const s of e.sub_jobs ?? []) {
    lines.push(s.error_code
      ? t(M.subJobFailed, { id: s.job_id, type: s.job_type, status: s.status, code: s.error_code, reason: s.fail_reason ?? '' })
      : t(M.subJob, { id: s.job_id, type: s.job_type, status: s.status }));
  }
  return lines.join('\n');
}
