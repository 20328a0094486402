/**
 * `--state FILE`: the whole world, written atomically on every acknowledged
 * change. Synchronous on purpose: the response is sent only after the bytes
 * are on disk, and no two saves can interleave.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { ExitCode, SdrsError } from '../errors.js';
import { firstSubnet } from './seed.js';
import type { VpcRec, World } from './world.js';

let tmpCounter = 0;

/** A state file larger than this is refused with a clear error rather than exhausting memory. */
export const MAX_STATE_BYTES = 256 * 1024 * 1024;

/** A `--state` file that cannot be used: exit 4 (like an invalid config file), naming the file. */
export function stateFileError(path: string, what: string, hint?: string): SdrsError {
  return new SdrsError('STATE_FILE', ExitCode.AUTH, `state file ${path} ${what}`, {
    hint: hint ?? 'Move it away to start from --seed, or give another --state file.',
    details: { state_file: path },
  });
}

function rmQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

/**
 * Writes `data` to `path` via a temporary file in the same directory, fsync and rename.
 * Every byte is written (a short write, e.g. at a file-size limit or a full disk,
 * is continued or fails); on any failure the temporary file is removed and `path`
 * keeps its previous content.
 */
export function writeFileAtomic(path: string, data: string): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(4).toString('hex')}.${++tmpCounter}.tmp`);
  const bytes = Buffer.from(data, 'utf8');
  const fd = openSync(tmp, 'w', 0o600);
  try {
    try {
      for (let off = 0; off < bytes.length; ) {
        const n = writeSync(fd, bytes, off, bytes.length - off);
        if (n <= 0) throw new Error(`short write to ${tmp}`);
        off += n;
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmQuiet(tmp);
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

/**
 * True for the scratch files of `stateName`: `.NAME.<hex>.<n>.tmp` (atomic writes),
 * `.NAME.lock-<hex>.tmp` and `.NAME.stale-<hex>.tmp` (lock.ts).
 */
export function isScratchName(stateName: string, file: string): 'write' | 'lock' | 'stale' | undefined {
  const prefix = `.${stateName}.`;
  if (!file.startsWith(prefix) || !file.endsWith('.tmp')) return undefined;
  const mid = file.slice(prefix.length, -'.tmp'.length);
  if (/^[0-9a-f]{8}\.\d+$/.test(mid)) return 'write';
  if (/^lock-[0-9a-f]{8}$/.test(mid)) return 'lock';
  if (/^stale-[0-9a-f]{8}$/.test(mid)) return 'stale';
  return undefined;
}

/**
 * Removes what earlier runs left beside the state file: temporary files of
 * interrupted writes (a SIGKILL between write and rename) and lock scratch
 * files. Call it holding the lock, so no live writer owns them. A lock
 * take-over in progress elsewhere (`stale-`, younger than a minute) is left.
 * Returns the names removed.
 */
export function cleanScratchFiles(statePath: string): string[] {
  const dir = dirname(statePath);
  const name = basename(statePath);
  const removed: string[] = [];
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const f of files) {
    const kind = isScratchName(name, f);
    if (!kind) continue;
    const p = join(dir, f);
    try {
      const st = statSync(p);
      if (!st.isFile() || (kind === 'stale' && Date.now() - st.mtimeMs < 60_000)) continue;
      unlinkSync(p);
      removed.push(f);
    } catch {
      /* gone meanwhile */
    }
  }
  return removed;
}

/** Saves the world. */
export function saveWorld(path: string, world: World): void {
  writeFileAtomic(path, JSON.stringify(world));
}

const JSON_ATOM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/**
 * The offset of the first JSON syntax error in `t` (undefined if none is found).
 * JSON.parse's own messages quote the text and often give no position.
 */
export function jsonErrorOffset(t: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < t.length && (t[i] === ' ' || t[i] === '\t' || t[i] === '\n' || t[i] === '\r')) i++;
  };
  const str = () => {
    i++;
    while (i < t.length) {
      const c = t[i];
      if (c === '"') return void i++;
      if (c === '\\') {
        const e = t[i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return void (i++, fail());
      } else if (c < ' ') fail();
      else i++;
    }
    fail();
  };
  const value = (): void => {
    ws();
    const c = t[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (t[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (t[i] !== '"') fail();
          str();
          ws();
          if (t[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (t[i] === ',') i++;
        else if (t[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return str();
    JSON_ATOM.lastIndex = i;
    const m = JSON_ATOM.exec(t);
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value();
    ws();
    if (i < t.length) fail();
    return undefined;
  } catch (e) {
    return typeof e === 'number' ? e : undefined; // a RangeError: nested too deep to scan
  }
}

/** Where `text` stops being JSON, as "line 3, column 7"; never quotes the text (it may hold tokens). */
function jsonErrorPlace(text: string): string {
  if (text.trim() === '') return 'the file is empty';
  const pos = jsonErrorOffset(text);
  if (pos === undefined) return 'a syntax error';
  if (pos >= text.length) return 'it ends too early: truncated?';
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `a syntax error at line ${line}, column ${column}`;
}

/** Top-level fields of a saved world and their JSON types. */
const WORLD_FIELDS: [keyof World, 'string' | 'number' | 'object' | 'array'][] = [
  ['projectId', 'string'],
  ['seed', 'string'],
  ['seq', 'number'],
  ['domains', 'array'],
  ['vpcs', 'array'],
  ['servers', 'object'],
  ['volumes', 'object'],
  ['groups', 'object'],
  ['instances', 'object'],
  ['replications', 'object'],
  ['jobs', 'object'],
  ['tokens', 'object'],
  ['failNext', 'array'],
];

/** Fields added after version 1 was first written: checked when present, filled in when absent. */
const LATER_FIELDS: [keyof World, 'array' | 'object'][] = [
  ['subnets', 'array'],
  ['drills', 'object'],
];

function jsonType(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/**
 * Loads a saved world, or undefined when the file does not exist.
 * @throws SdrsError STATE_FILE (exit 4) naming the file and what is wrong with it:
 *   not a regular file, unreadable, too large, not JSON (with the line and column,
 *   never the content), or not an emulator state of version 1.
 */
export function loadWorld(path: string): World | undefined {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw stateFileError(path, 'is a directory, not a file');
    if (!st.isFile()) throw stateFileError(path, 'is not a regular file (a device, FIFO or socket); give a file');
    if (st.size > MAX_STATE_BYTES) throw stateFileError(path, `is ${st.size} bytes, more than the ${MAX_STATE_BYTES} an emulator state can be`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof SdrsError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw stateFileError(path, `cannot be read (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? (err as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw stateFileError(path, `is not valid JSON (${jsonErrorPlace(text)}): it is damaged, or not an emulator state`);
  }
  if (jsonType(parsed) !== 'object') throw stateFileError(path, `is not an sdrs emulator state: it holds a JSON ${jsonType(parsed)}, not an object`);
  const w = parsed as Record<string, unknown>;
  if (w.version === undefined) throw stateFileError(path, 'is not an sdrs emulator state (version 1): it has no "version"');
  if (w.version !== 1) {
    throw stateFileError(path, `is not an sdrs emulator state (version 1): its version is ${JSON.stringify(w.version).slice(0, 20)}`, 'It was written by another sdrs version; use that version, or move it away.');
  }
  for (const [key, type] of WORLD_FIELDS) {
    const got = jsonType(w[key]);
    if (got !== type) {
      throw stateFileError(path, `is not an sdrs emulator state (version 1): "${key}" is ${got === 'undefined' ? 'missing' : `a ${got}`}, not ${type === 'array' || type === 'object' ? 'an' : 'a'} ${type}`);
    }
  }
  for (const [key, type] of LATER_FIELDS) {
    const got = jsonType(w[key]);
    if (got !== 'undefined' && got !== type) throw stateFileError(path, `is not an sdrs emulator state (version 1): "${key}" is a ${got}, not an ${type}`);
  }
  // A state saved before drills existed: its VPCs get the subnet a seed gives them, and no drills.
  w.subnets ??= (w.vpcs as VpcRec[]).map((v) => firstSubnet(v, Date.now()));
  w.drills ??= {};
  return w as unknown as World;
}
