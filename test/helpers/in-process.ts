/** Runs sdrs's main() in this process with captured streams: much faster than spawning the binary. */
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli.js';
import type { Clock } from '../../src/util/clock.js';

/** A clock whose sleeps end at once: retries (of an unreachable proxy, a 503) cost no time. */
export const NO_WAIT_CLOCK: Clock = { now: () => Date.now(), sleep: async () => undefined };

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `main(argv)` with captured streams; cwd and homeDir default to env.HOME; `clock` defaults to the real one. */
export async function runMain(argv: string[], opts: { env: Record<string, string>; stdin?: string; cwd?: string; clock?: Clock }): Promise<InProcessResult> {
  const stdin = new PassThrough();
  stdin.end(opts.stdin ?? '');
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const home = opts.env.HOME;
  const code = await main(argv, {
    stdin,
    stdout,
    stderr,
    env: opts.env,
    cwd: opts.cwd ?? home,
    homeDir: home,
    handleSignals: false,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  return { code, stdout: out, stderr: err };
}
