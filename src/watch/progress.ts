/**
 * Progress for a watched job on stderr: an ora spinner at a terminal, plain
 * lines otherwise (one per change of job/group status, plus a heartbeat so CI
 * does not kill a silent job). Driven entirely by the caller's clock ticks.
 * Labels, job ids and statuses carry service text (group names, what a job read
 * said): every line and spinner text goes through `safeLine` before colour is added.
 */
import type { IOStreams } from '../io/streams.js';
import { palette } from '../io/color.js';
import { safeLine } from '../errors.js';
import { t } from '../i18n/index.js';
import { watch as M } from '../i18n/catalog/watch.js';

/** A snapshot shown by the reporter. */
export interface ProgressSnapshot {
  jobStatus: string;
  groupStatus?: string;
  /** Since watching began (ms). */
  elapsedMs: number;
}

/** How the watch ended, for the final spinner line. */
export type ProgressOutcome = 'success' | 'fail' | 'stopped';

/** Shows progress; every method is safe to call after stop(). */
export interface ProgressReporter {
  /** After each poll. */
  update(s: ProgressSnapshot): void;
  /** Between polls: moves the elapsed time, emits heartbeats. */
  tick(elapsedMs: number): void;
  /** Clears the spinner and persists a ✔/✖ line; idempotent. */
  stop(outcome: ProgressOutcome, text: string): void;
  /** How long the caller may sleep before the next tick() is due (ms, >= 1). */
  nextTickInMs(elapsedMs: number): number;
}

/** Options of createProgress. */
export interface ProgressOptions {
  io: IOStreams;
  /** What is happening, e.g. "Reversing group demo-erp to target (cn-north-4b)". */
  label: string;
  jobId: string;
  /** Plain mode: a heartbeat line after this long without output (ms). @default 30000 */
  heartbeatMs?: number;
}

/** `12s`, `2m05s`, `1h02m`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Plain lines for pipes and CI: the job id once, in the first line; then `[12s] job RUNNING, group reversing`. */
export function createPlainProgress(o: ProgressOptions): ProgressReporter {
  const heartbeatMs = o.heartbeatMs ?? 30_000;
  let last: ProgressSnapshot | undefined;
  let lastLineAt = 0;
  let stopped = false;
  const line = (s: ProgressSnapshot, still: boolean) => {
    const entry = s.groupStatus ? (still ? M.progressStillGroup : M.progressLineGroup) : still ? M.progressStill : M.progressLine;
    o.io.err.write(safeLine(t(entry, { elapsed: formatElapsed(s.elapsedMs), status: s.jobStatus, group: s.groupStatus })) + '\n');
    lastLineAt = s.elapsedMs;
  };
  o.io.err.write(safeLine(t(M.watchingJob, { label: o.label, jobId: o.jobId })) + '\n');
  return {
    nextTickInMs: (elapsedMs) => Math.max(1, lastLineAt + heartbeatMs - elapsedMs),
    update(s) {
      if (stopped) return;
      if (!last || last.jobStatus !== s.jobStatus || last.groupStatus !== s.groupStatus) line(s, false);
      else if (s.elapsedMs - lastLineAt >= heartbeatMs) line(s, true);
      last = s;
    },
    tick(elapsedMs) {
      if (stopped || !last) return;
      if (elapsedMs - lastLineAt >= heartbeatMs) line({ ...last, elapsedMs }, true);
    },
    stop() {
      stopped = true;
    },
  };
}

/** An ora spinner on io.err (ora is imported only here, only at a terminal). */
export async function createSpinnerProgress(o: ProgressOptions): Promise<ProgressReporter> {
  const { default: ora } = await import('ora');
  const p = palette(o.io.color);
  let last: ProgressSnapshot = { jobStatus: '…', elapsedMs: 0 };
  let stopped = false;
  const text = (s: ProgressSnapshot) =>
    [safeLine(o.label), safeLine(t(M.spinnerJob, { status: s.jobStatus })), ...(s.groupStatus ? [safeLine(t(M.spinnerGroup, { status: s.groupStatus }))] : []), p.dim(formatElapsed(s.elapsedMs))].join(' · ');
  // A persistent line first: the job id must survive whatever happens to the spinner.
  o.io.err.write(safeLine(t(M.spinnerFirst, { label: o.label, jobId: o.jobId })) + '\n');
  const spinner = ora({
    text: text(last),
    stream: o.io.err,
    isEnabled: true,
    color: o.io.color ? 'cyan' : false,
    // main() owns Ctrl-C; ora's stdin discarder would swallow it.
    discardStdin: false,
  }).start();
  return {
    nextTickInMs: (elapsedMs) => 1_000 - (elapsedMs % 1_000),
    update(s) {
      if (stopped) return;
      last = s;
      spinner.text = text(s);
      spinner.render(); // show a new status at once, not on the next frame
    },
    tick(elapsedMs) {
      if (stopped) return;
      last = { ...last, elapsedMs };
      spinner.text = text(last);
    },
    stop(outcome, msg) {
      if (stopped) return;
      stopped = true;
      const symbol = outcome === 'success' ? p.green('✔') : outcome === 'fail' ? p.red('✖') : p.yellow('■');
      spinner.stopAndPersist({ symbol, text: safeLine(msg) });
    },
  };
}

/** The reporter for these streams: a spinner if io.canAnimate, else plain lines. */
export async function createProgress(o: ProgressOptions): Promise<ProgressReporter> {
  return o.io.canAnimate ? createSpinnerProgress(o) : createPlainProgress(o);
}
