/**
 * How a command waits for its change: settings from flags and configuration, the job
 * watcher with the learned durations, and, when the service's answer (with the job id)
 * was lost but a read showed the change under way, following the change by its state.
 */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { Job, ServerGroup } from '../../api/types.js';
import { fixFor, groupInProgress } from '../../api/rules.js';
import { InterruptedError, JobFailedError, SdrsError, WaitTimeoutError, safeText, stopSignalOf, safeLine } from '../../errors.js';
import { groupProblem, type GroupExpectation } from '../../watch/outcome.js';
import type { WatchJobOptions, WatchJobResult } from '../../watch/job-watcher.js';
import type { WaitFlags } from './command.js';
import { afterSendError, resumeCommand, sentJob } from './sent.js';
import { en, local, t, text, verbatim, type Text } from '../../i18n/index.js';
import { pipeline as M } from '../../i18n/catalog/pipeline.js';

export { resumeCommand };

/** How a command waits for its job (from the flags, then the configuration). */
export interface WaitSettings {
  wait: boolean;
  timeoutMs: number;
  intervalMs: number;
  maxIntervalMs: number;
  /** A hard cap on every delay between polls (ms), learned windows included: while production is down in a switchover. */
  pollCapMs?: number;
  /** `--max-interval` was given: it bounds every gap between polls. */
  strictMaxInterval?: boolean;
}

/** Completes the wait settings from the configuration. */
export async function waitSettings(ctx: Context, flags: WaitFlags): Promise<WaitSettings> {
  const config = await ctx.config();
  const intervalMs = flags.intervalMs ?? config.intervalMs;
  return {
    wait: flags.wait,
    timeoutMs: flags.timeoutMs ?? config.timeoutMs,
    intervalMs,
    maxIntervalMs: Math.max(intervalMs, flags.maxIntervalMs ?? config.maxIntervalMs),
    ...(flags.maxIntervalMs !== undefined ? { strictMaxInterval: true } : {}),
  };
}

/** What a command says about one job to watch; the rest comes from the context and settings. */
export type WatchRequest = Omit<WatchJobOptions, 'api' | 'io' | 'clock' | 'signal' | 'timeoutMs' | 'intervalMs' | 'maxIntervalMs' | 'pollCapMs' | 'strictMaxInterval' | 'historyPath' | 'resumeCommand'> &
  Partial<Pick<WatchJobOptions, 'resumeCommand'>>;

/**
 * Watches a job with the command's wait settings, the learned-duration cache and the
 * resume command. A job this run's request started (sendOnce) ends in the after-send
 * form whatever happens: the job id, whether the outcome is known, how to resume.
 */
export async function watch(ctx: Context, api: SdrsApi, settings: WaitSettings, req: WatchRequest): Promise<WatchJobResult> {
  const sent = sentJob(ctx, req.jobId);
  try {
    const [{ watchJob }, { defaultHistoryPath }] = await Promise.all([import('../../watch/job-watcher.js'), import('../../watch/history.js')]);
    const r = await watchJob({
      api,
      io: ctx.io,
      clock: ctx.clock,
      signal: ctx.signal,
      timeoutMs: settings.timeoutMs,
      intervalMs: settings.intervalMs,
      maxIntervalMs: settings.maxIntervalMs,
      ...(settings.pollCapMs === undefined ? {} : { pollCapMs: settings.pollCapMs }),
      strictMaxInterval: settings.strictMaxInterval,
      historyPath: defaultHistoryPath(ctx.env, ctx.homeDir),
      resumeCommand: sent?.resume ?? resumeCommand(req.jobId),
      ...req,
    });
    if (sent) sent.state = 'done';
    return r;
  } catch (err) {
    throw sent ? afterSendError(ctx, sent, err) : err;
  }
}

/** One thing followed by its state (no job to read): how to read it and when it has ended. */
export interface FollowRequest<T> {
  /** What is followed, for progress and messages: "group erp (8f1c…)". */
  label: string;
  /** `label` in both languages (the English `label` is what error documents carry). */
  labelText?: Text;
  read: () => Promise<T>;
  /** The state to show, and `end`: true when done, an error when it ended badly, undefined while under way. */
  judge: (v: T) => { status: string; statusText?: Text; end?: true | SdrsError };
  /** The command that shows the state (in the timeout and interrupt hints). */
  checkHint: string;
  /** Called when the shown state changes. @default a plain line on stderr */
  onStatus?: (status: string, elapsedMs: number) => void;
}

/**
 * Polls `read` with the command's wait settings until `judge` says it ended: the last
 * value, or the error it ended with (a timeout is exit 6, a signal 130/143/129, with
 * the command to follow it). Transient read failures are retried like a job's.
 */
export async function follow<T>(ctx: Context, settings: WaitSettings, f: FollowRequest<T>): Promise<{ value: T; polls: number; elapsedMs: number }> {
  const [{ waitFor }, { isTransientError, retryAfterOf }, { formatElapsed }, { limitText, watchedText }] = await Promise.all([
    import('../../watch/waiter.js'), import('../../watch/job-watcher.js'), import('../../watch/progress.js'), import('../../watch/timeout.js'),
  ]);
  const start = ctx.clock.now();
  const show = f.onStatus ?? ((status: string, ms: number) => ctx.io.err.write(`[${formatElapsed(ms)}] ${safeText(t(M.followLine, { label: local(label), status }))}\n`));
  const label = f.labelText ?? verbatim(f.label);
  let last: string | undefined;
  let lastText: Text | undefined;
  let ended: SdrsError | undefined;
  const res = await waitFor<T>(
    {
      minDelayMs: settings.intervalMs, maxDelayMs: Math.max(settings.intervalMs, Math.min(settings.maxIntervalMs, settings.pollCapMs ?? Infinity)), maxWaitMs: settings.timeoutMs,
      ...(settings.pollCapMs === undefined ? {} : { policy: { hardCapMs: settings.pollCapMs } }),
      signal: ctx.signal, sleep: (ms, s) => ctx.clock.sleep(ms, s), now: () => ctx.clock.now(),
      isTransient: isTransientError, retryAfterMs: retryAfterOf,
    },
    async () => {
      const v = await f.read();
      const j = f.judge(v);
      const st = j.statusText ?? verbatim(j.status);
      if (j.status !== last) show(local(st), ctx.clock.now() - start);
      last = j.status;
      lastText = st;
      if (j.end instanceof SdrsError) ended = j.end;
      return { state: j.end === undefined ? 'RETRY' : j.end === true ? 'SUCCESS' : 'FAILURE', value: v };
    },
  );
  const seen = lastText === undefined ? text(M.notReadYet) : text(M.lastSeen, { status: lastText });
  if (res.state === 'ABORTED') {
    throw new InterruptedError(text(M.stoppedFollowing, { label, seen }), {
      signal: stopSignalOf(ctx.signal.reason), hint: text(M.followIt, { check: f.checkHint }),
    });
  }
  if (res.state === 'TIMEOUT') {
    // Names the limit that was set: "after 2s" under a 3s --timeout read as a bug.
    throw new WaitTimeoutError(text(M.followTimeout, { label, limit: limitText(settings.timeoutMs), watched: watchedText(res.elapsedMs), seen }), {
      hint: text(M.followIt, { check: f.checkHint }),
    });
  }
  if (res.state === 'FAILURE') throw ended!;
  return { value: res.value as T, polls: res.polls, elapsedMs: res.elapsedMs };
}

/** A group change whose job id is not known, followed by the group's status. */
export interface GroupFollow {
  group: ServerGroup;
  /** What the change is, e.g. "Reversing erp to target (cn-north-4b)". */
  label: string;
  /** `label` in both languages, for people (the English `label` is what error documents carry). */
  labelText?: Text;
  /** What the group must look like when the change has ended. */
  expect: GroupExpectation & { finalStatus: string };
  onStatus?: (status: string, elapsedMs: number) => void;
}

/** The job type of the stand-in job of a change followed by its group (no job id was known). */
export const FOLLOWED_BY_GROUP = 'unknown (followed by the group status)';

/**
 * Follows a group until it leaves its in-progress status: done when it matches the
 * expectation, exit 5 when it ends in an error status or elsewhere. Returns the shape
 * of a watched job, with a stand-in job whose id is '' (no job id was known).
 */
export async function followGroup(ctx: Context, api: Pick<SdrsApi, 'getGroup'>, settings: WaitSettings, f: GroupFollow): Promise<WatchJobResult> {
  const g0 = f.group;
  const ref = g0.id;
  const checkHint = `sdrs group status ${ref} --watch`;
  const r = await follow(ctx, settings, {
    label: en(M.groupLabel, { name: safeLine(g0.name), id: g0.id }),
    labelText: text(M.groupLabel, { name: safeLine(g0.name), id: g0.id }),
    read: () => api.getGroup(g0.id),
    checkHint,
    onStatus: f.onStatus,
    judge: (g) => {
      const status = String(g.status);
      const shown = en(M.groupShown, { status, station: g.priority_station });
      const statusText = text(M.groupShown, { status, station: g.priority_station });
      if (groupInProgress(status)) return { status: shown, statusText };
      const found = groupProblem(g, f.expect);
      if (!found) return { status: shown, statusText, end: true };
      return {
        status: shown,
        statusText,
        end: new JobFailedError(text(M.acceptedBut, { label: f.labelText ?? f.label, wrong: found.problem }), {
          code: found.code,
          hint: text(M.nextStep, { fix: fixFor(g, ref) }),
          details: { group_id: g.id, group_status: status, priority_station: g.priority_station, expected_status: f.expect.finalStatus },
        }),
      };
    },
  });
  const job: Job = {
    job_id: '', status: 'SUCCESS', job_type: FOLLOWED_BY_GROUP, begin_time: null, end_time: null, error_code: null, fail_reason: null,
    entities: { server_group_id: g0.id },
  };
  return { job, group: r.value, polls: r.polls, elapsedMs: r.elapsedMs, detectedAt: ctx.clock.now() };
}
