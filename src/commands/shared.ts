/** Helpers shared by the commands: lookups by id or name, wait settings, confirmations, job hand-off lines. */
import type { Context } from '../context.js';
import type { SdrsApi } from '../api/client.js';
import type { ProtectedInstance, Replication, ServerGroup } from '../api/types.js';
import type { WatchJobOptions, WatchJobResult } from '../watch/job-watcher.js';
import { ApiError, PreconditionError, UsageError } from '../errors.js';
import { isWellFormedId, printable, requireGroupRef, requireRef } from '../validate.js';
import { printJson, printTable } from '../io/output.js';
import { palette } from '../io/color.js';
import { askConfirm } from '../io/prompt.js';

const ID_SHAPED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[0-9a-f]{32}$/i;

/** How to find one kind of resource by id or exact, unique name. */
interface Lookup<T extends { id: string; name: string }> {
  /** Short noun for messages: `group`, `instance`, `pair`. */
  noun: string;
  /** Full noun: `protection group`. */
  full: string;
  /** The service's not-found code for a GET by id (HTTP 400, reference 6.2). */
  apiNotFound: string;
  /** Our error code when nothing matches. */
  notFound: string;
  get(id: string): Promise<T>;
  /** Candidates for a name (the service matches names fuzzily; exact matches are kept). */
  byName(name: string): Promise<T[]>;
  /** The command that lists them. */
  list: string;
}

/** Id first (an id-shaped name is possible, so a not-found id falls through), then exact name. */
async function resolveRef<T extends { id: string; name: string }>(ref: string, l: Lookup<T>): Promise<T> {
  requireRef(l.noun, ref);
  if (isWellFormedId(ref) && ID_SHAPED.test(ref)) {
    try {
      return await l.get(ref);
    } catch (err) {
      if (!(err instanceof ApiError && err.apiCode === l.apiNotFound)) throw err;
    }
  }
  const matches = (await l.byName(ref)).filter((x) => x.name === ref);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new UsageError(`${l.noun} name ${printable(ref)} matches ${matches.length} ${l.noun}s; pass the id instead`, {
      hint: 'Ids: ' + matches.map((x) => x.id).join(', '),
    });
  }
  throw new PreconditionError(l.notFound, `${l.full} ${printable(ref)} not found`, {
    hint: `List the ${l.noun}s with '${l.list}'.`,
    details: { [l.noun]: ref },
  });
}

/** Finds a group by id or exact, unique name. Not found: exit 3; ambiguous name: exit 2. */
export function resolveGroup(api: SdrsApi, ref: string): Promise<ServerGroup> {
  return resolveRef(ref, {
    noun: 'group', full: 'protection group', apiNotFound: 'SDRS.1013', notFound: 'GROUP_NOT_FOUND', list: 'sdrs group list',
    get: (id) => api.getGroup(id), byName: (name) => api.listAllGroups({ name }),
  });
}

/** Finds a protected instance by id or exact, unique name (exit 3 / exit 2 as for groups). */
export function resolveInstance(api: SdrsApi, ref: string): Promise<ProtectedInstance> {
  return resolveRef(ref, {
    noun: 'instance', full: 'protected instance', apiNotFound: 'SDRS.1320', notFound: 'INSTANCE_NOT_FOUND', list: 'sdrs instance list',
    get: (id) => api.getInstance(id), byName: (name) => api.listAllInstances({ name }),
  });
}

/** Finds a replication pair by id or exact, unique name (exit 3 / exit 2 as for groups). */
export function resolvePair(api: SdrsApi, ref: string): Promise<Replication> {
  return resolveRef(ref, {
    noun: 'pair', full: 'replication pair', apiNotFound: 'SDRS.1608', notFound: 'PAIR_NOT_FOUND', list: 'sdrs pair list',
    get: (id) => api.getReplication(id), byName: (name) => api.listAllReplications({ name }),
  });
}

/** Checked before anything is sent: without a terminal, confirmation must come from --yes (exit 2). */
export function requireYes(ctx: Context, yes: boolean, verb: string): void {
  if (!yes && !ctx.io.canPrompt) {
    throw new UsageError(`refusing to ${verb} without confirmation: pass --yes (prompts are off without a terminal or with --no-input/--json)`);
  }
}

/** Asks a yes/no question (default no) unless --yes; "no" is exit 2 with nothing sent. */
export async function confirmOrCancel(ctx: Context, yes: boolean, question: string, verb: string): Promise<void> {
  if (yes) return;
  if (!(await askConfirm(ctx, question, false))) throw new UsageError(`${verb} cancelled at the confirmation prompt; nothing was sent`);
}

/** How a command waits for its job (from the flags, then the configuration). */
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

/** How `instance list` and `pair list` show their items. */
export interface ChildList<T> {
  /** "protected instances", for the empty message. */
  what: string;
  /** Every page, optionally of one group. */
  list: (api: SdrsApi, q: { server_group_id?: string }) => Promise<T[]>;
  headers: string[];
  /** One table row; `group` is the group's name (or id when unknown). */
  row: (item: T, group: string) => (string | number | null | undefined)[];
}

/** `<noun> list [<group>]`: a JSON array of the objects as the API returns them, or a table with group names. */
export async function listChildren<T extends { server_group_id: string }>(ctx: Context, args: string[], l: ChildList<T>): Promise<void> {
  const ref = args[0] === undefined ? undefined : requireGroupRef(args[0]);
  const api = await ctx.api();
  const group = ref === undefined ? undefined : await resolveGroup(api, ref);
  const items = await l.list(api, group ? { server_group_id: group.id } : {});
  if (ctx.globals.json) return printJson(ctx.io, items);
  if (items.length === 0) return say(ctx, `No ${l.what}${group ? ` in ${group.name}` : ''}.`);
  const names = new Map((group ? [group] : await api.listAllGroups()).map((g) => [g.id, g.name]));
  printTable(ctx.io, l.headers, items.map((item) => l.row(item, names.get(item.server_group_id) ?? item.server_group_id)));
}
