/**
 * The error a wait ends with when its deadline (`--timeout`) passes: it names the
 * limit that was set and says what was last seen of the job, and when, rather than
 * claiming a job is still running when it was never read.
 */
import { ApiError, NetworkError, WaitTimeoutError } from '../errors.js';
import type { Job, ServerGroup } from '../api/types.js';
import { formatElapsed } from './progress.js';
import { parseServiceTime } from '../util/time.js';

/** What the watcher knows when the deadline passes. */
export interface TimeoutFacts {
  jobId: string;
  /** The limit that was set (ms). */
  timeoutMs: number;
  /** The last usable read of the job, and when it was made (ms since the epoch). */
  job?: Job;
  jobReadAt?: number;
  /** The group, if it was read, and when (a gated watch may read only the group). */
  group?: ServerGroup;
  groupReadAt?: number;
  /** The last failed read, if no read succeeded after it, and when it failed. */
  lastError?: unknown;
  lastErrorAt?: number;
  /** The command that resumes watching. */
  resumeCommand: string;
}

/** `--timeout 3s`, `--timeout 1.5s`, `--timeout 1m30s`: the limit as it was set. */
export function limitText(ms: number): string {
  return ms < 60_000 && ms % 1000 !== 0 ? `${Number((ms / 1000).toFixed(3))}s` : formatElapsed(ms);
}

/** How long a wait watched: `2.9s` under a minute (next to a `3s` limit, `2s` would read as a bug), else `1m05s`. */
export function watchedText(ms: number): string {
  return ms < 60_000 ? `${(Math.max(0, ms) / 1000).toFixed(1)}s` : formatElapsed(ms);
}

/** Local wall-clock time, HH:MM:SS. */
export function clockTime(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 8);
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const time = (iso: unknown) => (Number.isNaN(parseServiceTime(iso)) ? undefined : clockTime(parseServiceTime(iso)));

/** One clause: what the last failed read saw. */
export function describeFailedRead(err: unknown, at: number | undefined): string {
  const when = at === undefined ? '' : ` at ${clockTime(at)}`;
  if (err instanceof ApiError) {
    const asked = num(err.details.retry_after_requested_ms) ?? num(err.details.retry_after_ms);
    const retryAfter = asked === undefined ? '' : ` with Retry-After ${Math.round(asked / 1000)}`;
    return `the service answered ${err.status}${retryAfter}${when}${err.status === 429 ? '' : ` (${err.message})`}`;
  }
  if (err instanceof NetworkError && err.details.deadline === true) {
    if (err.details.not_sent === true) return `the deadline passed before the next read could be sent${when}`;
    const sent = time(err.details.sent_at);
    const headers = time(err.details.headers_at);
    const read = `a read sent${sent ? ` at ${sent}` : ''}`;
    return headers
      ? `${read} got the response headers${headers !== sent ? ` at ${headers}` : ''} and then nothing until the deadline`
      : `${read} got no answer before the deadline`;
  }
  return `${err instanceof Error ? err.message : String(err)}${when}`;
}

/** WaitTimeoutError (exit 6) with the job id, the limit, what was last seen and when, and the resume command. */
export function waitTimeoutError(f: TimeoutFacts): WaitTimeoutError {
  const limit = `--timeout ${limitText(f.timeoutMs)}`;
  const failed = f.lastError === undefined ? undefined : describeFailedRead(f.lastError, f.lastErrorAt);
  let seen: string;
  if (f.job && f.jobReadAt !== undefined) {
    seen = `it was still running when last read at ${clockTime(f.jobReadAt)} (status ${f.job.status})${failed ? `; the reads after that failed: ${failed}` : ''}`;
  } else {
    const group = f.group && f.groupReadAt !== undefined && Number.isFinite(f.groupReadAt)
      ? `; its group ${f.group.name || f.group.id} was ${f.group.status} at ${clockTime(f.groupReadAt)}`
      : '';
    seen = `the job was never read${failed ? `: ${failed}` : ''}${group}`;
  }
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  const err = f.lastError as { code?: unknown; message?: unknown } | undefined;
  return new WaitTimeoutError(`timed out waiting for job ${f.jobId} (${limit}); ${seen}`, {
    hint: `resume watching with: ${f.resumeCommand}`,
    details: {
      job_id: f.jobId,
      timeout_ms: f.timeoutMs,
      last_read_at: f.job ? iso(f.jobReadAt) : null,
      last_status: f.job && f.jobReadAt !== undefined ? f.job.status : null,
      ...(f.lastError !== undefined
        ? { last_error: { code: typeof err?.code === 'string' ? err.code : null, message: failed, at: iso(f.lastErrorAt) } }
        : {}),
    },
  });
}
