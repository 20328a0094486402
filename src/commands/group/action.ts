/**
 * `sdrs group start|stop|failover|delete <group>`: the protection lifecycle.
 * Each is checked against the documented rules (api/rules.ts, through assess)
 * before anything is sent, confirmed in proportion to its danger, and run
 * through the mutation pipeline: sent once and watched.
 */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { ServerGroup } from '../../api/types.js';
import { allowedFrom } from '../../api/rules.js';
import { PreconditionError, UsageError, safeLine } from '../../errors.js';
import { printable, requireGroupRef } from '../../validate.js';
import { bind, DRY_RUN, examples, parseWaitFlags, waitOptions, YES, type RunF, type Runner, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { result, say, type Result } from '../shared/output.js';
import { confirmOrCancel, requireYes } from '../shared/confirm.js';
import { mutate, nothingToDo, nothingToSend } from '../shared/mutation.js';
import { resolveGroup } from '../shared/resolve.js';
import { azOf, otherSide, refOf } from '../shared/sites.js';
import { loadSnapshot, serverAt, type Snapshot } from '../shared/snapshot.js';
import { loginNoteBlocks } from '../shared/login-note.js';
import { say as sayNow } from '../shared/ui.js';
import { waitSettings } from '../shared/wait.js';
import { adviceText, assess, type Advice } from './rules.js';
import { en, local, t, text, type Entry, type Text } from '../../i18n/index.js';
import { groupMsg as M } from '../../i18n/catalog/group.js';

/** The four verbs this module serves. */
export type GroupVerb = 'start' | 'stop' | 'failover' | 'delete';

/** The options of one run. */
export interface ActionOptions {
  verb: GroupVerb;
  group: string;
  yes: boolean;
  dryRun: boolean;
  /** failover: `--confirm <name>`, the scripted form of typing the name. */
  confirm?: string;
  /** failover: leave the checks to the service. */
  skipChecks: boolean;
  wait: WaitFlags;
}

/** What commander parses. */
interface ActionFlags extends WaitFlagValues {
  yes?: boolean;
  dryRun?: boolean;
  confirm?: string;
  skipChecks?: boolean;
}

/** Flags to options (exit 2 on bad values). */
export function parseAction(verb: GroupVerb, args: string[], f: ActionFlags): ActionOptions {
  return {
    verb,
    group: requireGroupRef(args[0]),
    yes: f.yes === true,
    dryRun: f.dryRun === true,
    confirm: f.confirm,
    skipChecks: f.skipChecks === true,
    wait: parseWaitFlags(f),
  };
}

const wire = (cmd: Command, run: Runner, verb: GroupVerb, runF: RunF<ActionOptions>) =>
  bind(cmd, run, (args, f: ActionFlags) => parseAction(verb, args, f), runF);

/** `group start`. */
export function registerStart(group: Command, run: Runner, runF: RunF<ActionOptions> = runAction): Command {
  const cmd = waitOptions(
    group
      .command('start')
      .description('enable protection and wait until protected; after a failover this re-protects (asks first)')
      .argument('<group>', 'group id or exact, unique name')
      .option('-y, --yes', 're-protect without asking (required without a terminal)')
      .option('--dry-run', DRY_RUN),
  );
  examples(cmd, ['$ sdrs group start erp', '$ sdrs group start erp --yes --json | jq -r .status']);
  return wire(cmd, run, 'start', runF);
}

/** `group stop`. */
export function registerStop(group: Command, run: Runner, runF: RunF<ActionOptions> = runAction): Command {
  const cmd = waitOptions(
    group
      .command('stop')
      .description('disable protection (replication stops) and wait until available')
      .argument('<group>', 'group id or exact, unique name')
      .option('-y, --yes', YES)
      .option('--dry-run', DRY_RUN),
  );
  examples(cmd, ['$ sdrs group stop erp --yes', '$ sdrs group stop erp --yes --json | jq -r .status']);
  return wire(cmd, run, 'stop', runF);
}

/** `group failover`. */
export function registerFailover(group: Command, run: Runner, runF: RunF<ActionOptions> = runAction): Command {
  const cmd = waitOptions(
    group
      .command('failover')
      .description('unplanned failover after losing the production site: production moves to the DR site, replication stops')
      .argument('<group>', 'group id or exact, unique name')
      .option('-y, --yes', 'do not ask (a terminal asks you to type the group name)')
      .option('--confirm <name>', 'confirm by naming the group (the scripted form of typing it)')
      .option('--skip-checks', 'skip the checks (status, pairs, fault levels); the service still enforces its rules')
      .option('--dry-run', 'run the checks, print the exact request and send nothing'),
  );
  examples(cmd, [
    '$ sdrs group failover erp',
    '$ sdrs group failover erp --confirm erp --json | jq -r .priority_station',
    '$ sdrs group status erp --json | jq -e .next.failover.advised && sdrs group failover erp --yes',
  ]);
  return wire(cmd, run, 'failover', runF);
}

/** `group delete`. */
export function registerDelete(group: Command, run: Runner, runF: RunF<ActionOptions> = runAction): Command {
  const cmd = waitOptions(
    group
      .command('delete')
      .description('delete an empty protection group (remove its instances and pairs first)')
      .argument('<group>', 'group id or exact, unique name')
      .option('-y, --yes', YES)
      .option('--dry-run', DRY_RUN),
  );
  examples(cmd, ['$ sdrs group delete erp', '$ sdrs group delete erp --yes || echo "not deleted: exit $?"']);
  return wire(cmd, run, 'delete', runF);
}

/** A group already where the verb would take it: exit 0, nothing sent (runbooks are re-run). */
function alreadyDone(verb: GroupVerb, g: ServerGroup): Text | undefined {
  const name = safeLine(g.name);
  if (verb === 'start' && g.status === 'protected') return text(M.alreadyOn, { name, from: azOf(g, g.priority_station), to: azOf(g, otherSide(g.priority_station)) });
  if (verb === 'stop' && g.status === 'available') return text(M.alreadyOff, { name });
  if (verb === 'failover' && g.status === 'failed-over') return text(M.alreadyFailedOver, { name, production: azOf(g, g.priority_station), station: g.priority_station });
  return undefined;
}


/** Runs one of the four verbs through the mutation pipeline. */
export async function runAction(ctx: Context, o: ActionOptions): Promise<Result> {
  const { verb, yes, dryRun, confirm: typed } = o;
  if (verb === 'failover' && !dryRun && !yes && typed === undefined && !ctx.io.canPrompt) {
    throw new UsageError(text(M.failoverNeedsConfirmation));
  }
  if (verb === 'stop' || verb === 'delete') requireYes(ctx, yes || dryRun, text(verb === 'stop' ? M.yesStop : M.yesDelete));

  const api = await ctx.api();
  const group = await resolveGroup(api, o.group);
  if (typed !== undefined && typed !== group.name && typed !== group.id) {
    throw new UsageError(text(M.confirmMismatch, { typed: printable(typed), name: printable(group.name) }));
  }
  const done = alreadyDone(verb, group);
  // The dry run's `nothing_to_do` is JSON: English.
  if (done) return dryRun ? nothingToSend(done.en, done) : nothingToDo(done, group);
  const reprotect = verb === 'start' && allowedFrom('reprotect', group.status);
  if (reprotect) requireYes(ctx, yes || dryRun, text(M.yesReprotect));

  const snap = await loadSnapshot(api, group, reprotect ? 'production' : 'none');
  const settings = await waitSettings(ctx, o.wait);
  const to = otherSide(group.priority_station);
  const action = verb === 'delete' ? undefined : { action: verb };
  const outcome = await mutate(ctx, api, {
    preflight: async () => check(ctx, verb, snap, o.skipChecks),
    dryRun,
    settings,
    prepare: () => (action ? api.prepareGroupAction(group.id, action) : api.prepareDeleteGroup(group.id)),
    confirm: () => confirm(ctx, verb, group, { yes, typed, reprotect }),
    send: () => (action ? api.groupAction(group.id, action) : api.deleteGroup(group.id)),
    noWait: { server_group_id: group.id },
    operationText: text(LABEL[verb](reprotect), { name: safeLine(group.name) }),
    checkHint: `sdrs group status ${refOf(group)}`,
    watch: {
      groupId: group.id,
      label: en(LABEL[verb](reprotect), { name: safeLine(group.name) }),
      expect: verb === 'delete' ? undefined : verb === 'failover' ? { finalStatus: 'failed-over', priorityStation: to } : { finalStatus: verb === 'stop' ? 'available' : 'protected' },
    },
  });
  if (outcome.kind !== 'done') return outcome.result;
  if (verb === 'delete') {
    return result({ id: group.id, name: group.name, deleted: true, job_id: outcome.jobId }, say(t(M.deleted, { name: safeLine(group.name), id: group.id }), 'ok'));
  }
  const final = (outcome.watched.group as ServerGroup | undefined) ?? (await api.getGroup(group.id));
  return result(final, ...report(ctx, verb, final, snap, reprotect));
}

const CANNOT = { start: M.cannotStart, stop: M.cannotStop, failover: M.cannotFailover, delete: M.cannotDelete } as const;

const LABEL: Record<GroupVerb, (reprotect: boolean) => Entry> = {
  start: (r) => (r ? M.opReprotect : M.opStart),
  stop: () => M.opStop,
  failover: () => M.opFailover,
  delete: () => M.opDelete,
};

/** An advice's reasons and notes for people, in both languages (the Advice itself carries the English, for JSON). */
function said(advice: Advice): { reasons: Text[]; notes: Text[] } {
  return adviceText(advice);
}

/** The documented preconditions (exit 3 with every reason); --skip-checks (failover only) leaves them to the service. */
function check(ctx: Context, verb: GroupVerb, snap: Snapshot, skip: boolean): void {
  const advice = assess(snap)[verb];
  if (skip) {
    sayNow(ctx, t(M.checksSkipped), 'warn');
    return;
  }
  if (!advice.allowed) {
    const children = verb === 'delete' && (snap.instances.length > 0 || snap.pairs.length > 0 || snap.group.disaster_recovery_drill_num > 0);
    const name = safeLine(snap.group.name);
    const reasons = said(advice).reasons;
    const message = {
      en: text(CANNOT[verb], { name, reasons: reasons.map((r) => r.en).join('; ') }).en,
      zh: text(CANNOT[verb], { name, reasons: reasons.map((r) => r.zh).join('；') }).zh,
    };
    throw new PreconditionError(children ? 'GROUP_NOT_EMPTY' : 'PREFLIGHT_FAILED', message, {
      hint: text(M.refusedHint, { ref: refOf(snap.group) }),
      details: { group_id: snap.group.id, group: snap.group.name, group_status: snap.group.status, reasons: advice.reasons },
    });
  }
  for (const n of verb === 'failover' || verb === 'start' ? said(advice).notes : []) sayNow(ctx, t(M.note, { note: local(n) }), 'warn');
}

async function confirm(ctx: Context, verb: GroupVerb, g: ServerGroup, o: { yes: boolean; typed?: string; reprotect: boolean }): Promise<void> {
  const from = g.priority_station;
  const to = otherSide(from);
  if (verb === 'failover') {
    if (o.yes || o.typed !== undefined) return;
    const answer = await ctx.prompter.text(t(M.askFailover, { name: safeLine(g.name), toAz: azOf(g, to), to, fromAz: azOf(g, from) }));
    if (answer.trim() !== g.name) throw new UsageError(text(M.failoverCancelled, { typed: printable(answer), name: printable(g.name) }));
    return;
  }
  const question = {
    start: o.reprotect ? t(M.askReprotect, { name: safeLine(g.name), fromAz: azOf(g, from), from, toAz: azOf(g, to) }) : '',
    stop: t(M.askStop, { name: safeLine(g.name), fromAz: azOf(g, from), toAz: azOf(g, to) }),
    delete: t(M.askDelete, { name: safeLine(g.name), id: g.id }),
  }[verb];
  if (question) await confirmOrCancel(ctx, o.yes, question, text(o.reprotect ? M.yesReprotect : verb === 'stop' ? M.verbStop : M.verbDelete));
}

function report(ctx: Context, verb: GroupVerb, g: ServerGroup, before: Snapshot, reprotect: boolean) {
  const prod = `${azOf(g, g.priority_station)} (${g.priority_station})`;
  const dr = azOf(g, otherSide(g.priority_station));
  const name = refOf(g);
  if (verb === 'start') {
    return [say(t(reprotect ? M.reprotected : M.started, { name: safeLine(g.name), status: g.status, from: azOf(g, g.priority_station), to: dr }), 'ok')];
  }
  if (verb === 'stop') return [say(t(M.stopped, { name: safeLine(g.name), status: g.status, ref: name }), 'ok')];
  const servers = before.instances.map((i) => serverAt(i, g.priority_station)).filter(Boolean);
  return [
    say(t(M.failedOver, { production: prod, name: safeLine(g.name), status: g.status }), 'ok'),
    say(servers.length ? t(M.nextStartTheseServers, { servers: servers.join(' ') }) : t(M.nextStartServers)),
    say(t(M.whenUsableReprotect, { dr, productionAz: azOf(g, g.priority_station), ref: name })),
    ...loginNoteBlocks(ctx, g.priority_station, 'said'),
  ];
}

