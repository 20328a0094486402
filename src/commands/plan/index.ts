/** The `plan` noun: recovery plans (issue 18, docs/plans.md), its verbs in the order `sdrs plan --help` lists them. */
import type { Command } from 'commander';
import type { Runner } from '../shared/command.js';
import { registerValidate } from './validate.js';
import { registerShow } from './show.js';
import { registerRun } from './run.js';
import { registerResume } from './resume.js';
import { registerStatus } from './status.js';

/** Adds the plan verbs to the `plan` command. */
export function registerPlan(plan: Command, run: Runner): void {
  registerValidate(plan, run);
  registerShow(plan, run);
  registerRun(plan, run);
  registerResume(plan, run);
  registerStatus(plan, run);
}
