/** Reading the local journal for `sdrs history` and `sdrs report`: one warning for unreadable lines. */
import { hostname } from 'node:os';
import type { Context } from '../../context.js';
import { ConfigError, safeLine } from '../../errors.js';
import { journalPath, readJournal } from '../../journal/store.js';
import { foldOperations, type Operation } from '../../journal/operations.js';
import type { Block } from './output.js';
import { t, text } from '../../i18n/index.js';
import { pipeline as M } from '../../i18n/catalog/pipeline.js';

/** Whether process `pid` is alive on this host (another host's: not known, so not alive). */
export function isAlive(host: string, pid: number): boolean {
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The journal's operations (newest first), its path, and a warning block when lines were skipped. */
export function loadOperations(ctx: Context): { path: string; ops: Operation[]; skipped: number; missing: boolean; warnings: Block[] } {
  const path = journalPath(ctx.env, ctx.homeDir);
  let read;
  try {
    read = readJournal(path);
  } catch (err) {
    throw new ConfigError(text(M.cannotReadJournal, { path, why: safeLine(err instanceof Error ? err.message : String(err)) }));
  }
  const warnings: Block[] = [];
  if (read.skipped) {
    const w = { kind: 'say', text: t(M.skippedLines, { count: read.skipped, path }), tone: 'warn', always: true } as const;
    warnings.push(w);
  }
  return { path, ops: foldOperations(read.records, isAlive), skipped: read.skipped, missing: read.missing, warnings };
}
