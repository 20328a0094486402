/**
 * Next-step hints after a failed job, as a small function of the job type and
 * the group's status now, so commands (group show, job show) can reuse them.
 */

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
  const hint = whatNext(h);
  return h.jobId && !hint.includes(h.jobId) ? `${hint}; the failed job: sdrs job show ${h.jobId}` : hint;
}

function whatNext(h: HintInput): string {
  const g = h.group ?? '<group>';
  const s = h.groupStatus;
  const now = s ? `the group is ${s}; ` : '';
  switch (op(h.jobType)) {
    case 'reverseProtectionGroup':
      if (s === 'error-reversing' || s === undefined) {
        return `${now}a reverse from error-reversing can be retried: sdrs group reverse ${g} --to ${h.side ?? '<target|source>'}`;
      }
      if (s === 'protected') {
        return `${now}production did not move; fix the cause above, then: sdrs group reverse ${g} --to ${h.side ?? '<target|source>'}`;
      }
      break;
    case 'createProtectionGroup':
      return `${now}creation failed; delete the group (sdrs group delete ${g}) and create it again once the cause above is fixed`;
    case 'failoverProtectionGroup':
      return `${now}a failover from ${s ?? 'error-failing-over'} can be retried once the cause above is fixed`;
    case 'startProtectionGroup':
    case 'reprotectProtectionGroup':
    case 'stopProtectionGroup':
    case 'deleteProtectionGroup':
      return `${now}the operation can be retried from ${s ?? 'its error status'} once the cause above is fixed; inspect it with: sdrs group show ${g}`;
  }
  const job = h.jobId ? `sdrs job show ${h.jobId}` : 'sdrs job show <job-id>';
  return `${now}inspect the job with: ${job}${h.group ? ` and the group with: sdrs group show ${g}` : ''}`;
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
export function unknownJobHint(h: UnknownJobHintInput): string {
  const lookup = h.checkHint ?? (h.groupId ? `sdrs group show ${h.groupId}` : undefined);
  return `Do not send the request again. Resume watching with: ${h.resumeCommand}${lookup ? `; check the result with: ${lookup}` : ''}`;
}
