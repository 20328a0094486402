/** How a command waits for its job: settings from flags and configuration, and the watcher with the learned durations. */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { WatchJobOptions, WatchJobResult } from '../../watch/job-watcher.js';
import type { WaitFlags } from './command.js';

/** How a command waits for its job (from the flags, then the configuration). */
export interface WaitSettings {
  wait: boolean;
  timeoutMs: number;
  intervalMs: number;
  maxIntervalMs: number;
}

/** Completes the wait settings from the configuration. */
export async function waitSettings(ctx: Context, flags: WaitFlags): Promise<WaitSettings> {
  const config = await ctx.config();
  const intervalMs = flags.intervalMs ?? config.intervalMs;
  return {
    wait: flags.wait,
    timeoutMs: flags.timeoutMs ?? config.timeoutMs,
    intervalMs,
    maxIntervalMs: Math.max(intervalMs, config.maxIntervalMs),
  };
}

/** The command that resumes watching a job. */
export function resumeCommand(jobId: string): string {
  return `sdrs job wait ${jobId}`;
}

/** What a command says about one job to watch; the rest comes from the context and settings. */
export type WatchRequest = Omit<WatchJobOptions, 'api' | 'io' | 'clock' | 'signal' | 'timeoutMs' | 'intervalMs' | 'maxIntervalMs' | 'historyPath' | 'resumeCommand'> &
  Partial<Pick<WatchJobOptions, 'resumeCommand'>>;

/** Watches a job with the command's wait settings, the learned-duration cache and the resume command. */
export async function watch(ctx: Context, api: SdrsApi, settings: WaitSettings, req: WatchRequest): Promise<WatchJobResult> {
  const [{ watchJob }, { defaultHistoryPath }] = await Promise.all([import('../../watch/job-watcher.js'), import('../../watch/history.js')]);
  return watchJob({
    api,
    io: ctx.io,
    clock: ctx.clock,
    signal: ctx.signal,
    timeoutMs: settings.timeoutMs,
    intervalMs: settings.intervalMs,
    maxIntervalMs: settings.maxIntervalMs,
    historyPath: defaultHistoryPath(ctx.env, ctx.homeDir),
    resumeCommand: resumeCommand(req.jobId),
    ...req,
  });
}
