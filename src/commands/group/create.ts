/** `sdrs group create`: validate, ask for what is missing, submit, watch until available. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { ActiveDomain, CreateGroupBody, ProtectedInstance, Server, ServerGroup } from '../../api/types.js';
import type { SdrsApi } from '../../api/client.js';
import { PreconditionError, UnknownOutcomeError, UsageError, safeLine } from '../../errors.js';
import { descriptionProblem, isWellFormedId, nameProblem, printable, requireAz, requireId, requireName } from '../../validate.js';
import { bind, DRY_RUN, examples, parseWaitFlags, waitOptions, type RunF, type Runner, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { out, result, say, type Result } from '../shared/output.js';
import { mutate } from '../shared/mutation.js';
import { findDomain } from '../shared/resolve.js';
import { refOf, shellArg } from '../shared/sites.js';
import { waitSettings } from '../shared/wait.js';
import { requireQuota } from '../shared/quota.js';
import { language, t, text } from '../../i18n/index.js';
import { joinList, parened } from '../../i18n/compose.js';
import { groupMsg as M } from '../../i18n/catalog/group.js';

/** The options of one run: the flags that were given, checked; the rest is asked for at a terminal. */
export interface CreateOptions {
  name?: string;
  description?: string;
  domain?: string;
  sourceAz?: string;
  targetAz?: string;
  /** VPC id or exact, unique name. */
  vpc?: string;
  drType: 'migration';
  /** Send even when a group of this name exists (names are not unique in SDRS). */
  allowDuplicateName: boolean;
  dryRun: boolean;
  wait: WaitFlags;
}

/** What commander parses. */
interface CreateFlags extends WaitFlagValues {
  name?: string;
  description?: string;
  domain?: string;
  sourceAz?: string;
  targetAz?: string;
  vpc?: string;
  drType?: string;
  allowDuplicateName?: boolean;
  dryRun?: boolean;
}

/** Validates every flag that was given (exit 2, nothing sent), then the wait flags. */
function parseCreate(_args: string[], f: CreateFlags): CreateOptions {
  if (f.name !== undefined) requireName('--name', f.name);
  if (f.description !== undefined) {
    const p = descriptionProblem(f.description);
    if (p) throw new UsageError(text(M.descriptionInvalid, { value: printable(f.description), problem: p }));
  }
  const drType = f.drType ?? 'migration';
  if (drType !== 'migration') throw new UsageError(text(M.drTypeUnsupported, { value: printable(drType) }));
  if (f.sourceAz !== undefined) requireAz('--source-az', f.sourceAz);
  if (f.targetAz !== undefined) requireAz('--target-az', f.targetAz);
  if (f.sourceAz !== undefined && f.sourceAz === f.targetAz) {
    throw new UsageError(text(M.sameAzFlags, { az: printable(f.sourceAz) }));
  }
  if (f.vpc !== undefined && nameProblem(f.vpc) !== undefined) requireId('--vpc', f.vpc);
  if (f.domain !== undefined && nameProblem(f.domain) !== undefined) requireId('--domain', f.domain);
  return {
    name: f.name,
    description: f.description,
    domain: f.domain,
    sourceAz: f.sourceAz,
    targetAz: f.targetAz,
    vpc: f.vpc,
    drType,
    allowDuplicateName: f.allowDuplicateName === true,
    dryRun: f.dryRun === true,
    wait: parseWaitFlags(f),
  };
}

/** `group create`'s flags, help and wiring. */
export function registerCreate(group: Command, run: Runner, runF: RunF<CreateOptions> = runCreate): Command {
  const cmd = waitOptions(
    group
      .command('create')
      .description('create a protection group and wait until it is available')
      .option('--name <name>', 'group name: 1-64 bytes of letters, digits, Chinese characters, . _ -')
      .option('--description <text>', 'description: at most 64 bytes, no < or >')
      .option('--domain <id-or-name>', 'active-active domain (see: sdrs domain list)')
      .option('--source-az <az>', "production AZ, one of the domain's two (default: the domain's local AZ)")
      .option('--target-az <az>', "DR AZ, the domain's other one (default: the domain's remote AZ)")
      .option('--vpc <id-or-name>', 'VPC of the production servers: id or exact, unique name')
      .option('--allow-duplicate-name', 'create the group even if a group of this name exists (every command naming it then needs the id)')
      .addOption(group.createOption('--dr-type <type>', 'deployment model').choices(['migration']).default('migration'))
      .option('--dry-run', DRY_RUN),
  );
  examples(cmd, [
    '$ sdrs group create --name erp-prod --domain dom-1 --vpc 0f8c... --no-input',
    '$ id=$(sdrs group create --name erp --domain dom-1 --vpc vpc-1 --json | jq -r .id)',
    '$ sdrs group create --name erp --domain dom-1 --vpc vpc-1 --dry-run',
  ]);
  return bind(cmd, run, parseCreate, runF);
}

/** Asks for what is missing, sends the create once and watches it: the new group (JSON) or its id. */
export async function runCreate(ctx: Context, o: CreateOptions): Promise<Result> {
  if (!ctx.io.canPrompt) {
    const missing = [
      o.name === undefined && '--name',
      o.domain === undefined && '--domain',
      o.vpc === undefined && '--vpc',
    ].filter(Boolean);
    if (missing.length > 0) {
      throw new UsageError(text(missing.length > 1 ? M.missingFlags : M.missingFlag, { flags: joinList(missing as string[]) }), { hint: text(M.missingFlagsHint) });
    }
  }
  const api = await ctx.api();
  const body = await completeBody(ctx, api, o);
  const settings = await waitSettings(ctx, o.wait);
  // Names are not unique: the groups of this name that exist before the request is sent, so
  // that an unknown outcome names only groups that are new, never one that was already there.
  let before: ReadonlySet<string> | undefined;
  const outcome = await mutate(ctx, api, {
    preflight: () => requireQuota(api, 'server_groups'),
    dryRun: o.dryRun,
    settings,
    prepare: () => api.prepareCreateGroup(body),
    beforeSend: async () => {
      before = await sameNamed(api, body.name).then((gs) => new Set(gs.map((g) => g.id)), () => undefined);
    },
    send: () => api.createGroup(body),
    reconcile: (err) => explainUnknownCreate(api, body.name, before, err),
    // An exact lookup: the service's name filter also matches longer names (par-1 finds par-10).
    checkHint: `sdrs group show ${shellArg(body.name)}`,
    watch: { label: `Creating group ${body.name}`, expect: { finalStatus: 'available' } },
    operationText: text(M.opCreate, { name: body.name }),
  });
  if (outcome.kind !== 'done') return outcome.result;

  const group = outcome.watched.group as ServerGroup | undefined;
  if (!group) {
    throw new PreconditionError('NO_GROUP', text(M.noGroupInJob, { job: outcome.jobId }), { details: { job_id: outcome.jobId } });
  }
  return result(
    group,
    say(t(M.created, { name: safeLine(group.name), status: group.status, source: group.source_availability_zone, target: group.target_availability_zone })),
    ...(ctx.globals.json ? [] : [say(await nextHint(api, group))]),
    out(group.id),
  );
}

async function completeBody(ctx: Context, api: SdrsApi, o: CreateOptions): Promise<CreateGroupBody> {
  // The optional questions (description, AZs) are asked only in a guided session, i.e. when a
  // required value was missing; a terminal user who passed --name, --domain and --vpc is not stopped.
  const guided = ctx.io.canPrompt && (o.name === undefined || o.domain === undefined || o.vpc === undefined);
  const name =
    o.name ??
    (await ctx.prompter.text(t(M.askName), {
      required: true,
      validate: (v) => (nameProblem(v) ? t(M.badName, { problem: nameProblem(v) }) : true),
    }));
  let description = o.description;
  if (description === undefined && guided) {
    description = await ctx.prompter.text(t(M.askDescription), {
      validate: (v) => (descriptionProblem(v) ? t(M.badDescription, { problem: descriptionProblem(v) }) : true),
    });
  }
  if (!o.allowDuplicateName) await refuseDuplicate(api, name);
  const domain = await pickDomain(ctx, api, o.domain);
  const local = domain.local_replication_cluster.availability_zone;
  const remote = domain.remote_replication_cluster.availability_zone;
  const zones = [local, remote];
  for (const [flag, az] of [['--source-az', o.sourceAz], ['--target-az', o.targetAz]] as const) {
    if (az !== undefined && !zones.includes(az)) {
      throw new UsageError(text(M.azNotInDomain, { flag, az: printable(az), domain: safeLine(domain.name), local, remote }), { hint: text(M.azNotInDomainHint) });
    }
  }
  // One AZ given: the other is the domain's other one.
  const other = (az: string) => (az === local ? remote : local);
  let sourceAz = o.sourceAz ?? (o.targetAz !== undefined ? other(o.targetAz) : local);
  let targetAz = o.targetAz ?? other(sourceAz);
  if (guided && o.sourceAz === undefined && o.targetAz === undefined) {
    const ok = await ctx.prompter.confirm(t(M.confirmAzs, { source: sourceAz, target: targetAz, domain: safeLine(domain.name) }), true);
    if (!ok) {
      // The domain has two AZs: picking production picks DR.
      sourceAz = await ctx.prompter.select(
        t(M.askProductionAz, { domain: safeLine(domain.name) }),
        [remote, local].map((az) => ({ name: t(M.azChoice, { az, other: other(az) }), value: az })),
      );
      targetAz = other(sourceAz);
    }
  }
  if (sourceAz === targetAz) throw new UsageError(text(M.sameAz, { az: printable(sourceAz) }));
  let vpc = o.vpc === undefined ? undefined : await vpcId(api, o.vpc);
  if (vpc === undefined) {
    const vpcs = await api.listVpcs();
    vpc = await ctx.prompter.select(
      t(M.askVpc),
      vpcs.map((v) => ({ name: `${safeLine(v.name)} (${v.cidr}) ${v.id}`, value: v.id })),
    );
  }
  return {
    name,
    ...(description ? { description } : {}),
    source_availability_zone: sourceAz,
    target_availability_zone: targetAz,
    domain_id: domain.id,
    source_vpc_id: vpc,
    dr_type: o.drType,
  };
}

/** The domain named by --domain (findDomain: exit 3 naming the choices), or the one picked at the prompt. */
async function pickDomain(ctx: Context, api: SdrsApi, ref: string | undefined): Promise<ActiveDomain> {
  const domains = await api.listDomains();
  if (ref !== undefined) return findDomain(domains, ref);
  return ctx.prompter.select(
    t(M.askDomain),
    domains.map((d) => ({
      name: t(d.sold_out ? M.domainChoiceSoldOut : M.domainChoice, { name: safeLine(d.name), local: d.local_replication_cluster.availability_zone, remote: d.remote_replication_cluster.availability_zone }),
      value: d,
    })),
  );
}

/**
 * What to run next, with the servers it could protect: those at its production AZ, in its VPC,
 * that no protected instance has yet (`instance add` then prints each disk's `pair add`).
 */
async function nextHint(api: SdrsApi, g: ServerGroup): Promise<string> {
  const ref = refOf(g);
  const [servers, instances] = await Promise.all([api.listServers(), api.listAllInstances()]).catch(() => [[], []] as [Server[], ProtectedInstance[]]);
  const used = new Set(instances.flatMap((pi) => [pi.source_server, pi.target_server]));
  const free = servers.filter((s) => s['OS-EXT-AZ:availability_zone'] === g.source_availability_zone && s.metadata?.vpc_id === g.source_vpc_id && !used.has(s.id) && isWellFormedId(s.id));
  const names = free.map((s) => s.name);
  const unique = (n: string) => names.filter((x) => x === n).length === 1 && !nameProblem(n);
  const first = free[0];
  const example = first ? `sdrs instance add ${ref} --server ${unique(first.name) ? shellArg(first.name) : first.id}` : `sdrs instance add ${ref} --server <server>`;
  if (free.length <= 1) return t(M.next, { example, ref });
  const listed = names.slice(0, 5).map(safeLine).join(language() === 'zh-CN' ? '、' : ', ') + (free.length > 5 ? t(M.andMore, { count: free.length - 5 }) : '');
  return t(M.nextWithServers, { example, az: g.source_availability_zone, names: listed, ref });
}

/** A group of this name exists already: exit 2 naming it (the service would accept a second one). */
async function refuseDuplicate(api: SdrsApi, name: string): Promise<void> {
  const same = await sameNamed(api, name);
  if (same.length === 0) return;
  throw new UsageError(text(M.duplicateName, { name: printable(name), existing: same.map((g) => `${g.id}, ${g.status}`).join('; ') }), {
    hint: text(M.duplicateNameHint),
    details: { existing_group_ids: same.map((g) => g.id) },
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `--vpc` as given: a UUID is the id as is; anything else is an exact, unique VPC name (exit 2 if none or several). */
export async function vpcId(api: Pick<SdrsApi, 'listVpcs'>, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  const vpcs = await api.listVpcs();
  if (vpcs.some((v) => v.id === ref)) return ref;
  const named = vpcs.filter((v) => v.name === ref);
  if (named.length === 1) return named[0].id;
  if (named.length > 1) {
    throw new UsageError(text(M.vpcSeveral, { ref: printable(ref), count: named.length }), { hint: text(M.vpcSeveralHint, { ids: joinList(named.map((v) => v.id)) }) });
  }
  const available = joinList(vpcs.map((v) => parened(safeLine(v.name), v.id)));
  throw new UsageError(text(M.vpcUnknown, { ref: printable(ref) }), { hint: vpcs.length ? text(M.vpcAvailable, { list: available }) : text(M.vpcNoneAvailable) });
}

/** The groups named exactly `name` (the service's `name` filter also matches longer names). */
async function sameNamed(api: SdrsApi, name: string): Promise<ServerGroup[]> {
  return (await api.listAllGroups({ name })).filter((g) => g.name === name);
}

/**
 * The `reconcile` of the create: after an unknown outcome, the groups of this name that
 * were not there before the request. Names are not unique and SDRS has no idempotency
 * key, so a new group may also be another client's (ten parallel creates of one name):
 * it is named as a group this request MAY have created, never claimed, and the outcome
 * stays unknown (exit 7). A group that existed before is never named.
 */
async function explainUnknownCreate(api: SdrsApi, name: string, before: ReadonlySet<string> | undefined, err: UnknownOutcomeError): Promise<UnknownOutcomeError> {
  // Exact (`group list --name par-1` also lists par-10); several groups of the name: exit 2 with their ids.
  const look = `sdrs group show ${shellArg(name)}`;
  let now: ServerGroup[] | undefined;
  try {
    now = await sameNamed(api, name);
  } catch {
    // The service is still failing; said below.
  }
  const base = { name: printable(name) };
  // The groups of this name that were there before are not this request's: say which they are.
  const checkHint = before?.size ? text(M.checkBeforeRetryOld, { look, ids: joinList([...before]) }) : text(M.checkBeforeRetry, { look });
  const details = { ...err.details, group: name, ...(before ? { existing_group_ids: [...before] } : {}) };
  if (!now) {
    return new UnknownOutcomeError(text(M.unknownMaybe, { ...base, error: err.text }), { hint: checkHint, details });
  }
  // Without the list from before the send, every group of this name is a candidate.
  const fresh = before ? now.filter((g) => !before.has(g.id)) : now;
  const list = (gs: ServerGroup[]) => joinList(gs.map((g) => parened(g.id, g.status)));
  if (fresh.length === 0) {
    return new UnknownOutcomeError(text(M.unknownNoneNew, { ...base, error: err.text }), {
      hint: checkHint, details: { ...details, candidate_group_ids: [] },
    });
  }
  const who = before ? (fresh.length === 1 ? M.unknownOneNew : M.unknownSomeNew) : M.unknownAnyNamed;
  return new UnknownOutcomeError(text(who, { ...base, count: fresh.length, error: err.text, list: list(fresh) }), {
    hint: text(fresh.length === 1 ? M.doNotCreateAgainOne : M.doNotCreateAgainMany, { commands: fresh.map((g) => `sdrs group show ${g.id}`).join(' ; ') }),
    details: { ...details, candidate_group_ids: fresh.map((g) => g.id) },
  });
}
