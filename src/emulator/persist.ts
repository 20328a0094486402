/**
 * `--state FILE`: the whole world, written atomically on every acknowledged
 * change. Synchronous on purpose: the response is sent only after the bytes
 * are on disk, and no two saves can interleave.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { World } from './world.js';

let tmpCounter = 0;

/** Writes `data` to `path` via a temporary file in the same directory, fsync and rename. */
export function writeFileAtomic(path: string, data: string): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(4).toString('hex')}.${++tmpCounter}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw err;
  }
  // Make the rename itself durable; not every platform lets a directory be opened.
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    /* best effort */
  }
}

/** Saves the world. */
export function saveWorld(path: string, world: World): void {
  writeFileAtomic(path, JSON.stringify(world));
}

/** Loads a saved world, or undefined when the file does not exist. */
export function loadWorld(path: string): World | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`state file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const w = parsed as Partial<World>;
  if (!w || w.version !== 1 || typeof w.projectId !== 'string' || typeof w.groups !== 'object') {
    throw new Error(`state file ${path} is not an sdrs emulator state (version 1)`);
  }
  return w as World;
}
