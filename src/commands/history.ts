/**
 * `sdrs history`: the operations in the local journal (docs/journal.md), newest first,
 * with their result, duration and job ids; an unfinished run (killed, or its machine
 * went down) is flagged with the command that resumes it.
 */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { filterOperations, type Operation } from '../journal/operations.js';
import { parseSince } from '../journal/since.js';
import { dur } from '../journal/render.js';
import { bind, examples, type RunF, type Runner } from './shared/command.js';
import { note, out, result, say, table, type Result } from './shared/output.js';
import { loadOperations } from './shared/journal-read.js';
import { UsageError } from '../errors.js';
import { t, text } from '../i18n/index.js';
import { historyMsg as M } from '../i18n/catalog/history.js';

/** The options of one run. */
export interface HistoryOptions {
  since: string;
  groups: string[];
  kinds: string[];
}

/** What commander parses. */
interface HistoryFlags {
  since?: string;
  group?: string[];
  kind?: string[];
}

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** The `--json` document. */
export interface HistoryDocument {
  journal: string;
  since: string;
  skipped_lines: number;
  operations: Operation[];
}

/** Completes the top-level `history` command. */
export function registerHistory(cmd: Command, run: Runner, runF: RunF<HistoryOptions> = runHistory): Command {
  cmd
    .option('--since <age>', 'operations started within this age (30d, 12h, 2w), since a date (2026-01-31), or all', '30d')
    .option('--group <group>', 'only operations on this group, by name or id (repeatable, or comma-separated)', collect)
    .option('--kind <kind>', 'only these kinds: switchover, failover, drill, start, stop, create, delete, ... (repeatable, or comma-separated)', collect);
  examples(cmd, [
    '$ sdrs history',
    '$ sdrs history --group erp --kind switchover,failover --since 90d',
    "$ sdrs history --json | jq -r '.operations[] | select(.state == \"unfinished\") | .resume'",
  ]);
  return bind(cmd, run, (_args, f: HistoryFlags): HistoryOptions => {
    const since = f.since ?? '30d';
    parseSince(since, Date.now()); // checked now: exit 2 before anything is read
    const kinds = f.kind ?? [];
    const unknown = kinds.filter((k) => !JOURNAL_KINDS.includes(k));
    if (unknown.length) throw new UsageError(text(M.badKind, { kinds: unknown.join(','), all: JOURNAL_KINDS.join(', ') }));
    return { since, groups: f.group ?? [], kinds };
  }, runF);
}

/**
 * The kinds the journal records (an operation's `kind`): each command that changes something
 * (it has --dry-run or --yes) as its end record names it (`defaultKind`), and `check`, the one
 * read kept as evidence. test/journal/review-fixes.test.ts checks the command tree against it.
 */
export const JOURNAL_KINDS = [
  'check', 'create', 'delete', 'drill', 'failover', 'instance-add', 'instance-remove', 'job-failures', 'pair-add', 'pair-attach',
  'pair-detach', 'pair-remove', 'plan', 'server-start', 'server-stop', 'start', 'stop', 'switchover',
  'api',
];

const when = (iso: string) => iso.slice(0, 19).replace('T', ' ');

/** Reads the journal and lists the operations. */
export async function runHistory(ctx: Context, o: HistoryOptions): Promise<Result<HistoryDocument>> {
  const { path, ops, skipped, warnings } = loadOperations(ctx);
  const sinceMs = parseSince(o.since, ctx.clock.now());
  const list = filterOperations(ops, { sinceMs, groups: o.groups, kinds: o.kinds });
  const doc: HistoryDocument = { journal: path, since: sinceMs === undefined ? 'all' : new Date(sinceMs).toISOString(), skipped_lines: skipped, operations: list };
  if (!list.length) return result(doc, ...warnings, note(t(M.none, { path, since: o.since })));
  const rows = list.map((op) => [
    when(op.started_at),
    op.kind,
    [...new Set([...op.groups, ...op.final_statuses].map((g) => g.name ?? g.id))].join(' ') || '-',
    op.state === 'finished' ? (op.exit_code ? t(M.exit, { outcome: op.outcome, code: op.exit_code }) : op.outcome) : op.state === 'running' ? t(M.running) : t(M.unfinished),
    dur(op.duration_ms),
    op.downtime_ms !== undefined ? t(M.down, { time: dur(op.downtime_ms) }) : op.recovery_ms !== undefined ? t(M.rec, { time: dur(op.recovery_ms) }) : '-',
    op.jobs.map((j) => j.job_id).join(' ') || '-',
    op.user,
    op.note ?? '',
  ]);
  const open = list.filter((op) => op.state !== 'finished');
  return result(
    doc,
    ...warnings,
    table([t(M.hStarted), t(M.hKind), t(M.hGroups), t(M.hResult), t(M.hDuration), t(M.hDownRec), t(M.hJobs), t(M.hUser), t(M.hNote)], rows),
    ...open.map((op) => out(t(op.state === 'running' ? M.openRunning : M.openUnfinished, {
      when: when(op.started_at), command: op.argv.join(' '), job: op.jobs.length ? t(M.job, { job: op.jobs[op.jobs.length - 1].job_id }) : '', resume: String(op.resume),
    }))),
    say(t(M.count, { n: list.length, path }), 'dim'),
  );
}
