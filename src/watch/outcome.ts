/**
 * The errors a watched job ends with, built in one place so `sdrs job show`
 * and the group commands can report a failed job exactly as the watcher does.
 */
import { JobFailedError, safeLine } from '../errors.js';
import type { Job, ServerGroup } from '../api/types.js';
import { nextStepText } from './hints.js';
import { join, text, type Text } from '../i18n/index.js';
import { watch as M } from '../i18n/catalog/watch.js';

/**
 * What is wrong with a group a change has ended on, if anything: an error status
 * (GROUP_ERROR), a status other than the expected one, or production on the other side
 * (UNEXPECTED_GROUP_STATE). One rule for the watcher and for a group followed after a lost answer.
 */
export function groupProblem(group: ServerGroup, expect: GroupExpectation = {}): { problem: Text; code: string } | undefined {
  const status = String(group.status);
  const who = { name: safeLine(group.name), id: group.id, status };
  if (status.startsWith('error')) return { problem: text(M.groupIs, who), code: 'GROUP_ERROR' };
  if (expect.finalStatus && status !== expect.finalStatus) {
    return { problem: text(M.groupIsExpected, { ...who, expected: expect.finalStatus }), code: 'UNEXPECTED_GROUP_STATE' };
  }
  if (expect.priorityStation && group.priority_station !== expect.priorityStation) {
    return { problem: text(M.productionOn, { ...who, station: group.priority_station, expected: expect.priorityStation }), code: 'UNEXPECTED_GROUP_STATE' };
  }
  return undefined;
}

/** What the caller knows about the group and the requested change. */
export interface OutcomeContext {
  /** The group id the job is about (from the caller or `entities.server_group_id`). */
  groupId?: string;
  /** The group as read after the job ended, if it could be read. */
  group?: ServerGroup;
  /** The side a reverse asked for. */
  side?: 'source' | 'target';
}

/** A failed sub-job as reported in error details. */
export interface FailedSubJob {
  job_id: string;
  job_type: string;
  error_code: string | null;
  fail_reason: string | null;
}

/** The sub-jobs of a job that ended in FAIL. */
export function failedSubJobs(job: Job): FailedSubJob[] {
  const subs = Array.isArray(job.entities?.sub_jobs) ? job.entities.sub_jobs : [];
  return subs
    .filter((s) => s && s.status === 'FAIL')
    .map((s) => ({ job_id: s.job_id, job_type: s.job_type, error_code: s.error_code ?? null, fail_reason: s.fail_reason ?? null }));
}

const reason = (code: string | null, why: string | null): Text => {
  const c = code ?? text(M.noErrorCode);
  const w = why ?? text(M.noReason);
  const side = (x: string | Text, l: keyof Text) => (typeof x === 'string' ? x : x[l]);
  return { en: `${side(c, 'en')}: ${side(w, 'en')}`, zh: `${side(c, 'zh')}：${side(w, 'zh')}` };
};

/** JobFailedError (exit 5) for a job in FAIL: codes and reasons of the job and its failed sub-jobs, the group now, the next step. */
export function jobFailedError(job: Job, ctx: OutcomeContext = {}): JobFailedError {
  const subs = failedSubJobs(job);
  const groupId = ctx.groupId ?? ctx.group?.id ?? job.entities?.server_group_id;
  const groupStatus = ctx.group?.status;
  const lines: Text[] = [text(M.jobFailed, { jobId: job.job_id, jobType: job.job_type, reason: reason(job.error_code, job.fail_reason) })];
  for (const s of subs) lines.push(text(M.subJobFailed, { jobId: s.job_id, jobType: s.job_type, reason: reason(s.error_code, s.fail_reason) }));
  if (groupId && groupStatus) lines.push(text(M.groupNow, { group: ctx.group?.name ?? groupId, status: groupStatus }));
  return new JobFailedError(join(lines, '\n'), {
    code: job.error_code ?? 'JOB_FAILED',
    hint: nextStepText({ jobType: job.job_type, groupStatus, group: ctx.group?.name ?? groupId, side: ctx.side, jobId: job.job_id }),
    details: {
      job_id: job.job_id,
      job_type: job.job_type,
      error_code: job.error_code ?? null,
      fail_reason: job.fail_reason ?? null,
      failed_sub_jobs: subs,
      group_id: groupId ?? null,
      group_status: groupStatus ?? null,
    },
  });
}

/** What the group should look like after a successful job. */
export interface GroupExpectation {
  /** e.g. `available` after create, `protected` after reverse. */
  finalStatus?: string;
  /** Where production must run after a reverse. */
  priorityStation?: 'source' | 'target';
}

/**
 * After SUCCESS: JobFailedError (exit 5) if the group is in an `error*` status or
 * does not match the expectation; undefined if all is well.
 */
export function groupOutcomeError(job: Job, group: ServerGroup, expect: GroupExpectation = {}): JobFailedError | undefined {
  const found = groupProblem(group, expect);
  if (!found) return undefined;
  const { problem, code } = found;
  const status = String(group.status);
  return new JobFailedError(text(M.succeededBut, { jobId: job.job_id, jobType: job.job_type, problem }), {
    code,
    hint: nextStepText({ jobType: job.job_type, groupStatus: status, group: group.name || group.id, side: expect.priorityStation, jobId: job.job_id }),
    details: {
      job_id: job.job_id,
      job_type: job.job_type,
      group_id: group.id,
      group_status: status,
      priority_station: group.priority_station,
      ...(expect.finalStatus ? { expected_status: expect.finalStatus } : {}),
      ...(expect.priorityStation ? { expected_priority_station: expect.priorityStation } : {}),
    },
  });
}
