/**
 * Next-step hints after a failed job, as a small function of the job type and
 * the group's status now, so commands (group show, job show) can reuse them.
 */
import { text, type Text } from '../i18n/index.js';
import { watch as M } from '../i18n/catalog/watch.js';

/** Inputs of nextStepHint. */
export interface HintInput {
  /** The job's `job_type`, e.g. `reverseProtectionGroupNoCG`. */
  jobType: string;
  /** The group's status after the failure, if known (e.g. `error-reversing`). */
  groupStatus?: string;
  /** How to name the group in a command: its name or id. */
  group?: string;
  /** The side a reverse was asked to move production to. */
  side?: 'source' | 'target';
  /** The failed job's id. */
  jobId?: string;
}

const op = (jobType: string): string => jobType.replace(/(NoCG|New)$/, '');

/**
 * One line telling the operator what to do after a failed job; never empty. It names the
 * failed job with `sdrs job show` (never `sdrs job wait`: the job has ended, there is
 * nothing to resume), so the after-send report keeps this hint instead of adding a resume line.
 */
export function nextStepHint(h: HintInput): string {
  return nextStepText(h).en;
}

/** nextStepHint in both languages. */
export function nextStepText(h: HintInput): Text {
  const hint = whatNext(h);
  return h.jobId && !hint.en.includes(h.jobId) ? text(M.withFailedJob, { hint, jobId: h.jobId }) : hint;
}

function whatNext(h: HintInput): Text {
  const g = h.group ?? '<group>';
  const s = h.groupStatus;
  const now = s ? text(M.groupIsNow, { status: s }) : '';
  const side = h.side ?? '<target|source>';
  switch (op(h.jobType)) {
    case 'reverseProtectionGroup':
      if (s === 'error-reversing' || s === undefined) return text(M.reverseRetry, { now, group: g, side });
      if (s === 'protected') return text(M.reverseNotMoved, { now, group: g, side });
      break;
    case 'createProtectionGroup':
      return text(M.createFailed, { now, group: g });
    case 'failoverProtectionGroup':
      return text(M.failoverRetry, { now, status: s ?? 'error-failing-over' });
    case 'startProtectionGroup':
    case 'reprotectProtectionGroup':
    case 'stopProtectionGroup':
    case 'deleteProtectionGroup':
      return text(M.retryFrom, { now, status: s ?? text(M.itsErrorStatus), group: g });
  }
  const job = h.jobId ? `sdrs job show ${h.jobId}` : 'sdrs job show <job-id>';
  return text(h.group ? M.inspectJobAndGroup : M.inspectJob, { now, job, group: g });
}

/** Inputs of unknownJobHint. */
export interface UnknownJobHintInput {
  /** The command that resumes watching the job, e.g. `sdrs job wait <id>`. */
  resumeCommand: string;
  /** The caller's command that shows whether the change was made (e.g. `sdrs group list --name erp`). */
  checkHint?: string;
  /** The group the job is about, when known. */
  groupId?: string;
}

/**
 * The hint of a watch that ended without knowing the job's outcome: never re-send (the job
 * was accepted), resume watching, and look at the group.
 */
export function unknownJobHint(h: UnknownJobHintInput): Text {
  const lookup = h.checkHint ?? (h.groupId ? `sdrs group show ${h.groupId}` : undefined);
  return text(lookup ? M.doNotResendLookup : M.doNotResend, { resume: h.resumeCommand, lookup });
}
