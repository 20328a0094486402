/** `sdrs pair attach <pair> --instance <instance> --device <device>`: attach a pair to a protected instance. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { ProtectedInstance, Replication, ServerGroup } from '../../api/types.js';
import { PreconditionError, UsageError, safeLine } from '../../errors.js';
import { requireDevice, requireRef } from '../../validate.js';
import { bind, DRY_RUN, examples, parseWaitFlags, waitOptions, type RunF, type Runner, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { result, say, type Result } from '../shared/output.js';
import { mutate, nothingToDo } from '../shared/mutation.js';
import { pairedVolumes, productionDisks, resolveInstance, resolvePair } from '../shared/resolve.js';
import { refOf } from '../shared/sites.js';
import { CHILDREN_CHANGE_FROM } from '../../api/rules.js';
import { waitSettings } from '../shared/wait.js';
import { pairAfter } from './after-job.js';
import { join, t, text, type Text } from '../../i18n/index.js';
import { pairMsg as M } from '../../i18n/catalog/pair.js';

/** The options of one run. */
export interface AttachOptions {
  pair: string;
  /** Picked at a terminal when not given. */
  instance?: string;
  /** Device name on the server: /dev/vdX or /dev/sdX; asked at a terminal when not given. */
  device?: string;
  dryRun: boolean;
  wait: WaitFlags;
}

/** What commander parses. */
interface AttachFlags extends WaitFlagValues {
  instance?: string;
  device?: string;
  dryRun?: boolean;
}

/** Flags to options (exit 2 on bad values). */
export function parseAttach(args: string[], f: AttachFlags): AttachOptions {
  const pair = requireRef('pair', args[0]);
  const instance = f.instance === undefined ? undefined : requireRef('instance', f.instance);
  const device = f.device === undefined ? undefined : requireDevice('--device', f.device);
  return { pair, instance, device, dryRun: f.dryRun === true, wait: parseWaitFlags(f) };
}

/** `pair attach`'s flags, help and wiring. */
export function registerAttach(pair: Command, run: Runner, runF: RunF<AttachOptions> = runAttach): Command {
  const cmd = waitOptions(
    pair
      .command('attach')
      .description('attach a pair to a protected instance as a device and wait')
      .argument('<pair>', 'replication pair id or exact, unique name')
      .option('--instance <instance>', "protected instance id or exact, unique name; picked from the group's instances at a terminal")
      .option('--device <device>', 'device name on the server: /dev/vda (system disk), /dev/vdb, ... (or /dev/sdX); asked at a terminal')
      .option('--dry-run', DRY_RUN),
  );
  examples(cmd, ['$ sdrs pair attach erp-app-01-data --instance erp-app-01 --device /dev/vdb', '$ sdrs pair attach "$rp" --instance "$pi" --device /dev/vdb --json | jq -r .status']);
  return bind(cmd, run, parseAttach, runF);
}

/**
 * At a terminal: the instance (among the pair's group's instances, the one whose production
 * server has the pair's disk first) and the device (default: the disk's device there).
 */
async function askMissing(
  ctx: Context, api: SdrsApi, group: ServerGroup, rp: Replication, given: ProtectedInstance | undefined, device: string | undefined,
): Promise<{ pi: ProtectedInstance; device: string }> {
  if (given && device) return { pi: given, device };
  const instances = given ? [given] : await api.listAllInstances({ server_group_id: group.id });
  if (instances.length === 0) {
    throw new PreconditionError('INSTANCE_NOT_FOUND', text(M.noInstanceToAttach, { group: safeLine(group.name), pair: safeLine(rp.name) }), {
      hint: text(M.protectFirstHint, { ref: refOf(group) }),
    });
  }
  const volumes = pairedVolumes([rp]);
  const owner = (await productionDisks(api, group, instances).catch(() => [])).find((d) => volumes.has(d.volumeId));
  let pi = given;
  if (!pi) {
    const ordered = owner ? [owner.instance, ...instances.filter((i) => i.id !== owner.instance.id)] : instances;
    pi = await ctx.prompter.select(
      t(M.askInstanceToAttach, { pair: safeLine(rp.name) }),
      ordered.map((i) => ({ name: `${safeLine(i.name)}  ${i.status}  ${i.id}${i.id === owner?.instance.id ? t(M.hasThisDisk) : ''}`, value: i })),
    );
  }
  if (device) return { pi, device };
  const suggested = owner?.instance.id === pi.id && owner.device && DEVICE.test(owner.device) ? owner.device : undefined;
  const picked = await ctx.prompter.text(t(M.askDevice, { pair: safeLine(rp.name), instance: safeLine(pi.name) }), {
    default: suggested,
    required: true,
    validate: (v) => (DEVICE.test(v) ? true : t(M.badDevice)),
  });
  return { pi, device: picked };
}

const DEVICE = /^\/dev\/(vd|sd)[a-z]$/;

/** Attaches the pair through the mutation pipeline; already attached there is a no-op (exit 0). */
export async function runAttach(ctx: Context, o: AttachOptions): Promise<Result> {
  if ((o.instance === undefined || o.device === undefined) && !ctx.io.canPrompt) {
    throw new UsageError(text(o.instance === undefined ? M.missingInstance : M.missingDevice));
  }
  const api = await ctx.api();
  const [rp, given] = await Promise.all([resolvePair(api, o.pair), o.instance === undefined ? undefined : resolveInstance(api, o.instance)]);
  const group = await api.getGroup(rp.server_group_id);
  const { pi, device } = await askMissing(ctx, api, group, rp, given, o.device);
  const current = rp.attachment[0];
  if (current && current.protected_instance === pi.id && current.device.slice(-1) === device.slice(-1)) {
    return nothingToDo(text(M.alreadyAttachedThere, { pair: safeLine(rp.name), instance: safeLine(pi.name), device: current.device }), rp);
  }
  const body = { replication_id: rp.id, device };
  const outcome = await mutate(ctx, api, {
    preflight: async () => {
      const problems: Text[] = [];
      if (rp.server_group_id !== pi.server_group_id) problems.push(text(M.otherGroup, { group: safeLine(group.name), instance: safeLine(pi.name) }));
      if (current) problems.push(text(M.alreadyAttached, { instance: current.protected_instance, device: current.device, ref: refOf(rp) }));
      // The service rewrites vd/sd to the hypervisor's prefix, so only the letter must be free.
      const taken = pi.attachment.find((a) => a.device.slice(-1) === device.slice(-1));
      if (taken) problems.push(text(M.deviceTaken, { device: taken.device, instance: safeLine(pi.name), pair: taken.replication }));
      if (!CHILDREN_CHANGE_FROM.has(group.status)) problems.push(text(M.groupNotReady, { name: safeLine(group.name), status: group.status }));
      if (!CHILDREN_CHANGE_FROM.has(pi.status)) problems.push(text(M.instanceNotReady, { name: safeLine(pi.name), status: pi.status }));
      if (!CHILDREN_CHANGE_FROM.has(rp.status)) problems.push(text(M.pairNotReady, { name: safeLine(rp.name), status: rp.status }));
      if (problems.length) {
        const list = join(problems, { en: '; ', zh: '；' });
        const params = { pair: safeLine(rp.name), instance: safeLine(pi.name) };
        throw new PreconditionError('PREFLIGHT_FAILED', { en: text(M.cannotAttach, { ...params, problems: list.en }).en, zh: text(M.cannotAttach, { ...params, problems: list.zh }).zh }, { hint: text(M.nothingSent) });
      }
    },
    dryRun: o.dryRun,
    settings: await waitSettings(ctx, o.wait),
    prepare: () => api.prepareAttachReplication(pi.id, body),
    send: () => api.attachReplication(pi.id, body),
    noWait: { server_group_id: group.id, replication_id: rp.id, protected_instance_id: pi.id },
    checkHint: `sdrs pair list ${refOf(group)}`,
    watch: { groupId: group.id, checkGroup: false, label: `Attaching ${safeLine(rp.name)} to ${safeLine(pi.name)} as ${device}` },
    operationText: text(M.opAttaching, { pair: safeLine(rp.name), instance: safeLine(pi.name), device }),
  });
  if (outcome.kind !== 'done') return outcome.result;
  const after = await pairAfter(api, rp.id, outcome.jobId);
  return result(after, say(t(M.attached, { pair: safeLine(after.name), instance: safeLine(pi.name), device: after.attachment[0]?.device ?? device, status: after.status }), 'ok'));
}
