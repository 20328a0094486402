/** `sdrs group reverse <group> --to target|source`: pre-flight, confirm, submit, watch. */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { ServerGroup, Station } from '../../api/types.js';
import { UnknownOutcomeError, UsageError } from '../../errors.js';
import { printable, requireGroupRef } from '../../validate.js';
import { askConfirm } from '../../io/prompt.js';
import { printJson } from '../../io/output.js';
import { palette } from '../../io/color.js';
import { azOf, parseWaitFlags, reportNoWait, resolveGroup, say, waitSettings, watch, type WaitSettings } from '../shared.js';
import { printPrepared } from './dry-run.js';
import { preflightOrThrow, type PreflightReport } from './preflight.js';
import { DEFAULT_CONCURRENCY, reverseMany } from './reverse-many.js';

/** Statuses from which the service accepts a reverse (reference 4.1, seed 001). */
export const REVERSIBLE = new Set(['protected', 'error-reversing']);

/** commander handler. */
export async function reverseCommand(ctx: Context, args: string[], raw: Record<string, unknown>): Promise<void> {
  const refs = args.map(requireGroupRef);
  const all = raw.all === true;
  if (all && refs.length > 0) throw new UsageError('pass either group names/ids or --all, not both');
  if (!all && refs.length === 0) throw new UsageError('missing group: pass one or more group ids or names, or --all');
  if (!all && (raw.status !== undefined || raw.name !== undefined)) throw new UsageError('--status and --name filter --all; pass --all too');
  const to = raw.to as Station;
  const dryRun = raw.dryRun === true;
  const waitFlags = await parseWaitFlags(raw);
  const phases = { stopServers: raw.stopServers === true, startServers: raw.startServers === true };
  const switchover = phases.stopServers || phases.startServers;
  if (switchover && (all || refs.length > 1)) {
    throw new UsageError('--stop-servers and --start-servers work on one group at a time; for several groups stop the servers first (sdrs server stop ... --yes), then reverse them');
  }
  if (switchover && !waitFlags.wait) throw new UsageError('--stop-servers and --start-servers wait for every phase; drop --no-wait');
  const concurrency = raw.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(raw.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 100) {
    throw new UsageError(`--concurrency ${printable(String(raw.concurrency))} must be a whole number from 1 to 100`);
  }
  if (!dryRun && raw.yes !== true && !ctx.io.canPrompt) {
    throw new UsageError('refusing to reverse without confirmation: pass --yes (prompts are off without a terminal or with --no-input/--json)');
  }
  if (all || refs.length > 1) {
    const settings = await waitSettings(ctx, waitFlags);
    return reverseMany(ctx, {
      refs, all, to, dryRun, concurrency, settings,
      status: raw.status as string | undefined,
      name: raw.name as string | undefined,
      yes: raw.yes === true,
      skipChecks: raw.skipChecks === true,
    });
  }
  const ref = refs[0];
  const api = await ctx.api();
  const group = await resolveGroup(api, ref);
  if (switchover) {
    const { runSwitchover } = await import('./switchover.js');
    return runSwitchover(ctx, api, group, { to, ...phases, dryRun, yes: raw.yes === true, skipChecks: raw.skipChecks === true, settings: await waitSettings(ctx, waitFlags) });
  }

  if (group.priority_station === to && group.status === 'protected') {
    say(ctx, `Nothing to do: group ${group.name} already runs production on ${to} (${azOf(group, to)}) and is protected.`);
    if (ctx.globals.json) printJson(ctx.io, group);
    return;
  }

  let report: PreflightReport | undefined;
  if (raw.skipChecks === true) {
    say(ctx, palette(ctx.io.color).yellow('Pre-flight checks skipped (--skip-checks); the service still enforces its own rules.'));
  } else {
    report = await preflightOrThrow(ctx, api, group, to);
  }

  if (dryRun) {
    printPrepared(ctx, await api.prepareGroupAction(group.id, { action: 'reverse', priorityStation: to }));
    return;
  }
  const from = group.priority_station;
  const instances = report?.instanceCount ?? group.protected_instance_num;
  if (raw.yes !== true) {
    const ok = await askConfirm(
      ctx,
      `Reverse ${group.name}: production moves from ${azOf(group, from)} (${from}) to ${azOf(group, to)} (${to}); ${instances} protected instance(s) move. Continue?`,
      false,
    );
    if (!ok) throw new UsageError('reverse cancelled at the confirmation prompt; nothing was sent');
  }

  const final = await sendReverse(ctx, api, group, to, await waitSettings(ctx, waitFlags));
  if (!final) return;
  if (ctx.globals.json) return printJson(ctx.io, final);
  const p = palette(ctx.io.color);
  say(ctx, p.green(`Production now runs in ${azOf(final, to)} (${to}).`) + ` Group ${final.name} is ${final.status}; replication now runs ${azOf(final, to)} -> ${azOf(final, from)}.`);
  say(ctx, loginNote(to));
}

/**
 * Sends the reverse once and watches it until the group is protected on `to`;
 * returns the group as read then, or undefined after --no-wait (job id reported).
 */
export async function sendReverse(ctx: Context, api: SdrsApi, group: ServerGroup, to: Station, settings: WaitSettings): Promise<ServerGroup | undefined> {
  let jobId: string;
  try {
    ({ job_id: jobId } = await api.groupAction(group.id, { action: 'reverse', priorityStation: to }));
  } catch (err) {
    if (err instanceof UnknownOutcomeError) throw await explainUnknownReverse(api, group, to, err);
    throw err;
  }
  if (!settings.wait) {
    reportNoWait(ctx, jobId, { server_group_id: group.id });
    return undefined;
  }
  const result = await watch(ctx, api, settings, {
    jobId,
    groupId: group.id,
    label: `Reversing ${group.name} to ${to} (${azOf(group, to)})`,
    expect: { finalStatus: 'protected', priorityStation: to },
  });
  return (result.group as ServerGroup | undefined) ?? (await api.getGroup(group.id));
}

/** The short note on logging in to servers at the new production site (seed 001; full text in docs/commands.md). */
export function loginNote(to: Station, servers: 'not-started' | 'started' | 'said' = 'not-started'): string {
  return [
    ...(servers === 'said' ? [] : [servers === 'started'
      ? `The servers at the new production site (${to}) were started.`
      : `Next: start the servers at the new production site (${to}); they are not started automatically.`]),
    'Logging in after a switchover (full note: docs/commands.md, "Logging in to the servers after a switchover"):',
    '  - Windows with Cloudbase-Init, first switchover: for 3-5 minutes after a DR-site server starts (before',
    '    Cloudbase-Init runs) the production password, or the key-pair password obtained for the production server,',
    '    still works. Then reset the password on the DR-site server (key pair: use the password obtained for it).',
    '    After switching back, log in to production with that DR-site password (or one changed inside the DR server).',
    '  - Windows without Cloudbase-Init, and Linux: the production password (key pair: the password obtained for',
    '    the production server) works at both sites. CoreOS: a password changed inside the server after the',
    '    switchover applies at the DR site; after switching back, use the initial password.',
  ].join('\n');
}

async function explainUnknownReverse(api: SdrsApi, group: ServerGroup, to: Station, err: UnknownOutcomeError): Promise<UnknownOutcomeError> {
  let now: ServerGroup | undefined;
  try {
    now = await api.getGroup(group.id);
  } catch {
    // Still failing; the hint says how to check.
  }
  // Only a change proves anything: a group that was already error-reversing before the
  // request says nothing about whether this request was accepted.
  const moved = now !== undefined && group.priority_station !== to && now.priority_station === to;
  const accepted =
    moved || now?.status === 'reversing' || (now?.status === 'error-reversing' && group.status !== 'error-reversing');
  const what = !now
    ? '; it may or may not have been accepted'
    : moved
      ? `; production now runs on ${to} (${azOf(now, to)}), so the reverse was carried out (group ${now.status})`
      : accepted
        ? `; the group is now ${now.status}, so the service did accept it`
        : `; the group is now ${now.status} with production still on ${now.priority_station}`;
  return new UnknownOutcomeError(`the reverse request for group ${printable(group.name)} got no clear answer (${err.message})${what}`, {
    hint: moved
      ? `Nothing to re-send. Check with: sdrs group show ${group.id}`
      : `Do not re-send blindly. Check with: sdrs group show ${group.id}` +
        (accepted ? '' : ` (then, if it is still ${now?.status ?? group.status} on ${group.priority_station}: sdrs group reverse ${group.id} --to ${to})`),
    details: {
      ...err.details,
      group: group.name,
      group_id: group.id,
      ...(now ? { group_status: now.status, priority_station: now.priority_station } : {}),
    },
  });
}
