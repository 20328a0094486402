/** `sdrs emulator`: runs the local SDRS emulator until SIGINT/SIGTERM. */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { bind, examples, type Runner, type RunF } from './shared/command.js';
import { text } from '../i18n/index.js';
import { demo as M } from '../i18n/catalog/demo.js';

/** The options of one run. */
export interface EmulatorOptions {
  host: string;
  port: number;
  /** Save the world here on every change and load it on start. */
  state?: string;
  seed: 'empty' | 'demo';
  /** `--job-duration`, checked by the emulator (e.g. `3s` or `3s,reverseProtectionGroupNoCG=10s`). */
  jobDuration: string;
  /** `--faults` spec, checked by the emulator. */
  faults?: string;
  faultSeed?: number;
  ak?: string;
  sk?: string;
  /** `--allow-host`: more names the Host header may carry (DNS rebinding protection). */
  allowHosts: string[];
  /** `--admin-token`; without it, SDRS_EMULATOR_ADMIN_TOKEN is read at run time. */
  adminToken?: string;
  /** `--quota server_groups=N,replications=N`, checked by the emulator. */
  quota?: string;
  /** `--rpo-interval`, checked by the emulator. */
  rpoInterval?: string;
  /** `--tls-cert` and `--tls-key`: serve https (both or neither). */
  tlsCert?: string;
  tlsKey?: string;
}

/** What commander parses (defaults filled in). */
interface EmulatorFlags {
  host: string;
  port: string;
  state?: string;
  seed: string;
  jobDuration: string;
  faults?: string;
  faultSeed?: string;
  ak?: string;
  sk?: string;
  allowHost?: string;
  adminToken?: string;
  quota?: string;
  rpoInterval?: string;
  tlsCert?: string;
  tlsKey?: string;
}

const SEEDS = ['empty', 'demo'] as const;
const isSeed = (s: string): s is EmulatorOptions['seed'] => (SEEDS as readonly string[]).includes(s);

/** Flags to options (exit 2 on a bad port, fault seed, seed or a lone --ak/--sk). */
function parseEmulator(_args: string[], f: EmulatorFlags): EmulatorOptions {
  const port = Number(f.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(text(M.badPort, { value: JSON.stringify(f.port) }));
  const faultSeed = f.faultSeed === undefined ? undefined : Number(f.faultSeed);
  if (faultSeed !== undefined && !Number.isInteger(faultSeed)) throw new UsageError(text(M.badFaultSeed));
  if ((f.ak === undefined) !== (f.sk === undefined)) throw new UsageError(text(M.akSkTogether));
  if ((f.tlsCert === undefined) !== (f.tlsKey === undefined)) throw new UsageError(text(M.tlsTogether));
  const seed = String(f.seed);
  if (!isSeed(seed)) throw new UsageError(text(M.badSeed, { seed }));
  const allowHosts = (f.allowHost ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  return {
    host: String(f.host), port, state: f.state, seed, jobDuration: String(f.jobDuration), faults: f.faults, faultSeed, ak: f.ak, sk: f.sk,
    allowHosts, adminToken: f.adminToken, quota: f.quota, rpoInterval: f.rpoInterval, tlsCert: f.tlsCert, tlsKey: f.tlsKey,
  };
}

/** Completes the top-level `emulator` command (named and described by commands/index.ts). */
export function registerEmulator(cmd: Command, run: Runner, runF: RunF<EmulatorOptions> = runEmulator): Command {
  cmd
    .option('--host <host>', 'address to bind (anything but loopback prints a warning)', '127.0.0.1')
    .option('--port <port>', 'port; 0 takes a free one', '8443')
    .option('--state <file>', 'save the world to this file on every change and load it on start')
    .addOption(cmd.createOption('--seed <seed>', 'initial world').choices(SEEDS).default('empty'))
    .option('--job-duration <duration>', 'how long each job runs', '3s')
    .option('--faults <spec>', 'inject faults, e.g. 5xx=0.05,429=0.05,reset=0.02,latency=200ms,rps=20')
    .option('--fault-seed <n>', 'seed for fault randomness, to replay a failing run')
    .option('--ak <ak>', 'access key the emulator accepts')
    .option('--sk <sk>', 'secret key the emulator accepts')
    .option('--allow-host <names>', 'more host names clients may use besides 127.0.0.1, localhost and [::1] (comma-separated)')
    .option('--admin-token <token>', 'require this bearer token on the admin API (env: SDRS_EMULATOR_ADMIN_TOKEN, which keeps it out of ps)')
    .option('--quota <spec>', 'quotas, e.g. server_groups=50,replications=100 (-1 for unlimited; these are the defaults)')
    .option('--rpo-interval <duration>', 'period of the RPO statistics points', '5m')
    .option('--tls-cert <file>', 'serve https with this PEM certificate (with --tls-key), e.g. one signed by your private CA')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert');
  examples(cmd, [
    '$ sdrs emulator --seed demo',
    '$ sdrs emulator --port 0 --json > emu.json & sleep 1; export SDRS_ENDPOINT=$(jq -r .url emu.json)',
    '$ sdrs emulator --tls-cert server.pem --tls-key server-key.pem   # then: sdrs --ca-bundle ca.pem ...',
  ]);
  return bind(cmd, run, parseEmulator, runF);
}

/**
 * Runs the emulator until the run's signal aborts. It is a long-running server:
 * it prints its one "listening" line (or JSON object) itself as soon as it
 * listens, so there is no Result to return at the end.
 */
export async function runEmulator(ctx: Context, o: EmulatorOptions): Promise<void> {
  const { runEmulatorCommand } = await import('../emulator/index.js');
  await runEmulatorCommand({
    out: ctx.io.out,
    err: ctx.io.err,
    json: ctx.globals.json,
    ...o,
    adminToken: o.adminToken ?? (ctx.env.SDRS_EMULATOR_ADMIN_TOKEN || undefined),
    projectId: ctx.globals.projectId,
    signal: ctx.signal,
  });
}
