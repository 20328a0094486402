/**
 * Watching without history (issue 21): when the job-duration cache has nothing for a job,
 * the job's own sub-jobs say how far it has come. A group action has one sub-job per
 * replication pair (an ECS batch job one per server); when k of n have finished, the
 * time the k-th took, scaled by n / k, estimates when the last one will. The estimate
 * becomes the expected window of backoff.ts (sparse until it opens, dense inside it,
 * backing off if the job overruns it), so the end of a long job is noticed within seconds
 * from the very first run, with fewer polls than a fixed 10 s poller.
 *
 * With history, the estimate only narrows the learned window where the two agree
 * (refineLearned), so the learned policy is never made worse by sub-jobs that end unevenly.
 *
 * Pure: no clock, no I/O. A job without sub-jobs, with one, or whose sub-jobs all end with
 * it gives no estimate, and the watcher keeps plain backoff (never worse than before).
 */
import type { ExpectedWindow } from './backoff.js';
import type { Job } from '../api/types.js';
import { parseServiceTime } from '../util/time.js';

/**
 * Half-width of the window around the estimate, as a fraction of it, when one sub-job has
 * finished; with k finished it is SPREAD / sqrt(k) (more done, a surer estimate).
 */
export const SPREAD = 0.1;

/** Follows one job's sub-jobs from poll to poll. */
export interface SubJobProgress {
  /**
   * The window in which the job is expected to end, in clock ms (epoch), from the job as
   * read at `nowMs`; undefined when its sub-jobs tell nothing (yet).
   */
  observe(job: Job, nowMs: number): ExpectedWindow | undefined;
}

const FINISHED = new Set(['SUCCESS', 'FAIL']);

/**
 * A progress tracker for one job. When the sub-jobs carry their own `end_time`, the k-th
 * end is known exactly; without it, it lies between the previous poll (fewer finished) and
 * this one, and the window covers both ends of that bracket.
 */
export function subJobProgress(): SubJobProgress {
  let lastDone = 0;
  let lastAt: number | undefined;
  /** When the current count of finished sub-jobs was first possible: [earliest, latest] (epoch ms). */
  let bracket: [number, number] | undefined;
  return {
    observe(job, nowMs) {
      const subs = Array.isArray(job.entities?.sub_jobs) ? job.entities.sub_jobs : [];
      const n = subs.length;
      const begin = parseServiceTime(job.begin_time);
      const done = subs.filter((s) => s && FINISHED.has(s.status));
      const k = done.length;
      const prevAt = lastAt;
      const changed = k !== lastDone;
      lastAt = nowMs;
      lastDone = k;
      if (n < 2 || k === 0 || k >= n || !Number.isFinite(begin) || begin > nowMs) return undefined;
      // The latest end among the finished ones, if every one of them says when it ended.
      const ends = done.map((s) => parseServiceTime(s.end_time));
      if (ends.every((t) => Number.isFinite(t) && t >= begin && t <= nowMs)) {
        const last = Math.max(...ends);
        bracket = [last, last];
      } else if (changed || !bracket) {
        bracket = [Math.max(begin, changed && prevAt !== undefined ? prevAt : begin), nowMs];
      }
      const scale = n / k;
      const m = SPREAD / Math.sqrt(k);
      return {
        startMs: begin + (bracket[0] - begin) * scale * (1 - m),
        endMs: begin + (bracket[1] - begin) * scale * (1 + m),
      };
    },
  };
}

/** An absolute window (epoch ms) as the waiter wants it: ms since the wait started at `waitStart`. */
export function sinceWaitStart(w: ExpectedWindow | undefined, waitStart: number): ExpectedWindow | undefined {
  if (!w) return undefined;
  return { startMs: Math.max(0, w.startMs - waitStart), endMs: Math.max(0, w.endMs - waitStart) };
}

/**
 * With a learned window (history.ts) and an estimate from the sub-jobs, both in ms since the
 * wait started: their overlap, as the sub-jobs speak of this very run while history speaks
 * of past ones; undefined (keep the learned window) when they do not overlap, so sub-jobs
 * that finish unevenly never mislead a watcher that has history.
 */
export function refineLearned(learned: ExpectedWindow, estimate: ExpectedWindow | undefined): ExpectedWindow | undefined {
  if (!estimate) return undefined;
  const startMs = Math.max(learned.startMs, estimate.startMs);
  const endMs = Math.min(learned.endMs, estimate.endMs);
  return startMs <= endMs ? { startMs, endMs } : undefined;
}
