/**
 * The local journal's records (docs/journal.md): one JSON object per line of
 * `journal.jsonl`. A run of a mutating command writes a `start` record when its
 * first request is sent, a `job` record each time a job id becomes known, and an
 * `end` record when it ends. A run killed before its end leaves `start`/`job`
 * without `end`: history shows it as unfinished, with the command that resumes it.
 * A run that sends nothing (a dry run, a refused pre-flight, a no-op) writes only
 * an `end` record, which carries the whole context itself.
 */

/** The journal format version, in every record (`v`). */
export const JOURNAL_VERSION = 1;

/** Who ran what, where: in `start` and `end` records. Never a secret. */
export interface RunContext {
  /** The command path, e.g. `group reverse`. */
  command: string;
  /** The command line (argv after `sdrs`) with secret-bearing values replaced by `<redacted>`. */
  argv: string[];
  user: string;
  host: string;
  pid: number;
  sdrs_version: string;
  profile?: string;
  region?: string;
  project_id?: string;
  /** The SDRS endpoint (any user:password in it removed). */
  endpoint?: string;
  /** `--note`. */
  note?: string;
}

/** One phase of an operation (a switchover's stop-servers, reverse, start-servers). */
export interface PhaseRecord {
  name: string;
  /** The group's id (or name) when the phase is one group's. */
  group?: string;
  started_at: string;
  ended_at?: string;
  result?: 'ok' | 'failed' | 'unfinished';
}

/** One request that may have reached the service, as the end record lists them. */
export interface SentRecord {
  operation: string;
  job_id?: string;
  /** sent: no answer known; accepted: the service took it; done: watched to its successful end. */
  state: 'sent' | 'accepted' | 'done';
  group_id?: string;
}

/** How a run ended. */
export type Outcome =
  /** exit 0 after a change was sent */
  | 'ok'
  /** exit 0, nothing sent: already as asked, or cancelled at the confirmation */
  | 'no-change'
  /** --dry-run: nothing sent */
  | 'dry-run'
  /** refused before anything was sent (pre-flight, the service's 4xx, auth/config): exit 3 or 4 */
  | 'refused'
  /** a job or phase failed: exit 5 */
  | 'failed'
  /** stopped waiting (the job goes on): exit 6 */
  | 'timeout'
  /** the outcome is unknown: exit 7 */
  | 'unknown'
  /** a signal stopped the run: exit 129, 130, 143 */
  | 'interrupted'
  /** anything else (exit 1) */
  | 'error';

export interface StartRecord extends RunContext {
  v: number;
  type: 'start';
  /** The run's id: every record of one run carries it. */
  run: string;
  at: string;
  /** When the command began (the start record is written at its first send). */
  started_at: string;
  /** switchover, failover, drill, reverse, ... as known at the start (from the command path). */
  kind: string;
  /** The first request sent: "Reversing erp to target (cn-north-4b)". */
  operation: string;
  /** The command that shows whether it happened, until a job id is known. */
  check: string;
  group_id?: string;
}

export interface JobRecord {
  v: number;
  type: 'job';
  run: string;
  at: string;
  operation: string;
  job_id: string;
  /** The command that resumes watching it. */
  resume: string;
  group_id?: string;
}

/** A group as the run left it (from the command's result). */
export interface FinalStatus {
  id: string;
  name?: string;
  status?: string;
  priority_station?: string;
}

export interface EndRecord extends RunContext {
  v: number;
  type: 'end';
  run: string;
  at: string;
  started_at: string;
  duration_ms: number;
  outcome: Outcome;
  exit_code: number;
  /** Run with --dry-run (a refused dry run is `refused` with this set). */
  dry_run?: boolean;
  /** The error's code (JOB_FAILED, PRECONDITION_FAILED, ...) when it ended with one. */
  error_code?: string;
  /** The error's message (sanitised, one line). */
  message?: string;
  /** switchover, failover, drill, reverse, create, ... */
  kind: string;
  groups: { id: string; name?: string }[];
  sent: SentRecord[];
  final_statuses: FinalStatus[];
  phases: PhaseRecord[];
  downtime_ms?: number;
  recovery_ms?: number;
  extra?: Record<string, unknown>;
}

export type JournalRecord = StartRecord | JobRecord | EndRecord;
