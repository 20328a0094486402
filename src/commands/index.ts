/**
 * The top level of the command tree: each top-level command, its one-line
 * description, and the function that registers it. cli.ts registers only the
 * branch argv names; the others are stubs with their name and description.
 * The command modules are imported statically: they are light (what a run needs
 * later, the API client, configuration loading and the watcher, is one lazily
 * loaded chunk, scripts/build.mjs), and one bundle starts faster than a chunk
 * file per noun and per combination of nouns.
 */
import type { Command } from 'commander';
import type { Runner } from './shared/command.js';
import { registerGroup } from './group/index.js';
import { registerInstance } from './instance/index.js';
import { registerPair } from './pair/index.js';
import { registerJob } from './job/index.js';
import { registerDomain } from './domain/index.js';
import { registerServer } from './server/index.js';
import { registerConfig } from './config/index.js';
import { registerDemo } from './demo.js';
import { registerCompletion } from './completion.js';
import { registerEmulator } from './emulator.js';
import { registerHistory } from './history.js';
import { registerReport } from './report/index.js';
import { registerCheck } from './check.js';
import { registerRpo } from './rpo.js';
import { registerQuota } from './quota.js';
import { registerDrill } from './drill/index.js';
import { registerPlan } from './plan/index.js';
import { registerApi } from './api.js';

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
    load: async () => registerGroup,
    stub: noun,
  },
  {
    name: 'instance',
    description: 'protected instances: the servers a group protects (a DR server is created for each)',
    load: async () => registerInstance,
    stub: noun,
  },
  {
    name: 'pair',
    description: 'replication pairs: a production disk and its DR copy, attached to a protected instance',
    load: async () => registerPair,
    stub: noun,
  },
  {
    name: 'job',
    description: "asynchronous jobs: show one, or wait for it to finish; failed operations in the service's task centre",
    load: async () => registerJob,
    stub: noun,
  },
  {
    name: 'domain',
    description: 'active-active domains (the AZ pairs groups replicate between)',
    load: async () => registerDomain,
    stub: noun,
  },
  {
    name: 'server',
    description: 'ECS servers: list them, stop or start them around a switchover',
    load: async () => registerServer,
    stub: noun,
  },
  {
    name: 'drill',
    description: 'DR drills: rehearse a recovery in a separate VPC while production keeps running (run, create, list, show, rename, delete)',
    load: async () => registerDrill,
    stub: noun,
  },
  {
    name: 'plan',
    description: "recovery plans: a whole application's switchover, failover or drill as one reviewed file (validate, show, run, resume, status)",
    load: async () => registerPlan,
    stub: noun,
  },
  {
    name: 'config',
    description: 'configuration and credentials',
    load: async () => registerConfig,
    stub: noun,
  },
  {
    name: 'demo',
    description: 'run a narrated DR drill against an embedded emulator: create, rehearse with a DR drill, reverse to the DR site, switch back',
    load: async () => registerDemo,
    stub: withOptions,
  },
  {
    name: 'history',
    description: 'the operations in the local journal, newest first: result, duration, job ids; unfinished runs with how to resume',
    load: async () => registerHistory,
    stub: withOptions,
  },
  {
    name: 'report',
    description: 'a DR report for auditors from the journal and the service: drills, switchovers, failures, readiness (md, html, csv, json)',
    load: async () => registerReport,
    stub: withOptions,
  },
  {
    name: 'completion',
    description: 'print a shell completion script',
    load: async () => registerCompletion,
    stub: (cmd) => void cmd.argument('<shell>'),
  },
  {
    name: 'emulator',
    description: 'run a local SDRS emulator (same routes, signatures, state machines and job timing) for rehearsals',
    load: async () => registerEmulator,
    stub: withOptions,
  },
  {
    name: 'check',
    description: 'readiness: would the DR site take over now? READY / DEGRADED / NOT READY per group, each reason with its fix',
    load: async () => registerCheck,
    stub: (cmd) => void withOptions(cmd.argument('[group...]')),
  },
  {
    name: 'rpo',
    description: 'the RPO-exceedance trend: how many replication pairs were over their RPO, point by point',
    load: async () => registerRpo,
    stub: withOptions,
  },
  {
    name: 'quota',
    description: "the project's quotas: protection groups and replication pairs, used and left",
    load: async () => registerQuota,
    stub: noun,
  },
  {
    name: 'api',
    description: 'anything else: a signed request to any SDRS, ECS or VPC path, the JSON answer on stdout (like gh api)',
    load: async () => registerApi,
    stub: (cmd) => void withOptions(cmd.argument('<method>').argument('<path>')),
  },
];
