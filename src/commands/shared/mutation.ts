/**
 * The one mutation pipeline. Every command that changes something runs:
 *
 *   validate (parse: exit 2) -> resolve -> pre-flight (exit 3) -> dry-run -> confirm
 *   -> send exactly once -> --no-wait hand-off, or watch -> result
 *
 * `mutate` runs the steps from pre-flight on for one request and its job; the
 * commands that send several (many-group reverse, switchover phases, detach then
 * delete) use the same stages: `dryRun`, `sendOnce`/`sendOrFollow`, `handOff`/`watch`/`followSent`.
 * A request is never re-sent after it may have reached the service: an unknown
 * outcome is reconciled by reading the service. When the read shows the change made
 * or under way, it is followed by its state and ends with the normal exit codes;
 * otherwise it is reported (exit 7) with how to check. From the send on, every
 * ending is in the after-send form (sent.ts): never exit 2, 3 or 4.
 */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { PreparedRequest, ServerGroup } from '../../api/types.js';
import { ApiError, AuthError, ConfigError, ExitCode, InterruptedError, NetworkError, SdrsError, UnknownOutcomeError, UsageError, safeText, stopSignalOf, toSdrsError, type ErrorDetails } from '../../errors.js';
import type { WatchJobResult } from '../../watch/job-watcher.js';
import { UNDER_WAY_TO } from '../../api/rules.js';
import { note, out, result, type Result } from './output.js';
import { afterSendError, AFTER_SEND_EXITS, asFinal, changesMade, forgetSend, recordSend, type SentRequest } from './sent.js';
import { follow, followGroup, resumeCommand, watch, type FollowRequest, type GroupFollow, type WaitSettings, type WatchRequest } from './wait.js';
import { en, local, t, text, type Text } from '../../i18n/index.js';
import { pipeline as M } from '../../i18n/catalog/pipeline.js';

/** A read after a lost answer showed the change made or under way: it is followed by its state. */
export interface Accepted<F = GroupFollow> {
  kind: 'accepted';
  /** What the read showed, as a clause: "the group is now reversing, so the service accepted it". */
  seen: string;
  /** `seen` in both languages, for people (the English `seen` may reach a JSON document). */
  seenText?: Text;
  follow: F;
}

/** What a reconcile concludes: what is known (an error to end with), or an accepted change to follow. */
export type Reconciled<F = GroupFollow> = SdrsError | Accepted<F>;

/** After an unknown outcome: reads the service and says what is known. */
export type Reconcile<F = GroupFollow> = (err: UnknownOutcomeError) => Promise<Reconciled<F>>;

/** One mutation of the service whose answer is a job. */
export interface Mutation {
  /** Checks the documented rules before anything is sent (throw PreconditionError, exit 3). */
  preflight?: () => Promise<void>;
  dryRun: boolean;
  /** The exact request(s) --dry-run prints, in the order they would be sent. */
  prepare: () => Promise<PreparedRequest | PreparedRequest[]>;
  /** Asks (or throws exit 2); skipped by --dry-run. */
  confirm?: () => Promise<void>;
  /** Reads what `reconcile` will compare with, right before sending (after the confirmation). */
  beforeSend?: () => Promise<void>;
  /** Sends the request, once. */
  send: () => Promise<{ job_id: string }>;
  /**
   * After an unknown outcome: reads the service and says what is known. Default: for a
   * group change with an expected final status, the group's status; else the check hint.
   */
  reconcile?: Reconcile;
  /** The command that shows whether an unknown outcome happened. */
  checkHint: string;
  settings: WaitSettings;
  /** Extra fields of the --no-wait document, e.g. `{server_group_id}`. */
  noWait?: Record<string, unknown>;
  /** What to watch (the job id is filled in). */
  watch: Omit<WatchRequest, 'jobId'>;
  /** `watch.label` in both languages, for the messages people read (the English label names the operation in error documents and the journal). */
  operationText?: Text;
}

/** How a mutation ended: printed as a dry run, handed off (--no-wait), or watched to its end. */
export type Outcome =
  | { kind: 'dry-run'; result: Result }
  | { kind: 'submitted'; jobId: string; result: Result }
  /**
   * Watched to its end. `followed`: the answer (with the job id) was lost but a read showed
   * the change under way, so it was followed by the group's status; `jobId` is then ''.
   */
  | { kind: 'done'; jobId: string; watched: WatchJobResult; followed?: boolean };

/** Runs the pipeline from pre-flight on. The caller turns a `done` outcome into its result. */
export async function mutate(ctx: Context, api: SdrsApi, m: Mutation): Promise<Outcome> {
  await m.preflight?.();
  if (m.dryRun) return { kind: 'dry-run', result: dryRun(await m.prepare()) };
  await m.confirm?.();
  await m.beforeSend?.();
  const details: ErrorDetails = { ...m.noWait, ...(m.watch.groupId ? { group_id: m.watch.groupId } : {}) };
  const sent = await sendOrFollow(ctx, {
    operation: m.watch.label,
    ...(m.operationText ? { operationText: m.operationText } : {}),
    send: m.send,
    reconcile: m.reconcile ?? groupReconcile(api, m) ?? defaultReconcile(m.checkHint),
    checkHint: m.checkHint,
    details,
  });
  if (sent.kind === 'job') {
    if (!m.settings.wait) return { kind: 'submitted', jobId: sent.jobId, result: handOff(sent.jobId, m.noWait) };
    return { kind: 'done', jobId: sent.jobId, watched: await watch(ctx, api, m.settings, { ...m.watch, ...(m.operationText ? { label: local(m.operationText) } : {}), jobId: sent.jobId }) };
  }
  if (!m.settings.wait) throw noHandOff(ctx, sent);
  return { kind: 'done', jobId: '', followed: true, watched: await followSent(ctx, api, m.settings, sent) };
}

/**
 * A refusal (4xx) of a request that changed nothing, in a run that had already changed
 * something (the servers stopped before a reverse, the pair detached before its delete,
 * another group reversed): exit 3 would say "nothing changed", so it is a failed step
 * (exit 5, `STEP_REFUSED`) that names what was done before it. Alone, it stays as it is.
 */
function refusedAfterChanges(ctx: Context, err: unknown): SdrsError {
  const e = toSdrsError(err);
  const done = changesMade(ctx);
  if (done.length === 0) return e;
  const what = done.map((r) => (r.jobId ? text(M.changeMade, { operation: r.operationText ?? r.operation, jobId: r.jobId }) : r.operationText ?? r.operation));
  const whatText = { en: what.map((w) => (typeof w === 'string' ? w : w.en)).join('; '), zh: what.map((w) => (typeof w === 'string' ? w : w.zh)).join('；') };
  return new SdrsError('STEP_REFUSED', ExitCode.JOB_FAILED, text(M.stepRefused, { message: e.text, what: whatText }), {
    hint: e.hintText,
    details: { ...e.details, refused_code: e.code, refused_exit_code: e.exitCode, changes_made: done.map((r) => ({ operation: r.operation, job_id: r.jobId ?? null, state: r.state })) },
    cause: err,
  });
}

/** One request to send once, and how to explain an unknown outcome. */
export interface SendRequest<T extends { job_id: string }, F = GroupFollow> {
  /** What is asked, for messages: "Reversing erp to target (cn-north-4b)" (English: error documents and the journal carry it). */
  operation: string;
  /** `operation` in both languages, for the messages people read. @default `operation` in both */
  operationText?: Text;
  send: () => Promise<T>;
  /** @default the check hint only */
  reconcile?: Reconcile<F>;
  /** The command that shows whether it happened. */
  checkHint: string;
  /** Fields for the error documents. */
  details?: ErrorDetails;
  /** The command that resumes watching its job. @default `sdrs job wait <id>` */
  resume?: (jobId: string) => string;
}

/** What a send ended with: the job the service answered with, or an accepted change to follow. */
export type Sent<T, F = GroupFollow> =
  | { kind: 'job'; jobId: string; answer: T; record: SentRequest }
  | (Accepted<F> & { record: SentRequest });

/**
 * Sends once. A refusal (4xx, nothing sent) is thrown as it is. Anything else that is
 * not a usable answer (5xx, dropped connection, an answer that cannot be read) is never
 * re-sent: `reconcile` reads the service and either shows the change accepted (returned,
 * to follow) or says what is known (thrown, exit 7). A signal while the request is in
 * flight says it may have reached the service and how to check.
 */
export async function sendOrFollow<T extends { job_id: string }, F = GroupFollow>(ctx: Context, req: SendRequest<T, F>): Promise<Sent<T, F>> {
  // Stopped before anything left (e.g. during the reads before the send): say so, not "may have reached".
  if (ctx.signal.aborted) throw new InterruptedError(text(M.stoppedBeforeSend, { operation: req.operationText ?? req.operation }), { signal: stopSignalOf(ctx.signal.reason) });
  const record = recordSend(ctx, { operation: req.operation, ...(req.operationText ? { operationText: req.operationText } : {}), checkHint: req.checkHint, details: req.details });
  let answer: T;
  try {
    answer = await req.send();
  } catch (err) {
    if (ctx.signal.aborted || err instanceof InterruptedError) throw afterSendError(ctx, record, err);
    if (refused(err)) {
      forgetSend(ctx, record);
      throw asFinal(refusedAfterChanges(ctx, err));
    }
    const e = toSdrsError(err);
    const unknown = err instanceof UnknownOutcomeError
      ? err
      : new UnknownOutcomeError(text(M.answerUnusable, { operation: req.operationText ?? req.operation, message: e.text }), { details: e.details, cause: err });
    const reconcile = req.reconcile ?? (defaultReconcile(req.checkHint) as Reconcile<F>);
    let r: Reconciled<F>;
    try {
      r = await reconcile(unknown);
    } catch {
      r = await defaultReconcile(req.checkHint)(unknown);
    }
    if (ctx.signal.aborted) throw afterSendError(ctx, record, new InterruptedError(unknown.text));
    if (r instanceof SdrsError) throw AFTER_SEND_EXITS.has(r.exitCode) && r.hint ? asFinal(r) : afterSendError(ctx, record, r);
    record.state = 'accepted';
    return { ...r, record };
  }
  record.jobId = answer.job_id;
  record.state = 'accepted';
  if (req.resume) record.resume = req.resume(answer.job_id);
  return { kind: 'job', jobId: answer.job_id, answer, record };
}

/** Sends once and returns the job id (for stages that hand the job on); see sendOrFollow. */
export async function sendOnce<T extends { job_id: string }, F>(ctx: Context, req: SendRequest<T, F>): Promise<string> {
  const s = await sendOrFollow(ctx, req);
  if (s.kind === 'job') return s.jobId;
  throw noHandOff(ctx, s);
}

/** Follows an accepted change by its group's status; every ending in the after-send form. */
export async function followSent(ctx: Context, api: Pick<SdrsApi, 'getGroup'>, settings: WaitSettings, s: Accepted & { record: SentRequest }): Promise<WatchJobResult> {
  ctx.io.err.write(safeText(t(M.followingGroup, { label: s.record.operationText ? local(s.record.operationText) : s.follow.labelText ? local(s.follow.labelText) : s.follow.label, seen: seenIn(s), groupId: s.follow.group.id })) + '\n');
  try {
    const r = await followGroup(ctx, api, settings, s.follow);
    s.record.state = 'done';
    return r;
  } catch (err) {
    throw afterSendError(ctx, s.record, err);
  }
}

/** Follows an accepted change (no job id) by the state `f` reads; every ending in the after-send form. */
export async function followAccepted<F, T>(ctx: Context, settings: WaitSettings, s: Accepted<F> & { record: SentRequest }, f: FollowRequest<T>): Promise<T> {
  ctx.io.err.write(safeText(t(M.followingAccepted, { operation: local(s.record.operationText ?? s.record.operation), seen: seenIn(s), label: f.labelText ? local(f.labelText) : f.label })) + '\n');
  try {
    const r = await follow(ctx, settings, f);
    s.record.state = 'done';
    return r.value;
  } catch (err) {
    throw afterSendError(ctx, s.record, err);
  }
}

/** An accepted change without a job id cannot be handed off (--no-wait prints a job id): exit 7, saying so. */
export function noHandOff(ctx: Context, s: Accepted<unknown> & { record: SentRequest }): SdrsError {
  return afterSendError(ctx, s.record, new UnknownOutcomeError(
    text(M.noHandOff, { operation: s.record.operationText ?? s.record.operation, seen: s.seenText ?? s.seen }),
    { hint: text(M.noHandOffHint, { check: s.record.checkHint }) },
  ));
}

/** What a read showed, in this run's language. */
function seenIn(a: { seen: string; seenText?: Text }): string {
  return a.seenText ? t(a.seenText) : a.seen;
}

/** A definitive answer that nothing was done (or an error before anything left): reported as it is. */
function refused(err: unknown): err is SdrsError {
  if (err instanceof ApiError) return err.status < 500;
  if (err instanceof UnknownOutcomeError) return false;
  // The transport raises UNREACHABLE for a mutating request only when no attempt reached the service;
  // PROXY_UNREACHABLE only when the proxy could not be reached or refused to connect (never after a send).
  if (err instanceof NetworkError) return err.code === 'UNREACHABLE' || err.code === 'PROXY_UNREACHABLE';
  return err instanceof UsageError || err instanceof ConfigError || err instanceof AuthError;
}

/** The plain reconciliation: do not re-send, and how to check. */
export function defaultReconcile(checkHint: string): (err: UnknownOutcomeError) => Promise<SdrsError> {
  return async (err) => new UnknownOutcomeError(err.text, { hint: text(M.dontResend, { check: checkHint }), details: err.details, cause: err });
}

/**
 * The default reconcile of a group change with an expected final status (start, stop,
 * failover): the group shows it under way, or already at that status (the pipeline
 * sends nothing for a group already there), so it was accepted: followed. Any other
 * status does not tell: exit 7 with how to check.
 */
function groupReconcile(api: SdrsApi, m: Mutation): Reconcile | undefined {
  const groupId = m.watch.groupId;
  const expect = m.watch.expect;
  if (!groupId || !expect?.finalStatus) return undefined;
  const finalStatus = expect.finalStatus;
  return async (err) => {
    let g: ServerGroup | undefined;
    try {
      g = await api.getGroup(groupId);
    } catch {
      // Still failing: said below.
    }
    if (g) {
      const there = g.status === finalStatus && (!expect.priorityStation || g.priority_station === expect.priorityStation);
      if (there || (UNDER_WAY_TO[finalStatus] as readonly string[] | undefined)?.includes(g.status)) {
        return {
          kind: 'accepted',
          seen: en(there ? M.seenMade : M.seenAccepted, { status: g.status }),
          seenText: text(there ? M.seenMade : M.seenAccepted, { status: g.status }),
          follow: { group: g, label: m.watch.label, ...(m.operationText ? { labelText: m.operationText } : {}), expect: { ...expect, finalStatus } },
        };
      }
    }
    return new UnknownOutcomeError(g ? text(M.groupDoesNotTell, { message: err.text, status: g.status }) : text(M.mayOrMayNot, { message: err.text }), {
      hint: text(M.dontResend, { check: m.checkHint }),
      details: { ...err.details, group_id: groupId, ...(g ? { group_status: g.status } : {}) },
      cause: err,
    });
  };
}

/**
 * The one dry-run format: the request(s) on stdout (method, URL, headers, body; JSON
 * `{dry_run, request}` for one, `{dry_run, requests}` for several), a note on stderr.
 */
export function dryRun(req: PreparedRequest | PreparedRequest[]): Result {
  const reqs = Array.isArray(req) ? req : [req];
  const text = reqs.map((r) => {
    const lines = [`${r.method} ${r.url}`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`)];
    if (r.body !== undefined) lines.push('', JSON.stringify(r.body, null, 2));
    return lines.join('\n');
  });
  return result(Array.isArray(req) ? { dry_run: true, requests: reqs } : { dry_run: true, request: req }, out(text.join('\n\n')), note(t(M.dryRunNote)));
}

/**
 * A job handed back by --no-wait: job id on stdout (JSON with --json), resume hint on
 * stderr (`resume`: the command that watches it, `sdrs job wait <id>` by default).
 */
export function handOff(jobId: string, extra: Record<string, unknown> = {}, resume = resumeCommand(jobId)): Result {
  return result({ job_id: jobId, ...extra }, out(jobId), note(t(M.submitted, { jobId, resume })));
}

/** "Nothing to do": a no-op is exit 0 with the object as it is (runbooks are re-run); `what` is for people only. */
export function nothingToDo<T>(what: string | Text, data: T): Result<T> {
  return result(data, note(t(M.nothingToDo, { what: local(what) })));
}

/**
 * A dry run of a no-op: the dry-run document with no request (what a dry run prints is always
 * what would be sent), and why nothing would be (group start/stop/failover/reverse). `what` is
 * the document's English `nothing_to_do`; `whatText` what people read.
 */
export function nothingToSend(what: string, whatText?: Text): Result<{ dry_run: true; requests: []; nothing_to_do: string }> {
  return result({ dry_run: true as const, requests: [] as [], nothing_to_do: what }, note(t(M.nothingToSend, { what: whatText ? local(whatText) : what })));
}

/** A change the service makes at once and answers without a job (204): sent once, as sendOrFollow sends. */
export interface NoJobRequest {
  /** What is asked, for messages. */
  operation: string;
  /** `operation` in both languages, for the messages people read. */
  operationText?: Text;
  send: () => Promise<void>;
  /** The command that shows whether it happened. */
  checkHint: string;
  details?: ErrorDetails;
  /** After a lost answer: reads whether the change is made (true: done, not re-sent either way). */
  verify?: () => Promise<boolean>;
}

/**
 * Sends a change without a job once. A refusal (4xx) is thrown as it is (nothing
 * changed); a lost answer is never re-sent: `verify` reads the service, and the change
 * is done when it shows it made, else the outcome is unknown (exit 7) with how to check.
 * Returns what the read showed when the answer was lost, for the result to say.
 */
export async function sendNoJob(ctx: Context, req: NoJobRequest): Promise<{ seen?: string; seenText?: Text }> {
  const s = await sendOrFollow<{ job_id: string }, undefined>(ctx, {
    operation: req.operation,
    ...(req.operationText ? { operationText: req.operationText } : {}),
    send: async () => {
      await req.send();
      return { job_id: '' };
    },
    checkHint: req.checkHint,
    details: req.details,
    reconcile: async (err) => {
      if (await (req.verify?.() ?? Promise.resolve(false)).catch(() => false)) return { kind: 'accepted', seen: en(M.seenReadMade), seenText: text(M.seenReadMade), follow: undefined };
      return new UnknownOutcomeError(text(req.verify ? M.noJobUnknownVerified : M.noJobUnknownUnchecked, { operation: req.operationText ?? req.operation, message: err.text }), {
        hint: text(M.dontResend, { check: req.checkHint }),
        details: { ...err.details, ...req.details, operation: req.operation },
        cause: err,
      });
    },
  });
  s.record.state = 'done';
  return s.kind === 'accepted' ? { seen: s.seen, ...(s.seenText ? { seenText: s.seenText } : {}) } : {};
}
