/**
 * `sdrs group reverse <group>... --to target|source`: the planned switchover.
 * One group: pre-flight, confirm, send once, watch (through the mutation
 * pipeline). Several groups or `--all`: reverse-many.ts. One group with
 * `--stop-servers`/`--start-servers`: the phases in switchover.ts. The two
 * heavier paths are loaded only when used.
 */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { ServerGroup, Station } from '../../api/types.js';
import { GROUP_STATUSES } from '../../api/rules.js';
import { PreconditionError, UsageError, safeLine } from '../../errors.js';
import { isWellFormedId, requireGroupRef } from '../../validate.js';
import { bind, examples, parseInteger, parseWaitFlags, waitOptions, YES, type RunF, type Runner, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { result, say, type Block, type Result } from '../shared/output.js';
import { serverAt } from '../shared/snapshot.js';
import { confirmOrCancel, requireYes } from '../shared/confirm.js';
import { mutate, nothingToDo, nothingToSend } from '../shared/mutation.js';
import { resolveGroup } from '../shared/resolve.js';
import { azOf, productionLabel } from '../shared/sites.js';
import { loginNoteBlocks } from '../shared/login-note.js';
import { say as sayNow, tint } from '../shared/ui.js';
import { waitSettings } from '../shared/wait.js';
import { preflightOrThrow, withChecks, type PreflightReport } from './preflight.js';
import { t, text } from '../../i18n/index.js';
import { reverse as M } from '../../i18n/catalog/reverse.js';
import { reconcileReverse, reverseAction, reverseLabelText, reverseWatch } from './reverse-request.js';

/** Default number of groups submitted and watched at once. */
export const DEFAULT_CONCURRENCY = 10;

/** The options of one run. */
export interface ReverseOptions {
  /** Group ids or names (empty with `all`). */
  groups: string[];
  /** Every group, narrowed by `status` and `name`. */
  all: boolean;
  status?: string;
  name?: string;
  /** Where production runs afterwards; asked for at a terminal when not given. */
  to?: Station;
  /** Groups submitted and watched at once (several groups). */
  concurrency: number;
  yes: boolean;
  skipChecks: boolean;
  /** One group: stop the servers at the current production site first. */
  stopServers: boolean;
  /** One group: start the servers at the new production site afterwards. */
  startServers: boolean;
  dryRun: boolean;
  wait: WaitFlags;
}

/** What commander parses. */
interface ReverseFlags extends WaitFlagValues {
  /** One of the choices (commander checks); '' when not given (asked for at a terminal). */
  to: Station | '';
  all?: boolean;
  status?: string;
  name?: string;
  concurrency?: string;
  yes?: boolean;
  skipChecks?: boolean;
  stopServers?: boolean;
  startServers?: boolean;
  dryRun?: boolean;
}

/** Flags and group arguments to options: every check that needs no service (exit 2, nothing sent). */
export function parseReverse(args: string[], f: ReverseFlags): ReverseOptions {
  const groups = args.map(requireGroupRef);
  const all = f.all === true;
  if (all && groups.length > 0) throw new UsageError(text(M.bothGroupsAndAll));
  // No group and no --all: asked for at a terminal, else exit 2 (askMissing).
  if (!all && (f.status !== undefined || f.name !== undefined)) throw new UsageError(text(M.filtersNeedAll));
  const wait = parseWaitFlags(f);
  const stopServers = f.stopServers === true;
  const startServers = f.startServers === true;
  const switchover = stopServers || startServers;
  if (switchover && (all || groups.length > 1)) {
    throw new UsageError(text(M.switchoverOneGroup));
  }
  if (switchover && !wait.wait) throw new UsageError(text(M.switchoverWaits));
  return {
    groups,
    all,
    status: f.status,
    name: f.name,
    to: f.to === '' ? undefined : f.to,
    concurrency: parseInteger('--concurrency', f.concurrency, 1, 100, DEFAULT_CONCURRENCY),
    yes: f.yes === true,
    skipChecks: f.skipChecks === true,
    stopServers,
    startServers,
    dryRun: f.dryRun === true,
    wait,
  };
}

/** `group reverse`'s arguments, flags, help and wiring. */
export function registerReverse(group: Command, run: Runner, runF: RunF<ReverseOptions> = runReverse): Command {
  const cmd = waitOptions(
    group
      .command('reverse')
      .description('switch protection groups over: move production to the DR site (target) or back (source)')
      .argument('[group...]', 'group ids or exact, unique names (several allowed)')
      // Required, but asked for at a terminal: the empty default (never a choice) stands for "not given".
      .addOption(group.createOption('--to <side>', 'where production runs afterwards').choices(['target', 'source']).default('', 'asked at a terminal').makeOptionMandatory())
      .option('--all', 'every group (narrow with --status and --name)')
      .addOption(group.createOption('--status <status>', 'with --all: only groups in this status').choices(GROUP_STATUSES))
      .option('--name <text>', 'with --all: only groups whose name contains this text')
      .option('--concurrency <n>', 'groups submitted and watched at once (default: 10)')
      .option('-y, --yes', YES)
      .option('--skip-checks', 'skip the pre-flight checks (the service still enforces its rules)')
      .option('--stop-servers', 'one group: first stop the servers at the current production site and wait until SHUTOFF')
      .option('--start-servers', 'one group: after the reverse, start the servers at the new production site and wait until ACTIVE')
      .option('--dry-run', 'run the checks, print the exact request(s) and send nothing'),
  );
  examples(cmd, [
    '$ sdrs group reverse erp --to target --yes',
    '$ sdrs group reverse erp --to target --stop-servers --start-servers --yes || echo "switchover stopped: exit $?"',
    '$ sdrs group reverse erp --to source --yes --json | jq -r .priority_station',
    '$ sdrs group reverse erp --to target --yes; [ $? -eq 3 ] && echo "pre-flight failed"',
    '$ sdrs group reverse erp crm hr --to target --yes --json | jq -r \'.[] | "\\(.name) \\(.result)"\'',
    '$ sdrs group reverse --all --status protected --to target --yes --concurrency 20',
  ]);
  return bind(cmd, run, parseReverse, runF);
}

/**
 * The group and the side when they were not given: picked at a terminal (the groups; the two
 * sides with their AZs), else exit 2 naming what is missing. Never asks in a script.
 */
async function askMissing(ctx: Context, o: ReverseOptions): Promise<ReverseOptions & { to: Station }> {
  const needGroup = !o.all && o.groups.length === 0;
  if (!needGroup && o.to !== undefined) return { ...o, to: o.to };
  if (!ctx.io.canPrompt) {
    throw new UsageError(text(needGroup ? M.missingGroup : M.missingTo), needGroup && o.to === undefined ? { hint: text(M.missingToHint) } : {});
  }
  const api = await ctx.api();
  let picked: ServerGroup | undefined;
  if (needGroup) {
    const groups = await api.listAllGroups();
    if (groups.length === 0) throw new PreconditionError('GROUP_NOT_FOUND', text(M.noGroup), { hint: text(M.noGroupHint) });
    picked = await ctx.prompter.select(
      t(M.pickGroup),
      groups.map((g) => ({ name: t(M.pickGroupChoice, { name: safeLine(g.name), status: g.status, production: productionLabel(g), id: g.id }), value: g })),
    );
  }
  let to = o.to;
  if (to === undefined) {
    const one = picked ?? (o.groups.length === 1 ? await resolveGroup(api, o.groups[0]) : undefined);
    const side = (s: Station) => {
      if (!one) return { name: t(s === 'target' ? M.pickTargetAny : M.pickSourceAny), value: s };
      return { name: t(one.priority_station === s ? M.pickSideProduction : M.pickSideDr, { side: s, az: azOf(one, s) }), value: s };
    };
    // The move first: the side that is the DR site now.
    const order: Station[] = one?.priority_station === 'target' ? ['source', 'target'] : ['target', 'source'];
    to = await ctx.prompter.select(one ? t(M.pickSideOne, { name: safeLine(one.name) }) : t(M.pickSide), order.map(side));
  }
  return { ...o, groups: picked ? [picked.id] : o.groups, to };
}

/** Runs the reverse: several groups, the switchover phases, or one group through the mutation pipeline. */
export async function runReverse(ctx: Context, given: ReverseOptions): Promise<Result> {
  const o = await askMissing(ctx, given);
  requireYes(ctx, o.yes || o.dryRun, text(M.verbReverse));
  if (o.all || o.groups.length > 1) {
    const { reverseMany } = await import('./reverse-many.js');
    return reverseMany(ctx, {
      refs: o.groups, all: o.all, status: o.status, name: o.name, to: o.to, yes: o.yes,
      skipChecks: o.skipChecks, dryRun: o.dryRun, concurrency: o.concurrency, settings: await waitSettings(ctx, o.wait),
    });
  }
  const api = await ctx.api();
  const group = await resolveGroup(api, o.groups[0]);
  const settings = await waitSettings(ctx, o.wait);
  if (o.stopServers || o.startServers) {
    const { runSwitchover } = await import('./switchover.js');
    return runSwitchover(ctx, api, group, {
      to: o.to, stopServers: o.stopServers, startServers: o.startServers, dryRun: o.dryRun, yes: o.yes, skipChecks: o.skipChecks, settings,
    });
  }

  const to = o.to;
  const from = group.priority_station;
  if (from === to && group.status === 'protected') {
    const what = text(M.alreadyThere, { name: safeLine(group.name), to, az: azOf(group, to) });
    return o.dryRun ? nothingToSend(what.en, what) : nothingToDo(what, group);
  }
  let report: PreflightReport | undefined;
  const outcome = await mutate(ctx, api, {
    preflight: async () => {
      if (o.skipChecks) sayNow(ctx, t(M.checksSkipped), 'warn');
      else report = await preflightOrThrow(ctx, api, group, to);
    },
    dryRun: o.dryRun,
    prepare: () => api.prepareGroupAction(group.id, reverseAction(to)),
    confirm: () => {
      const instances = report?.instanceCount ?? group.protected_instance_num;
      return confirmOrCancel(
        ctx,
        o.yes,
        t(M.confirmReverse, { name: safeLine(group.name), fromAz: azOf(group, from), from, toAz: azOf(group, to), to, n: instances }),
        text(M.verbReverse),
      );
    },
    send: () => api.groupAction(group.id, reverseAction(to)),
    reconcile: reconcileReverse(api, group, to),
    checkHint: `sdrs group show ${group.id}`,
    settings,
    noWait: { server_group_id: group.id },
    watch: reverseWatch(group, to),
    operationText: reverseLabelText(group, to),
  });
  if (outcome.kind === 'dry-run') return withChecks(outcome.result, report);
  if (outcome.kind !== 'done') return outcome.result;
  const final = (outcome.watched.group as ServerGroup | undefined) ?? (await api.getGroup(group.id));
  return result(
    final,
    say(tint(ctx, 'ok', t(M.doneLead, { az: azOf(final, to), to })) + t(M.doneRest, { name: safeLine(final.name), status: final.status, a: azOf(final, to), b: azOf(final, from) })),
    ...(ctx.globals.json ? [] : await startHint(api, final, to)),
    ...loginNoteBlocks(ctx, to, 'said'),
  );
}

/** The command that starts the servers at the new production site, with their ids (they are not started automatically). */
async function startHint(api: SdrsApi, g: ServerGroup, to: Station): Promise<Block[]> {
  const ids = await api.listAllInstances({ server_group_id: g.id }).then((pis) => pis.map((pi) => serverAt(pi, to)).filter((id) => typeof id === 'string' && isWellFormedId(id)), () => []);
  const az = azOf(g, to);
  return [say(ids.length ? t(M.startHint, { az, to, ids: ids.join(' ') }) : t(M.startHintNoIds, { az, to }))];
}
