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

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);
const str = (x: unknown) => typeof x === 'string';
const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
/** Absent, or of the right type. */
const opt = (test: (x: unknown) => boolean) => (x: unknown) => x === undefined || test(x);
const optStr = opt(str);
const optNum = opt(num);
/** A name taken from the service may be null there: readers fall back to the id. */
const optName = opt((x) => x === null || str(x));
/** An array whose every item passes `item`. */
const arrayOf = (item: (x: unknown) => boolean) => (x: unknown) => Array.isArray(x) && x.every(item);
/** Every field of `o` named in `shape` passes its test. */
const fits = (o: Obj, shape: Record<string, (x: unknown) => boolean>) => Object.entries(shape).every(([k, test]) => test(o[k]));
const obj = (shape: Record<string, (x: unknown) => boolean>) => (x: unknown) => isObj(x) && fits(x, shape);

const RUN_CONTEXT = {
  command: str, argv: arrayOf(str), user: optStr, host: optStr, pid: optNum, sdrs_version: optStr,
  profile: optStr, region: optStr, project_id: optStr, endpoint: optStr, note: optStr,
};
const SHAPES: Record<JournalRecord['type'], Record<string, (x: unknown) => boolean>> = {
  start: { ...RUN_CONTEXT, started_at: str, kind: str, operation: str, check: str, group_id: optStr },
  job: { operation: str, job_id: str, resume: str, group_id: optStr },
  end: {
    ...RUN_CONTEXT, started_at: str, duration_ms: optNum, outcome: str, exit_code: optNum, dry_run: opt((x) => typeof x === 'boolean'),
    error_code: optStr, message: optStr, kind: str,
    groups: arrayOf(obj({ id: str, name: optName })),
    sent: arrayOf(obj({ operation: str, job_id: optStr, state: str, group_id: optStr })),
    final_statuses: arrayOf(obj({ id: str, name: optName, status: optStr, priority_station: optStr })),
    phases: arrayOf(obj({ name: str, group: optName, started_at: str, ended_at: optStr, result: optStr })),
    downtime_ms: optNum, recovery_ms: optNum, extra: opt(isObj),
  },
};

/**
 * Whether a parsed line is a record the readers can use: every field they read of the type
 * record.ts gives it (arrays, their items, strings, objects). A mistyped line (a hand edit, another
 * tool) is skipped and counted like a torn one, never a crash of history or report.
 */
const isRecord = (x: unknown): x is JournalRecord => {
  if (!isObj(x)) return false;
  if (!(num(x.v) && (x.v as number) <= JOURNAL_VERSION && str(x.run) && str(x.at))) return false;
  if (x.type !== 'start' && x.type !== 'job' && x.type !== 'end') return false;
  return fits(x, SHAPES[x.type]);
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
