/**
 * `sdrs job failures [--group] [--status] [--type]`: the task centre's failed
 * operations, the only history of failures the service keeps (there is no "list
 * jobs"). Without --group the service lists only the group-level ones (a group's
 * failed create, delete, start, stop, reverse, failover, re-protect); with it, those
 * about the group and the ones inside it (instances, pairs, drills).
 */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import { FAILURE_RESOURCE_TYPES, FAILURE_STATUSES, type FailureJob, type FailureJobsQuery, type ServerGroup } from '../../api/types.js';
import { UsageError, safeLine } from '../../errors.js';
import { printable, requireGroupRef } from '../../validate.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { result, say, table, type Result } from '../shared/output.js';
import { resolveGroup } from '../shared/resolve.js';
import { refOf } from '../shared/sites.js';
import { t, text } from '../../i18n/index.js';
import { jobMsg as M } from '../../i18n/catalog/job.js';

/** The options of one run. */
export interface FailuresOptions {
  group?: string;
  /** A documented failure_status, e.g. reverseFail. */
  status?: string;
  /** A documented resource_type, e.g. server_groups. */
  type?: string;
}

/** What commander parses (clear reads `--group` from here too: see failures-clear.ts). */
export interface FailuresFlags {
  group?: string;
  status?: string;
  type?: string;
}

/** Short names for --type. */
const TYPE_ALIASES: Record<string, string> = { group: 'server_groups', instance: 'protected_instances', pair: 'replications', drill: 'disaster_recovery_drills' };

/** Flags to options (exit 2 on a value the API does not document). */
export function parseFailures(_args: string[], f: FailuresFlags): FailuresOptions {
  const o: FailuresOptions = {};
  if (f.group !== undefined) o.group = requireGroupRef(f.group);
  if (f.status !== undefined) {
    const s = FAILURE_STATUSES.find((x) => x.toLowerCase() === f.status!.toLowerCase());
    if (!s) throw new UsageError(text(M.badStatus, { value: printable(f.status), choices: FAILURE_STATUSES.join(', ') }));
    o.status = s;
  }
  if (f.type !== undefined) {
    const t = TYPE_ALIASES[f.type] ?? FAILURE_RESOURCE_TYPES.find((x) => x === f.type);
    if (!t) throw new UsageError(text(M.badType, { value: printable(f.type), choices: [...Object.keys(TYPE_ALIASES), ...FAILURE_RESOURCE_TYPES].join(', ') }));
    o.type = t;
  }
  return o;
}

/** `job failures`'s flags, help and wiring; returns the command (`clear` is added under it). */
export function registerFailures(job: Command, run: Runner, runF: RunF<FailuresOptions> = runFailures): Command {
  const cmd = job
    .command('failures')
    .description("failed operations in the service's task centre (group-level ones, or a group's with --group)")
    .option('--group <group>', "a group's failures: those about the group and those inside it")
    .option('--status <status>', `a failure status: ${FAILURE_STATUSES.join(', ')}`)
    .option('--type <type>', 'a resource type: group, instance, pair, drill (or server_groups, protected_instances, replications, disaster_recovery_drills)');
  examples(cmd, [
    '$ sdrs job failures',
    '$ sdrs job failures --group erp --status reverseFail',
    `$ sdrs job failures --group erp --json | jq -r '.[] | "\\(.begin_time) \\(.failure_status) \\(.error_code)"'`,
  ]);
  return bind(cmd, run, parseFailures, runF);
}

/**
 * The failures of one scope in its two layers: `top`, the group-level ones (all of them,
 * or with a group only those about it), and `inside`, those inside the group (none without one).
 */
export async function scopeParts(api: SdrsApi, group: ServerGroup | undefined, q: Pick<FailureJobsQuery, 'failure_status' | 'resource_type'>): Promise<{ top: FailureJob[]; inside: FailureJob[] }> {
  if (!group) return { top: await api.listFailureJobs(q), inside: [] };
  const [top, inside] = await Promise.all([api.listFailureJobs(q), api.listFailureJobs({ ...q, server_group_id: group.id })]);
  const insideIds = new Set(inside.map((j) => j.job_id));
  return { top: top.filter((j) => j.resource_id === group.id && !insideIds.has(j.job_id)), inside };
}

/** The failures of one scope, both layers together. */
export async function listScope(api: SdrsApi, group: ServerGroup | undefined, q: Pick<FailureJobsQuery, 'failure_status' | 'resource_type'>): Promise<FailureJob[]> {
  const { top, inside } = await scopeParts(api, group, q);
  return [...top, ...inside];
}

/** The failures as the API returns them with --json (newest first); a table otherwise. */
export async function runFailures(ctx: Context, o: FailuresOptions): Promise<Result<FailureJob[]>> {
  const api = await ctx.api();
  const group = o.group === undefined ? undefined : await resolveGroup(api, o.group);
  const jobs = newestFirst(await listScope(api, group, { failure_status: o.status, resource_type: o.type }));
  const filtered = Boolean(o.status || o.type);
  if (!jobs.length) {
    const none = group ? (filtered ? M.noneForGroupFiltered : M.noneForGroup) : filtered ? M.noneTopFiltered : M.noneTop;
    return result(jobs, say(t(none, { name: group ? safeLine(group.name) : undefined })));
  }
  return result(
    jobs,
    table(
      [M.hTime, M.hFailure, M.hType, M.hResource, M.hError, M.hReason, M.hJob].map((h) => t(h)),
      jobs.map((j) => [j.begin_time, j.failure_status, j.resource_type, j.resource_name || j.resource_id, j.error_code, j.fail_reason, j.job_id]),
    ),
    say(group ? t(M.clearGroupHint, { ref: refOf(group) }) : t(M.clearTopHint)),
  );
}

/** Newest first by begin_time. */
export function newestFirst(jobs: FailureJob[]): FailureJob[] {
  return [...jobs].sort((a, b) => String(b.begin_time ?? '').localeCompare(String(a.begin_time ?? '')));
}
