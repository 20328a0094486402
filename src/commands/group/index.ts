/** The `group` noun: attaches its verbs, in the order `sdrs group --help` lists them. */
import type { Command } from 'commander';
import { examples, type Runner } from '../shared/command.js';
import { registerCreate } from './create.js';
import { registerReverse } from './reverse.js';
import { registerList } from './list.js';
import { registerShow } from './show.js';
import { registerStatus } from './status.js';
import { registerDelete, registerFailover, registerStart, registerStop } from './action.js';

/** Adds the group verbs to the `group` command. */
export function registerGroup(group: Command, run: Runner): void {
  examples(group, ['$ sdrs group list --status protected --json | jq -r ".[].name"']);
  registerCreate(group, run);
  registerReverse(group, run);
  registerList(group, run);
  registerShow(group, run);
  registerStatus(group, run);
  registerStart(group, run);
  registerStop(group, run);
  registerFailover(group, run);
  registerDelete(group, run);
}
