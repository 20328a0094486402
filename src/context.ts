/**
 * The Factory: everything a command touches, with expensive parts as lazy
 * getters so `--help` and validation errors never load got, cosmiconfig or ora.
 */
import type { IOStreams } from './io/streams.js';
import type { GlobalOptions, ResolvedConfig } from './config/types.js';
import type { SdrsApi } from './api/client.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Sleeps; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
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
  /** Writes a `--debug` line to stderr (secrets must already be redacted). No-op without --debug. */
  debug(line: string): void;
  /** Loads and resolves configuration once (flags > env > profile > defaults). */
  config(): Promise<ResolvedConfig>;
  /** The configured API client, built once. */
  api(): Promise<SdrsApi>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(t);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
