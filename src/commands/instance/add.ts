/** `sdrs instance add <group> --server <id-or-name>`: protect a server; the service creates its DR server. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { ProtectedInstance, Server, ServerGroup } from '../../api/types.js';
import { JobFailedError, PreconditionError, UsageError, safeLine } from '../../errors.js';
import { descriptionProblem, isWellFormedId, nameProblem, printable, requireAz, requireGroupRef, requireName } from '../../validate.js';
import { bind, DRY_RUN, examples, parseWaitFlags, waitOptions, type RunF, type Runner, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { out, result, say, type Block, type Result } from '../shared/output.js';
import { mutate } from '../shared/mutation.js';
import { requireServerRef, resolveGroup, resolveServers, serverAz } from '../shared/resolve.js';
import { azOf, otherSide, refOf } from '../shared/sites.js';
import { serverAt } from '../shared/snapshot.js';
import { CHILDREN_CHANGE_FROM } from '../../api/rules.js';
import { waitSettings } from '../shared/wait.js';
import { t, text } from '../../i18n/index.js';
import { instanceMsg as M } from '../../i18n/catalog/instance.js';

/** The options of one run. */
export interface AddOptions {
  group: string;
  /** The production server: id or name; picked at a terminal when not given. */
  server?: string;
  /** Instance name; default: the server's name. */
  name?: string;
  /** Where to resolve the server name; default: the group's production AZ. */
  az?: string;
  description?: string;
  dryRun: boolean;
  wait: WaitFlags;
}

/** What commander parses. */
interface AddFlags extends WaitFlagValues {
  server?: string;
  name?: string;
  description?: string;
  az?: string;
  dryRun?: boolean;
}

/** Flags to options (exit 2 on bad values). */
export function parseAdd(args: string[], f: AddFlags): AddOptions {
  const group = requireGroupRef(args[0]);
  const server = f.server === undefined ? undefined : requireServerRef(f.server);
  const name = f.name === undefined ? undefined : requireName('--name', f.name);
  const az = f.az === undefined ? undefined : requireAz('--az', f.az);
  const description = f.description;
  if (description !== undefined) {
    if (description === '') throw new UsageError(text(M.descriptionEmpty, { value: printable(description) }));
    const p = descriptionProblem(description);
    if (p) throw new UsageError(text(M.descriptionInvalid, { value: printable(description), problem: p }));
  }
  return { group, server, name, az, description, dryRun: f.dryRun === true, wait: parseWaitFlags(f) };
}

/** `instance add`'s flags, help and wiring. */
export function registerAdd(instance: Command, run: Runner, runF: RunF<AddOptions> = runAdd): Command {
  const cmd = waitOptions(
    instance
      .command('add')
      .description('protect a server at the group\'s production site and wait until its DR server exists')
      .argument('<group>', 'group id or exact, unique name')
      .option('--server <id-or-name>', 'the production server (see: sdrs server list); picked from a list at a terminal')
      .option('--name <name>', 'instance name (default: the server name)')
      .option('--description <text>', 'description, at most 64 bytes, without < or >')
      .option('--az <az>', "resolve the server name in this AZ (default: the group's production AZ)")
      .option('--dry-run', DRY_RUN),
  );
  examples(cmd, ['$ sdrs instance add erp --server erp-app-01', '$ pi=$(sdrs instance add erp --server erp-app-01 --json | jq -r .id)']);
  return bind(cmd, run, parseAdd, runF);
}

/** Finds the server to protect: an id anywhere, or a name at the group's production site (or --az). */
async function findServer(api: SdrsApi, ref: string, group: ServerGroup, az: string | undefined): Promise<Server> {
  const prodAz = azOf(group, group.priority_station);
  const [server] = await resolveServers(api, [ref], az ?? prodAz);
  if (serverAz(server) !== prodAz) {
    throw new PreconditionError('SERVER_WRONG_AZ', text(M.serverWrongAz, { name: safeLine(server.name), id: server.id, az: serverAz(server), group: safeLine(group.name), productionAz: prodAz, station: group.priority_station }), {
      hint: text(M.serverWrongAzHint, { productionAz: prodAz }),
    });
  }
  if (server.metadata?.vpc_id && server.metadata.vpc_id !== group.source_vpc_id) {
    throw new PreconditionError('SERVER_WRONG_VPC', text(M.serverWrongVpc, { name: safeLine(server.name), id: server.id, vpc: server.metadata.vpc_id, groupVpc: group.source_vpc_id }), {
      hint: text(M.serverWrongVpcHint, { productionAz: prodAz, groupVpc: group.source_vpc_id }),
    });
  }
  return server;
}

/** At a terminal: the servers at the group's production site, in its VPC, that no protected instance uses yet. */
async function pickServer(ctx: Context, api: SdrsApi, group: ServerGroup): Promise<Server> {
  const prodAz = azOf(group, group.priority_station);
  const [servers, instances] = await Promise.all([api.listServers(), api.listAllInstances()]);
  const used = new Set(instances.flatMap((pi) => [pi.source_server, pi.target_server]));
  const free = servers.filter((s) => serverAz(s) === prodAz && !used.has(s.id) && (!s.metadata?.vpc_id || s.metadata.vpc_id === group.source_vpc_id));
  if (free.length === 0) {
    throw new PreconditionError('SERVER_NOT_FOUND', text(M.noServerLeft, { group: safeLine(group.name), productionAz: prodAz, vpc: group.source_vpc_id }), {
      hint: text(M.noServerLeftHint, { productionAz: prodAz }),
    });
  }
  return ctx.prompter.select(
    t(M.askServer, { group: safeLine(group.name), productionAz: prodAz }),
    free.map((s) => ({ name: `${safeLine(s.name)}  ${s.status}  ${s.id}`, value: s })),
  );
}

/**
 * What to run next, with the server's real disks: one `pair add` per disk (each one's own
 * hint then gives its `pair attach`), or, when the server lists no disks, how to find them.
 */
function nextPairs(group: ServerGroup, pi: ProtectedInstance, server: Server): Block[] {
  const disks = (server['os-extended-volumes:volumes_attached'] ?? []).filter((v) => typeof v?.id === 'string' && isWellFormedId(v.id));
  if (disks.length === 0) {
    return [say(t(M.nextNoDisks, { server: server.id, instance: refOf(pi) }))];
  }
  return [
    say(t(M.nextDisks, { count: disks.length, instance: refOf(pi) })),
    ...disks.map((v) => say(`  sdrs pair add ${refOf(group)} --volume ${v.id}${v.device ? `   # ${safeLine(v.device)}` : ''}`)),
  ];
}

/** Protects the server through the mutation pipeline; the result is the instance read after the job. */
export async function runAdd(ctx: Context, o: AddOptions): Promise<Result> {
  if (o.server === undefined && !ctx.io.canPrompt) {
    throw new UsageError(text(M.missingServer), {
      hint: text(M.missingServerHint),
    });
  }
  const api = await ctx.api();
  const group = await resolveGroup(api, o.group);
  if (!CHILDREN_CHANGE_FROM.has(group.status)) {
    throw new PreconditionError('PREFLIGHT_FAILED', text(M.groupBusy, { name: safeLine(group.name), status: group.status }), {
      hint: text(M.groupBusyHint, { ref: refOf(group) }),
    });
  }
  const server = o.server === undefined ? await pickServer(ctx, api, group) : await findServer(api, o.server, group, o.az);
  const piName = o.name ?? (nameProblem(server.name) ? undefined : server.name);
  if (!piName) throw new UsageError(text(M.badServerName, { name: printable(server.name) }));
  const body = { server_group_id: group.id, server_id: server.id, name: piName, ...(o.description !== undefined ? { description: o.description } : {}) };
  const outcome = await mutate(ctx, api, {
    dryRun: o.dryRun,
    settings: await waitSettings(ctx, o.wait),
    prepare: () => api.prepareCreateInstance(body),
    send: () => api.createInstance(body),
    noWait: { server_group_id: group.id },
    checkHint: `sdrs instance list ${refOf(group)}`,
    watch: { groupId: group.id, checkGroup: false, label: `Protecting ${safeLine(server.name)} in ${safeLine(group.name)}` },
    operationText: text(M.opProtecting, { server: safeLine(server.name), group: safeLine(group.name) }),
  });
  if (outcome.kind !== 'done') return outcome.result;
  const { job } = outcome.watched;
  const id = job.entities.protected_instance_id;
  const pi: ProtectedInstance | undefined = id
    ? await api.getInstance(id)
    : (await api.listAllInstances({ server_group_id: group.id })).find((i) => serverAt(i, group.priority_station) === server.id);
  if (!pi || pi.status === 'error') {
    throw new JobFailedError(text(pi ? M.instanceInError : M.instanceMissing, { job: job.job_id, server: safeLine(server.name) }), {
      hint: text(M.inspectHint, { ref: refOf(group), job: job.job_id }), details: { job_id: job.job_id, group_id: group.id },
    });
  }
  const dr = otherSide(group.priority_station);
  return result(
    pi,
    say(t(M.added, { name: safeLine(pi.name), group: safeLine(group.name), status: pi.status, server: serverAt(pi, dr), az: azOf(group, dr) }), 'ok'),
    ...nextPairs(group, pi, server),
    out(pi.id),
  );
}
