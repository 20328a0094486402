/** The `domain` noun: attaches its verbs. */
import type { Command } from 'commander';
import type { Runner } from '../shared/command.js';
import { registerList } from './list.js';

/** Adds the domain verbs to the `domain` command. */
export function registerDomain(domain: Command, run: Runner): void {
  registerList(domain, run);
}
