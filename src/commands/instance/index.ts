/** The `instance` noun: protected instances (reference 3.2), its verbs in the order `sdrs instance --help` lists them. */
import type { Command } from 'commander';
import type { Runner } from '../shared/command.js';
import { registerAdd } from './add.js';
import { registerList } from './list.js';
import { registerRemove } from './remove.js';

/** Adds the instance verbs to the `instance` command. */
export function registerInstance(instance: Command, run: Runner): void {
  registerAdd(instance, run);
  registerList(instance, run);
  registerRemove(instance, run);
}
