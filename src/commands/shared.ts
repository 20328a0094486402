/** Helpers shared by the commands: group lookup, wait settings, job hand-off lines. */
import type { Context } from '../context.js';
import type { SdrsApi } from '../api/client.js';
import type { ServerGroup } from '../api/types.js';
import type { WatchJobOptions, WatchJobResult } from '../watch/job-watcher.js';
import { ApiError, PreconditionError, UsageError } from '../errors.js';
import { isWellFormedId, printable, requireGroupRef } from '../validate.js';
import { printJson } from '../io/output.js';
import { palette } from '../io/color.js';

const NOT_FOUND_CODES = new Set(['SDRS.1013']);

/** Finds a group by id or exact, unique name. Not found: exit 3; ambiguous name: exit 2. */
export async function resolveGroup(api: SdrsApi, ref: string): Promise<ServerGroup> {
  requireGroupRef(ref);
  if (isWellFormedId(ref) && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[0-9a-f]{32}$/i.test(ref)) {
    try {
      return await api.getGroup(ref);
    } catch (err) {
      if (!(err instanceof ApiError && NOT_FOUND_CODES.has(err.apiCode))) throw err;
      // An id-shaped name is possible; fall through to the name lookup.
    }
  }
  const matches = (await api.listAllGroups({ name: ref })).filter((g) => g.name === ref);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new UsageError(`group name ${printable(ref)} matches ${matches.length} groups; pass the id instead`, {
      hint: 'Ids: ' + matches.map((g) => g.id).join(', '),
    });
  }
  throw new PreconditionError('GROUP_NOT_FOUND', `protection group ${printable(ref)} not found`, {
    hint: "List the groups with 'sdrs group list'.",
    details: { group: ref },
  });
}

export interface WaitSettings {
  wait: boolean;
  timeoutMs: number;
  intervalMs: number;
  maxIntervalMs: number;
}

/** Parses --timeout/--interval/--no-wait (exit 2 on bad values) before anything is sent. */
export async function parseWaitFlags(opts: Record<string, unknown>): Promise<Partial<WaitSettings> & { wait: boolean }> {
  const { parseDuration } = await import('../config/duration.js');
  const out: Partial<WaitSettings> & { wait: boolean } = { wait: opts.wait !== false };
  if (opts.timeout !== undefined) out.timeoutMs = parseDuration(String(opts.timeout), '--timeout');
  if (opts.interval !== undefined) {
    out.intervalMs = parseDuration(String(opts.interval), '--interval');
    if (out.intervalMs <= 0) throw new UsageError('--interval must be greater than 0');
  }
  return out;
}

/** Completes the wait settings from the configuration. */
export async function waitSettings(ctx: Context, flags: Partial<WaitSettings> & { wait: boolean }): Promise<WaitSettings> {
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

/** Reports a job handed back by --no-wait: job id on stdout (JSON with --json), resume hint on stderr. */
export function reportNoWait(ctx: Context, jobId: string, extra: Record<string, unknown> = {}): void {
  if (ctx.globals.json) printJson(ctx.io, { job_id: jobId, ...extra });
  else ctx.io.out.write(jobId + '\n');
  ctx.io.err.write(`Job ${jobId} submitted. Watch it with: ${resumeCommand(jobId)}\n`);
}

/** Prints a status line for people on stderr. */
export function say(ctx: Context, line: string): void {
  ctx.io.err.write(line + '\n');
}

/** A green tick / red cross prefix. */
export function mark(ctx: Context, ok: boolean): string {
  const p = palette(ctx.io.color);
  return ok ? p.green('✔') : p.red('✖');
}

/** The AZ that is production when the group's priority_station is `station`. */
export function azOf(group: Pick<ServerGroup, 'source_availability_zone' | 'target_availability_zone'>, station: 'source' | 'target'): string {
  return station === 'source' ? group.source_availability_zone : group.target_availability_zone;
}

/** What a command says about one job to watch; the rest comes from the context and settings. */
export type WatchRequest = Omit<WatchJobOptions, 'api' | 'io' | 'clock' | 'signal' | 'timeoutMs' | 'intervalMs' | 'maxIntervalMs' | 'historyPath' | 'resumeCommand'> &
  Partial<Pick<WatchJobOptions, 'resumeCommand'>>;

/** Watches a job with the command's wait settings, the learned-duration cache and the resume command. */
export async function watch(ctx: Context, api: SdrsApi, settings: WaitSettings, req: WatchRequest): Promise<WatchJobResult> {
  const [{ watchJob }, { defaultHistoryPath }] = await Promise.all([import('../watch/job-watcher.js'), import('../watch/history.js')]);
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
