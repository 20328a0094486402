/**
 * The Factory: everything a command touches, with expensive parts as lazy
 * getters so `--help` and validation errors never load got, cosmiconfig or ora.
 */
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import type { IOStreams } from './io/streams.js';
import type { Prompter } from './io/prompt.js';
import type { GlobalOptions, ResolvedConfig } from './config/types.js';
import type { SdrsApi } from './api/client.js';

import type { Clock } from './util/clock.js';

export { systemClock, type Clock } from './util/clock.js';

/** What main() needs from the outside world; everything is injectable for tests. */
export interface MainDeps {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  homeDir: string;
  clock: Clock;
  /** Install SIGINT/SIGTERM handlers on the real process. @default true */
  handleSignals: boolean;
  /** Aborts running work (tests use it to simulate Ctrl-C). */
  signal?: AbortSignal;
  /** Asks the questions; default: @inquirer/prompts on stdin/stderr. Tests inject a scripted one. */
  prompter?: Prompter;
}

export interface Context {
  io: IOStreams;
  env: NodeJS.ProcessEnv;
  cwd: string;
  homeDir: string;
  globals: GlobalOptions;
  clock: Clock;
  /** Aborted on the first Ctrl-C / SIGTERM; `reason` is 'SIGINT' or 'SIGTERM'. */
  signal: AbortSignal;
  /** Asks a person (only when io.canPrompt; commands check that first). */
  prompter: Prompter;
  /** Writes a `--debug` line to stderr (secrets must already be redacted). No-op without --debug. */
  debug(line: string): void;
  /** Loads and resolves configuration once (flags > env > profile > defaults). */
  config(): Promise<ResolvedConfig>;
  /** The configured API client, built once. */
  api(): Promise<SdrsApi>;
  /** The whole command tree (completion scripts); supplied by cli.ts so no command imports it. */
  commandTree(): Promise<Command>;
  /** Runs another sdrs command line in this process (the demo); supplied by cli.ts. */
  runSdrs(argv: string[], deps: Partial<MainDeps>): Promise<number>;
}
