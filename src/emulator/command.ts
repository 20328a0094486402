/**
 * `sdrs emulator`: starts the emulator, prints one line on stdout and runs
 * until the signal aborts (SIGINT/SIGTERM in the CLI). No process globals.
 */
import type { Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { UsageError } from '../errors.js';
import { isLoopbackHost, parseJobDurations } from './config.js';
import { parseFaults } from './faults.js';
import { parseDuration } from './format.js';
import { parseQuotas } from './readiness.js';
import { t } from '../i18n/index.js';
import { demo as M } from '../i18n/catalog/demo.js';

export interface EmulatorCommandOptions {
  /** Data: the one "listening" line (or JSON object). */
  out: Writable;
  /** People: warnings and, with `verbose`, one line per request. */
  err: Writable;
  /** Print `{"url","project_id","ak","sk"}` instead of the sentence. */
  json?: boolean;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 8443 */
  port?: number | string;
  /** State file (`--state`). */
  state?: string;
  /** `empty` or `demo`. @default 'empty' */
  seed?: string;
  /** `--job-duration`, e.g. `3s` or `3s,reverseProtectionGroupNoCG=10s`. */
  jobDuration?: string;
  /** `--faults` spec. */
  faults?: string;
  faultSeed?: number | string;
  ak?: string;
  sk?: string;
  projectId?: string;
  /** `--allow-host`: more names the Host header may carry, comma-separated or a list. */
  allowHosts?: string | string[];
  /** `--admin-token` (or SDRS_EMULATOR_ADMIN_TOKEN): the admin API then needs `Authorization: Bearer <token>`. */
  adminToken?: string;
  /** Log each request to `err`. */
  verbose?: boolean;
  /** `--quota`, e.g. `server_groups=50,replications=100` (-1 unlimited). */
  quota?: string;
  /** `--rpo-interval`: the period of the RPO statistics points, e.g. `5m`. */
  rpoInterval?: string;
  /** `--tls-cert` and `--tls-key`: PEM files; the emulator then serves https. */
  tlsCert?: string;
  tlsKey?: string;
  /** Aborting it stops the emulator; the returned promise then resolves. */
  signal: AbortSignal;
}

/** Runs the emulator until `signal` aborts. Throws UsageError on bad options. */
export async function runEmulatorCommand(opts: EmulatorCommandOptions): Promise<void> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port === undefined ? 8443 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid --port ${String(opts.port)}: use 0 to 65535`);
  const seed = opts.seed ?? 'empty';
  if (seed !== 'empty' && seed !== 'demo') throw new UsageError(`invalid --seed ${seed}: use empty or demo`);
  if ((opts.ak === undefined) !== (opts.sk === undefined)) throw new UsageError('--ak and --sk go together');
  if (opts.projectId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(opts.projectId)) {
    throw new UsageError(`invalid --project-id ${opts.projectId}: use letters, digits, "-" or "_" (32 hex characters like the real ones)`);
  }
  const allowHosts = (Array.isArray(opts.allowHosts) ? opts.allowHosts : (opts.allowHosts ?? '').split(','))
    .map((h) => h.trim())
    .filter(Boolean);
  for (const h of allowHosts) {
    if (!/^[A-Za-z0-9.-]{1,253}$/.test(h) && !/^\[?[0-9A-Fa-f:.]+\]?$/.test(h)) {
      throw new UsageError(`invalid --allow-host ${JSON.stringify(h.slice(0, 80))}: give host names or addresses, comma-separated`);
    }
  }
  if (opts.adminToken !== undefined && !/^[\x21-\x7e]{1,1024}$/.test(opts.adminToken)) {
    // Never echo the token: it is a secret.
    throw new UsageError('invalid admin token (--admin-token or SDRS_EMULATOR_ADMIN_TOKEN): use 1 to 1024 printable ASCII characters without spaces');
  }
  const faultSeed = opts.faultSeed === undefined ? undefined : Number(opts.faultSeed);
  if (faultSeed !== undefined && !Number.isInteger(faultSeed)) throw new UsageError(`invalid --fault-seed ${String(opts.faultSeed)}`);
  let durations;
  let quotas;
  let rpoIntervalMs;
  try {
    durations = opts.jobDuration === undefined ? undefined : parseJobDurations(opts.jobDuration);
    parseFaults(opts.faults);
    quotas = opts.quota === undefined ? undefined : parseQuotas(opts.quota);
    rpoIntervalMs = opts.rpoInterval === undefined ? undefined : parseDuration(opts.rpoInterval);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const tls = readTls(opts.tlsCert, opts.tlsKey);
  if (opts.signal.aborted) return;

  // Loaded here so that only a running emulator pulls in fastify.
  const { startEmulator } = await import('./start.js');
  const emu = await startEmulator({
    host,
    port,
    statePath: opts.state,
    seed,
    jobDurationMs: durations ? { default: durations.defaultMs, ...durations.perType } : undefined,
    faults: opts.faults,
    faultSeed,
    ak: opts.ak,
    sk: opts.sk,
    projectId: opts.projectId,
    allowHosts,
    adminToken: opts.adminToken,
    quotas,
    rpoIntervalMs,
    tls,
    logger: opts.verbose ? (line) => opts.err.write(line + '\n') : undefined,
  });
  const { staleLock, removedFiles } = emu.recovered;
  if (staleLock) {
    opts.err.write(t(M.tookOverLock, { state: opts.state, pid: staleLock.pid, started: staleLock.started }) + '\n');
  }
  if (removedFiles.length) opts.err.write(t(M.removedTemp, { count: removedFiles.length, state: opts.state }) + '\n');
  if (opts.json) {
    opts.out.write(JSON.stringify({ url: emu.url, project_id: emu.projectId, ak: emu.ak, sk: emu.sk }) + '\n');
  } else {
    opts.out.write(t(M.listening, { url: emu.url, projectId: emu.projectId, ak: emu.ak }) + '\n');
  }
  if (!isLoopbackHost(host)) {
    opts.err.write(
      t(M.notLoopback, { host }) + '\n',
    );
  }
  await new Promise<void>((resolve) => {
    if (opts.signal.aborted) return resolve();
    opts.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await emu.stop();
}

/** The certificate and key of --tls-cert/--tls-key, read and checked as a pair (exit 2 otherwise). */
function readTls(certPath: string | undefined, keyPath: string | undefined): { cert: Buffer; key: Buffer } | undefined {
  if (certPath === undefined && keyPath === undefined) return undefined;
  if (certPath === undefined || keyPath === undefined) throw new UsageError('--tls-cert and --tls-key go together');
  const read = (path: string, flag: string) => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new UsageError(`cannot read ${flag} ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  };
  const tls = { cert: read(certPath, '--tls-cert'), key: read(keyPath, '--tls-key') };
  try {
    createSecureContext(tls);
  } catch (err) {
    // The key itself is never quoted.
    throw new UsageError(`--tls-cert ${certPath} and --tls-key ${keyPath} are not a PEM certificate and its key (${(err as NodeJS.ErrnoException).code ?? 'invalid'})`);
  }
  return tls;
}
