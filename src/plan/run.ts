/**
 * The plan engine: the steps in file order, the groups of a step in parallel (at most
 * `concurrency` at once), wait/confirm/run steps, `on_failure`, and the run state saved
 * (state.ts) before every send and after every ending, so a resume knows what was sent.
 *
 * What a group step does to one group (a switchover, a failover, a drill, a power action)
 * depends on the mode and lives in the command layer (`GroupOps`): this module knows no
 * API and no command. A step that is done is never run again; a group that is done is
 * never acted on again; a group left `sent` is handed to `ops.act` with `resumed: true`,
 * which reads the group before it sends anything.
 */
import { ExitCode, InterruptedError, type ExitCodeValue, SdrsError, stopSignalOf, toSdrsError } from '../errors.js';
import { mapLimit } from '../util/pool.js';
import { join, local, t, text, type Text } from '../i18n/index.js';
import { planMsg as M } from '../i18n/catalog/plan.js';
import { DEFAULT_CONCURRENCY, type Plan, type PlanMode, type PlanStep } from './model.js';
import type { GroupRunState, PlanRunState, StepRunState } from './state.js';

/** Default limit of a run hook. */
export const DEFAULT_HOOK_TIMEOUT_MS = 10 * 60_000;

/** What a group step does to one group, per mode (the command layer implements it). */
export interface GroupOps {
  /**
   * Acts on one group. Calls `sending()` right before its first mutating request (the
   * state is saved as `sent` then), and records job ids and drills in `g`. `resumed`: the
   * group was left `sent` by an earlier run; read it first, never re-send blindly.
   * Returns 'skipped' when the mode leaves the group alone.
   */
  act(step: PlanStep, g: GroupRunState, resumed: boolean, sending: () => void): Promise<'done' | 'skipped'>;
  /** A group step starts (a live board can be drawn for its groups) and ends. */
  stepStarted?(step: PlanStep, aliases: string[]): void;
  stepEnded?(step: PlanStep): void;
  /** Extra environment of a run hook (drill mode: the drill servers). */
  hookEnv?(): Promise<Record<string, string>>;
}

/** What the engine needs from around it. */
export interface EngineIO {
  now(): number;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** A progress line (stderr). */
  say(line: string, tone?: 'plain' | 'ok' | 'warn' | 'bad' | 'bold' | 'dim'): void;
  /** Hook output goes here (stderr: stdout stays the result). */
  hookOutput(chunk: Buffer): void;
  /** A confirm step: resolves to go on, throws to stop (UsageError: declined). */
  confirm(step: PlanStep): Promise<void>;
  /** Saves the state (atomically). */
  save(): void;
}

/** How a run ended. */
export interface EngineEnd {
  /** The first error that stopped the run (or, with on_failure: continue, the worst one). */
  error?: SdrsError;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The state of a fresh run: every step pending, every group of a group step pending. */
export function initialSteps(plan: Plan): StepRunState[] {
  const byAlias = new Map(plan.groups.map((g) => [g.alias, g.ref]));
  return plan.steps.map((s) => ({
    name: s.name,
    kind: s.kind,
    status: 'pending',
    groups: (s.groups ?? []).map((alias) => ({ alias, ref: byAlias.get(alias) ?? alias, status: 'pending', job_ids: [] })),
  }));
}

/** The exit code of a failed group step: the group's own timeout/unknown/signal code, else 5. */
function groupStepExit(errs: SdrsError[]): ExitCodeValue {
  const codes = errs.map((e) => e.exitCode);
  for (const c of [ExitCode.INTERRUPTED, ExitCode.TERMINATED, ExitCode.HANGUP, ExitCode.UNREACHABLE, ExitCode.TIMEOUT] as const) if (codes.includes(c)) return c;
  return ExitCode.JOB_FAILED;
}

const errInfo = (e: SdrsError) => ({ code: e.code, exit_code: e.exitCode, message: e.message });

/** Runs (or resumes) the plan from its first unfinished step. */
export async function runEngine(plan: Plan, mode: PlanMode, state: PlanRunState, ops: GroupOps, io: EngineIO): Promise<EngineEnd> {
  let worst: SdrsError | undefined;
  const total = plan.steps.length;
  for (const [i, step] of plan.steps.entries()) {
    const st = state.steps[i];
    if (st.status === 'done' || st.status === 'skipped' || st.status === 'continued') continue;
    if (io.signal.aborted) throw new InterruptedError(text(M.stoppedBeforeStep, { name: step.name }), { signal: stopSignalOf(io.signal.reason) });
    const t0 = io.now();
    st.status = 'running';
    st.started_at = iso(t0);
    delete st.error;
    io.save();
    io.say(t(M.stepHeader, { i: i + 1, n: total, name: step.name, does: local(describe(step, mode)) }), 'bold');
    let failure: SdrsError | undefined;
    try {
      if (step.kind === 'wait') await sleep(step.duration_ms ?? 0, io.signal);
      else if (step.kind === 'confirm') await io.confirm(step);
      else if (step.kind === 'run') failure = await runHook(plan, mode, state, step, st, ops, io);
      else failure = await groupStep(step, st, ops, io);
    } catch (err) {
      failure = toSdrsError(err);
    }
    const t1 = io.now();
    st.ended_at = iso(t1);
    st.duration_ms = t1 - t0;
    if (!failure) {
      st.status = st.groups.length > 0 && st.groups.every((g) => g.status === 'skipped') ? 'skipped' : 'done';
      io.save();
      io.say(t(st.status === 'skipped' ? M.stepSkipped : M.stepDone, { name: step.name, time: seconds(st.duration_ms) }), 'ok');
      continue;
    }
    st.error = errInfo(failure);
    const stopped = io.signal.aborted || failure.exitCode === ExitCode.INTERRUPTED || failure.exitCode === ExitCode.TERMINATED || failure.exitCode === ExitCode.HANGUP;
    if (!stopped && step.on_failure === 'continue' && step.kind !== 'confirm') {
      st.status = 'continued';
      io.save();
      io.say(t(M.stepContinued, { name: step.name, message: local(failure.text) }), 'warn');
      worst ??= failure;
      continue;
    }
    st.status = stopped ? 'running' : 'failed';
    io.save();
    io.say(t(stopped ? M.stepInterrupted : M.stepFailed, { name: step.name, message: local(failure.text) }), 'bad');
    return { error: failure };
  }
  return { error: worst };
}

function describe(step: PlanStep, mode: PlanMode): Text {
  if (step.kind === 'wait') return text(M.doesWait, { time: seconds(step.duration_ms ?? 0) });
  if (step.kind === 'confirm') return text(M.doesConfirm);
  if (step.kind === 'run') return text(M.doesRun, { command: step.command });
  const groups = (step.groups ?? []).join(', ');
  if (step.kind === 'stop' || step.kind === 'start') return text(step.kind === 'stop' ? M.doesStopAt : M.doesStartAt, { site: step.site ?? 'dr', groups });
  return text(mode === 'drill' ? M.doesDrill : mode === 'failover' ? M.doesFailover : M.doesSwitchover, { groups });
}

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

/** A group step: every unfinished group, at most `concurrency` at once; nothing new starts after a signal. */
async function groupStep(step: PlanStep, st: StepRunState, ops: GroupOps, io: EngineIO): Promise<SdrsError | undefined> {
  const todo = st.groups.filter((g) => g.status !== 'done' && g.status !== 'skipped');
  const errors: SdrsError[] = [];
  ops.stepStarted?.(step, todo.map((g) => g.alias));
  try {
    await groupsOf(step, todo, ops, io, errors);
  } finally {
    ops.stepEnded?.(step);
  }
  if (io.signal.aborted && errors.length === 0) return new InterruptedError(text(M.stoppedDuringStep, { name: step.name }), { signal: stopSignalOf(io.signal.reason) });
  if (errors.length === 0) return undefined;
  const failed = st.groups.filter((g) => g.status === 'failed' || g.status === 'sent');
  const code = groupStepExit(errors);
  const first = errors[0];
  return new SdrsError(code === ExitCode.JOB_FAILED ? 'PLAN_STEP_FAILED' : first.code, code,
    text(M.groupsUnfinished, {
      name: step.name, failed: failed.length || errors.length, total: st.groups.length,
      // Each group's error in the language it has (the state file keeps the English only).
      list: join(failed.map((g) => {
        const e = errors.find((x) => x.message === g.error?.message);
        return join([`${g.alias} (`, e ? e.text : g.error?.message ?? g.status, ')']);
      }), '; '),
    }),
    { details: { step: step.name, groups: failed.map((g) => ({ alias: g.alias, id: g.id, status: g.status, error: g.error })) }, cause: first });
}

/** The groups of a step, at most `concurrency` at once; nothing new starts after a signal. */
async function groupsOf(step: PlanStep, todo: GroupRunState[], ops: GroupOps, io: EngineIO, errors: SdrsError[]): Promise<void> {
  await mapLimit(todo, step.concurrency ?? DEFAULT_CONCURRENCY, async (g) => {
    if (io.signal.aborted) return;
    const resumed = g.status === 'sent';
    const t0 = io.now();
    g.started_at ??= iso(t0);
    delete g.error;
    try {
      const r = await ops.act(step, g, resumed, () => {
        g.status = 'sent';
        io.save();
      });
      g.status = r;
    } catch (err) {
      const e = toSdrsError(err);
      // Stopped by a signal: a group whose request left stays `sent` (a resume reads it first).
      if (!(io.signal.aborted && g.status === 'sent')) g.status = io.signal.aborted ? 'pending' : 'failed';
      g.error = errInfo(e);
      errors.push(e);
    }
    const t1 = io.now();
    g.ended_at = iso(t1);
    g.duration_ms = t1 - Date.parse(g.started_at);
    io.save();
  });
}

/** Sleeps `ms`, or until the signal. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new InterruptedError(text(M.stoppedDuringWait), { signal: stopSignalOf(signal.reason) }));
    const t = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(t);
      reject(new InterruptedError(text(M.stoppedDuringWait), { signal: stopSignalOf(signal.reason) }));
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** Where production runs, as hooks see it: before any group step "production", after one "dr"; a drill's "drill". */
function siteNow(mode: PlanMode, state: PlanRunState, index: number): string {
  if (mode === 'drill') return 'drill';
  const moved = state.steps.slice(0, index).some((s) => (s.kind === 'switchover' || s.kind === 'failover') && s.status !== 'pending');
  return moved ? 'dr' : 'production';
}

/** A run step: a shell command with the plan in its environment; a non-zero exit or a timeout fails it (exit 9). */
async function runHook(plan: Plan, mode: PlanMode, state: PlanRunState, step: PlanStep, st: StepRunState, ops: GroupOps, io: EngineIO): Promise<SdrsError | undefined> {
  const { spawn } = await import('node:child_process');
  const index = state.steps.indexOf(st);
  const groups = state.steps.flatMap((s) => s.groups).filter((g, i, all) => all.findIndex((x) => x.alias === g.alias) === i);
  const byAlias = new Map(groups.map((g) => [g.alias, g]));
  const env: NodeJS.ProcessEnv = {
    ...io.env,
    SDRS_PLAN: plan.name,
    SDRS_PLAN_FILE: plan.file,
    SDRS_PLAN_RUN_ID: state.run_id,
    SDRS_PLAN_MODE: mode,
    SDRS_PLAN_STEP: step.name,
    SDRS_PLAN_SITE: siteNow(mode, state, index),
    SDRS_PLAN_GROUPS: JSON.stringify(plan.groups.map((g) => ({ alias: g.alias, ref: g.ref, id: byAlias.get(g.alias)?.id ?? null }))),
    SDRS_PLAN_JOB_IDS: state.steps.slice(0, index).flatMap((s) => s.groups.flatMap((g) => g.job_ids)).join(' '),
    ...(ops.hookEnv ? await ops.hookEnv() : {}),
  };
  const timeoutMs = step.timeout_ms ?? DEFAULT_HOOK_TIMEOUT_MS;
  if (io.signal.aborted) throw new InterruptedError(text(M.stoppedBeforeHook), { signal: stopSignalOf(io.signal.reason) });
  const r = await new Promise<{ code: number | null; signal: string | null; timedOut: boolean; error?: string }>((resolve) => {
    const own = process.platform !== 'win32';
    const child = spawn(step.command ?? 'true', { shell: true, env, cwd: io.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: own });
    let timedOut = false;
    const kill = (sig: NodeJS.Signals) => {
      try {
        if (own && child.pid !== undefined) process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        // Already gone.
      }
    };
    const stop = () => {
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 5_000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeoutMs);
    io.signal.addEventListener('abort', stop, { once: true });
    child.stdout.on('data', (b: Buffer) => io.hookOutput(b));
    child.stderr.on('data', (b: Buffer) => io.hookOutput(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      io.signal.removeEventListener('abort', stop);
      resolve({ code: null, signal: null, timedOut: false, error: e.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      io.signal.removeEventListener('abort', stop);
      resolve({ code, signal, timedOut });
    });
  });
  st.exit_code = r.code;
  st.timed_out = r.timedOut;
  if (io.signal.aborted) throw new InterruptedError(text(M.stoppedInHook, { name: step.name }), { signal: stopSignalOf(io.signal.reason) });
  if (r.code === 0 && !r.timedOut) return undefined;
  const why = r.error !== undefined ? text(M.hookNotStarted, { reason: r.error })
    : r.timedOut ? text(M.hookTimedOut, { time: seconds(timeoutMs) }) : r.signal ? text(M.hookKilled, { signal: r.signal }) : text(M.hookExited, { code: r.code });
  return new SdrsError('VERIFY_FAILED', ExitCode.VERIFY_FAILED, text(M.hookFailed, { name: step.name, why }), {
    details: { step: step.name, command: step.command, exit_code: r.code, timed_out: r.timedOut },
  });
}
