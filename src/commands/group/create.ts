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
    if (p) throw new UsageError(`--description ${printable(f.description)} ${p}`);
  }
  const drType = f.drType ?? 'migration';
  if (drType !== 'migration') throw new UsageError(`--dr-type ${printable(drType)} is not supported; the only value is "migration"`);
  if (f.sourceAz !== undefined) requireAz('--source-az', f.sourceAz);
  if (f.targetAz !== undefined) requireAz('--target-az', f.targetAz);
  if (f.sourceAz !== undefined && f.sourceAz === f.targetAz) {
    throw new UsageError(`--source-az and --target-az are both ${printable(f.sourceAz)}; the DR AZ must differ from the production AZ`);
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
      throw new UsageError(`missing ${missing.join(', ')}: pass ${missing.length > 1 ? 'them' : 'it'} as flags (prompts are off without a terminal or with --no-input/--json)`, {
        hint: "See 'sdrs domain list' for domains and 'sdrs group create --help' for an example.",
      });
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
  });
  if (outcome.kind !== 'done') return outcome.result;

  const group = outcome.watched.group as ServerGroup | undefined;
  if (!group) {
    throw new PreconditionError('NO_GROUP', `job ${outcome.jobId} succeeded but named no protection group`, { details: { job_id: outcome.jobId } });
  }
  return result(
    group,
    say(`Protection group ${safeLine(group.name)} is ${group.status}: production ${group.source_availability_zone}, DR ${group.target_availability_zone}.`),
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
    (await ctx.prompter.text('Group name', {
      required: true,
      validate: (v) => (nameProblem(v) ? `The name ${nameProblem(v)}` : true),
    }));
  let description = o.description;
  if (description === undefined && guided) {
    description = await ctx.prompter.text('Description (optional)', {
      validate: (v) => (descriptionProblem(v) ? `The description ${descriptionProblem(v)}` : true),
    });
  }
  if (!o.allowDuplicateName) await refuseDuplicate(api, name);
  const domain = await pickDomain(ctx, api, o.domain);
  const local = domain.local_replication_cluster.availability_zone;
  const remote = domain.remote_replication_cluster.availability_zone;
  const zones = [local, remote];
  for (const [flag, az] of [['--source-az', o.sourceAz], ['--target-az', o.targetAz]] as const) {
    if (az !== undefined && !zones.includes(az)) {
      throw new UsageError(`${flag} ${printable(az)} is not an AZ of domain ${safeLine(domain.name)}: pass ${local} or ${remote}`, {
        hint: `A group replicates between the two AZs of its active-active domain; see them with: sdrs domain list`,
      });
    }
  }
  // One AZ given: the other is the domain's other one.
  const other = (az: string) => (az === local ? remote : local);
  let sourceAz = o.sourceAz ?? (o.targetAz !== undefined ? other(o.targetAz) : local);
  let targetAz = o.targetAz ?? other(sourceAz);
  if (guided && o.sourceAz === undefined && o.targetAz === undefined) {
    const ok = await ctx.prompter.confirm(`Production AZ ${sourceAz}, DR AZ ${targetAz} (from domain ${safeLine(domain.name)}). Use these?`, true);
    if (!ok) {
      // The domain has two AZs: picking production picks DR.
      sourceAz = await ctx.prompter.select(
        `Production AZ (the DR AZ is the other AZ of domain ${safeLine(domain.name)})`,
        [remote, local].map((az) => ({ name: `${az} (DR AZ: ${other(az)})`, value: az })),
      );
      targetAz = other(sourceAz);
    }
  }
  if (sourceAz === targetAz) throw new UsageError(`the production and DR AZs are both ${printable(sourceAz)}; they must differ`);
  let vpc = o.vpc === undefined ? undefined : await vpcId(api, o.vpc);
  if (vpc === undefined) {
    const vpcs = await api.listVpcs();
    vpc = await ctx.prompter.select(
      'VPC of the production servers',
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
    'Active-active domain',
    domains.map((d) => ({
      name: `${safeLine(d.name)}: ${d.local_replication_cluster.availability_zone} -> ${d.remote_replication_cluster.availability_zone}${d.sold_out ? ' (sold out)' : ''}`,
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
  const more = free.length > 1 ? ` (servers it can protect in ${g.source_availability_zone}: ${names.slice(0, 5).map(safeLine).join(', ')}${free.length > 5 ? `, and ${free.length - 5} more` : ''})` : '';
  return `Next: protect its servers, pair their disks, then start protection: ${example}${more}; then sdrs group start ${ref}`;
}

/** A group of this name exists already: exit 2 naming it (the service would accept a second one). */
async function refuseDuplicate(api: SdrsApi, name: string): Promise<void> {
  const same = await sameNamed(api, name);
  if (same.length === 0) return;
  throw new UsageError(`a protection group named ${printable(name)} already exists (${same.map((g) => `${g.id}, ${g.status}`).join('; ')}); nothing was sent`, {
    hint: 'Pick another name, or pass --allow-duplicate-name (commands that name the group will then need its id).',
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
    throw new UsageError(`--vpc ${printable(ref)} names ${named.length} VPCs; pass the id instead`, { hint: 'Ids: ' + named.map((v) => v.id).join(', ') });
  }
  throw new UsageError(`--vpc ${printable(ref)} is neither the id nor the name of a VPC`, {
    hint: `Available: ${vpcs.map((v) => `${safeLine(v.name)} (${v.id})`).join(', ') || 'none'}`,
  });
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
  const base = `the create request for group ${printable(name)} got no clear answer (${err.message})`;
  // The groups of this name that were there before are not this request's: say which they are.
  const old = before?.size ? ` (already there before this request, so not created by it: ${[...before].join(', ')})` : '';
  const details = { ...err.details, group: name, ...(before ? { existing_group_ids: [...before] } : {}) };
  if (!now) {
    return new UnknownOutcomeError(`${base}; it may or may not have been created`, { hint: `Check before retrying: ${look}${old}`, details });
  }
  // Without the list from before the send, every group of this name is a candidate.
  const fresh = before ? now.filter((g) => !before.has(g.id)) : now;
  const list = (gs: ServerGroup[]) => gs.map((g) => `${g.id} (${g.status})`).join(', ');
  if (fresh.length === 0) {
    return new UnknownOutcomeError(`${base}; it may or may not have been created: no new group of that name has appeared`, {
      hint: `Check before retrying: ${look}${old}`, details: { ...details, candidate_group_ids: [] },
    });
  }
  const who = before
    ? fresh.length === 1
      ? `it may have created ${list(fresh)}, the one group of that name that is new since this command looked (another client may have created it)`
      : `it may have created one of the ${fresh.length} groups of that name that are new since this command looked: ${list(fresh)}`
    : `it may have created one of the groups of that name (the list from before the request could not be read): ${list(fresh)}`;
  return new UnknownOutcomeError(`${base}; ${who}`, {
    hint: `Do not create it again blindly. Check ${fresh.length === 1 ? 'it' : 'them'} with: ${fresh.map((g) => `sdrs group show ${g.id}`).join(' ; ')}`,
    details: { ...details, candidate_group_ids: fresh.map((g) => g.id) },
  });
}
