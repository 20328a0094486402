/** The `config` noun: attaches its verbs, in the order `sdrs config --help` lists them. */
import type { Command } from 'commander';
import type { Runner } from '../shared/command.js';
import { registerShow } from './show.js';
import { registerInit } from './init.js';

/** Adds the config verbs to the `config` command. */
export function registerConfig(config: Command, run: Runner): void {
  registerShow(config, run);
  registerInit(config, run);
}
