/** The `drill` noun: DR drills (dr-operations 1.1), its verbs in the order `sdrs drill --help` lists them. */
import type { Command } from 'commander';
import type { Runner } from '../shared/command.js';
import { registerRun } from './run.js';
import { registerCreate } from './create.js';
import { registerList } from './list.js';
import { registerShow } from './show.js';
import { registerRename } from './rename.js';
import { registerDelete } from './delete.js';

/** Adds the drill verbs to the `drill` command. */
export function registerDrill(drill: Command, run: Runner): void {
  registerRun(drill, run);
  registerCreate(drill, run);
  registerList(drill, run);
  registerShow(drill, run);
  registerRename(drill, run);
  registerDelete(drill, run);
}
