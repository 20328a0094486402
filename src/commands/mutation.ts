/**
 * The tail every mutating command shares once its input is checked: --dry-run,
 * confirmation, one request (never re-sent), --no-wait hand-off, or the watcher.
 */
import type { Context } from '../context.js';
import type { SdrsApi } from '../api/client.js';
import type { PreparedRequest } from '../api/types.js';
import { UnknownOutcomeError } from '../errors.js';
import type { WatchJobResult } from '../watch/job-watcher.js';
import { printPrepared } from './group/dry-run.js';
import { reportNoWait, watch, type WaitSettings, type WatchRequest } from './shared.js';

/** Options of submitJob. */
export interface SubmitOptions {
  dryRun: boolean;
  /** The exact request, for --dry-run. */
  prepare: () => Promise<PreparedRequest>;
  /** Asks (or throws exit 2); skipped by --dry-run. */
  confirm?: () => Promise<void>;
  send: () => Promise<{ job_id: string }>;
  settings: WaitSettings;
  /** Extra fields of the --no-wait document, e.g. `{server_group_id}`. */
  noWait?: Record<string, unknown>;
  /** How to check afterwards when the outcome of the request is unknown (exit 7). */
  checkHint: string;
  /** What to watch (the job id is filled in). */
  watch: Omit<WatchRequest, 'jobId'>;
}

/**
 * Dry run (prints the request, returns undefined), or confirm, send once and
 * watch. Returns undefined after --no-wait too; otherwise the caller prints the result.
 */
export async function submitJob(ctx: Context, api: SdrsApi, o: SubmitOptions): Promise<WatchJobResult | undefined> {
  if (o.dryRun) {
    printPrepared(ctx, await o.prepare());
    return undefined;
  }
  await o.confirm?.();
  let jobId: string;
  try {
    ({ job_id: jobId } = await o.send());
  } catch (err) {
    if (err instanceof UnknownOutcomeError) {
      throw new UnknownOutcomeError(err.message, { hint: `Do not re-send blindly. Check with: ${o.checkHint}`, details: err.details, cause: err });
    }
    throw err;
  }
  if (!o.settings.wait) {
    reportNoWait(ctx, jobId, o.noWait);
    return undefined;
  }
  return watch(ctx, api, o.settings, { ...o.watch, jobId });
}
