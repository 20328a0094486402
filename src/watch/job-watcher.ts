/**
 * watchJob: the pure waiter bound to the API and a progress reporter. Polls
 * `GET /jobs/{id}` only (the mutating request is never re-sent) and turns the
 * outcome into a result or a typed error (exit 5, 6, 130/143).
 *
 * API frugality: one job GET per poll. The group is read on the first poll, when
 * the job status changes and at most every `groupRefreshMs` (30 s) otherwise,
 * just to show its status; then once more when the job ends.
 *
 * With `gateJobReads` (many groups at once, where group reads are batched into
 * shared listings) a poll reads the group first, and reads the job only when the
 * group has left the in-progress status it showed while the job ran, or when the
 * job was last read `maxGapMs` ago.
 */
import type { SdrsApi } from '../api/client.js';
import type { Job, ServerGroup } from '../api/types.js';
import { groupInProgress } from '../api/rules.js';
import type { Clock } from '../util/clock.js';
import type { IOStreams } from '../io/streams.js';
import { ApiError, ExitCode, InterruptedError, NetworkError, SdrsError, UnknownOutcomeError } from '../errors.js';
import { waitFor } from './waiter.js';
import type { ExpectedWindow } from './backoff.js';
import { limitText, waitTimeoutError, watchedText } from './timeout.js';
import { expectedWindow, groupHistoryKey, readLearnedDurations, recordDurations, shiftWindow } from './history.js';
import { createProgress, formatElapsed, type ProgressReporter } from './progress.js';
import { groupOutcomeError, jobFailedError, type GroupExpectation } from './outcome.js';
import { unknownJobHint } from './hints.js';
import { refineLearned, sinceWaitStart, subJobProgress } from './cold.js';
import { parseServiceTime } from '../util/time.js';
import { t, text, type Text } from '../i18n/index.js';
import { watch as M } from '../i18n/catalog/watch.js';

/** The API calls the watcher makes (getEcsJob, if present, serves `kind: 'ecs'`). */
export type WatchApi = Pick<SdrsApi, 'getJob' | 'getGroup'> & { getEcsJob?: (id: string) => Promise<Job> };

/** One poll, for callers that want to observe (--debug, tests, the multi-group view). */
export interface PollInfo {
  job: Job;
  group?: ServerGroup;
  /** Polls so far. */
  polls: number;
  /** Since watching began (ms). */
  elapsedMs: number;
}

/** Options of watchJob. */
export interface WatchJobOptions {
  api: WatchApi;
  jobId: string;
  /** Which service's job. @default 'sdrs' */
  kind?: 'sdrs' | 'ecs';
  /** The group the job is about; else `entities.server_group_id`. */
  groupId?: string;
  /** Checked on the group after SUCCESS. */
  expect?: GroupExpectation;
  /**
   * After SUCCESS, an `error*` group status fails the watch (exit 5). False for jobs
   * about a child (instance, pair), which may run while the group is in an error status.
   * @default true
   */
  checkGroup?: boolean;
  io: IOStreams;
  clock: Clock;
  /** Aborted on Ctrl-C / SIGTERM; `reason` 'SIGINT' or 'SIGTERM'. */
  signal?: AbortSignal;
  /** Give up after this long (ms); 0 = no limit. */
  timeoutMs: number;
  /** First and smallest delay between polls (ms), `--interval`. @default 1000 */
  intervalMs?: number;
  /** Cap of the growing delay (ms). @default 30000 */
  maxIntervalMs?: number;
  /**
   * A hard cap on every delay (ms), learned windows included: set while production is down in a
   * switchover, so the end of the job is seen within seconds. @default none
   */
  pollCapMs?: number;
  /** `--max-interval` given: no gap between polls exceeds maxIntervalMs, not even before a learned window opens. */
  strictMaxInterval?: boolean;
  /** Job-duration cache file; undefined disables learning. */
  historyPath?: string;
  /** Random in [0, 1) for jitter. @default Math.random */
  random?: () => number;
  /** What is happening, e.g. "Reversing group demo-erp to target (cn-north-4b)". */
  label: string;
  /** The command that resumes watching, e.g. "sdrs job wait <id>". */
  resumeCommand: string;
  /**
   * The command that shows whether the change was made, for an ending that cannot tell
   * (e.g. `sdrs group list --name erp` for a create). @default `sdrs group show <group id>` when the group is known
   */
  checkHint?: string;
  /** Plain-mode heartbeat (ms). @default 30000 */
  heartbeatMs?: number;
  /** Minimum time between progress reads of the group (ms). @default 30000 */
  groupRefreshMs?: number;
  /** Decides which poll errors are retried. @default isTransientError */
  isTransient?: (err: unknown) => boolean;
  onPoll?: (info: PollInfo) => void;
  /** Draws progress instead of the default spinner/plain lines (the multi-group view). */
  reporter?: ProgressReporter;
  /**
   * Skip the job read of a poll while the group still shows the in-progress status
   * (`reversing`, …) it had while the job was running: the service changes the
   * group's status when the job ends. The job is still read at least every
   * `maxGapMs`, in case a job ends without the group's status changing.
   * Worth it only where `api.getGroup` is cheap (batched).
   */
  gateJobReads?: {
    maxGapMs: number;
    /**
     * The job's type, known because the caller just submitted it (e.g.
     * `reverseProtectionGroupNoCG`). The first poll then reads only the group: if
     * it shows an in-progress status, the job is under way and its first read can
     * wait too; the learned duration is looked up under this type.
     */
    jobType?: string;
  };
}

/** A job that ended in SUCCESS, with the group as read afterwards. */
export interface WatchJobResult {
  job: Job;
  group?: ServerGroup;
  /** Job reads made. */
  polls: number;
  /** From the start of watching until the end was seen (ms). */
  elapsedMs: number;
  /** Clock time (ms since the epoch) at which SUCCESS was seen. */
  detectedAt: number;
}

/**
 * Readable answers that cannot be this job's state (another job's id, a status sdrs does
 * not know, a job object with a malformed field) tolerated in a row before the watch ends
 * with exit 7. A proxy or cache may garble a read or two; a service that keeps answering
 * so will not start making sense.
 */
export const ODD_ANSWER_LIMIT = 3;

/** The documented job statuses (SDRS and ECS). Anything else is never taken for "still running". */
export const JOB_STATUSES: ReadonlySet<string> = new Set(['INIT', 'RUNNING', 'SUCCESS', 'FAIL']);

/** A job answer the watcher gave up on: exit 7, never retried. */
class BadJobAnswerError extends SdrsError {
  constructor(message: string | Text, opts: ConstructorParameters<typeof SdrsError>[3]) {
    super('BAD_RESPONSE', ExitCode.UNREACHABLE, message, opts);
  }
}

/** A client error about a job answer that was read (JSON) but is not a usable job: another job, a malformed field. */
function oddAnswerOf(err: unknown): { why: Text; answeredJobId?: string } | undefined {
  if (!(err instanceof NetworkError) || err.code !== 'BAD_RESPONSE' || err.details.response !== 'unexpected') return undefined;
  const answered = err.details.answered_job_id;
  return { why: err.text, ...(typeof answered === 'string' ? { answeredJobId: answered } : {}) };
}

const NET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/** Default transient test: ApiError 5xx/429/408, NetworkError, or a raw socket error. */
export function isTransientError(err: unknown): boolean {
  if (err instanceof ApiError) return err.status >= 500 || err.status === 429 || err.status === 408;
  if (err instanceof NetworkError) return true;
  if (err instanceof SdrsError) return false;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NET_CODES.has(code);
}

/** Retry-After (ms) on an error: a numeric `retryAfterMs` property or `details.retry_after_ms`. */
export function retryAfterOf(err: unknown): number | undefined {
  const e = err as { retryAfterMs?: unknown; details?: { retry_after_ms?: unknown } } | null;
  const v = e?.retryAfterMs ?? e?.details?.retry_after_ms;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

const MAX_DAY_MS = 24 * 3600_000;
/** An id or status quoted from an answer: JSON-quoted and cut short (the error itself escapes control characters). */
const printableId = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v) : String(v));
/** Every documented form (src/util/time.ts): a zone-less time is UTC, not local. */
const parseTime = (s: string | null | undefined) => parseServiceTime(s);

/** Watches a job until SUCCESS (returns) or FAIL, timeout or abort (throws). */
export async function watchJob(o: WatchJobOptions): Promise<WatchJobResult> {
  const { api, jobId, clock, signal } = o;
  const isTransient = o.isTransient ?? isTransientError;
  const getJob = o.kind === 'ecs' && api.getEcsJob ? api.getEcsJob.bind(api) : api.getJob.bind(api);
  const groupRefreshMs = o.groupRefreshMs ?? 30_000;
  const minDelayMs = o.intervalMs ?? 1_000;
  const historyKey = (jobType: string) => (o.kind === 'ecs' ? `ecs:${jobType}` : jobType);
  const start = clock.now();
  const elapsed = () => clock.now() - start;
  const interrupted = () => {
    const sig = signal?.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    return new InterruptedError(text(M.stoppedWatchingJob, { jobId }), {
      signal: sig, hint: text(M.resumeWatching, { resume: o.resumeCommand }), details: { job_id: jobId },
    });
  };

  let reporter: ProgressReporter | undefined;
  let outcome: 'success' | 'fail' | 'stopped' = 'fail';
  let endText = t(M.endFailed, { label: o.label });
  let job: Job | undefined;
  let group: ServerGroup | undefined;
  let groupReadAt = -Infinity;
  let lastStatus: string | undefined;
  let agedMs = 0;
  let polls = 0;
  let jobReadAt = -Infinity;
  /** Readable answers in a row that were not this job's state (see ODD_ANSWER_LIMIT). */
  let oddAnswers = 0;
  /** The last good read of the job and when it was made (clock ms). */
  let lastSeenAt: number | undefined;
  /** Where the watch is: polling the job, or reading the group after the job ended. */
  let phase: 'polling' | 'final' = 'polling';
  /** The group's status while the job ran, once seen to be an in-progress one (gateJobReads). */
  let runningStatus: string | undefined;
  /** gateJobReads: the group as read right before the job read of this poll, in an ended state. */
  let endedGroup: ServerGroup | undefined;
  const groupIdOf = () => o.groupId ?? job?.entities?.server_group_id;
  /** Without a learned window, the job's sub-jobs estimate its end (cold.ts). */
  const progress = subJobProgress();
  let learned: ExpectedWindow | undefined;

  // Sleeps in chunks so the reporter can tick (elapsed time, heartbeats) on the injected clock.
  const sleep = async (ms: number, s?: AbortSignal) => {
    let left = ms;
    while (left > 0) {
      const chunk = Math.min(left, reporter ? reporter.nextTickInMs(elapsed()) : left);
      await clock.sleep(chunk, s);
      left -= chunk;
      reporter?.tick(elapsed());
    }
  };

  const readGroup = async (id: string) => {
    group = await api.getGroup(id);
    groupReadAt = clock.now();
    return group;
  };

  /** A poll that reads only the group (gateJobReads): RETRY while the group shows the job is still under way. */
  const gatedCheck = async (gate: NonNullable<WatchJobOptions['gateJobReads']>, gid: string) => {
    if (runningStatus === undefined) {
      if (job !== undefined || !gate.jobType) return undefined;
      // The first poll of a job we just submitted: does the group show it under way?
      const g = await readGroup(gid).catch(() => undefined);
      if (!g || !groupInProgress(g.status)) return undefined;
      runningStatus = g.status;
      jobReadAt = clock.now(); // the gap runs from here
      const samples = o.historyPath ? await readLearnedDurations(o.historyPath, historyKey(gate.jobType), gid) : [];
      reporter?.update({ jobStatus: 'submitted', groupStatus: g.status, elapsedMs: elapsed() });
      const w = shiftWindow(expectedWindow(samples), -elapsed());
      learned = w;
      return { state: 'RETRY' as const, expectedWindow: w };
    }
    if (clock.now() - jobReadAt >= gate.maxGapMs) return undefined;
    const g = await readGroup(gid).catch(() => undefined);
    if (g?.status !== runningStatus) {
      // Read just before the job, after the group left its in-progress status: if the job has
      // ended, this is already the group's final state.
      endedGroup = g && !groupInProgress(g.status) ? g : undefined;
      return undefined;
    }
    reporter?.update({ jobStatus: job?.status ?? 'submitted', groupStatus: g.status, elapsedMs: elapsed() });
    return { state: 'RETRY' as const, value: job };
  };

  const check = async () => {
    const pollStart = clock.now();
    endedGroup = undefined;
    const gateGroup = o.gateJobReads ? groupIdOf() : undefined;
    const gated = gateGroup ? await gatedCheck(o.gateJobReads!, gateGroup) : undefined;
    if (gated) return gated;
    const first = job === undefined;
    polls++;
    let read: Job;
    try {
      read = await getJob(jobId);
    } catch (err) {
      const odd = oddAnswerOf(err);
      if (!odd) throw err;
      return oddAnswer(odd.why, odd.answeredJobId !== undefined ? { answered_job_id: odd.answeredJobId } : {}, err);
    }
    jobReadAt = clock.now();
    if (read.job_id !== jobId) {
      // Never take another job's state (a cache, a proxy, a service bug) for this one's.
      return oddAnswer(text(M.answeredOtherJob, { answered: printableId(read.job_id), status: printableId(read.status) }), { answered_job_id: read.job_id });
    }
    if (!JOB_STATUSES.has(read.status)) {
      job = read; // it is this job: its entities name the group
      return oddAnswer(text(M.unknownStatus, { jobId, status: printableId(read.status) }), { job_status: read.status });
    }
    oddAnswers = 0;
    lastSeenAt = clock.now();
    job = read;
    const terminal = job.status === 'SUCCESS' || job.status === 'FAIL';
    const gid = groupIdOf();
    const readThisPoll = groupReadAt >= pollStart && gateGroup !== undefined; // by the gate, just now
    if (!terminal && gid && !readThisPoll && (job.status !== lastStatus || clock.now() - groupReadAt >= groupRefreshMs)) {
      await readGroup(gid).catch(() => undefined); // progress only: keep the last known status
    }
    if (o.gateJobReads && first && !terminal && group && groupInProgress(group.status)) runningStatus ??= group.status;
    lastStatus = job.status;
    let window;
    if (first && !terminal && o.historyPath) {
      // The job may have started before we began watching (`sdrs job wait`): align the window.
      const age = clock.now() - parseTime(job.begin_time);
      agedMs = age > 0 && age < MAX_DAY_MS ? age : 0;
      const samples = await readLearnedDurations(o.historyPath, historyKey(job.job_type), gid);
      window = shiftWindow(expectedWindow(samples), agedMs - elapsed());
      learned = window;
    }
    if (!terminal) {
      const estimate = sinceWaitStart(progress.observe(job, clock.now()), start);
      window = learned ? (refineLearned(learned, estimate) ?? window) : estimate;
    }
    if (!terminal) {
      reporter?.update({ jobStatus: job.status, groupStatus: group?.status, elapsedMs: elapsed() });
      o.onPoll?.({ job, group, polls, elapsedMs: elapsed() });
    }
    return { state: job.status === 'SUCCESS' ? 'SUCCESS' as const : job.status === 'FAIL' ? 'FAILURE' as const : 'RETRY' as const, value: job, expectedWindow: window };
  };

  /** A readable answer that is not this job's state: skipped, and after ODD_ANSWER_LIMIT in a row the end (exit 7). */
  function oddAnswer(why: Text, details: Record<string, unknown>, cause?: unknown) {
    if (++oddAnswers < ODD_ANSWER_LIMIT) return { state: 'RETRY' as const };
    const gid = groupIdOf();
    throw new BadJobAnswerError(
      text(M.oddAnswers, { jobId, count: oddAnswers, why }),
      {
        hint: unknownJobHint({ resumeCommand: o.resumeCommand, checkHint: o.checkHint, groupId: gid }),
        details: { job_id: jobId, ...details, ...(gid ? { group_id: gid } : {}) },
        cause,
      },
    );
  }

  /** Every read of the job (or of the group after it) failed: the job was accepted, its outcome is unknown. */
  function readsFailed(err: SdrsError | Error): UnknownOutcomeError {
    const gid = groupIdOf();
    const last = err instanceof SdrsError ? err.text : err instanceof Error ? err.message : String(err);
    const what = phase === 'final' && job
      ? text(M.endedUnchecked, { jobId, status: job.status, last })
      : job && lastSeenAt !== undefined
        ? text(M.readsKeptFailingSeen, { jobId, last, status: job.status, ago: formatElapsed(clock.now() - lastSeenAt) })
        : text(M.readsKeptFailingNever, { jobId, last });
    return new UnknownOutcomeError(what, {
      hint: unknownJobHint({ resumeCommand: o.resumeCommand, checkHint: o.checkHint, groupId: gid }),
      details: { job_id: jobId, ...(job ? { job_status: job.status } : {}), ...(gid ? { group_id: gid } : {}) },
      cause: err,
    });
  }

  try {
    reporter = o.reporter ?? (await createProgress({ io: o.io, label: o.label, jobId, heartbeatMs: o.heartbeatMs }));
    const res = await waitFor(
      {
        minDelayMs, maxDelayMs: Math.max(minDelayMs, Math.min(o.maxIntervalMs ?? 30_000, o.pollCapMs ?? Infinity)), maxWaitMs: o.timeoutMs,
        ...(o.pollCapMs === undefined && !o.strictMaxInterval ? {} : {
          policy: { ...(o.pollCapMs === undefined ? {} : { hardCapMs: o.pollCapMs }), ...(o.strictMaxInterval ? { sparseCapFraction: 0 } : {}) },
        }),
        signal, sleep, now: () => clock.now(), random: o.random, retryAfterMs: retryAfterOf,
        isTransient: (err) => !(err instanceof BadJobAnswerError) && isTransient(err),
      },
      check,
    );
    const detectedAt = clock.now();
    if (res.state === 'ABORTED') {
      outcome = 'stopped';
      endText = t(M.endStopped, { label: o.label, elapsed: formatElapsed(res.elapsedMs) });
      throw interrupted();
    }
    if (res.state === 'TIMEOUT') {
      outcome = 'stopped';
      endText = t(lastSeenAt === undefined ? M.endNotRead : M.endStillRunning, { label: o.label, limit: limitText(o.timeoutMs), watched: watchedText(res.elapsedMs) });
      // Names the limit and what was last seen, and when: never "still running" for a job never read.
      throw waitTimeoutError({
        jobId, timeoutMs: o.timeoutMs, job: res.value, jobReadAt: lastSeenAt, group, groupReadAt,
        lastError: res.lastError, lastErrorAt: res.lastErrorAt, resumeCommand: o.resumeCommand,
      });
    }
    const done = res.value as Job;
    const gid = groupIdOf();
    phase = 'final';
    group = gid ? await finalGroup(gid, done, res.state === 'SUCCESS') : undefined;
    reporter.update({ jobStatus: done.status, groupStatus: group?.status, elapsedMs: res.elapsedMs });
    o.onPoll?.({ job: done, group, polls, elapsedMs: res.elapsedMs });
    if (res.state === 'FAILURE') {
      endText = t(done.error_code ? M.endJobFailCode : M.endJobFail, { label: o.label, code: done.error_code });
      throw jobFailedError(done, { groupId: gid, group, side: o.expect?.priorityStation });
    }
    const bad = group && o.checkGroup !== false ? groupOutcomeError(done, group, o.expect) : undefined;
    if (bad) {
      endText = t(M.endGroup, { label: o.label, status: String(group?.status) });
      throw bad;
    }
    const took = parseTime(done.end_time) - parseTime(done.begin_time);
    const typeKey = historyKey(done.job_type);
    await recordDurations(o.historyPath, gid ? [groupHistoryKey(typeKey, gid), typeKey] : [typeKey], took > 0 ? took : res.elapsedMs + agedMs);
    outcome = 'success';
    endText = t(group ? M.endDoneGroup : M.endDone, { label: o.label, elapsed: formatElapsed(res.elapsedMs), status: group?.status });
    return { job: done, group, polls, elapsedMs: res.elapsedMs, detectedAt };
  } catch (err) {
    // A Ctrl-C that lands in a final group read or sleep is still an interrupt.
    if (signal?.aborted && !(err instanceof InterruptedError)) {
      outcome = 'stopped';
      throw interrupted();
    }
    // The waiter gave up after failing reads (or the final group read kept failing): the job was
    // accepted, so the error must say so, name it and say how to find out; a runbook that re-sends
    // on a bare exit 7 would make a duplicate.
    if (!(err instanceof BadJobAnswerError) && (err instanceof Error) && isTransient(err)) {
      endText = t(M.endUnknown, { label: o.label });
      throw readsFailed(err);
    }
    throw err;
  } finally {
    reporter?.stop(outcome, endText);
  }

  /** Reads the group after the job ended, re-reading briefly while it still shows an in-flight status. */
  async function finalGroup(id: string, done: Job, succeeded: boolean): Promise<ServerGroup | undefined> {
    // Read by this very poll, after the change that ended the job. After SUCCESS it is used only
    // if it already shows the expected outcome: the service may not set every field at once.
    if (endedGroup && (!succeeded || o.checkGroup === false || !groupOutcomeError(done, endedGroup, o.expect))) return endedGroup;
    for (let attempt = 1; ; attempt++) {
      try {
        const g = await readGroup(id);
        if (!succeeded || !groupInProgress(g.status) || attempt >= 4) return g;
      } catch (err) {
        // After FAIL the group is context only; after SUCCESS without expectations (delete) it may be gone.
        if (!succeeded || (!isTransient(err) && !o.expect)) return undefined;
        if (!isTransient(err) || attempt >= 4) throw err;
      }
      await sleep(minDelayMs, signal);
    }
  }
}
