/** The `server` noun: attaches its verbs, in the order `sdrs server --help` lists them. */
import type { Command } from 'commander';
import type { Runner } from '../shared/command.js';
import { registerList } from './list.js';
import { registerStop } from './stop.js';
import { registerStart } from './start.js';
import { registerShow } from './show.js';

/** Adds the server verbs to the `server` command. */
export function registerServer(server: Command, run: Runner): void {
  registerList(server, run);
  registerStop(server, run);
  registerStart(server, run);
  registerShow(server, run);
}
