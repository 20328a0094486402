/**
 * `sdrs plan run FILE --mode switchover|failover|drill`: the whole plan, step by step
 * (src/plan/run.ts), with one confirmation for the run (plus its confirm steps), the run
 * state saved in $XDG_STATE_HOME/sdrs/plans/<run-id>.json, and the resume command
 * whenever it does not finish.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { Context } from '../../context.js';
import { UsageError, safeLine } from '../../errors.js';
import { PLAN_MODES, type Plan, type PlanMode } from '../../plan/model.js';
import { newRunId, type PlanRunState } from '../../plan/state.js';
import { loadPlan } from '../../plan/load.js';
import { notReadyError, planPreflight, resolvePlanGroups } from './preflight.js';
import { initialSteps } from '../../plan/run.js';
import { bind, examples, parseWaitFlags, YES, type RunF, type Runner, type WaitFlags } from '../shared/command.js';
import { note, out, result, type Result } from '../shared/output.js';
import { confirmOrCancel } from '../shared/confirm.js';
import { waitSettings } from '../shared/wait.js';
import { executePlan, unconfirmable, type PlanRunDocument } from './execute.js';
import { t, text } from '../../i18n/index.js';
import { planMsg as M } from '../../i18n/catalog/plan.js';

export interface RunOptions {
  file: string;
  mode: PlanMode;
  keep: boolean;
  yes: boolean;
  dryRun: boolean;
  confirmSteps: string[];
  wait: WaitFlags;
}

interface RunFlags {
  mode?: string;
  keep?: boolean;
  yes?: boolean;
  dryRun?: boolean;
  confirmStep?: string[];
  timeout?: string;
  interval?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function parseRun(args: string[], f: RunFlags): RunOptions {
  if (!args[0]) throw new UsageError(text(M.passFile));
  if (f.mode === undefined) throw new UsageError(text(M.passMode));
  if (!PLAN_MODES.includes(f.mode as PlanMode)) throw new UsageError(text(M.notAMode, { value: safeLine(f.mode), modes: PLAN_MODES.join(', ') }));
  if (f.keep && f.mode !== 'drill') throw new UsageError(text(M.keepNeedsDrill));
  return {
    file: args[0], mode: f.mode as PlanMode, keep: f.keep === true, yes: f.yes === true, dryRun: f.dryRun === true,
    confirmSteps: f.confirmStep ?? [], wait: parseWaitFlags({ timeout: f.timeout, interval: f.interval }),
  };
}

export function registerRun(parent: Command, run: Runner, runF: RunF<RunOptions> = runRun): Command {
  const cmd = parent
    .command('run')
    .description('run a recovery plan: its steps in order, the groups of a step in parallel; --mode switchover (planned), failover (production site lost) or drill (non-disruptive)')
    .argument('<file>', 'the plan file (YAML or JSON, docs/plans.md)')
    .option('--mode <mode>', 'switchover | failover | drill (required)')
    .option('--keep', 'drill mode: keep the drills at the end instead of deleting them')
    .option('--confirm-step <name>', 'confirm this confirm step up front (repeatable); without a terminal every confirm step needs it or --yes', collect)
    .option('-y, --yes', YES)
    .option('--dry-run', 'print the steps the run would take and send nothing')
    .option('--timeout <duration>', 'limit of each group\'s wait (a step\'s timeout overrides it): 90s, 10m, 1h; 0 = no limit (default: 30m)')
    .option('--interval <duration>', 'first poll interval; later polls back off (default: 1s)');
  examples(cmd, [
    '$ sdrs plan run erp-plan.yaml --mode drill --yes',
    '$ sdrs plan run erp-plan.yaml --mode switchover --yes --confirm-step "check data" --json | jq .status',
    '$ sdrs plan run region.yaml --mode failover --yes || sdrs plan status',
  ]);
  return bind(cmd, run, parseRun, runF);
}

/** A fresh run state for a plan. */
export function freshState(ctx: Context, plan: Plan, file: string, mode: PlanMode, keep: boolean): PlanRunState {
  const now = ctx.clock.now();
  return {
    version: 1, run_id: newRunId(plan.name, now), plan: plan.name, file, mode, keep, status: 'running',
    started_at: new Date(now).toISOString(), updated_at: new Date(now).toISOString(), pid: process.pid, steps: initialSteps(plan),
  };
}

export async function runRun(ctx: Context, o: RunOptions): Promise<Result<PlanRunDocument | unknown>> {
  const file = resolve(ctx.cwd, o.file);
  const plan = await loadPlan(file);
  const missing = unconfirmable(ctx, plan, o);
  if (!o.yes && !o.dryRun && !ctx.io.canPrompt) throw new UsageError(text(M.refuseRun));
  if (missing.length) throw new UsageError(text(M.unconfirmable, { list: missing.map((n) => JSON.stringify(n)).join(', ') }));
  if (o.dryRun) {
    const steps = plan.steps.map((s) => ({ name: s.name, kind: s.kind, groups: s.groups ?? [], ...(s.site ? { site: s.site } : {}) }));
    return result({ dry_run: true, plan: plan.name, mode: o.mode, steps },
      out(t(M.dryHeader, { plan: safeLine(plan.name), mode: o.mode, n: plan.steps.length })),
      ...plan.steps.map((s, i) => out(`  ${i + 1}. ${s.name}: ${s.kind}${s.groups ? ` ${s.groups.join(', ')}` : ''}`)),
      note(t(M.dryNote, { file: o.file, mode: o.mode })));
  }
  // Everything that can be known before starting (plan validate's checks, for this mode): nothing starts that cannot finish.
  const api = await ctx.api();
  const [ready] = await planPreflight(api, plan, await resolvePlanGroups(api, plan), [o.mode]);
  if (!ready.ready) throw notReadyError(plan, [ready]);
  const groups = plan.groups.map((g) => g.alias).join(', ');
  await confirmOrCancel(ctx, o.yes, t(o.mode === 'drill' ? M.confirmRunDrill : M.confirmRun, { plan: safeLine(plan.name), mode: o.mode, n: plan.steps.length, groups }), text(M.verbPlanRun));
  const state = freshState(ctx, plan, file, o.mode, o.keep);
  return executePlan(ctx, plan, state, { yes: o.yes, confirmSteps: o.confirmSteps, settings: await waitSettings(ctx, o.wait) });
}
