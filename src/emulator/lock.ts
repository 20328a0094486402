/**
 * One emulator per `--state` file: `FILE.lock` beside it holds the owner's
 * pid, host and start time. A second emulator refuses to start (two writers
 * would each overwrite the other's acknowledged changes). A lock whose pid is
 * dead on this host (the owner was SIGKILLed or crashed) is taken over.
 *
 * The lock appears with its whole content at once (written to a scratch file,
 * then hard-linked into place, which fails if the lock exists), so a reader
 * never sees a half-written lock. Taking over a stale lock first renames it
 * aside and checks that what was moved is the stale lock that was read; if a
 * racing emulator created a fresh lock meanwhile, it is put back.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ExitCode, SdrsError } from '../errors.js';
import { stateFileError } from './persist.js';

const WRITABLE = 'Give a --state file in a directory that exists and that you can write to.';

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the owner started. */
  started: string;
  /** Random, so a release never removes another owner's lock. */
  id: string;
}

export interface StateLock {
  /** `FILE.lock`. */
  path: string;
  /** True when a stale lock (dead owner) was taken over; its owner. */
  tookOver?: LockOwner;
  /** Removes the lock if it is still this one. Never throws. */
  release(): void;
}

/** True when `pid` runs on this machine (EPERM: it runs, as another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock file of a state file. */
export function lockPathOf(statePath: string): string {
  return `${statePath}.lock`;
}

/** A scratch name the start-up cleanup recognises (persist.ts `isScratchName`). */
function scratch(statePath: string, kind: 'lock' | 'stale'): string {
  return join(dirname(statePath), `.${basename(statePath)}.${kind}-${randomBytes(4).toString('hex')}.tmp`);
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(o.pid) && (o.pid as number) > 0 && typeof o.host === 'string' && typeof o.id === 'string') {
      // Printed in messages: keep only what a real lock holds (the file may have been edited).
      const started = typeof o.started === 'string' && /^[0-9A-Za-z:.+-]{1,40}$/.test(o.started) ? o.started : '';
      const host = /^[\x21-\x7e]{1,255}$/.test(o.host) ? o.host : '?';
      return { pid: o.pid as number, host, started, id: o.id };
    }
  } catch {
    /* not ours, or damaged */
  }
  return undefined;
}

/** The lock as found: its text, owner (undefined if unreadable as a lock) and age; undefined if there is none. */
function readLock(lockPath: string, statePath: string): { text: string; owner?: LockOwner; ageMs: number } | undefined {
  try {
    const st = statSync(lockPath);
    if (!st.isFile()) throw stateFileError(statePath, `has a lock ${lockPath} that is not a regular file`, `Remove ${lockPath}: an emulator only ever makes it a file.`);
    const text = readFileSync(lockPath, 'utf8');
    return { text, owner: parseOwner(text), ageMs: Date.now() - st.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (err instanceof SdrsError) throw err;
    throw stateFileError(statePath, `cannot read its lock file ${lockPath} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** Creates the lock with `text` unless it exists. True when created. */
function tryCreate(lockPath: string, statePath: string, text: string): boolean {
  const tmp = scratch(statePath, 'lock');
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    rmQuiet(tmp);
    throw stateFileError(statePath, `cannot create its lock file in ${dirname(statePath)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, WRITABLE);
  }
  try {
    linkSync(tmp, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // The scratch file vanished (another emulator's start-up cleanup): try again.
    if (code === 'ENOENT') return false;
    // A file system without hard links: exclusive create instead (a reader may then see it empty for a moment).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV' || code === 'ENOSYS') return createExclusive(lockPath, statePath, text);
    throw stateFileError(statePath, `cannot create its lock file ${lockPath} (${code ?? (err as Error).message})`, WRITABLE);
  } finally {
    rmQuiet(tmp);
  }
}

function createExclusive(lockPath: string, statePath: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw stateFileError(statePath, `cannot create its lock file ${lockPath} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, WRITABLE);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Removes the stale lock whose text was `staleText`, unless a fresh one replaced it meanwhile. */
function takeOver(lockPath: string, statePath: string, staleText: string): void {
  const aside = scratch(statePath, 'stale');
  try {
    renameSync(lockPath, aside);
  } catch {
    return; // gone already (another emulator took it over or released it): just try again
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    /* treat as not ours */
  }
  if (moved !== staleText) {
    // A racing emulator's fresh lock: put it back (fails harmlessly if yet another lock exists).
    try {
      linkSync(aside, lockPath);
    } catch {
      /* the loop re-reads whatever is there now */
    }
  }
  rmQuiet(aside);
}

function rmQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

function lockedError(statePath: string, lockPath: string, owner: LockOwner | undefined, why: string): SdrsError {
  const who = owner ? `pid ${owner.pid} on ${owner.host}${owner.started ? `, started ${owner.started}` : ''}` : 'an unknown owner';
  return new SdrsError('STATE_LOCKED', ExitCode.USAGE, `state file ${statePath} is in use by another emulator (${who}); ${why}`, {
    hint: `Stop that emulator first, or use another --state file. If no emulator runs as ${owner ? `pid ${owner.pid}` : 'its owner'}, delete ${lockPath}.`,
    details: { state_file: statePath, lock_file: lockPath, ...(owner ? { owner_pid: owner.pid, owner_host: owner.host } : {}) },
  });
}

/**
 * Takes the lock of `statePath` or throws SdrsError STATE_LOCKED (exit 2)
 * when a live emulator holds it, STATE_FILE (exit 4) when it cannot be made.
 * @param alive how to tell a live pid (tests inject one).
 */
export function acquireStateLock(statePath: string, alive: (pid: number) => boolean = pidAlive): StateLock {
  const lockPath = lockPathOf(statePath);
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString(), id: randomBytes(8).toString('hex') };
  const text = JSON.stringify(me) + '\n';
  let tookOver: LockOwner | undefined;
  for (let attempt = 0; attempt < 8; attempt++) {
    if (tryCreate(lockPath, statePath, text)) {
      return {
        path: lockPath,
        tookOver,
        release: () => {
          try {
            if (readFileSync(lockPath, 'utf8') === text) unlinkSync(lockPath);
          } catch {
            /* gone already */
          }
        },
      };
    }
    const seen = readLock(lockPath, statePath);
    if (!seen) continue; // released meanwhile
    const { owner } = seen;
    if (owner && owner.host !== me.host) {
      throw lockedError(statePath, lockPath, owner, 'it runs on another host, so this one cannot tell whether it is still alive');
    }
    if (owner && alive(owner.pid)) throw lockedError(statePath, lockPath, owner, 'one state file takes one emulator');
    // Unreadable content: only a lock being created without hard links can be like that, and only briefly.
    if (!owner && seen.ageMs < 2000) throw lockedError(statePath, lockPath, undefined, 'its lock is being created');
    tookOver = owner;
    takeOver(lockPath, statePath, seen.text);
  }
  throw lockedError(statePath, lockPath, undefined, 'other emulators keep taking its lock');
}
