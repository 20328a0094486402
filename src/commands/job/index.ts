/** The `job` noun: attaches its verbs, in the order `sdrs job --help` lists them. */
import type { Command } from 'commander';
import type { Runner } from '../shared/command.js';
import { registerShow } from './show.js';
import { registerWait } from './wait.js';
import { registerFailures } from './failures.js';
import { registerClear } from './failures-clear.js';

/** Adds the job verbs to the `job` command. */
export function registerJob(job: Command, run: Runner): void {
  registerShow(job, run);
  registerWait(job, run);
  registerClear(registerFailures(job, run), run);
}
