/** The `pair` noun: replication pairs (reference 3.3; attach/detach 3.2), its verbs in the order `sdrs pair --help` lists them. */
import type { Command } from 'commander';
import type { Runner } from '../shared/command.js';
import { registerAdd } from './add.js';
import { registerList } from './list.js';
import { registerAttach } from './attach.js';
import { registerDetach } from './detach.js';
import { registerRemove } from './remove.js';

/** Adds the pair verbs to the `pair` command. */
export function registerPair(pair: Command, run: Runner): void {
  registerAdd(pair, run);
  registerList(pair, run);
  registerAttach(pair, run);
  registerDetach(pair, run);
  registerRemove(pair, run);
}
