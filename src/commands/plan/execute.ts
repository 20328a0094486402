/**
 * What `plan run` and `plan resume` share: the group operations of each mode (the
 * engine's GroupOps), the run state file, the drill cleanup at the end, and the result
 * (--json document, the table for people, the journal facts, the resume command).
 */
import { Writable } from 'node:stream';
import type { Context } from '../../context.js';
import type { IOStreams } from '../../io/streams.js';
import type { SdrsApi } from '../../api/client.js';
import type { DisasterRecoveryDrill, ServerGroup } from '../../api/types.js';
import { ExitCode, InterruptedError, SdrsError, UsageError, safeLine, stopSignalOf, toSdrsError } from '../../errors.js';
import { nameProblem } from '../../validate.js';
import type { Plan, PlanMode, PlanStep } from '../../plan/model.js';
import { runEngine, type GroupOps } from '../../plan/run.js';
import { plansDir, saveState, type GroupRunState, type PlanRunState } from '../../plan/state.js';
import { runSwitchover } from '../group/switchover.js';
import { batchGroupReads } from '../group/bulk-reads.js';
import { createBoard, type Board } from '../group/board.js';
import { GROUP_BATCH_WINDOW_MS, JOB_READ_MAX_GAP_MS } from '../group/reverse-many.js';
import { drillFollow, sendCreate, sendDelete, serversFollow, waitCreated, waitDeleted } from '../drill/submit.js';
import { drillPreflight, drillServers } from '../drill/common.js';
import { follow, followGroup, watch, type WaitSettings } from '../shared/wait.js';
import { followSent, sendOrFollow } from '../shared/mutation.js';
import { resolveGroups } from '../shared/resolve.js';
import { powerServers } from '../shared/power.js';
import { readServers, serverAt } from '../shared/snapshot.js';
import { otherSide, shellArg } from '../shared/sites.js';
import { note, out, say, table, type JournalFacts, type Result } from '../shared/output.js';
import { say as sayNow } from '../shared/ui.js';
import { local, t, text } from '../../i18n/index.js';
import { planMsg as M } from '../../i18n/catalog/plan.js';

/** What a run was told on its command line. */
export interface ExecuteOptions {
  yes: boolean;
  /** Confirm steps confirmed up front (--confirm-step). */
  confirmSteps: string[];
  settings: WaitSettings;
}

/** The `plan run --json` / `plan resume --json` document. */
export interface PlanRunDocument {
  run_id: string;
  plan: string;
  file: string;
  mode: PlanMode;
  status: PlanRunState['status'];
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  steps: PlanRunState['steps'];
  cleanup: PlanRunState['cleanup'] | null;
  state_file: string;
  /** The command that carries on, when the run did not finish. */
  resume_command: string | null;
}

/** The longest pause between polls while a plan's group step runs (the next step waits for it). */
export const PLAN_POLL_CAP_MS = 1_000;

/** The failover's job type (the watcher's learned durations are kept under it). */
export const FAILOVER_JOB_TYPE = 'failoverProtectionGroupNoCG';

/** The drill name a plan run uses for a group: the same on every run, so a resume finds it. */
export function planDrillName(g: Pick<ServerGroup, 'id' | 'name'>): string {
  const byName = `sdrs-plan-${g.name}`;
  return nameProblem(byName) === undefined ? byName : `sdrs-plan-${g.id}`;
}

/** The path of a run's state file. */
export function stateFile(ctx: Context, runId: string): string {
  return `${plansDir(ctx.env, ctx.homeDir)}/${runId}.json`;
}

/** The command that resumes a run. */
export const resumeCommandOf = (runId: string) => `sdrs plan resume ${runId} --yes`;

/** Every group of the run, first mention, with its id and production station at the start. */
function allGroups(state: PlanRunState): GroupRunState[] {
  const seen = new Map<string, GroupRunState>();
  for (const s of state.steps) for (const g of s.groups) if (!seen.has(g.alias)) seen.set(g.alias, g);
  return [...seen.values()];
}

/** The engine's group operations for a mode. */
function groupOps(ctx: Context, api: SdrsApi, plan: Plan, mode: PlanMode, state: PlanRunState, settings: WaitSettings, fresh: Map<string, ServerGroup>): GroupOps {
  const production = state.production ?? {};
  // The watchers' group reads (and the reads before a resumed group's request) share listings: a
  // DR event is when the API is busiest, so N groups must not cost N times the reads of one.
  const watchApi = Object.assign(Object.create(api) as SdrsApi, {
    getGroup: batchGroupReads(api, { windowMs: Math.min(GROUP_BATCH_WINDOW_MS, settings.intervalMs), knownGroups: Math.max(1, fresh.size), sleep: (ms) => ctx.clock.sleep(ms) }),
  });
  // Failover mode: the groups of a step on one live board at a terminal (plain lines elsewhere), their
  // watchers reporting to it. Switchover and drill mode: on a board at a terminal too, each group's
  // phase on its row; what their operations print goes to a transcript for the step (printed after the
  // board when a group failed), so parallel groups' spinners never interleave. Plain lines elsewhere.
  let board: Board | undefined;
  let liveIo: IOStreams | undefined;
  let transcript: string[] = [];
  let groupFailed = false;
  const row = (g: GroupRunState, state: Parameters<Board['set']>[1], text: string) => board?.set(g.alias, state, text);
  /** The group as listed when this process resolved the plan (used once, for a group not left `sent`), else read now. */
  const read = async (g: GroupRunState, resumed: boolean): Promise<ServerGroup> => {
    const listed = fresh.get(g.id!);
    fresh.delete(g.id!);
    return listed && !resumed ? listed : watchApi.getGroup(g.id!);
  };
  // A plan's steps run one after the other, so each step's end is seen within PLAN_POLL_CAP_MS: the
  // group reads are shared listings (one per poll for every group in flight), so this costs little.
  const stepSettings = (step: PlanStep): WaitSettings => ({
    ...settings,
    pollCapMs: Math.min(settings.pollCapMs ?? Infinity, PLAN_POLL_CAP_MS),
    ...(step.timeout_ms ? { timeoutMs: step.timeout_ms } : {}),
  });

  const failover = async (step: PlanStep, g: GroupRunState, group: ServerGroup, sending: () => void): Promise<void> => {
    const to = (g.to ??= otherSide(production[g.alias] ?? group.priority_station));
    const expect = { finalStatus: 'failed-over', priorityStation: to };
    const label = `Failing over ${group.name} to ${to}`;
    const labelText = text(M.opFailingOver, { name: group.name, to });
    if (group.status === 'failed-over' && group.priority_station === to) return;
    if (group.status === 'failing-over') {
      await followGroup(ctx, watchApi, stepSettings(step), { group, label, labelText, expect });
      return;
    }
    sending();
    row(g, 'submitting', t(M.rowSubmitFailover));
    const sent = await sendOrFollow(ctx, {
      operation: label,
      operationText: labelText,
      send: () => api.groupAction(group.id, { action: 'failover' }),
      checkHint: `sdrs group status ${group.id}`,
      details: { group: group.name, group_id: group.id },
    });
    if (sent.kind === 'job') {
      g.job_ids.push(sent.jobId);
      sending(); // saved with its job id
      await watch(ctx, watchApi, stepSettings(step), {
        jobId: sent.jobId, groupId: group.id, label: local(labelText), expect, gateJobReads: { maxGapMs: JOB_READ_MAX_GAP_MS, jobType: FAILOVER_JOB_TYPE },
        ...(board ? { reporter: board.reporter(g.alias) } : {}),
      });
    } else {
      await followSent(ctx, watchApi, stepSettings(step), sent);
    }
  };

  const switchover = async (step: PlanStep, g: GroupRunState, group: ServerGroup, sending: () => void): Promise<void> => {
    const to = (g.to ??= otherSide(production[g.alias] ?? group.priority_station));
    if (group.status === 'reversing') {
      // Left by an earlier run (killed mid-reverse): followed, never re-sent; the start phase below finishes it.
      group = (await followGroup(ctx, api, stepSettings(step), { group, label: `Reversing ${group.name} to ${to}`, labelText: text(M.opReversing, { name: group.name, to }), expect: { finalStatus: 'protected', priorityStation: to } })).group as ServerGroup;
    }
    row(g, 'submitting', t(M.rowPreflight));
    sending();
    // Every job of the switchover (the servers' stop, the reverse, the servers' start), saved as soon as known.
    await runSwitchover(ctx, api, group, {
      to, stopServers: true, startServers: true, dryRun: false, yes: true, skipChecks: false, settings: stepSettings(step),
      onJob: (id) => {
        g.job_ids.push(id);
        sending();
      },
      onPhase: (phase, i, n) => row(g, 'watching', t(M.rowPhase, { i: i + 1, n, phase })),
    });
  };

  const drill = async (step: PlanStep, g: GroupRunState, group: ServerGroup, sending: () => void): Promise<void> => {
    const name = (g.drill_name ??= planDrillName(group));
    const found = (await api.listAllDrills({ server_group_id: group.id, name })).find((d) => d.name === name && d.server_group_id === group.id);
    let d: DisasterRecoveryDrill | undefined;
    if (found?.status === 'available') d = found;
    else if (found?.status === 'creating') d = (await follow(ctx, stepSettings(step), drillFollow(api, found.id, 'available'))).value;
    else if (found) throw new SdrsError('PLAN_STEP_FAILED', ExitCode.JOB_FAILED, text(M.drillBadStatus, { drill: safeLine(name), group: safeLine(group.name), status: found.status }), { hint: text(M.drillInspect, { id: found.id }) });
    else {
      row(g, 'submitting', t(M.rowPreflight));
      const vpc = (await drillPreflight(ctx, api, group, undefined)).vpc?.id;
      row(g, 'watching', t(M.rowCreating, { name }));
      sending();
      const sent = await sendCreate(ctx, api, group, { server_group_id: group.id, name, ...(vpc ? { drill_vpc_id: vpc } : {}) });
      if (sent.kind === 'job') {
        g.job_ids.push(sent.jobId);
        sending(); // saved with its job id
      }
      d = await waitCreated(ctx, api, stepSettings(step), group, name, sent);
    }
    g.drill_id = d!.id;
    // As `drill run` does: the step ends (and the next hook runs) once every drill server is ACTIVE.
    await follow(ctx, stepSettings(step), { ...serversFollow(api, d!), ...(board ? { onStatus: (status: string) => row(g, 'watching', t(M.rowServers, { status })) } : {}) });
  };

  const power = async (step: PlanStep, g: GroupRunState, group: ServerGroup, sending: () => void): Promise<'done' | 'skipped'> => {
    const site = step.site ?? (step.kind === 'stop' ? 'production' : 'dr');
    // Production is left alone by a failover (the site is lost) and by a drill (non-disruptive).
    if (mode === 'drill' || (mode === 'failover' && site === 'production')) return 'skipped';
    const start = production[g.alias] ?? group.priority_station;
    const station = site === 'production' ? start : otherSide(start);
    const instances = await api.listAllInstances({ server_group_id: group.id });
    const ids = instances.map((i) => serverAt(i, station)).filter(Boolean);
    const servers = [...(await readServers(api, ids)).values()].filter((s): s is NonNullable<typeof s> => Boolean(s));
    const action = step.kind === 'stop' ? 'stop' : 'start';
    const want = action === 'stop' ? 'SHUTOFF' : 'ACTIVE';
    if (servers.every((s) => s.status === want)) return 'done';
    sending();
    await powerServers(ctx, api, servers, action, { settings: stepSettings(step), verbose: false, onJob: (id) => {
      g.job_ids.push(id);
      sending();
    } });
    return 'done';
  };

  return {
    stepStarted(step, aliases) {
      if (step.kind !== 'switchover' && step.kind !== 'failover') return;
      if (mode === 'failover') board = createBoard({ io: ctx.io, clock: ctx.clock, names: aliases });
      else if (ctx.io.canAnimate) {
        board = createBoard({ io: ctx.io, clock: ctx.clock, names: aliases });
        liveIo = ctx.io;
        transcript = [];
        groupFailed = false;
        const sink = new Writable({
          write(chunk: Buffer | string, _enc, done) {
            transcript.push(String(chunk));
            done();
          },
        });
        ctx.io = { ...liveIo, err: sink, canAnimate: false, canPrompt: false };
      }
    },
    stepEnded() {
      board?.close();
      board = undefined;
      if (liveIo) {
        ctx.io = liveIo;
        liveIo = undefined;
        if (groupFailed && transcript.length > 0) {
          sayNow(ctx, t(M.groupsPrinted), 'dim');
          ctx.io.err.write(transcript.join(''));
        }
        transcript = [];
      }
    },
    async act(step, g, resumed, sending) {
      const group = await read(g, resumed);
      if (step.kind === 'stop' || step.kind === 'start') return power(step, g, group, sending);
      try {
        if (mode === 'drill') {
          await drill(step, g, group, sending);
          row(g, 'done', t(M.rowDrillReady, { name: g.drill_name ?? '' }));
        } else if (mode === 'failover') {
          await failover(step, g, group, sending);
          row(g, 'done', g.job_ids.length ? t(M.rowFailedOverJob, { job: g.job_ids[g.job_ids.length - 1] }) : t(M.rowFailedOver));
        } else {
          await switchover(step, g, group, sending);
          row(g, 'done', t(M.rowSwitchedOver, { to: g.to ?? '' }));
        }
      } catch (err) {
        groupFailed = true;
        row(g, ctx.signal.aborted ? 'stopped' : 'failed', local(toSdrsError(err).text));
        throw err;
      }
      return 'done';
    },
    async hookEnv() {
      const env: Record<string, string> = {};
      if (mode !== 'drill') return env;
      const drills = allGroups(state).flatMap((g) => state.steps.flatMap((s) => s.groups).filter((x) => x.alias === g.alias && x.drill_id).slice(0, 1));
      const views = await Promise.all(drills.map(async (g) => ({ alias: g.alias, group_id: g.id, drill_id: g.drill_id!, servers: await drillServers(api, await api.getDrill(g.drill_id!)) })));
      env.SDRS_PLAN_DRILLS = JSON.stringify(views);
      const servers = views.flatMap((v) => v.servers);
      env.SDRS_PLAN_DRILL_SERVERS = JSON.stringify(servers);
      env.SDRS_PLAN_DRILL_SERVER_COUNT = String(servers.length);
      servers.forEach((s, i) => {
        env[`SDRS_PLAN_DRILL_SERVER_${i + 1}_NAME`] = s.name ?? '';
        env[`SDRS_PLAN_DRILL_SERVER_${i + 1}_ADDRESS`] = s.addresses[0] ?? '';
      });
      void plan;
      return env;
    },
  };
}

/**
 * Runs (or resumes) a plan: resolves the groups (one listing) and fixes the sites on
 * the first run, runs the engine, cleans up the drills at the end of a drill run
 * (unless kept), and returns the result. The state is saved throughout.
 */
export async function executePlan(ctx: Context, plan: Plan, state: PlanRunState, o: ExecuteOptions): Promise<Result<PlanRunDocument>> {
  const api = await ctx.api();
  const dir = plansDir(ctx.env, ctx.homeDir);
  const save = () => {
    state.updated_at = new Date(ctx.clock.now()).toISOString();
    state.pid = process.pid;
    saveState(dir, state);
  };
  const groups = allGroups(state);
  const fresh = new Map<string, ServerGroup>();
  if (groups.some((g) => !g.id) || !state.production) {
    const found = await resolveGroups(api, groups.map((g) => g.ref));
    for (const g of found) fresh.set(g.id, g);
    const byRef = new Map<string, ServerGroup>();
    for (const g of found) {
      byRef.set(g.id, g);
      byRef.set(g.name, g);
    }
    state.production ??= {};
    for (const s of state.steps) {
      for (const g of s.groups) {
        const it = byRef.get(g.ref);
        if (!it) continue;
        g.id = it.id;
        state.production[g.alias] ??= it.priority_station;
      }
    }
  }
  state.status = 'running';
  delete state.ended_at;
  save();
  sayNow(ctx, t(M.runHeader, { plan: safeLine(plan.name), id: state.run_id, mode: state.mode, file: stateFile(ctx, state.run_id) }), 'bold');

  const ops = groupOps(ctx, api, plan, state.mode, state, o.settings, fresh);
  let end: { error?: SdrsError };
  try {
    end = await runEngine(plan, state.mode, state, ops, {
      now: () => ctx.clock.now(),
      signal: ctx.signal,
      env: ctx.env,
      cwd: ctx.cwd,
      say: (line, tone) => sayNow(ctx, line, tone),
      hookOutput: (b) => ctx.io.err.write(b),
      confirm: (step) => confirmStep(ctx, step, o),
      save,
    });
  } catch (err) {
    end = { error: toSdrsError(err) };
  }

  // Drill mode: the drills go at the end of a run that got through (or kept with --keep).
  if (!end.error && state.mode === 'drill') {
    const drills = state.steps.flatMap((s) => s.groups).filter((g) => g.drill_id);
    const ids = [...new Set(drills.map((g) => g.drill_id!))];
    if (state.keep) state.cleanup = { status: 'kept', drill_ids: ids };
    else if (ids.length > 0 && state.cleanup?.status !== 'done') {
      state.cleanup = { status: 'pending', drill_ids: ids };
      save();
      sayNow(ctx, t(M.cleaningUp, { n: ids.length }), 'bold');
      try {
        await Promise.all(ids.map(async (id) => {
          let d: DisasterRecoveryDrill;
          try {
            d = await api.getDrill(id);
          } catch {
            return; // already gone
          }
          const sent = await sendDelete(ctx, api, d);
          await waitDeleted(ctx, api, o.settings, d, sent);
        }));
        state.cleanup.status = 'done';
      } catch (err) {
        state.cleanup.status = 'failed';
        end.error = toSdrsError(err);
      }
    }
  }

  const stopped = ctx.signal.aborted || (end.error && [ExitCode.INTERRUPTED, ExitCode.TERMINATED, ExitCode.HANGUP].includes(end.error.exitCode as 130));
  const unfinished = state.steps.some((s) => s.status === 'pending' || s.status === 'running' || s.status === 'failed') || state.cleanup?.status === 'failed' || state.cleanup?.status === 'pending';
  // A step that failed with on_failure: continue leaves the run done, with its error's exit code.
  state.status = stopped ? 'interrupted' : unfinished ? 'failed' : 'done';
  state.ended_at = new Date(ctx.clock.now()).toISOString();
  save();
  return planResult(ctx, plan, state, end.error, Boolean(stopped), unfinished);
}

/** A confirm step: --confirm-step NAME, else asked at a terminal, else --yes; else exit 2. */
async function confirmStep(ctx: Context, step: PlanStep, o: ExecuteOptions): Promise<void> {
  if (o.confirmSteps.includes(step.name)) return;
  if (ctx.io.canPrompt) {
    if (await ctx.prompter.confirm(t(M.confirmStepQ, { message: step.message ?? t(M.confirmStepDefault, { name: step.name }) }), false)) return;
    throw new UsageError(text(M.notConfirmed, { name: step.name }));
  }
  if (o.yes) return;
  throw new UsageError(text(M.needsConfirm, { name: step.name, arg: shellArg(step.name) }));
}

/** The names of confirm steps a run without a terminal cannot pass (checked before anything is sent). */
export function unconfirmable(ctx: Context, plan: Plan, o: Pick<ExecuteOptions, 'yes' | 'confirmSteps'>): string[] {
  if (ctx.io.canPrompt || o.yes) return [];
  return plan.steps.filter((s) => s.kind === 'confirm' && !o.confirmSteps.includes(s.name)).map((s) => s.name);
}

/** The document, the table, the journal facts and the error of a run. */
export function planResult(ctx: Context, plan: Plan, state: PlanRunState, error: SdrsError | undefined, stopped: boolean, unfinished: boolean): Result<PlanRunDocument> {
  const started = Date.parse(state.started_at);
  const ended = state.ended_at ? Date.parse(state.ended_at) : undefined;
  const resume = unfinished || stopped ? resumeCommandOf(state.run_id) : null;
  const doc: PlanRunDocument = {
    run_id: state.run_id, plan: state.plan, file: state.file, mode: state.mode, status: state.status,
    started_at: state.started_at, ended_at: state.ended_at ?? null, duration_ms: ended === undefined ? null : ended - started,
    steps: state.steps, cleanup: state.cleanup ?? null, state_file: stateFile(ctx, state.run_id), resume_command: resume,
  };
  const secs = (ms?: number) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)}s`);
  const rows: (string | number | null)[][] = [];
  for (const s of state.steps) {
    rows.push([s.name, s.kind, '', s.status, secs(s.duration_ms), s.exit_code === undefined ? '' : String(s.exit_code)]);
    for (const g of s.groups) rows.push(['', '', g.alias, g.status, secs(g.duration_ms), g.job_ids.join(' ')]);
  }
  const blocks = [
    out(t(M.resultHeader, { plan: safeLine(plan.name), mode: state.mode, id: state.run_id, status: state.status })),
    table([t(M.hStep), t(M.hKind), t(M.hGroup), t(M.hStatus), t(M.hDuration), t(M.hExitJobs)], rows),
  ];
  if (state.cleanup) {
    blocks.push(say(state.cleanup.status === 'kept'
      ? t(M.drillsKept, { commands: state.cleanup.drill_ids.map((id) => `sdrs drill delete ${id} --yes`).join('; ') })
      : t(M.drillsStatus, { status: state.cleanup.status })));
  }
  // A failed run's error gives the resume command as its hint; `plan status` says it here.
  if (resume && !error) blocks.push(note(t(M.resumeWith, { command: resume })));
  const journal: JournalFacts = {
    kind: 'plan',
    groups: allGroups(state).filter((g) => g.id).map((g) => ({ id: g.id!, name: g.ref })),
    phases: state.steps.filter((s) => s.started_at).map((s) => ({
      name: s.name, started_at: s.started_at!, ...(s.ended_at ? { ended_at: s.ended_at } : {}),
      result: s.status === 'done' || s.status === 'skipped' ? 'ok' : s.status === 'running' || s.status === 'pending' ? 'unfinished' : 'failed',
    })),
    extra: { run_id: state.run_id, plan: state.plan, mode: state.mode, status: state.status },
  };
  if (!error) {
    blocks.push(say(t(M.finished, { plan: safeLine(plan.name), mode: state.mode, time: secs(doc.duration_ms ?? undefined) }), 'ok'));
    return { data: doc, blocks, journal };
  }
  let e: SdrsError;
  if (stopped) {
    const inFlight = state.steps.flatMap((s) => s.groups).filter((g) => g.status === 'sent');
    const list = inFlight.map((g) => `${g.alias}${g.job_ids.length ? ` (job ${g.job_ids.join(', ')})` : ''}`).join(', ');
    e = new InterruptedError(text(inFlight.length ? M.planStoppedInFlight : M.planStopped, { plan: safeLine(plan.name), list }), {
      signal: stopSignalOf(ctx.signal.reason), hint: text(M.resumeWith, { command: resume }), details: { run_id: state.run_id, in_flight: inFlight.map((g) => ({ alias: g.alias, id: g.id, job_ids: g.job_ids })) },
    });
  } else {
    // Once anything was sent, an ending never says "nothing changed" (2, 3, 4): a declined confirm step is 5.
    const sent = state.steps.some((st) => st.groups.some((g) => g.job_ids.length > 0 || g.status === 'sent' || g.status === 'done'));
    const kept = error.exitCode === ExitCode.VERIFY_FAILED || error.exitCode === ExitCode.TIMEOUT || error.exitCode === ExitCode.UNREACHABLE || (!sent && error.exitCode === ExitCode.USAGE);
    e = new SdrsError(kept ? error.code : 'PLAN_STEP_FAILED', kept ? error.exitCode : ExitCode.JOB_FAILED,
      text(M.planFailed, { plan: safeLine(plan.name), message: error.text }), { hint: resume ? text(M.fixThenResume, { command: resume }) : error.hintText, details: { ...error.details, run_id: state.run_id } });
  }
  return { data: doc, blocks, journal, error: e };
}
