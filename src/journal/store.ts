/**
 * Where the journal lives, and appending to it and reading it back.
 *
 * Appends: one `write` of one whole line to a descriptor opened with O_APPEND, so
 * records of concurrent sdrs processes never interleave (POSIX appends each write
 * at the end of the file atomically for a regular local file). The file is created
 * 0600 in a 0700 directory. Reads skip a line that is not a record (a crash
 * mid-write, a hand edit) and count it, so the caller warns once.
 */
import { closeSync, fchmodSync, fstatSync, mkdirSync, openSync, readFileSync, writeSync, constants } from 'node:fs';
import { join } from 'node:path';
import { JOURNAL_VERSION, type JournalRecord } from './record.js';
import { scrubValues } from './scrub.js';

/** The environment variable that turns the journal off (`1`, `true`, `yes`). */
export const NO_JOURNAL_VAR = 'SDRS_NO_JOURNAL';
/** The environment variable that names another journal file. */
export const JOURNAL_PATH_VAR = 'SDRS_JOURNAL';

/** Whether the environment turns the journal off. */
export function journalOffByEnv(env: NodeJS.ProcessEnv): boolean {
  return /^(1|true|yes)$/i.test(env[NO_JOURNAL_VAR]?.trim() ?? '');
}

/** The journal file: SDRS_JOURNAL, else $XDG_STATE_HOME/sdrs/journal.jsonl, else ~/.local/state/sdrs/journal.jsonl. */
export function journalPath(env: NodeJS.ProcessEnv, homeDir: string): string {
  const set = env[JOURNAL_PATH_VAR]?.trim();
  if (set) return set;
  const state = env.XDG_STATE_HOME?.trim();
  // XDG: a relative path in the variable is invalid and is ignored.
  const base = state && state.startsWith('/') ? state : join(homeDir, '.local', 'state');
  return join(base, 'sdrs', 'journal.jsonl');
}

/**
 * Appends one record as one line, in one write, with every value in `secrets` replaced
 * wherever it appears. Throws on failure (the caller warns once).
 */
export function appendRecord(path: string, record: JournalRecord, secrets: Iterable<string | undefined> = []): void {
  const line = Buffer.from(scrubValues(JSON.stringify(record), secrets) + '\n', 'utf8');
  const dir = path.slice(0, Math.max(path.lastIndexOf('/'), 0));
  if (dir) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
  try {
    // A file created before (or by another tool) with looser permissions is narrowed to 0600.
    const st = fstatSync(fd);
    if ((st.mode & 0o077) !== 0) fchmodSync(fd, 0o600);
    const n = writeSync(fd, line);
    if (n !== line.length) throw new Error(`short write to ${path} (${n} of ${line.length} bytes)`);
  } finally {
    closeSync(fd);
  }
}

/** What a read found: the records in file order, and how many lines were skipped. */
export interface JournalRead {
  records: JournalRecord[];
  skipped: number;
  /** The file does not exist yet. */
  missing: boolean;
}

const isRecord = (x: unknown): x is JournalRecord => {
  if (!x || typeof x !== 'object') return false;
  const r = x as Record<string, unknown>;
  return typeof r.v === 'number' && r.v <= JOURNAL_VERSION && typeof r.run === 'string' && typeof r.at === 'string'
    && (r.type === 'start' || r.type === 'job' || r.type === 'end');
};

/** Reads every record; a line that is not one is skipped and counted. */
export function readJournal(path: string): JournalRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0, missing: true };
    throw err;
  }
  const records: JournalRecord[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const r: unknown = JSON.parse(line);
      if (isRecord(r)) records.push(r);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { records, skipped, missing: false };
}
