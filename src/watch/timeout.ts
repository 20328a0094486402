/**
 * The error a wait ends with when its deadline (`--timeout`) passes: it names the
 * limit that was set and says what was last seen of the job, and when, rather than
 * claiming a job is still running when it was never read.
 */
import { ApiError, NetworkError, SdrsError, WaitTimeoutError } from '../errors.js';
import type { Job, ServerGroup } from '../api/types.js';
import { formatElapsed } from './progress.js';
import { parseServiceTime } from '../util/time.js';
import { text, type Text } from '../i18n/index.js';
import { watch as M } from '../i18n/catalog/watch.js';

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
  return describeFailedReadText(err, at).en;
}

/** describeFailedRead in both languages. */
export function describeFailedReadText(err: unknown, at: number | undefined): Text {
  const when = at === undefined ? '' : text(M.at, { time: clockTime(at) });
  if (err instanceof ApiError) {
    const asked = num(err.details.retry_after_requested_ms) ?? num(err.details.retry_after_ms);
    const retryAfter = asked === undefined ? '' : text(M.retryAfter, { seconds: Math.round(asked / 1000) });
    return text(err.status === 429 ? M.answered : M.answeredWhy, { status: err.status, retryAfter, when, message: err.text });
  }
  if (err instanceof NetworkError && err.details.deadline === true) {
    if (err.details.not_sent === true) return text(M.deadlineBeforeRead, { when });
    const sent = time(err.details.sent_at);
    const headers = time(err.details.headers_at);
    const read = sent ? text(M.readSentAt, { time: sent }) : text(M.readSent);
    return headers
      ? text(headers !== sent ? M.gotHeadersAt : M.gotHeaders, { read, time: headers })
      : text(M.gotNothing, { read });
  }
  const message = err instanceof SdrsError ? err.text : err instanceof Error ? err.message : String(err);
  const w = typeof when === 'string' ? { en: when, zh: when } : when;
  return typeof message === 'string' ? { en: message + w.en, zh: message + w.zh } : { en: message.en + w.en, zh: message.zh + w.zh };
}

/** WaitTimeoutError (exit 6) with the job id, the limit, what was last seen and when, and the resume command. */
export function waitTimeoutError(f: TimeoutFacts): WaitTimeoutError {
  const limit = `--timeout ${limitText(f.timeoutMs)}`;
  const failedText = f.lastError === undefined ? undefined : describeFailedReadText(f.lastError, f.lastErrorAt);
  const failed = failedText?.en;
  let seen: Text;
  if (f.job && f.jobReadAt !== undefined) {
    const still = text(M.stillRunning, { time: clockTime(f.jobReadAt), status: f.job.status });
    const after = failedText ? text(M.readsFailed, { failed: failedText }) : { en: '', zh: '' };
    seen = { en: still.en + after.en, zh: still.zh + after.zh };
  } else {
    const group = f.group && f.groupReadAt !== undefined && Number.isFinite(f.groupReadAt)
      ? text(M.groupWas, { group: f.group.name || f.group.id, status: f.group.status, time: clockTime(f.groupReadAt) })
      : { en: '', zh: '' };
    const never = failedText ? text(M.neverReadBecause, { failed: failedText }) : text(M.neverRead);
    seen = { en: never.en + group.en, zh: never.zh + group.zh };
  }
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  const err = f.lastError as { code?: unknown; message?: unknown } | undefined;
  return new WaitTimeoutError(text(M.timedOut, { jobId: f.jobId, limit, seen }), {
    hint: text(M.resumeWatching, { resume: f.resumeCommand }),
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
