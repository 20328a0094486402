/** `sdrs group create`: validate, ask for what is missing, submit, watch until available. */
import type { Context } from '../../context.js';
import type { ActiveDomain, CreateGroupBody, ServerGroup } from '../../api/types.js';
import type { SdrsApi } from '../../api/client.js';
import { PreconditionError, UnknownOutcomeError, UsageError } from '../../errors.js';
import { descriptionProblem, nameProblem, printable, requireAz, requireId, requireName } from '../../validate.js';
import { askSelect, askText, askConfirm } from '../../io/prompt.js';
import { printJson } from '../../io/output.js';
import { parseWaitFlags, reportNoWait, say, waitSettings, watch } from '../shared.js';
import { printPrepared } from './dry-run.js';

/** Parsed flags of `group create`. */
export interface CreateOptions {
  name?: string;
  description?: string;
  domain?: string;
  sourceAz?: string;
  targetAz?: string;
  vpc?: string;
  drType: 'migration';
  dryRun: boolean;
}

/** Validates every flag that was given (exit 2, nothing sent). */
export function validateCreateFlags(o: CreateOptions): void {
  if (o.name !== undefined) requireName('--name', o.name);
  if (o.description !== undefined) {
    const p = descriptionProblem(o.description);
    if (p) throw new UsageError(`--description ${printable(o.description)} ${p}`);
  }
  if (o.drType !== 'migration') throw new UsageError(`--dr-type ${printable(o.drType)} is not supported; the only value is "migration"`);
  if (o.sourceAz !== undefined) requireAz('--source-az', o.sourceAz);
  if (o.targetAz !== undefined) requireAz('--target-az', o.targetAz);
  if (o.sourceAz !== undefined && o.sourceAz === o.targetAz) {
    throw new UsageError(`--source-az and --target-az are both ${printable(o.sourceAz)}; the DR AZ must differ from the production AZ`);
  }
  if (o.vpc !== undefined) requireId('--vpc', o.vpc);
  if (o.domain !== undefined && nameProblem(o.domain) !== undefined) requireId('--domain', o.domain);
}

/** commander handler. */
export async function createCommand(ctx: Context, _args: string[], raw: Record<string, unknown>): Promise<void> {
  const o: CreateOptions = {
    name: raw.name as string | undefined,
    description: raw.description as string | undefined,
    domain: raw.domain as string | undefined,
    sourceAz: raw.sourceAz as string | undefined,
    targetAz: raw.targetAz as string | undefined,
    vpc: raw.vpc as string | undefined,
    drType: (raw.drType as 'migration') ?? 'migration',
    dryRun: raw.dryRun === true,
  };
  validateCreateFlags(o);
  const waitFlags = await parseWaitFlags(raw);
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

  if (o.dryRun) {
    printPrepared(ctx, await api.prepareCreateGroup(body));
    return;
  }
  const settings = await waitSettings(ctx, waitFlags);
  let jobId: string;
  try {
    ({ job_id: jobId } = await api.createGroup(body));
  } catch (err) {
    if (err instanceof UnknownOutcomeError) throw await explainUnknownCreate(api, body.name, err);
    throw err;
  }
  if (!settings.wait) return reportNoWait(ctx, jobId);

  const result = await watch(ctx, api, settings, {
    jobId,
    label: `Creating group ${body.name}`,
    expect: { finalStatus: 'available' },
  });
  const group = result.group as ServerGroup | undefined;
  if (!group) {
    throw new PreconditionError('NO_GROUP', `job ${jobId} succeeded but named no protection group`, { details: { job_id: jobId } });
  }
  if (ctx.globals.json) return printJson(ctx.io, group);
  say(ctx, `Protection group ${group.name} is ${group.status}: production ${group.source_availability_zone}, DR ${group.target_availability_zone}.`);
  say(ctx, `Next: add servers and replication pairs, then start protection.`);
  ctx.io.out.write(group.id + '\n');
}

/** Prompt validation for a typed AZ: the same rule as --source-az/--target-az, re-asked instead of exit 2. */
function azPrompt(label: string, other?: string): (v: string) => true | string {
  return (v) => {
    try {
      requireAz(label, v);
    } catch (err) {
      return (err as Error).message.replace(/^./, (c) => c.toUpperCase());
    }
    return v === other ? `The DR AZ must differ from the production AZ (${other})` : true;
  };
}

async function completeBody(ctx: Context, api: SdrsApi, o: CreateOptions): Promise<CreateGroupBody> {
  // The optional questions (description, AZs) are asked only in a guided session, i.e. when a
  // required value was missing; a terminal user who passed --name, --domain and --vpc is not stopped.
  const guided = ctx.io.canPrompt && (o.name === undefined || o.domain === undefined || o.vpc === undefined);
  const name =
    o.name ??
    (await askText(ctx, 'Group name', {
      required: true,
      validate: (v) => (nameProblem(v) ? `The name ${nameProblem(v)}` : true),
    }));
  let description = o.description;
  if (description === undefined && guided) {
    description = await askText(ctx, 'Description (optional)', {
      validate: (v) => (descriptionProblem(v) ? `The description ${descriptionProblem(v)}` : true),
    });
  }
  const domain = await pickDomain(ctx, api, o.domain);
  let sourceAz = o.sourceAz ?? domain.local_replication_cluster.availability_zone;
  let targetAz = o.targetAz ?? domain.remote_replication_cluster.availability_zone;
  if (guided && (o.sourceAz === undefined || o.targetAz === undefined)) {
    const ok = await askConfirm(ctx, `Production AZ ${sourceAz}, DR AZ ${targetAz} (from domain ${domain.name}). Use these?`, true);
    if (!ok) {
      sourceAz = await askText(ctx, 'Production AZ', { default: sourceAz, required: true, validate: azPrompt('production AZ') });
      targetAz = await askText(ctx, 'DR AZ', {
        default: targetAz === sourceAz ? undefined : targetAz,
        required: true,
        validate: azPrompt('DR AZ', sourceAz),
      });
    }
  }
  if (sourceAz === targetAz) throw new UsageError(`the production and DR AZs are both ${printable(sourceAz)}; they must differ`);
  let vpc = o.vpc;
  if (vpc === undefined) {
    const vpcs = await api.listVpcs();
    vpc = await askSelect(
      ctx,
      'VPC of the production servers',
      vpcs.map((v) => ({ name: `${v.name} (${v.cidr}) ${v.id}`, value: v.id })),
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

async function pickDomain(ctx: Context, api: SdrsApi, ref: string | undefined): Promise<ActiveDomain> {
  const domains = await api.listDomains();
  if (ref === undefined) {
    return askSelect(
      ctx,
      'Active-active domain',
      domains.map((d) => ({
        name: `${d.name}: ${d.local_replication_cluster.availability_zone} -> ${d.remote_replication_cluster.availability_zone}${d.sold_out ? ' (sold out)' : ''}`,
        value: d,
      })),
    );
  }
  const byId = domains.find((d) => d.id === ref);
  const byName = domains.filter((d) => d.name === ref);
  const found = byId ?? (byName.length === 1 ? byName[0] : undefined);
  if (!found) {
    throw new PreconditionError('DOMAIN_NOT_FOUND', `active-active domain ${printable(ref)} not found${byName.length > 1 ? ' (name is ambiguous; pass the id)' : ''}`, {
      hint: `Available: ${domains.map((d) => `${d.name} (${d.id})`).join(', ') || 'none'}`,
    });
  }
  return found;
}

/** After a create whose outcome is unknown, looks the group up by name and says what is known. */
async function explainUnknownCreate(api: SdrsApi, name: string, err: UnknownOutcomeError): Promise<UnknownOutcomeError> {
  let found: ServerGroup[] = [];
  try {
    found = (await api.listAllGroups({ name })).filter((g) => g.name === name);
  } catch {
    // The service is still failing; say so below.
  }
  if (found.length > 0) {
    const g = found[0];
    return new UnknownOutcomeError(
      `the create request for group ${printable(name)} got no clear answer (${err.message}), but the service did create it: ${g.id} (status ${g.status})`,
      {
        hint: `Do not create it again. Check it with: sdrs group show ${g.id}`,
        details: { ...err.details, group: name, group_id: g.id, group_status: g.status },
      },
    );
  }
  return new UnknownOutcomeError(
    `the create request for group ${printable(name)} got no clear answer (${err.message}); it may or may not have been created`,
    {
      hint: `Check before retrying: sdrs group list --name ${name}`,
      details: { ...err.details, group: name },
    },
  );
}
