/**
 * The planned switchover in one command:
 * `sdrs group reverse <group> --to <side> [--stop-servers] [--start-servers]`.
 * Stop the servers at the current production site (until SHUTOFF), reverse
 * (until protected on the new side), start the servers there. Each phase is
 * reported with its duration. A failed phase ends the run with where everything
 * is and what to run next; nothing is retried. Re-running the same command
 * resumes: finished phases are no-ops.
 */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { Server, ServerGroup, Station } from '../../api/types.js';
import { ExitCode, SdrsError, toSdrsError, safeLine } from '../../errors.js';
import { formatElapsed } from '../../watch/progress.js';
import { confirmOrCancel } from '../shared/confirm.js';
import { loginNoteBlocks } from '../shared/login-note.js';
import { dryRun, followSent, nothingToDo, nothingToSend, sendOrFollow } from '../shared/mutation.js';
import { result, say, type JournalFacts, type Result } from '../shared/output.js';
import { powerServers } from '../shared/power.js';
import { asFinal, isFinal } from '../shared/sent.js';
import { journalFacts } from '../shared/journal.js';
import { azOf, otherSide, refOf } from '../shared/sites.js';
import { readServers, serverAt } from '../shared/snapshot.js';
import { mark, say as sayNow, tint } from '../shared/ui.js';
import { watch, type WaitSettings } from '../shared/wait.js';
import { preflightOrThrow, withChecks } from './preflight.js';
import { reconcileReverse, reverseAction, reverseLabelText, reverseWatch } from './reverse-request.js';
import { local, t, text, type Text } from '../../i18n/index.js';
import { joinList } from '../../i18n/compose.js';
import { reverse as M } from '../../i18n/catalog/reverse.js';
import { server as SM } from '../../i18n/catalog/readiness.js';

/** Options after flag validation. */
export interface SwitchoverOptions {
  to: Station;
  stopServers: boolean;
  startServers: boolean;
  dryRun: boolean;
  yes: boolean;
  skipChecks: boolean;
  settings: WaitSettings;
  /** Called with each job id (the stop's, the reverse's, the start's) as soon as it is known. */
  onJob?: (jobId: string) => void;
  /** Called as each phase starts (a plan's live board shows it). */
  onPhase?: (phase: PhaseName, index: number, total: number) => void;
}

/** The phases, in order. */
export type PhaseName = 'stop-servers' | 'reverse' | 'start-servers';

/** One phase as reported in error details (`phases`). */
export interface PhaseReport {
  phase: PhaseName;
  status: 'done' | 'failed' | 'not-run';
  duration_ms: number | null;
}

/** What a run knows while it goes. */
interface Run {
  group: ServerGroup;
  from: Station;
  o: SwitchoverOptions;
  /** Server ids at the production site when the run began, and at the side production moves to. */
  fromIds: string[];
  toIds: string[];
  plan: PhaseName[];
  reports: PhaseReport[];
}

/**
 * The longest pause between polls while production is down (after the stop phase, through the
 * reverse and the start): the end of each job is seen within 2 s, not up to the normal 30 s cap.
 */
export const DOWN_POLL_CAP_MS = 2_000;

const seconds = (ms: number) => (ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : formatElapsed(ms));
const known = (m: Map<string, Server | null>, ids: string[]) => ids.map((id) => m.get(id)).filter((s): s is Server => Boolean(s));

/** Runs the phases for one group (the group reverse single-group path hands over here). */
export async function runSwitchover(ctx: Context, api: SdrsApi, group: ServerGroup, o: SwitchoverOptions): Promise<Result> {
  const from = group.priority_station;
  const to = o.to;
  const already = from === to && group.status === 'protected';
  if (already && !o.startServers) {
    const what = text(M.alreadyThere, { name: safeLine(group.name), to, az: azOf(group, to) });
    return o.dryRun ? nothingToSend(what.en, what) : nothingToDo(what, group);
  }
  if (already) sayNow(ctx, t(M.soAlready, { name: safeLine(group.name), to, az: azOf(group, to) }));
  else if (o.skipChecks) sayNow(ctx, t(M.checksSkipped), 'warn');
  // Before anything is stopped: a refused check (a broken replication link...) leaves production running.
  const checked = already || o.skipChecks ? undefined : await preflightOrThrow(ctx, api, group, to, { stopServers: o.stopServers });

  const instances = await api.listAllInstances({ server_group_id: group.id });
  const plan: PhaseName[] = [
    ...(o.stopServers && !already ? (['stop-servers'] as const) : []),
    ...(already ? [] : (['reverse'] as const)),
    ...(o.startServers ? (['start-servers'] as const) : []),
  ];
  const run: Run = {
    group, from, o, plan,
    fromIds: instances.map((i) => serverAt(i, from)).filter(Boolean),
    toIds: instances.map((i) => serverAt(i, to)).filter(Boolean),
    reports: plan.map((phase) => ({ phase, status: 'not-run', duration_ms: null })),
  };
  const servers = await readServers(api, [...run.fromIds, ...run.toIds]);
  const stopSet = known(servers, run.fromIds);
  const startSet = known(servers, run.toIds);

  if (o.dryRun) {
    const off = stopSet.filter((s) => s.status !== 'SHUTOFF').map((s) => s.id);
    const on = startSet.filter((s) => s.status !== 'ACTIVE').map((s) => s.id);
    const dry = dryRun([
      ...(plan.includes('stop-servers') && off.length ? [await api.prepareServerAction('os-stop', off)] : []),
      ...(plan.includes('reverse') ? [await api.prepareGroupAction(group.id, reverseAction(to))] : []),
      ...(plan.includes('start-servers') && on.length ? [await api.prepareServerAction('os-start', on)] : []),
    ]);
    return withChecks(dry, checked);
  }
  const steps = plan.map((ph) => t(title(run, ph, ph === 'stop-servers' ? stopSet.length : startSet.length)));
  await confirmOrCancel(ctx, o.yes, t(M.soConfirm, { name: safeLine(group.name), steps: steps.join(t(M.soThen)) }), text(M.verbSwitchover));

  let final = group;
  const began = ctx.clock.now();
  // Production is down from the stop phase on (the reverse needs it stopped) until the start phase ends.
  const down: WaitSettings = { ...o.settings, pollCapMs: Math.min(o.settings.pollCapMs ?? Infinity, DOWN_POLL_CAP_MS) };
  // The journal's facts (docs/journal.md), updated as each phase starts and ends, so a failed run keeps them too.
  const facts = journalPhases(ctx, group);
  for (const [i, phase] of plan.entries()) {
    const t0 = ctx.clock.now();
    facts.begin(phase, t0);
    sayNow(ctx, t(M.soPhase, { i: i + 1, n: plan.length, title: steps[i] }), 'bold');
    o.onPhase?.(phase, i, plan.length);
    try {
      if (phase === 'stop-servers') await powerServers(ctx, api, stopSet, 'stop', { settings: o.settings, onJob: o.onJob, label: `Stopping ${stopSet.length} server(s) at ${azOf(group, from)}`, labelText: text(SM.opStoppingAt, { n: stopSet.length, az: azOf(group, from) }) });
      else if (phase === 'reverse') final = await reverse(ctx, api, group, to, down, o.onJob);
      else await powerServers(ctx, api, startSet, 'start', { settings: down, onJob: o.onJob, label: `Starting ${startSet.length} server(s) at ${azOf(group, to)}`, labelText: text(SM.opStartingAt, { n: startSet.length, az: azOf(group, to) }) });
    } catch (err) {
      run.reports[i] = { phase, status: 'failed', duration_ms: ctx.clock.now() - t0 };
      facts.end(ctx.clock.now(), ctx.signal.aborted ? 'unfinished' : 'failed');
      throw await phaseFailure(ctx, api, run, i, err);
    }
    run.reports[i] = { phase, status: 'done', duration_ms: ctx.clock.now() - t0 };
    facts.end(ctx.clock.now(), 'ok');
    sayNow(ctx, `  ${mark(ctx, true)} ${t(M.soPhaseDone, { phase, took: seconds(run.reports[i].duration_ms!) })}`);
  }
  sayNow(ctx, t(M.soFinished, { name: safeLine(group.name), took: seconds(ctx.clock.now() - began), phases: joinList(run.reports.map((r) => `${r.phase} ${seconds(r.duration_ms!)}`)) }));
  if (already) final = await api.getGroup(group.id);
  return result(
    final,
    say(tint(ctx, 'ok', t(M.doneLead, { az: azOf(final, to), to })) + t(M.doneRestSwitchover, { name: safeLine(final.name), status: final.status, a: azOf(final, to), b: azOf(final, otherSide(to)) })),
    ...loginNoteBlocks(ctx, to, o.startServers ? 'started' : 'not-started'),
  );
}

/**
 * The switchover's facts for the local journal: each phase with its times, and the
 * downtime of a planned switchover that stopped and started the servers itself: from
 * the stop request of the production servers (the earliest they can go down) to the
 * last DR-site server ACTIVE. Without both of those phases the downtime is not known
 * to this run (the servers were stopped, or are started, outside it) and is left out.
 */
function journalPhases(ctx: Context, group: ServerGroup) {
  const phases: NonNullable<JournalFacts['phases']> = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const publish = () => {
    const stop = phases.find((p) => p.name === 'stop-servers' && p.result === 'ok');
    const start = phases.find((p) => p.name === 'start-servers' && p.result === 'ok');
    const downtime = stop && start?.ended_at ? Date.parse(start.ended_at) - Date.parse(stop.started_at) : undefined;
    journalFacts(ctx, { kind: 'switchover', groups: [{ id: group.id, name: group.name }], phases: [...phases], ...(downtime !== undefined ? { downtime_ms: downtime } : {}) });
  };
  publish();
  return {
    begin(name: PhaseName, at: number) {
      phases.push({ name, group: group.name, started_at: iso(at), result: 'unfinished' });
      publish();
    },
    end(at: number, r: 'ok' | 'failed' | 'unfinished') {
      const p = phases[phases.length - 1];
      p.ended_at = iso(at);
      p.result = r;
      publish();
    },
  };
}

/** The reverse phase: sent once (an unknown outcome is reconciled, never re-sent), watched until protected on `to`. */
async function reverse(ctx: Context, api: SdrsApi, group: ServerGroup, to: Station, settings: WaitSettings, onJob?: (jobId: string) => void): Promise<ServerGroup> {
  const req = reverseWatch(group, to);
  const sent = await sendOrFollow(ctx, {
    operation: req.label,
    operationText: reverseLabelText(group, to),
    send: () => api.groupAction(group.id, reverseAction(to)),
    reconcile: reconcileReverse(api, group, to),
    checkHint: `sdrs group show ${group.id}`,
    details: { group: group.name, group_id: group.id },
  });
  if (sent.kind === 'job') onJob?.(sent.jobId);
  // The answer was lost but the group shows the reverse made or under way: followed by its status.
  const watched = sent.kind === 'job' ? await watch(ctx, api, settings, { jobId: sent.jobId, ...req, label: local(reverseLabelText(group, to)) }) : await followSent(ctx, api, settings, sent);
  return (watched.group as ServerGroup | undefined) ?? (await api.getGroup(group.id));
}

function title(run: Run, phase: PhaseName, n: number): Text {
  const g = run.group;
  if (phase === 'stop-servers') return text(M.soStopTitle, { n, az: azOf(g, run.from), station: run.from });
  if (phase === 'reverse') return text(M.soReverseTitle, { fromAz: azOf(g, run.from), from: run.from, toAz: azOf(g, run.o.to), to: run.o.to });
  return text(M.soStartTitle, { n, az: azOf(g, run.o.to), station: run.o.to });
}

/** The command that re-runs (and so resumes) this switchover. */
function rerun(run: Run): string {
  return `sdrs group reverse ${refOf(run.group)} --to ${run.o.to}${run.o.stopServers ? ' --stop-servers' : ''}${run.o.startServers ? ' --start-servers' : ''} --yes`;
}

/** The phase's error, keeping its code and exit code, with the state of everything and the next step. */
async function phaseFailure(ctx: Context, api: SdrsApi, run: Run, index: number, err: unknown): Promise<SdrsError> {
  const e = toSdrsError(err);
  const phase = run.plan[index];
  const g = run.group;
  const to = run.o.to;
  const fromAz = azOf(g, run.from);
  const toAz = azOf(g, to);
  let now: ServerGroup | undefined;
  let servers = new Map<string, Server | null>();
  if (!ctx.signal.aborted) {
    try {
      // Where things are now; best effort (the service may be what failed).
      now = await api.getGroup(g.id);
      servers = await readServers(api, [...run.fromIds, ...run.toIds]);
    } catch {
      // Described as unknown below.
    }
  }
  const power = (ids: string[]): Text => {
    const list = known(servers, ids);
    return list.length ? { en: list.map((s) => `${safeLine(s.name)} ${s.status}`).join(', '), zh: list.map((s) => `${safeLine(s.name)} ${s.status}`).join('、') } : text(M.soNotRead);
  };
  const state = now
    ? text(M.soState, {
        name: safeLine(g.name), status: now.status, station: now.priority_station, az: azOf(now, now.priority_station),
        fromAz, fromPower: power(run.fromIds), toAz, toPower: power(run.toIds),
      })
    : text(ctx.signal.aborted ? M.soStateUnreadInterrupted : M.soStateUnread, { ref: refOf(g) });
  const startFrom = `sdrs server start ${run.fromIds.join(' ')}`;
  let next: Text;
  if (phase === 'stop-servers') {
    next = text(M.soNextStop, { az: fromAz, rerun: rerun(run), startFrom });
  } else if (phase === 'reverse') {
    const jobId = typeof e.details.job_id === 'string' ? e.details.job_id : undefined;
    const down: Text = run.plan.includes('stop-servers') ? text(M.soDown, { az: fromAz }) : { en: '', zh: '' };
    const signalled = e.exitCode === ExitCode.INTERRUPTED || e.exitCode === ExitCode.TERMINATED || e.exitCode === ExitCode.HANGUP;
    if (e.exitCode === ExitCode.TIMEOUT || (signalled && jobId)) {
      next = text(M.soNextRunning, {
        job: jobId ? { en: ` ${jobId}`, zh: ` ${jobId} ` } : { en: '', zh: '' }, down,
        wait: jobId ? `sdrs job wait ${jobId}` : `sdrs group status ${refOf(g)} --watch`, rerun: rerun(run),
      });
    } else if (e.exitCode === ExitCode.UNREACHABLE || signalled) {
      next = text(M.soNextUnknown, { down, ref: refOf(g) });
    } else {
      next = text(M.soNextFailed, {
        down, rerun: rerun(run), retry: now?.status === 'error-reversing' ? text(M.soRetry) : { en: '', zh: '' }, az: fromAz, startFrom,
      });
    }
  } else {
    const off = known(servers, run.toIds).filter((s) => s.status !== 'ACTIVE').map((s) => s.id);
    next = text(M.soNextStart, { az: toAz, to, ids: (off.length ? off : run.toIds).join(' ') });
  }
  // The reverse phase's own hint ("retry the reverse") is replaced by the fuller next step.
  const lines = [state, phase === 'reverse' ? undefined : e.hintText, text(M.soNext, { next })].filter((x): x is Text => Boolean(x?.en));
  const hint: Text = { en: lines.map((l) => l.en).join('\n'), zh: lines.map((l) => l.zh).join('\n') };
  const out = new SdrsError(e.code, e.exitCode, text(M.soStopped, { name: safeLine(g.name), i: index + 1, n: run.plan.length, phase, message: e.text }), {
    hint,
    details: { ...e.details, group_id: g.id, phase, phases: run.reports, ...(now ? { group_status: now.status, priority_station: now.priority_station } : {}) },
    cause: err,
  });
  // Already in the after-send form (or a refusal of the phase's request): reported as it is.
  return isFinal(e) ? asFinal(out) : out;
}
