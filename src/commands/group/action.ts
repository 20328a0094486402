/**
 * `sdrs group start|stop|failover|delete <group>`: the protection lifecycle.
 * Each is checked against the documented rules (rules.ts) before anything is
 * sent, confirmed in proportion to its danger, sent once and watched.
 */
import type { Context } from '../../context.js';
import type { ServerGroup } from '../../api/types.js';
import { PreconditionError, UsageError } from '../../errors.js';
import { printable, requireGroupRef } from '../../validate.js';
import { askText } from '../../io/prompt.js';
import { printJson } from '../../io/output.js';
import { palette } from '../../io/color.js';
import { azOf, confirmOrCancel, parseWaitFlags, requireYes, resolveGroup, say, waitSettings } from '../shared.js';
import { submitJob } from '../mutation.js';
import { assess, ALLOWED_FROM, shellArg } from './rules.js';
import { loadSnapshot, otherSide, serverAt, type Snapshot } from './snapshot.js';
import { loginNote } from './reverse.js';

/** The four verbs this module serves. */
export type GroupVerb = 'start' | 'stop' | 'failover' | 'delete';

const isReprotect = (g: ServerGroup) => (ALLOWED_FROM.reprotect as readonly string[]).includes(g.status);

/** A group already where the verb would take it: exit 0, nothing sent (runbooks are re-run). */
function alreadyDone(verb: GroupVerb, g: ServerGroup): string | undefined {
  if (verb === 'start' && g.status === 'protected') return `protection of ${g.name} is already on (protected); replication runs ${azOf(g, g.priority_station)} -> ${azOf(g, otherSide(g.priority_station))}`;
  if (verb === 'stop' && g.status === 'available') return `protection of ${g.name} is already off (available)`;
  if (verb === 'failover' && g.status === 'failed-over') return `${g.name} is already failed over; production runs in ${azOf(g, g.priority_station)} (${g.priority_station})`;
  return undefined;
}

/** commander handler factory for the four verbs. */
export function groupActionCommand(verb: GroupVerb) {
  return async (ctx: Context, args: string[], raw: Record<string, unknown>): Promise<void> => {
    const ref = requireGroupRef(args[0]);
    const dryRun = raw.dryRun === true;
    const yes = raw.yes === true;
    const typed = raw.confirm === undefined ? undefined : String(raw.confirm);
    const waitFlags = await parseWaitFlags(raw);
    if (verb === 'failover' && !dryRun && !yes && typed === undefined && !ctx.io.canPrompt) {
      throw new UsageError('refusing to fail over without confirmation: pass --yes or --confirm <group-name> (prompts are off without a terminal or with --no-input/--json)');
    }
    if (verb === 'stop' || verb === 'delete') requireYes(ctx, yes || dryRun, verb === 'stop' ? 'stop protection' : 'delete a protection group');

    const api = await ctx.api();
    const group = await resolveGroup(api, ref);
    if (typed !== undefined && typed !== group.name && typed !== group.id) {
      throw new UsageError(`--confirm ${printable(typed)} does not match the group's name ${printable(group.name)}; nothing was sent`);
    }
    const done = alreadyDone(verb, group);
    if (done) {
      say(ctx, `Nothing to do: ${done}.`);
      if (ctx.globals.json) printJson(ctx.io, group);
      return;
    }
    const reprotect = verb === 'start' && isReprotect(group);
    if (reprotect) requireYes(ctx, yes || dryRun, 're-protect');

    const snap = await loadSnapshot(api, group, reprotect ? 'production' : 'none');
    check(ctx, verb, snap, raw.skipChecks === true);
    const settings = await waitSettings(ctx, waitFlags);
    const from = group.priority_station;
    const to = otherSide(from);
    const name = shellArg(group.name);
    const action = verb === 'delete' ? undefined : { action: verb };
    const result = await submitJob(ctx, api, {
      dryRun,
      settings,
      prepare: () => (action ? api.prepareGroupAction(group.id, action) : api.prepareDeleteGroup(group.id)),
      send: () => (action ? api.groupAction(group.id, action) : api.deleteGroup(group.id)),
      confirm: () => confirm(ctx, verb, group, { yes, typed, reprotect }),
      noWait: { server_group_id: group.id },
      checkHint: `sdrs group status ${name}`,
      watch: {
        groupId: group.id,
        label: `${LABEL[verb](reprotect)} ${group.name}`,
        expect: verb === 'delete' ? undefined : verb === 'failover' ? { finalStatus: 'failed-over', priorityStation: to } : { finalStatus: verb === 'stop' ? 'available' : 'protected' },
      },
    });
    if (!result) return;
    if (verb === 'delete') {
      if (ctx.globals.json) return printJson(ctx.io, { id: group.id, name: group.name, deleted: true, job_id: result.job.job_id });
      return say(ctx, palette(ctx.io.color).green(`✔ Protection group ${group.name} (${group.id}) deleted.`));
    }
    const final = result.group ?? (await api.getGroup(group.id));
    if (ctx.globals.json) return printJson(ctx.io, final);
    report(ctx, verb, final, snap, reprotect);
  };
}

const PHRASE: Record<GroupVerb, string> = { start: 'start protection of', stop: 'stop protection of', failover: 'fail over', delete: 'delete' };

const LABEL: Record<GroupVerb, (reprotect: boolean) => string> = {
  start: (r) => (r ? 'Re-protecting' : 'Starting protection of'),
  stop: () => 'Stopping protection of',
  failover: () => 'Failing over',
  delete: () => 'Deleting',
};

/** The documented preconditions (exit 3 with every reason); --skip-checks (failover only) leaves them to the service. */
function check(ctx: Context, verb: GroupVerb, snap: Snapshot, skip: boolean): void {
  const advice = assess(snap)[verb];
  const p = palette(ctx.io.color);
  if (skip) {
    say(ctx, p.yellow('Checks skipped (--skip-checks); the service still enforces its own rules.'));
    return;
  }
  if (!advice.allowed) {
    const children = verb === 'delete' && (snap.instances.length > 0 || snap.pairs.length > 0);
    throw new PreconditionError(children ? 'GROUP_NOT_EMPTY' : 'PREFLIGHT_FAILED', `cannot ${PHRASE[verb]} group ${snap.group.name}: ${advice.reasons.join('; ')}`, {
      hint: `Nothing was sent. See what can be done next: sdrs group status ${shellArg(snap.group.name)}`,
      details: { group_id: snap.group.id, group: snap.group.name, group_status: snap.group.status, reasons: advice.reasons },
    });
  }
  for (const note of verb === 'failover' || verb === 'start' ? advice.notes : []) say(ctx, p.yellow(`Note: ${note}`));
}

async function confirm(ctx: Context, verb: GroupVerb, g: ServerGroup, o: { yes: boolean; typed?: string; reprotect: boolean }): Promise<void> {
  const from = g.priority_station;
  const to = otherSide(from);
  if (verb === 'failover') {
    if (o.yes || o.typed !== undefined) return;
    const answer = await askText(
      ctx,
      `Fail over ${g.name}: production moves to ${azOf(g, to)} (${to}) without a clean stop at ${azOf(g, from)}, and replication stops. ` +
        `This is for a lost production site. Type the group name to confirm:`,
    );
    if (answer.trim() !== g.name) throw new UsageError(`failover cancelled: the typed name ${printable(answer)} does not match ${printable(g.name)}; nothing was sent`);
    return;
  }
  const question = {
    start: o.reprotect
      ? `Re-protect ${g.name}: replication restarts from ${azOf(g, from)} (${from}) to ${azOf(g, to)}; the disks at ${azOf(g, to)} are overwritten. Continue?`
      : '',
    stop: `Stop protection of ${g.name}: replication between ${azOf(g, from)} and ${azOf(g, to)} stops, and the group can be neither switched over nor failed over until it is started again. Continue?`,
    delete: `Delete protection group ${g.name} (${g.id})? This cannot be undone. Continue?`,
  }[verb];
  if (question) await confirmOrCancel(ctx, o.yes, question, o.reprotect ? 're-protect' : verb);
}

function report(ctx: Context, verb: GroupVerb, g: ServerGroup, before: Snapshot, reprotect: boolean): void {
  const p = palette(ctx.io.color);
  const prod = `${azOf(g, g.priority_station)} (${g.priority_station})`;
  const dr = azOf(g, otherSide(g.priority_station));
  const name = shellArg(g.name);
  if (verb === 'start') {
    say(ctx, p.green(`✔ ${reprotect ? 'Re-protected' : 'Protection started for'} ${g.name}: ${g.status}; replication runs ${azOf(g, g.priority_station)} -> ${dr}.`));
  } else if (verb === 'stop') {
    say(ctx, p.green(`✔ Protection of ${g.name} stopped: ${g.status}.`) + ` Start it again with: sdrs group start ${name}`);
  } else {
    const servers = before.instances.map((i) => serverAt(i, g.priority_station)).filter(Boolean);
    say(ctx, p.green(`Production now runs in ${prod}.`) + ` Group ${g.name} is ${g.status}; replication is stopped.`);
    say(ctx, `Next: start the servers there (they are not started automatically)${servers.length ? `: sdrs server start ${servers.join(' ')}` : ''}`);
    say(ctx, `When ${dr} is usable again, re-protect (the servers at ${azOf(g, g.priority_station)} must be stopped for it): sdrs group start ${name}`);
    say(ctx, loginNote(g.priority_station, 'said'));
  }
}
