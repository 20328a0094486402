/**
 * `sdrs group status <group> [--watch]`: one screen with everything an operator
 * needs before acting. `--watch` refreshes until Ctrl-C, which ends it with
 * exit 0 (it is the normal way out); SIGTERM exits 143.
 */
import type { Context } from '../../context.js';
import { InterruptedError, UsageError } from '../../errors.js';
import { requireGroupRef } from '../../validate.js';
import { printJson } from '../../io/output.js';
import { isTransientError } from '../../watch/job-watcher.js';
import { resolveGroup, say } from '../shared.js';
import { readStatus, renderStatus, type StatusDocument } from './status-view.js';

/** Default refresh interval of --watch (ms). */
export const DEFAULT_REFRESH_MS = 5_000;
/** Smallest --interval accepted with --watch (ms), to stay frugal with the API. */
export const MIN_REFRESH_MS = 1_000;

/** Clears a terminal and moves the cursor home. */
const CLEAR = '\u001b[H\u001b[2J';

/** commander handler. */
export async function statusCommand(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<void> {
  const ref = requireGroupRef(args[0]);
  const watching = opts.watch === true;
  let intervalMs = DEFAULT_REFRESH_MS;
  if (opts.interval !== undefined) {
    if (!watching) throw new UsageError('--interval sets the refresh of --watch; pass --watch too');
    const { parseDuration } = await import('../../config/duration.js');
    intervalMs = parseDuration(String(opts.interval), '--interval');
    if (intervalMs < MIN_REFRESH_MS) throw new UsageError(`--interval must be at least ${MIN_REFRESH_MS / 1000}s with --watch`);
  }
  const api = await ctx.api();
  const group = await resolveGroup(api, ref);
  const now = () => ctx.clock.now();
  if (!watching) return show(ctx, await readStatus(api, group.id, now));

  for (;;) {
    try {
      const doc = await readStatus(api, group.id, now);
      if (ctx.globals.json) printJson(ctx.io, doc);
      else {
        const header = `Every ${intervalMs / 1000}s: sdrs group status ${group.name} · ${doc.read_at} · Ctrl-C to stop`;
        ctx.io.out.write((ctx.io.stdoutIsTTY ? CLEAR : '') + header + '\n\n' + renderStatus(doc) + '\n' + (ctx.io.stdoutIsTTY ? '' : '\n'));
      }
    } catch (err) {
      if (ctx.signal.aborted) break;
      // A refresh that fails for a passing reason keeps the view alive; anything else ends it.
      if (!isTransientError(err)) throw err;
      say(ctx, `refresh failed at ${new Date(now()).toISOString()}: ${(err as Error).message}; trying again in ${intervalMs / 1000}s`);
    }
    try {
      await ctx.clock.sleep(intervalMs, ctx.signal);
    } catch {
      break;
    }
  }
  if (ctx.signal.reason === 'SIGTERM') throw new InterruptedError('stopped watching the group status', { signal: 'SIGTERM' });
}

function show(ctx: Context, doc: StatusDocument): void {
  if (ctx.globals.json) printJson(ctx.io, doc);
  else ctx.io.out.write(renderStatus(doc) + '\n');
}
