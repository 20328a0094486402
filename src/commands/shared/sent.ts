/**
 * The after-send invariant. From the moment a mutating request may have reached
 * the service, every way the command can end (any error, a signal, failing job
 * reads, a configuration that changed under it, a bug) reports the operation,
 * the job id if known, whether the outcome is known, and the exact command to
 * find out or resume; and it never exits 2, 3 or 4 (those say "nothing changed").
 *
 * `sendOnce`/`mutate` (mutation.ts) record each request here as it is sent, per run
 * (per Context); `watch` (wait.ts) and the command runner (`bind`) turn whatever
 * escapes afterwards into such a report with `afterSendError`.
 */
import type { Context } from '../../context.js';
import {
  ExitCode, InterruptedError, SdrsError, UnknownOutcomeError, stopSignalOf, toSdrsError, type ErrorDetails,
} from '../../errors.js';
import { journalJob, journalSend } from './journal.js';
import { join, text, type Text } from '../../i18n/index.js';
import { pipeline as M } from '../../i18n/catalog/pipeline.js';

/** The command that resumes watching an SDRS job. */
export function resumeCommand(jobId: string): string {
  return `sdrs job wait ${jobId}`;
}

/** One mutating request of this run that may have reached the service. */
export interface SentRequest {
  /** What was asked, for messages: "Reversing erp to target (cn-north-4b)" (English: error documents and the journal carry it). */
  operation: string;
  /** `operation` in both languages, for the messages people read. @default `operation` in both */
  operationText?: Text;
  /** The command that shows whether it happened, while no job id is known. */
  checkHint: string;
  /** The job the service answered with. */
  jobId?: string;
  /** The command that resumes watching the job. @default `sdrs job wait <jobId>` */
  resume?: string;
  /** Fields for the error documents (group_id, server_ids, …). */
  details?: ErrorDetails;
  /**
   * `sent`: it may have reached the service, no answer yet (or none usable);
   * `accepted`: the service answered with a job, or a read showed the change under way;
   * `done`: watched to its successful end.
   */
  state: 'sent' | 'accepted' | 'done';
}

/** The exit codes an ending after a send may have: done, job failed, timed out, unknown, or the signal's. */
export const AFTER_SEND_EXITS: ReadonlySet<number> = new Set([
  ExitCode.OK, ExitCode.JOB_FAILED, ExitCode.TIMEOUT, ExitCode.UNREACHABLE, ExitCode.INTERRUPTED, ExitCode.TERMINATED, ExitCode.HANGUP,
]);

const ledgers = new WeakMap<Context, SentRequest[]>();
/** Errors already in the after-send form, and definitive refusals of a request (nothing changed). */
const final = new WeakSet<SdrsError>();

/** Records a request about to be sent; the caller updates the record as it learns more. */
export function recordSend(ctx: Context, req: Omit<SentRequest, 'state'>): SentRequest {
  const { jobId: initial, ...rest } = req;
  const rec: SentRequest = { ...rest, state: 'sent' };
  // The local journal (journal.ts) hears of the request now, and of its job id the moment it is set.
  let jobId = initial;
  Object.defineProperty(rec, 'jobId', {
    enumerable: true,
    get: () => jobId,
    set: (v: string | undefined) => {
      const changed = v !== jobId;
      jobId = v;
      // After the current step, so a `resume` set right after the job id is in the record.
      if (changed && v) queueMicrotask(() => journalJob(ctx, rec));
    },
  });
  const list = ledgers.get(ctx) ?? [];
  list.push(rec);
  ledgers.set(ctx, list);
  journalSend(ctx, rec);
  if (initial) journalJob(ctx, rec);
  return rec;
}

/** Forgets a request the service refused outright (or that never left): nothing changed. */
export function forgetSend(ctx: Context, rec: SentRequest): void {
  const list = ledgers.get(ctx);
  if (list) ledgers.set(ctx, list.filter((r) => r !== rec));
}

/** The requests of this run that the service accepted (or that finished), other than `except`. */
export function changesMade(ctx: Context, except?: SentRequest): SentRequest[] {
  return (ledgers.get(ctx) ?? []).filter((r) => r !== except && r.state !== 'sent');
}

/** The recorded request that started job `jobId` in this run, if any. */
export function sentJob(ctx: Context, jobId: string): SentRequest | undefined {
  return ledgers.get(ctx)?.find((r) => r.jobId === jobId);
}

/** Marks an error as final: reported as it is (a refusal of a later request, or already converted). */
export function asFinal<E extends SdrsError>(e: E): E {
  final.add(e);
  return e;
}

/** Whether an error is final (see asFinal). */
export function isFinal(e: unknown): boolean {
  return e instanceof SdrsError && final.has(e);
}

const hasLookup = (s: string | undefined, look: string) => s !== undefined && s.includes(look);

/**
 * The error an ending after a send is reported with: the operation, the job id (if
 * known), whether the outcome is known, and the command that finds out or resumes.
 * Exit codes 0, 5, 6, 7 and the signals' are kept (with the job id and the command
 * added where missing); anything else (1 to 4: a bug, a usage or config error, a
 * refused read) becomes 7, "outcome unknown", since the change may well have happened.
 */
export function afterSendError(ctx: Context, rec: SentRequest, err: unknown): SdrsError {
  const e = toSdrsError(err);
  if (final.has(e)) return e;
  const jobId = rec.jobId ?? (typeof e.details.job_id === 'string' ? e.details.job_id : undefined);
  const look = jobId ? (rec.resume ?? resumeCommand(jobId)) : rec.checkHint;
  const details: ErrorDetails = { ...rec.details, ...e.details, ...(jobId ? { job_id: jobId } : {}), operation: rec.operation };
  const job: Text = jobId ? text(M.jobNamed, { jobId }) : text(M.theRequest);
  const operation = rec.operationText ?? rec.operation;
  let out: SdrsError;
  if (ctx.signal.aborted || e instanceof InterruptedError) {
    const sig = stopSignalOf(ctx.signal.reason);
    const message = e.message.includes(jobId ?? '\u0000')
      ? e.text
      : rec.state === 'sent'
        ? text(M.stoppedInFlight, { operation })
        : rec.state === 'done'
          ? text(M.stoppedAfterDone, { operation, job })
          : text(M.stoppedWatching, { operation, job });
    const hint = hasLookup(e.hint, look)
      ? e.hintText
      : rec.state === 'sent' && !jobId
        ? text(M.checkWhetherMade, { look })
        : text(M.resumeWatching, { look });
    out = new InterruptedError(message, { signal: sig, hint, details, cause: e });
  } else if (AFTER_SEND_EXITS.has(e.exitCode)) {
    const hint = hasLookup(e.hint, look) || (jobId && hasLookup(e.hint, jobId))
      ? e.hintText
      : join([...(e.hintText && e.hint ? [e.hintText] : []), text(jobId ? M.checkIt : M.dontResend, { look, check: look })], ' ');
    out = new SdrsError(e.code, e.exitCode, e.text, { hint, details, cause: e });
  } else {
    const known = rec.state === 'done'
      ? text(M.knownFinished, { job })
      : rec.state === 'accepted'
        ? (jobId ? text(M.knownAcceptedJob, { job }) : text(M.knownAccepted))
        : text(M.knownSent);
    out = new UnknownOutcomeError(text(rec.state === 'done' ? M.afterSendDone : M.afterSendUnknown, { operation, known, message: e.text }), {
      hint: jobId
        ? text(rec.state === 'done' ? M.checkResult : M.followOnceFixed, { look })
        : text(M.dontResend, { check: look }),
      details: { ...details, cause_code: e.code, cause_exit_code: e.exitCode },
      cause: e,
    });
  }
  return asFinal(out);
}

/**
 * Runs a command's work; an error that escapes after one of its requests may have
 * reached the service is reported in the after-send form (see afterSendError).
 * Errors before any send, and definitive refusals, pass unchanged.
 */
export async function guardSends<T>(ctx: Context, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const list = ledgers.get(ctx);
    if (!list?.length || (err instanceof SdrsError && final.has(err))) throw err;
    // The request whose outcome is least known: the last one not yet done, else the last one.
    const rec = [...list].reverse().find((r) => r.state !== 'done') ?? list[list.length - 1];
    throw afterSendError(ctx, rec, err);
  }
}
