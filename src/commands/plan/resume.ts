/**
 * `sdrs plan resume <run-id | file>`: carries on a run from its first unfinished step.
 * A step that finished is never run again, a group that finished is never sent again,
 * and a group left `sent` (its request may have reached the service) is read before
 * anything is sent for it.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../../context.js';
import { PreconditionError, UsageError, safeLine } from '../../errors.js';
import { loadPlan } from '../../plan/load.js';
import { listStates, loadState, plansDir, validRunId, type PlanRunState } from '../../plan/state.js';
import { bind, examples, parseWaitFlags, YES, type RunF, type Runner, type WaitFlags } from '../shared/command.js';
import { nothingToDo } from '../shared/mutation.js';
import { confirmOrCancel } from '../shared/confirm.js';
import type { Result } from '../shared/output.js';
import { waitSettings } from '../shared/wait.js';
import { executePlan, unconfirmable } from './execute.js';
import { t, text } from '../../i18n/index.js';
import { planMsg as M } from '../../i18n/catalog/plan.js';

export interface ResumeOptions {
  target?: string;
  yes: boolean;
  dryRun: boolean;
  confirmSteps: string[];
  wait: WaitFlags;
}

interface ResumeFlags {
  yes?: boolean;
  dryRun?: boolean;
  confirmStep?: string[];
  timeout?: string;
  interval?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function parseResume(args: string[], f: ResumeFlags): ResumeOptions {
  return { target: args[0], yes: f.yes === true, dryRun: f.dryRun === true, confirmSteps: f.confirmStep ?? [], wait: parseWaitFlags({ timeout: f.timeout, interval: f.interval }) };
}

export function registerResume(parent: Command, run: Runner, runF: RunF<ResumeOptions> = runResume): Command {
  const cmd = parent
    .command('resume')
    .description('carry on a plan run from its first unfinished step (finished steps and groups are never sent again)')
    .argument('[run-or-file]', 'the run id (sdrs plan status), or the plan file: its latest unfinished run (default: the latest unfinished run)')
    .option('--confirm-step <name>', 'confirm this confirm step up front (repeatable)', collect)
    .option('-y, --yes', YES)
    .option('--dry-run', 'say where the run would carry on and send nothing')
    .option('--timeout <duration>', 'limit of each group\'s wait: 90s, 10m, 1h; 0 = no limit (default: 30m)')
    .option('--interval <duration>', 'first poll interval; later polls back off (default: 1s)');
  examples(cmd, ['$ sdrs plan resume erp-plan-20261130T101500Z-x1y2 --yes', '$ sdrs plan resume erp-plan.yaml --yes --json | jq .status']);
  return bind(cmd, run, parseResume, runF);
}

/** The run a resume (or status) means: a run id, the latest run of a plan file, or the latest run. */
export function findRun(ctx: Context, target: string | undefined, unfinishedOnly: boolean): PlanRunState {
  const dir = plansDir(ctx.env, ctx.homeDir);
  const pick = (s: PlanRunState) => !unfinishedOnly || s.status !== 'done';
  if (target !== undefined && !existsSync(resolve(ctx.cwd, target))) {
    if (!validRunId(target)) throw new UsageError(text(M.notFileNorRun, { target: safeLine(target) }));
    const s = loadState(dir, target);
    if (!s) throw new PreconditionError('PLAN_RUN_NOT_FOUND', text(M.noRun, { id: target, dir }), { hint: text(M.listRunsHint) });
    return s;
  }
  const file = target === undefined ? undefined : resolve(ctx.cwd, target);
  const found = listStates(dir).filter((s) => (file === undefined || s.file === file) && pick(s));
  if (!found[0]) throw new PreconditionError('PLAN_RUN_NOT_FOUND', text(unfinishedOnly ? (file ? M.noUnfinishedOf : M.noUnfinished) : file ? M.noRunsOf : M.noRuns, { file: file ? safeLine(target!) : undefined, dir }), { hint: text(M.startRunHint) });
  return found[0];
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function runResume(ctx: Context, o: ResumeOptions): Promise<Result> {
  const state = findRun(ctx, o.target, true);
  if (state.status === 'done') return nothingToDo(text(M.runFinished, { id: state.run_id }), { run_id: state.run_id, status: state.status });
  if (state.status === 'running' && alive(state.pid)) {
    throw new PreconditionError('PLAN_RUN_ACTIVE', text(M.stillRunning, { id: state.run_id, pid: state.pid }), { hint: text(M.stillRunningHint) });
  }
  const plan = await loadPlan(state.file);
  const same = plan.steps.length === state.steps.length && plan.steps.every((s, i) => s.name === state.steps[i].name && s.kind === state.steps[i].kind);
  if (!same) {
    throw new PreconditionError('PLAN_CHANGED', text(M.planChanged, { file: safeLine(state.file), id: state.run_id }), { hint: text(M.planChangedHint, { mode: state.mode }) });
  }
  const next = state.steps.find((s) => s.status !== 'done' && s.status !== 'skipped' && s.status !== 'continued');
  if (o.dryRun) return nothingToDo(next ? text(M.resumeDryStep, { id: state.run_id, step: next.name }) : text(M.resumeDryCleanup, { id: state.run_id }), { dry_run: true, run_id: state.run_id, next_step: next?.name ?? null });
  const missing = unconfirmable(ctx, plan, o).filter((n) => state.steps.find((s) => s.name === n)?.status !== 'done');
  if (!o.yes && !ctx.io.canPrompt) throw new UsageError(text(M.refuseResume));
  if (missing.length) throw new UsageError(text(M.unconfirmable, { list: missing.map((n) => JSON.stringify(n)).join(', ') }));
  await confirmOrCancel(ctx, o.yes, t(next ? M.confirmResumeStep : M.confirmResumeCleanup, { plan: safeLine(plan.name), mode: state.mode, id: state.run_id, step: next?.name }), text(M.verbPlanResume));
  return executePlan(ctx, plan, state, { yes: o.yes, confirmSteps: o.confirmSteps, settings: await waitSettings(ctx, o.wait) });
}
