/**
 * The hook between the commands and the local journal (src/journal, docs/journal.md).
 *
 * `bind` (command.ts) opens a journal run for every command and closes it with the
 * result or the error; the send ledger (sent.ts) reports each request as it is
 * recorded and each job id as it becomes known. What is written:
 *   - a `start` record at the first request a run sends (so a run killed afterwards
 *     shows as unfinished, with its operation and how to check it);
 *   - a `job` record as soon as a job id is known (a SIGKILLed run names the job and
 *     `sdrs job wait <id>`);
 *   - an `end` record with the exit code, the final statuses and the command's facts
 *     (`Result.journal`, or `journalFacts` during the run).
 * A command that sends nothing is journaled (one `end` record) only when it is a
 * mutating command (it has --dry-run or --yes): its dry runs, refusals (exit 3, 4) and
 * no-ops are evidence too; a usage error (exit 2) is not. A command that is not
 * mutating but sends something (none today) is journaled from its first send.
 * Writing never changes an exit code: a failure gives one warning on stderr.
 */
import { hostname, userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../config/types.js';
import { AKSK_FAMILIES, AUTH_TOKEN_VARS } from '../../config/env.js';
import { proxySecretForms } from '../../config/mask.js';
import { ExitCode, InterruptedError, safeLine, stopSignalOf, toSdrsError } from '../../errors.js';
import { palette } from '../../io/color.js';
import { VERSION } from '../../version.js';
import { appendRecord, journalOffByEnv, journalPath } from '../../journal/store.js';
import { scrubArgv, stripUserinfo } from '../../journal/scrub.js';
import { JOURNAL_VERSION, type EndRecord, type FinalStatus, type JournalRecord, type Outcome, type RunContext } from '../../journal/record.js';
import type { JournalFacts, Result } from './output.js';
import { t } from '../../i18n/index.js';
import { pipeline as M } from '../../i18n/catalog/pipeline.js';

/** The request fields the journal reads (sent.ts's SentRequest). */
interface Sent {
  operation: string;
  checkHint: string;
  jobId?: string;
  resume?: string;
  details?: Record<string, unknown>;
  state: 'sent' | 'accepted' | 'done';
}

interface JournalRun {
  id: string;
  path: string;
  startedAt: number;
  command: string;
  argv: string[];
  note?: string;
  mutating: boolean;
  dryRun: boolean;
  started: boolean;
  warned: boolean;
  sent: Sent[];
  /** When the first request was sent (ms). */
  firstSentAt?: number;
  facts: JournalFacts;
  config?: ResolvedConfig;
  secrets: Set<string>;
}

const runs = new WeakMap<Context, JournalRun>();

/** The command path of a leaf command: `group reverse`. */
function pathOf(cmd: Command): { path: string; root: Command } {
  const names: string[] = [];
  let c: Command = cmd;
  while (c.parent) {
    names.unshift(c.name());
    c = c.parent;
  }
  return { path: names.join(' '), root: c };
}

/** What an operation is called when the command does not say (its `Result.journal.kind`). */
export function defaultKind(path: string): string {
  const [noun, verb] = path.split(' ');
  if (noun === 'group') return verb === 'reverse' ? 'switchover' : (verb ?? noun);
  if (noun === 'drill' || noun === 'plan') return noun;
  return verb ? `${noun}-${verb}` : noun;
}

/** Opens the journal run of one command (nothing is written yet). Off with --no-journal or SDRS_NO_JOURNAL. */
export function beginJournal(ctx: Context, cmd: Command): void {
  try {
    open(ctx, cmd);
  } catch {
    // The journal never stops a command; a write failure is warned about when it happens.
  }
}

function open(ctx: Context, cmd: Command): void {
  // A Context without an environment (a wiring test's) has nothing to journal.
  if (!ctx.env || !ctx.clock) return;
  const g = cmd.optsWithGlobals() as { journal?: boolean; note?: string };
  if (g.journal === false || journalOffByEnv(ctx.env)) return;
  const { path, root } = pathOf(cmd);
  const raw = (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
  const run: JournalRun = {
    id: globalThis.crypto.randomUUID(),
    path: journalPath(ctx.env, ctx.homeDir),
    startedAt: ctx.clock.now(),
    command: path,
    argv: scrubArgv(raw),
    note: typeof g.note === 'string' ? g.note : undefined,
    mutating: cmd.options.some((o) => o.long === '--dry-run' || o.long === '--yes'),
    dryRun: (cmd.opts() as { dryRun?: boolean }).dryRun === true,
    started: false,
    warned: false,
    sent: [],
    facts: {},
    secrets: new Set([...envSecrets(ctx.env), ...proxySecrets(ctx)]),
  };
  runs.set(ctx, run);
  // The configuration, once the command loads it: profile, region, project, endpoint, and the
  // secrets to scrub (the proxies' passwords, the credentials from a config file or KooCLI).
  // loadConfig resolves them with the configuration, so even the start record of a command that
  // sends at once (`sdrs api`) is scrubbed of them.
  const load = ctx.config.bind(ctx);
  let loaded: Promise<ResolvedConfig> | undefined;
  ctx.config = () => {
    loaded ??= load().then((c) => {
      run.config = c;
      for (const s of c.secrets ?? []) run.secrets.add(s);
      return c;
    });
    return loaded;
  };
}

/** The proxy passwords given by --proxy or the environment (a profile's join when the configuration is loaded). */
function proxySecrets(ctx: Context): string[] {
  // https_proxy, HTTPS_PROXY, http_proxy, HTTP_PROXY, all_proxy, ALL_PROXY (src/config/proxy.ts), any case.
  const values = [ctx.globals.proxy, ...Object.keys(ctx.env).filter((n) => PROXY_VAR.test(n)).map((n) => ctx.env[n]?.trim())];
  return values.flatMap((v) => proxySecretForms(v));
}

const PROXY_VAR = /^(?:https?|all)_proxy$/i;

/** The credentials in the environment: never written, wherever they might appear. */
function envSecrets(env: NodeJS.ProcessEnv): string[] {
  const names = [...AKSK_FAMILIES.flatMap((f) => [f.ak, f.sk, f.token]), ...AUTH_TOKEN_VARS];
  return names.map((n) => env[n]?.trim()).filter((v): v is string => Boolean(v));
}

function osUser(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? 'unknown';
  }
}

function context(ctx: Context, run: JournalRun): RunContext {
  const c = run.config;
  const endpoint = c?.endpoints.sdrs ?? ctx.globals.endpoint;
  return {
    command: run.command,
    argv: run.argv,
    user: osUser(ctx.env),
    host: hostname(),
    pid: process.pid,
    sdrs_version: VERSION,
    ...(c?.profile ?? ctx.globals.profile ? { profile: c?.profile ?? ctx.globals.profile } : {}),
    ...(c?.region ?? ctx.globals.region ? { region: c?.region ?? ctx.globals.region } : {}),
    ...(c?.projectId ?? ctx.globals.projectId ? { project_id: c?.projectId ?? ctx.globals.projectId } : {}),
    ...(endpoint ? { endpoint: stripUserinfo(endpoint) } : {}),
    ...(run.note !== undefined ? { note: run.note } : {}),
  };
}

function write(ctx: Context, run: JournalRun, record: () => JournalRecord): void {
  try {
    appendRecord(run.path, record(), run.secrets);
  } catch (err) {
    warn(ctx, run, err);
  }
}

/** One warning per run, whatever failed; never thrown. */
function warn(ctx: Context, run: JournalRun, err: unknown): void {
  if (run.warned) return;
  run.warned = true;
  const why = err instanceof Error ? err.message : String(err);
  try {
    ctx.io.err.write(palette(ctx.io.colorLevel).yellow(t(M.journalUnwritable, { why: safeLine(why) })) + '\n');
  } catch {
    // stderr gone (EPIPE after a hang-up): nothing more to do.
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const str = (x: unknown) => (typeof x === 'string' && x ? x : undefined);

/** A request was recorded in the send ledger: the run's start record, once. */
export function journalSend(ctx: Context, rec: Sent): void {
  const run = runs.get(ctx);
  if (!run) return;
  run.sent.push(rec);
  if (run.started) return;
  run.started = true;
  run.firstSentAt = ctx.clock.now();
  const group = str(rec.details?.group_id);
  write(ctx, run, () => ({
    v: JOURNAL_VERSION,
    type: 'start',
    run: run.id,
    at: iso(ctx.clock.now()),
    started_at: iso(run.startedAt),
    kind: run.facts.kind ?? defaultKind(run.command),
    operation: rec.operation,
    check: rec.checkHint,
    ...(group ? { group_id: group } : {}),
    ...context(ctx, run),
  }));
}

/** A job id became known for a recorded request: a job record. */
export function journalJob(ctx: Context, rec: Sent): void {
  const run = runs.get(ctx);
  const jobId = rec.jobId;
  if (!run || !jobId) return;
  const group = str(rec.details?.group_id);
  write(ctx, run, () => ({
    v: JOURNAL_VERSION,
    type: 'job',
    run: run.id,
    at: iso(ctx.clock.now()),
    operation: rec.operation,
    job_id: jobId,
    resume: rec.resume ?? `sdrs job wait ${jobId}`,
    ...(group ? { group_id: group } : {}),
  }));
}

/** Facts a command knows while it runs (kept even when it then fails); merged into the end record. */
export function journalFacts(ctx: Context, facts: JournalFacts): void {
  const run = runs.get(ctx);
  if (run) run.facts = { ...run.facts, ...facts };
}

function outcomeOf(code: number, sent: boolean, dryRun: boolean): Outcome {
  switch (code) {
    case ExitCode.OK: return sent ? 'ok' : dryRun ? 'dry-run' : 'no-change';
    case ExitCode.API:
    case ExitCode.AUTH: return 'refused';
    case ExitCode.JOB_FAILED: return 'failed';
    case ExitCode.TIMEOUT: return 'timeout';
    case ExitCode.UNREACHABLE: return 'unknown';
    case ExitCode.INTERRUPTED:
    case ExitCode.TERMINATED:
    case ExitCode.HANGUP: return 'interrupted';
    default: return 'error';
  }
}

/** Groups as a command's data describes them (a group, a list of groups, `{groups: [...]}`). */
function finalStatuses(data: unknown): FinalStatus[] {
  const one = (x: unknown): FinalStatus | undefined => {
    if (!x || typeof x !== 'object') return undefined;
    const o = x as Record<string, unknown>;
    // A group object, or a many-group row ({group_id, name, status, priority_station}); not a server.
    const id = o.group_id ?? o.id;
    if (typeof id !== 'string' || typeof o.status !== 'string' || !('priority_station' in o)) return undefined;
    return { id, ...(str(o.name) ? { name: o.name as string } : {}), status: o.status, ...(str(o.priority_station) ? { priority_station: o.priority_station as string } : {}) };
  };
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { groups?: unknown }).groups) ? (data as { groups: unknown[] }).groups : [data];
  return list.map(one).filter((x): x is FinalStatus => Boolean(x));
}

/** The run ended (`r` on success, `err` on failure): its end record. */
export function endJournal(ctx: Context, r: Result | undefined, err?: unknown): void {
  const run = runs.get(ctx);
  if (!run) return;
  runs.delete(ctx);
  try {
    close(ctx, run, r, err);
  } catch (e) {
    warn(ctx, run, e);
  }
}

function close(ctx: Context, run: JournalRun, r: Result | undefined, err?: unknown): void {
  let code: number = ExitCode.OK;
  let e: ReturnType<typeof toSdrsError> | undefined;
  if (err !== undefined) {
    e = toSdrsError(err);
    code = e.code === 'INTERRUPTED' && ctx.signal.aborted ? new InterruptedError('', { signal: stopSignalOf(ctx.signal.reason) }).exitCode : e.exitCode;
  }
  const sent = run.sent.length > 0;
  const facts: JournalFacts = { ...run.facts, ...r?.journal };
  // Nothing sent by a command that changes nothing, or a usage error: not an operation (a read kept as evidence is).
  if (!sent && !facts.read && (!run.mutating || code === ExitCode.USAGE)) return;
  const data = r?.data as Record<string, unknown> | undefined;
  const finals = finalStatuses(r?.data);
  const groups = new Map<string, { id: string; name?: string }>();
  for (const g of facts.groups ?? []) groups.set(g.id, g);
  for (const s of run.sent) {
    const id = str(s.details?.group_id);
    if (id && !groups.has(id)) groups.set(id, { id, ...(str(s.details?.group) ? { name: s.details?.group as string } : {}) });
  }
  for (const f of finals) if (!groups.has(f.id) || !groups.get(f.id)?.name) groups.set(f.id, { id: f.id, ...(f.name ? { name: f.name } : {}) });
  // A refusal names its group in the error's details (a pre-flight refusal happens before any send).
  const gid = str(e?.details.group_id);
  if (gid && !groups.has(gid)) groups.set(gid, { id: gid, ...(str(e?.details.group) ? { name: e?.details.group as string } : {}) });
  const now = ctx.clock.now();
  const kind = facts.kind ?? defaultKind(run.command);
  // A failover that succeeded, when the command measured nothing finer: from its request to the group failed-over.
  if (kind === 'failover' && facts.recovery_ms === undefined && code === ExitCode.OK && run.firstSentAt !== undefined) facts.recovery_ms = now - run.firstSentAt;
  const end: EndRecord = {
    v: JOURNAL_VERSION,
    type: 'end',
    run: run.id,
    at: iso(now),
    started_at: iso(run.startedAt),
    duration_ms: Math.max(0, now - run.startedAt),
    ...context(ctx, run),
    outcome: facts.read && (code === ExitCode.OK || code === ExitCode.NOT_READY) ? 'ok' : outcomeOf(code, sent, run.dryRun || data?.dry_run === true),
    exit_code: code,
    ...(run.dryRun ? { dry_run: true } : {}),
    ...(e ? { error_code: e.code, message: safeLine(e.message).slice(0, 500) } : {}),
    kind,
    groups: [...groups.values()],
    sent: run.sent.map((s) => ({ operation: s.operation, state: s.state, ...(s.jobId ? { job_id: s.jobId } : {}), ...(str(s.details?.group_id) ? { group_id: s.details?.group_id as string } : {}) })),
    final_statuses: finals,
    phases: facts.phases ?? [],
    ...(facts.downtime_ms !== undefined ? { downtime_ms: facts.downtime_ms } : {}),
    ...(facts.recovery_ms !== undefined ? { recovery_ms: facts.recovery_ms } : {}),
    ...(facts.extra ? { extra: facts.extra } : {}),
  };
  write(ctx, run, () => end);
}
