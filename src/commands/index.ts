/**
 * The top level of the command tree: each top-level command, its one-line
 * description, and how to load the module that registers it. cli.ts loads only
 * the branch argv names; the others are stubs with their name and description.
 */
import type { Command } from 'commander';
import type { Runner } from './shared/command.js';

export type { Runner };

/**
 * Completes a top-level command, already named and described from this table:
 * a noun adds its verbs, a top-level verb its arguments, flags and action.
 */
export type Register = (cmd: Command, run: Runner) => void;

/** One top-level command. */
export interface TopLevel {
  name: string;
  description: string;
  load: () => Promise<Register>;
  /** Makes the stub's line in `sdrs --help` read as the real command's (arguments, `[options]`). */
  stub: (cmd: Command) => void;
}

const noun = () => undefined;
/** A stub for a verb with options: commander prints `[options]` after the name. */
const withOptions = (cmd: Command) => void cmd.addOption(cmd.createOption('--options').hideHelp());

/** In the order `sdrs --help` lists them. */
export const TOP_LEVEL: TopLevel[] = [
  {
    name: 'group',
    description: 'protection groups: create, list, show, status, start/stop protection, reverse (switch over), fail over, delete',
    load: async () => (await import('./group/index.js')).registerGroup,
    stub: noun,
  },
  {
    name: 'instance',
    description: 'protected instances: the servers a group protects (a DR server is created for each)',
    load: async () => (await import('./instance/index.js')).registerInstance,
    stub: noun,
  },
  {
    name: 'pair',
    description: 'replication pairs: a production disk and its DR copy, attached to a protected instance',
    load: async () => (await import('./pair/index.js')).registerPair,
    stub: noun,
  },
  {
    name: 'job',
    description: 'asynchronous jobs: show one, or wait for it to finish',
    load: async () => (await import('./job/index.js')).registerJob,
    stub: noun,
  },
  {
    name: 'domain',
    description: 'active-active domains (the AZ pairs groups replicate between)',
    load: async () => (await import('./domain/index.js')).registerDomain,
    stub: noun,
  },
  {
    name: 'server',
    description: 'ECS servers: list them, stop or start them around a switchover',
    load: async () => (await import('./server/index.js')).registerServer,
    stub: noun,
  },
  {
    name: 'config',
    description: 'configuration and credentials',
    load: async () => (await import('./config/index.js')).registerConfig,
    stub: noun,
  },
  {
    name: 'demo',
    description: 'run a narrated DR drill against an embedded emulator: create, reverse to the DR site, switch back',
    load: async () => (await import('./demo.js')).registerDemo,
    stub: withOptions,
  },
  {
    name: 'completion',
    description: 'print a shell completion script',
    load: async () => (await import('./completion.js')).registerCompletion,
    stub: (cmd) => void cmd.argument('<shell>'),
  },
  {
    name: 'emulator',
    description: 'run a local SDRS emulator (same routes, signatures, state machines and job timing) for rehearsals',
    load: async () => (await import('./emulator.js')).registerEmulator,
    stub: withOptions,
  },
];
