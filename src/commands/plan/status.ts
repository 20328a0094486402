/** `sdrs plan status [run-or-file]`: where a plan run stands (read from its state file; nothing is sent). */
import type { Command } from 'commander';
import { listStates, plansDir } from '../../plan/state.js';
import type { Context } from '../../context.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { out, result, table, type Result } from '../shared/output.js';
import { findRun } from './resume.js';
import { planResult } from './execute.js';
import { t } from '../../i18n/index.js';
import { planMsg as M } from '../../i18n/catalog/plan.js';

export interface StatusOptions {
  target?: string;
  all: boolean;
}

interface StatusFlags {
  all?: boolean;
}

export function parseStatus(args: string[], f: StatusFlags): StatusOptions {
  return { target: args[0], all: f.all === true };
}

export function registerStatus(parent: Command, run: Runner, runF: RunF<StatusOptions> = runStatus): Command {
  const cmd = parent
    .command('status')
    .description('where a plan run stands: every step and group, job ids, durations, the resume command')
    .argument('[run-or-file]', 'run id or plan file (default: the latest run)')
    .option('--all', 'list every run kept in the state directory');
  examples(cmd, ['$ sdrs plan status', '$ sdrs plan status --json | jq -r .resume_command']);
  return bind(cmd, run, parseStatus, runF);
}

export async function runStatus(ctx: Context, o: StatusOptions): Promise<Result> {
  await Promise.resolve();
  if (o.all) {
    const runs = listStates(plansDir(ctx.env, ctx.homeDir));
    const data = runs.map((s) => ({ run_id: s.run_id, plan: s.plan, mode: s.mode, status: s.status, started_at: s.started_at, ended_at: s.ended_at ?? null }));
    return result(data, runs.length ? table([t(M.hRun), t(M.hPlan), t(M.hMode), t(M.hStatus), t(M.hStarted)], data.map((r) => [r.run_id, r.plan, r.mode, r.status, r.started_at])) : out(t(M.noPlanRuns)));
  }
  const state = findRun(ctx, o.target, false);
  const unfinished = state.status !== 'done';
  const r = planResult(ctx, { name: state.plan, groups: [], steps: [], file: state.file }, state, undefined, state.status === 'interrupted', unfinished);
  // Status reads; it does not end with the run's error.
  return { data: r.data, blocks: r.blocks.filter((b) => !(b.kind === 'say' && b.text.startsWith('✔'))) };
}
