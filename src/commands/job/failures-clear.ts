/**
 * `sdrs job failures clear [<failure-job-id>] [--group <group>]`: removes failed
 * operations from the task centre once they are handled: one by its id, a group's
 * (those inside it, in one batch, and the group-level ones about it), or, without
 * either, every group-level one (one batch). Asks first at a terminal; needs --yes
 * without one. Each DELETE is answered 204 and sent once.
 */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { FailureJob, PreparedRequest } from '../../api/types.js';
import { UsageError, safeLine } from '../../errors.js';
import { requireGroupRef, requireId } from '../../validate.js';
import { bind, DRY_RUN, examples, YES, type RunF, type Runner } from '../shared/command.js';
import { confirmOrCancel, requireYes } from '../shared/confirm.js';
import { dryRun, nothingToDo, sendNoJob } from '../shared/mutation.js';
import { result, say, type Result } from '../shared/output.js';
import { resolveGroup } from '../shared/resolve.js';
import { refOf } from '../shared/sites.js';
import { listScope, scopeParts, type FailuresFlags } from './failures.js';
import { local, t, text, type Text } from '../../i18n/index.js';
import { jobMsg as M } from '../../i18n/catalog/job.js';

/** The options of one run. */
export interface ClearOptions {
  /** One failure job, by its id. */
  id?: string;
  /** A group's failures. */
  group?: string;
  yes: boolean;
  dryRun: boolean;
}

/** What commander parses (`--group` may land on the parent `failures`: both are read). */
interface ClearFlags {
  group?: string;
  yes?: boolean;
  dryRun?: boolean;
}

function parseClear(args: string[], f: ClearFlags, parent: FailuresFlags): ClearOptions {
  const group = f.group ?? parent.group;
  if (parent.status !== undefined || parent.type !== undefined) {
    throw new UsageError(text(M.clearNoFilters));
  }
  if (args[0] !== undefined && group !== undefined) throw new UsageError(text(M.clearIdOrGroup));
  return {
    ...(args[0] !== undefined ? { id: requireId('failure job id', args[0]) } : {}),
    ...(group !== undefined ? { group: requireGroupRef(group) } : {}),
    yes: f.yes === true,
    dryRun: f.dryRun === true,
  };
}

/** `job failures clear`'s argument, flags, help and wiring. */
export function registerClear(failures: Command, run: Runner, runF: RunF<ClearOptions> = runClear): Command {
  const cmd = failures
    .command('clear')
    .description('remove handled failures from the task centre: one (its id), a group\'s (--group), or every group-level one')
    .argument('[failure-job-id]', 'one failure, by the job id `job failures` shows')
    .option('--group <group>', "the group's failures: those inside it and the group-level ones about it")
    .option('-y, --yes', YES)
    .option('--dry-run', DRY_RUN);
  examples(cmd, [
    '$ sdrs job failures clear --group erp --yes --json | jq -r ".cleared | length"',
    '$ sdrs job failures clear 0a1b...ff --yes',
    '$ sdrs job failures clear --dry-run',
  ]);
  return bind(cmd, run, (args, f: ClearFlags) => parseClear(args, f, failures.opts() as FailuresFlags), runF);
}

/** The data of `job failures clear --json`: the ids cleared (for one id: that id). */
export interface ClearDocument {
  cleared: string[];
  /** What was cleared: `failure_job`, `group` (with group_id) or `group_level`. */
  scope: 'failure_job' | 'group' | 'group_level';
  group_id?: string;
}

/** Lists what would be cleared, asks, sends each DELETE once. */
export async function runClear(ctx: Context, o: ClearOptions): Promise<Result<ClearDocument>> {
  requireYes(ctx, o.yes || o.dryRun, text(M.yesClear));
  const api = await ctx.api();

  if (o.id !== undefined) {
    const id = o.id;
    if (o.dryRun) return dryRun(await api.prepareDeleteFailureJob(id)) as Result<ClearDocument>;
    await confirmOrCancel(ctx, o.yes, t(M.askClearOne, { id }), text(M.verbClear));
    const r = await sendNoJob(ctx, { operation: `Clearing failed operation ${id}`, operationText: text(M.opClearingOne, { id }), send: () => api.deleteFailureJob(id), checkHint: 'sdrs job failures' });
    return result({ cleared: [id], scope: 'failure_job' }, ...(r.seen ? [say(t(M.noClearAnswer, { seen: r.seenText ? local(r.seenText) : r.seen }))] : []), say(t(M.clearedOne, { id }), 'ok'));
  }

  const group = o.group === undefined ? undefined : await resolveGroup(api, o.group);
  const { top, inside } = await scopeParts(api, group, {});
  const jobs: FailureJob[] = [...top, ...inside];
  const doc: ClearDocument = { cleared: jobs.map((j) => j.job_id), scope: group ? 'group' : 'group_level', ...(group ? { group_id: group.id } : {}) };
  if (!jobs.length) return nothingToDo(group ? text(M.noneToClearGroup, { name: safeLine(group.name) }) : text(M.noneToClearTop), { ...doc, cleared: [] });

  // A group: its own batch for those inside it, and the group-level ones about it one by one
  // (the group-level batch would clear other groups' too). No group: the group-level batch.
  // `what`: the operation's name in English (the journal's record), and for people in the run's language.
  const requests: { prepare: () => Promise<PreparedRequest>; send: () => Promise<void>; what: Text; targets: FailureJob[] }[] = group
    ? [
        ...(inside.length ? [{ prepare: () => api.prepareDeleteGroupFailureJobs(group.id), send: () => api.deleteGroupFailureJobs(group.id), what: text(M.whatInside, { name: safeLine(group.name) }), targets: inside }] : []),
        ...top.map((j) => ({ prepare: () => api.prepareDeleteFailureJob(j.job_id), send: () => api.deleteFailureJob(j.job_id), what: text(M.whatOne, { id: j.job_id }), targets: [j] })),
      ]
    : [{ prepare: () => api.prepareDeleteGroupLevelFailureJobs(), send: () => api.deleteGroupLevelFailureJobs(), what: text(M.whatTop), targets: top }];

  if (o.dryRun) {
    const prepared = await Promise.all(requests.map((r) => r.prepare()));
    return dryRun(prepared.length === 1 ? prepared[0] : prepared) as Result<ClearDocument>;
  }
  const list = jobs.slice(0, 5).map((j) => `  ${j.begin_time ?? '-'} ${j.failure_status} ${j.resource_name || j.resource_id || j.resource_type}${j.error_code ? ` ${j.error_code}` : ''}`);
  const ask = group ? t(M.askClearGroup, { count: jobs.length, name: safeLine(group.name) }) : t(M.askClearTop, { count: jobs.length });
  await confirmOrCancel(ctx, o.yes, `${ask}\n${list.join('\n')}${jobs.length > 5 ? `\n${t(M.andMore, { count: jobs.length - 5 })}` : ''}\n`, text(M.verbClear));

  const gone = (targets: FailureJob[]) => async () => {
    const ids = new Set(targets.map((j) => j.job_id));
    return !(await listScope(api, group, {})).some((j) => ids.has(j.job_id));
  };
  const notes: string[] = [];
  for (const r of requests) {
    const sent = await sendNoJob(ctx, {
      operation: `Clearing ${r.what.en}`,
      operationText: text(M.opClearing, { what: r.what }),
      send: r.send,
      checkHint: group ? `sdrs job failures --group ${refOf(group)}` : 'sdrs job failures',
      details: group ? { group_id: group.id } : {},
      verify: gone(r.targets),
    });
    if (sent.seen) notes.push(t(M.noClearAnswerFor, { what: local(r.what), seen: sent.seenText ? local(sent.seenText) : sent.seen }));
  }
  return result(doc, ...notes.map((n) => say(n)), say(group ? t(M.clearedGroup, { count: jobs.length, name: safeLine(group.name) }) : t(M.clearedTop, { count: jobs.length }), 'ok'));
}
