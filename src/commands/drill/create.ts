/**
 * `sdrs drill create <group> [--name] [--vpc]`: pre-flight (exit 3, nothing sent), confirm,
 * send once, watch the createDisasterRecoveryDrill job; the result is the drill, available.
 */
import type { Command } from 'commander';
import { safeLine } from '../../errors.js';
import type { Context } from '../../context.js';
import type { CreateDrillBody } from '../../api/types.js';
import { requireGroupRef, requireName, requireRef } from '../../validate.js';
import { bind, DRY_RUN, examples, parseWaitFlags, waitOptions, YES, type RunF, type Runner, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { out, result, say, type Result } from '../shared/output.js';
import { confirmOrCancel, requireYes } from '../shared/confirm.js';
import { dryRun, handOff, noHandOff } from '../shared/mutation.js';
import { waitSettings } from '../shared/wait.js';
import { journalFacts } from '../shared/journal.js';
import { cleanupCommand, drillPreflight, pickGroup } from './common.js';
import { sendCreate, waitCreated } from './submit.js';
import { t, text } from '../../i18n/index.js';
import { drillMsg as M } from '../../i18n/catalog/drill.js';

/** The options of one run. */
export interface CreateOptions {
  /** Asked for at a terminal when undefined. */
  group?: string;
  /** Default: drill-<UTC date and time>. */
  name?: string;
  /** Drill VPC id or name; undefined: the service creates one. */
  vpc?: string;
  yes: boolean;
  dryRun: boolean;
  wait: WaitFlags;
}

/** What commander parses. */
interface CreateFlags extends WaitFlagValues {
  name?: string;
  vpc?: string;
  yes?: boolean;
  dryRun?: boolean;
}

/** Flags to options (exit 2 on bad values). */
export function parseCreate(args: string[], f: CreateFlags): CreateOptions {
  return {
    group: args[0] === undefined ? undefined : requireGroupRef(args[0]),
    name: f.name === undefined ? undefined : requireName('--name', f.name),
    vpc: f.vpc === undefined ? undefined : requireRef('VPC', f.vpc),
    yes: f.yes === true,
    dryRun: f.dryRun === true,
    wait: parseWaitFlags(f),
  };
}

/** `drill create`'s flags, help and wiring. */
export function registerCreate(drill: Command, run: Runner, runF: RunF<CreateOptions> = runCreate): Command {
  const cmd = waitOptions(
    drill
      .command('create')
      .description('start a DR drill: drill servers are built from the DR-site replicas in a separate drill VPC; production keeps running')
      .argument('[group]', 'group id or exact, unique name (asked for at a terminal)')
      .option('--name <name>', 'drill name (default: drill-<UTC date and time>)')
      .option('--vpc <id-or-name>', "drill VPC: same CIDR as the group's VPC, with subnets, not the group's VPC (default: the service creates one)")
      .option('-y, --yes', YES)
      .option('--dry-run', DRY_RUN),
  );
  examples(cmd, ['$ sdrs drill create erp --yes', '$ id=$(sdrs drill create erp --name erp-q3 --yes --json | jq -r .id)']);
  return bind(cmd, run, parseCreate, runF);
}

/** A default drill name from the clock: drill-20261130-115900. */
export function defaultDrillName(now: number): string {
  return 'drill-' + new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Creates the drill through the pipeline's stages; the result is the drill, read after the job. */
export async function runCreate(ctx: Context, o: CreateOptions): Promise<Result> {
  requireYes(ctx, o.yes || o.dryRun, text(M.yesCreate));
  const api = await ctx.api();
  const g = await pickGroup(ctx, api, o.group, 'drill');
  // The journal (and so `sdrs history`) names the group, not only its id.
  journalFacts(ctx, { groups: [{ id: g.id, name: g.name }] });
  const pre = await drillPreflight(ctx, api, g, o.vpc);
  const body: CreateDrillBody = { server_group_id: g.id, name: o.name ?? defaultDrillName(ctx.clock.now()), ...(pre.vpc ? { drill_vpc_id: pre.vpc.id } : {}) };
  const settings = await waitSettings(ctx, o.wait);
  if (o.dryRun) return dryRun(await api.prepareCreateDrill(body));
  await confirmOrCancel(ctx, o.yes,
    t(M.confirmCreate, { drill: safeLine(body.name), group: safeLine(g.name), where: pre.vpc ? text(M.whereVpc, { vpc: safeLine(pre.vpc.name) }) : text(M.whereNewVpc) }),
    text(M.verbDrillCreate));
  const sent = await sendCreate(ctx, api, g, body);
  if (!settings.wait) {
    if (sent.kind !== 'job') throw noHandOff(ctx, sent);
    return handOff(sent.jobId, { server_group_id: g.id, name: body.name });
  }
  const d = await waitCreated(ctx, api, settings, g, body.name, sent);
  return result(
    d,
    say(t(M.created, { drill: safeLine(d.name), group: safeLine(g.name), status: d.status, n: d.drill_servers.length, vpc: d.drill_vpc_id }), 'ok'),
    say(t(M.createdNext, { id: d.id, cleanup: cleanupCommand(d) })),
    out(d.id),
  );
}
