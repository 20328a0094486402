/**
 * The one mutation pipeline. Every command that changes something runs:
 *
 *   validate (parse: exit 2) -> resolve -> pre-flight (exit 3) -> dry-run -> confirm
 *   -> send exactly once -> --no-wait hand-off, or watch -> result
 *
 * `mutate` runs the steps from pre-flight on for one request and its job; the
 * commands that send several (many-group reverse, switchover phases, detach then
 * delete) use the same stages: `dryRun`, `sendOnce`, `handOff`/`watch`.
 * A request is never re-sent after it may have reached the service: an unknown
 * outcome is reconciled by reading the service, and reported with how to check.
 */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { PreparedRequest } from '../../api/types.js';
import { SdrsError, UnknownOutcomeError } from '../../errors.js';
import type { WatchJobResult } from '../../watch/job-watcher.js';
import { note, out, result, type Result } from './output.js';
import { resumeCommand, watch, type WaitSettings, type WatchRequest } from './wait.js';

/** One mutation of the service whose answer is a job. */
export interface Mutation {
  /** Checks the documented rules before anything is sent (throw PreconditionError, exit 3). */
  preflight?: () => Promise<void>;
  dryRun: boolean;
  /** The exact request(s) --dry-run prints, in the order they would be sent. */
  prepare: () => Promise<PreparedRequest | PreparedRequest[]>;
  /** Asks (or throws exit 2); skipped by --dry-run. */
  confirm?: () => Promise<void>;
  /** Sends the request, once. */
  send: () => Promise<{ job_id: string }>;
  /** After an unknown outcome: reads the service and says what is known (default: the check hint). */
  reconcile?: (err: UnknownOutcomeError) => Promise<SdrsError>;
  /** The command that shows whether an unknown outcome happened. */
  checkHint: string;
  settings: WaitSettings;
  /** Extra fields of the --no-wait document, e.g. `{server_group_id}`. */
  noWait?: Record<string, unknown>;
  /** What to watch (the job id is filled in). */
  watch: Omit<WatchRequest, 'jobId'>;
}

/** How a mutation ended: printed as a dry run, handed off (--no-wait), or watched to its end. */
export type Outcome =
  | { kind: 'dry-run'; result: Result }
  | { kind: 'submitted'; jobId: string; result: Result }
  | { kind: 'done'; jobId: string; watched: WatchJobResult };

/** Runs the pipeline from pre-flight on. The caller turns a `done` outcome into its result. */
export async function mutate(ctx: Context, api: SdrsApi, m: Mutation): Promise<Outcome> {
  await m.preflight?.();
  if (m.dryRun) return { kind: 'dry-run', result: dryRun(await m.prepare()) };
  await m.confirm?.();
  const { job_id: jobId } = await sendOnce(m.send, m.reconcile ?? defaultReconcile(m.checkHint));
  if (!m.settings.wait) return { kind: 'submitted', jobId, result: handOff(jobId, m.noWait) };
  return { kind: 'done', jobId, watched: await watch(ctx, api, m.settings, { ...m.watch, jobId }) };
}

/** Sends once; an unknown outcome is never re-sent and is explained by `reconcile`. */
export async function sendOnce<T>(send: () => Promise<T>, reconcile: (err: UnknownOutcomeError) => Promise<SdrsError>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (err instanceof UnknownOutcomeError) throw await reconcile(err);
    throw err;
  }
}

/** The plain reconciliation: do not re-send, and how to check. */
export function defaultReconcile(checkHint: string): (err: UnknownOutcomeError) => Promise<SdrsError> {
  return async (err) => new UnknownOutcomeError(err.message, { hint: `Do not re-send blindly. Check with: ${checkHint}`, details: err.details, cause: err });
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
  return result(Array.isArray(req) ? { dry_run: true, requests: reqs } : { dry_run: true, request: req }, out(text.join('\n\n')), note('Dry run: nothing was sent.'));
}

/** A job handed back by --no-wait: job id on stdout (JSON with --json), resume hint on stderr. */
export function handOff(jobId: string, extra: Record<string, unknown> = {}): Result {
  return result({ job_id: jobId, ...extra }, out(jobId), note(`Job ${jobId} submitted. Watch it with: ${resumeCommand(jobId)}`));
}

/** "Nothing to do": a no-op is exit 0 with the object as it is (runbooks are re-run). */
export function nothingToDo<T>(what: string, data: T): Result<T> {
  return result(data, note(`Nothing to do: ${what}.`));
}

