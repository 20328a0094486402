/** `sdrs emulator`: runs the local SDRS emulator until SIGINT/SIGTERM. */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';

/** commander handler. */
export async function emulatorCommand(ctx: Context, _args: string[], opts: Record<string, unknown>): Promise<void> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${JSON.stringify(opts.port)} is not a port number (0-65535)`);
  const faultSeed = opts.faultSeed === undefined ? undefined : Number(opts.faultSeed);
  if (faultSeed !== undefined && !Number.isInteger(faultSeed)) throw new UsageError('--fault-seed must be an integer');
  if ((opts.ak === undefined) !== (opts.sk === undefined)) throw new UsageError('--ak and --sk go together');
  const { runEmulatorCommand } = await import('../emulator/index.js');
  await runEmulatorCommand({
    out: ctx.io.out,
    err: ctx.io.err,
    json: ctx.globals.json,
    host: String(opts.host),
    port,
    state: opts.state as string | undefined,
    seed: opts.seed as 'empty' | 'demo',
    jobDuration: String(opts.jobDuration),
    faults: opts.faults as string | undefined,
    faultSeed,
    ak: opts.ak as string | undefined,
    sk: opts.sk as string | undefined,
    projectId: ctx.globals.projectId,
    signal: ctx.signal,
  });
}
