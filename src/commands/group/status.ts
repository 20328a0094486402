/**
 * `sdrs group status <group> [--watch]`: one screen with everything an operator
 * needs before acting. `--watch` refreshes until Ctrl-C, which ends it with
 * exit 0 (it is the normal way out); SIGTERM exits 143.
 */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { parseDuration } from '../../config/duration.js';
import { InterruptedError, SdrsError, UsageError } from '../../errors.js';
import { printJson } from '../../io/output.js';
import { requireGroupRef } from '../../validate.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { clean, result, styledOut, tableStyle, type Result } from '../shared/output.js';
import { resolveGroup } from '../shared/resolve.js';
import { say } from '../shared/ui.js';
import { local, t, text } from '../../i18n/index.js';
import { statusView as M } from '../../i18n/catalog/status.js';
import { readStatus, renderStatus, type StatusDocument } from './status-view.js';

/** Default refresh interval of --watch (ms). */
export const DEFAULT_REFRESH_MS = 5_000;
/** Smallest --interval accepted with --watch (ms), to stay frugal with the API. */
export const MIN_REFRESH_MS = 1_000;

/** Clears a terminal and moves the cursor home. */
const CLEAR = '\u001b[H\u001b[2J';

/** The options of one run. */
export interface StatusOptions {
  group: string;
  /** Refresh until Ctrl-C. */
  watch: boolean;
  /** Refresh interval of --watch (ms). */
  intervalMs: number;
}

/** What commander parses. */
interface StatusFlags {
  watch?: boolean;
  interval?: string;
}

/** Flags to options (exit 2 on bad values). */
function parseStatus(args: string[], f: StatusFlags): StatusOptions {
  const group = requireGroupRef(args[0]);
  const watch = f.watch === true;
  let intervalMs = DEFAULT_REFRESH_MS;
  if (f.interval !== undefined) {
    if (!watch) throw new UsageError(text(M.intervalNeedsWatch));
    intervalMs = parseDuration(String(f.interval), '--interval');
    if (intervalMs < MIN_REFRESH_MS) throw new UsageError(text(M.intervalTooShort, { seconds: MIN_REFRESH_MS / 1000 }));
  }
  return { group, watch, intervalMs };
}

/** `group status`'s arguments, flags, help and wiring. */
export function registerStatus(group: Command, run: Runner, runF: RunF<StatusOptions> = runStatus): Command {
  const cmd = group
    .command('status')
    .description('one screen: production side, replication, servers and their power, pair fault levels, what can be done next')
    .argument('<group>', 'group id or exact, unique name')
    .option('--watch', 'refresh until Ctrl-C (which exits 0)')
    .option('--interval <duration>', 'with --watch: refresh interval, at least 1s (default: 5s)');
  examples(cmd, [
    '$ sdrs group status erp',
    '$ sdrs group status erp --watch --interval 10s',
    '$ sdrs group status erp --json | jq -r ".next.failover.allowed"',
    "$ sdrs group status erp --json | jq -r '.pairs[] | select(.fault != \"none\") | \"\\(.name) \\(.fault_level)\"'",
  ]);
  return bind(cmd, run, parseStatus, runF);
}

/** Reads the status once (the document with --json, the screen otherwise), or refreshes it with --watch. */
export async function runStatus(ctx: Context, o: StatusOptions): Promise<Result<StatusDocument>> {
  const api = await ctx.api();
  const group = await resolveGroup(api, o.group);
  const now = () => ctx.clock.now();
  if (!o.watch) {
    const doc = await readStatus(api, group.id, now);
    return result(doc, styledOut(renderStatus(doc, tableStyle(ctx))));
  }

  // --watch is a stream, not one result: each refresh is written as it is read (one JSON
  // document per refresh with --json; the screen, cleared first at a terminal), so this
  // loop writes to stdout itself. It ends with nothing more to print (no data, no blocks).
  const { isTransientError } = await import('../../watch/job-watcher.js');
  for (;;) {
    try {
      const doc = await readStatus(api, group.id, now);
      if (ctx.globals.json) printJson(ctx.io, doc);
      else {
        const header = t(M.watchHeader, { seconds: o.intervalMs / 1000, name: group.name, at: doc.read_at });
        ctx.io.out.write((ctx.io.stdoutIsTTY ? CLEAR : '') + clean(header, 0) + '\n\n' + renderStatus(doc, tableStyle(ctx)) + '\n' + (ctx.io.stdoutIsTTY ? '' : '\n'));
      }
    } catch (err) {
      if (ctx.signal.aborted) break;
      // A refresh that fails for a passing reason keeps the view alive; anything else ends it.
      if (!isTransientError(err)) throw err;
      say(ctx, t(M.refreshFailed, { at: new Date(now()).toISOString(), message: err instanceof SdrsError ? local(err.text) : (err as Error).message, seconds: o.intervalMs / 1000 }));
    }
    try {
      await ctx.clock.sleep(o.intervalMs, ctx.signal);
    } catch {
      break;
    }
  }
  if (ctx.signal.reason === 'SIGTERM') throw new InterruptedError(text(M.stoppedWatching), { signal: 'SIGTERM' });
  return { blocks: [] };
}
