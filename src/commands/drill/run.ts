/**
 * `sdrs drill run <group>`: the whole rehearsal in one command.
 *
 *   pre-flight (exit 3, nothing sent) -> create the drill and watch its job
 *   -> wait until every drill server is ACTIVE (the drill's recovery time ends here)
 *   -> run --verify (exit 9 when it fails or times out) -> delete the drill and watch (unless --keep)
 *
 * Each phase's start, end and duration are reported, for people and in --json, and handed to
 * the journal (`result.journal`). A failure at any phase says what exists now and the exact
 * cleanup command. The drill has a deterministic name (`sdrs-run-<group name>`, or --name), so
 * running the same command again after an interruption finds the drill it created and
 * carries on from its status. An `available` drill is carried on with only when the local
 * journal shows the run that made it did not finish; one kept with --keep is refused (exit 3).
 */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { CreateDrillBody, DisasterRecoveryDrill, ServerGroup } from '../../api/types.js';
import { ExitCode, InterruptedError, PreconditionError, SdrsError, UnknownOutcomeError, UsageError, stopSignalOf, toSdrsError, safeLine } from '../../errors.js';
import { parseDuration } from '../../config/duration.js';
import { AKSK_FAMILIES, AUTH_TOKEN_VARS } from '../../config/env.js';
import { stripUserinfo } from '../../journal/scrub.js';
import { journalPath, readJournal } from '../../journal/store.js';
import { foldOperations, type Operation } from '../../journal/operations.js';
import { nameProblem, requireGroupRef, requireName, requireRef } from '../../validate.js';
import { bind, examples, parseWaitFlags, YES, type RunF, type Runner, type WaitFlags } from '../shared/command.js';
import { note, out, say, table, type JournalFacts, type Result } from '../shared/output.js';
import { confirmOrCancel, requireYes } from '../shared/confirm.js';
import { dryRun } from '../shared/mutation.js';
import { journalFacts } from '../shared/journal.js';
import { isAlive } from '../shared/journal-read.js';
import { afterSendError, asFinal, changesMade, isFinal } from '../shared/sent.js';
import { follow, waitSettings } from '../shared/wait.js';
import { say as sayNow } from '../shared/ui.js';
import { cleanupCommand, deleteEffects, drillPreflight, pickGroup, type DrillServerView } from './common.js';
import { join, t, text, type Text } from '../../i18n/index.js';
import { drillMsg as M } from '../../i18n/catalog/drill.js';
import { drillFollow, isDrillGone, sendCreate, sendDelete, serversFollow, waitCreated, waitDeleted } from './submit.js';

/** Default limit of the --verify command. */
export const DEFAULT_VERIFY_TIMEOUT_MS = 10 * 60_000;

/** The options of one run. */
export interface RunOptions {
  /** Asked for at a terminal when undefined. */
  group?: string;
  /** The drill's name; default `sdrs-run-<group name>` (how a re-run finds it). */
  name?: string;
  /** Drill VPC id or name; undefined: the service creates one. */
  vpc?: string;
  /** A shell command that checks the drill servers; its exit code decides the result. */
  verify?: string;
  verifyTimeoutMs: number;
  /** Leave the drill in place (no cleanup). */
  keep: boolean;
  yes: boolean;
  dryRun: boolean;
  /** The limits of each wait (create job, drill servers, delete job); always waits. */
  wait: WaitFlags;
}

/** What commander parses. */
interface RunFlags {
  name?: string;
  vpc?: string;
  verify?: string;
  verifyTimeout?: string;
  keep?: boolean;
  yes?: boolean;
  dryRun?: boolean;
  timeout?: string;
  interval?: string;
}

/** Flags to options (exit 2 on bad values). */
export function parseRun(args: string[], f: RunFlags): RunOptions {
  if (f.verify !== undefined && f.verify.trim() === '') throw new UsageError(text(M.verifyEmpty));
  if (f.verifyTimeout !== undefined && f.verify === undefined) throw new UsageError(text(M.verifyTimeoutAlone));
  const verifyTimeoutMs = f.verifyTimeout === undefined ? DEFAULT_VERIFY_TIMEOUT_MS : parseDuration(String(f.verifyTimeout), '--verify-timeout');
  if (verifyTimeoutMs <= 0) throw new UsageError(text(M.verifyTimeoutZero));
  return {
    group: args[0] === undefined ? undefined : requireGroupRef(args[0]),
    name: f.name === undefined ? undefined : requireName('--name', f.name),
    vpc: f.vpc === undefined ? undefined : requireRef('VPC', f.vpc),
    verify: f.verify,
    verifyTimeoutMs,
    keep: f.keep === true,
    yes: f.yes === true,
    dryRun: f.dryRun === true,
    wait: parseWaitFlags({ timeout: f.timeout, interval: f.interval }),
  };
}

/** `drill run`'s flags, help and wiring. */
export function registerRun(drill: Command, run: Runner, runF: RunF<RunOptions> = runRun): Command {
  const cmd = drill
    .command('run')
    .description('rehearse a recovery in one command: pre-flight, create a drill, wait for its servers, run --verify, delete it; reports the recovery time')
    .argument('[group]', 'group id or exact, unique name (asked for at a terminal)')
    .option('--verify <shell-command>', 'check the drill servers: run with SDRS_DRILL_ID, SDRS_GROUP_ID, SDRS_DRILL_SERVERS (JSON) and SDRS_DRILL_SERVER_<n>_NAME/_ADDRESS in the environment and the same as JSON on stdin (without the credential variables sdrs reads); a non-zero exit fails the drill (exit 9)')
    .option('--verify-timeout <duration>', 'limit of the --verify command (default: 10m)')
    .option('--keep', 'keep the drill (and its servers) at the end instead of deleting it')
    .option('--name <name>', 'drill name (default: sdrs-run-<group name>; a re-run finds the drill by it and carries on)')
    .option('--vpc <id-or-name>', "drill VPC: same CIDR as the group's VPC, with subnets, not the group's VPC (default: the service creates one)")
    .option('-y, --yes', YES)
    .option('--dry-run', 'run the pre-flight checks, print the create request (secrets redacted) and send nothing')
    .option('--timeout <duration>', 'limit of each wait (the create job, the drill servers, the delete job): 90s, 10m, 1h; 0 = no limit (default: 30m)')
    .option('--interval <duration>', 'first poll interval; later polls back off (default: 1s)');
  examples(cmd, [
    '$ sdrs drill run erp --yes --verify \'curl -fsS "http://$SDRS_DRILL_SERVER_1_ADDRESS:8080/health"\'',
    '$ sdrs drill run erp --yes --json | jq .recovery_ms',
    '$ sdrs drill run erp --yes --verify ./check-drill.sh || echo "drill failed: exit $?"',
  ]);
  return bind(cmd, run, parseRun, runF);
}

/** The drill name a run uses when --name is not given: the same for every run of a group. */
export function runName(g: Pick<ServerGroup, 'id' | 'name'>): string {
  const byName = `sdrs-run-${g.name}`;
  return nameProblem(byName) === undefined ? byName : `sdrs-run-${g.id}`;
}

/** One phase of the run. */
export interface Phase {
  name: 'preflight' | 'earlier-cleanup' | 'create' | 'servers' | 'verify' | 'cleanup';
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  result: 'ok' | 'failed' | 'unfinished' | 'resumed';
}

/** What the --verify command did. */
export interface VerifyResult {
  command: string;
  exit_code: number | null;
  signal: string | null;
  timed_out: boolean;
  duration_ms: number;
  passed: boolean;
  /** Why the command could not be run at all. */
  error?: string;
}

/** The `drill run --json` document. */
export interface RunDocument {
  group: { id: string; name: string; status_before: string; status_after: string | null; production_before: string; production_after: string | null };
  drill: { id: string; name: string; drill_vpc_id: string; status: string };
  servers: DrillServerView[];
  /** True when an earlier run's drill was found and carried on. */
  resumed: boolean;
  /** From this run's create request to every drill server ACTIVE; null when it carried on with an earlier run's drill. */
  recovery_ms: number | null;
  phases: Phase[];
  verify: VerifyResult | null;
  kept: boolean;
  /** When the drill is left in place (--keep): the command that deletes it. */
  cleanup_command: string | null;
  result: 'passed' | 'verify-failed';
}

/** Tracks the phases as they run. */
class Phases {
  readonly list: Phase[] = [];
  private startedAt = 0;
  constructor(private readonly ctx: Context) {}
  start(name: Phase['name'], title: string): void {
    this.startedAt = this.ctx.clock.now();
    this.list.push({ name, started_at: new Date(this.startedAt).toISOString(), ended_at: null, duration_ms: null, result: 'unfinished' });
    sayNow(this.ctx, `\n▶ ${title}`, 'bold');
  }
  end(result: Phase['result'] = 'ok'): void {
    const p = this.list[this.list.length - 1];
    if (!p || p.ended_at !== null) return;
    const now = this.ctx.clock.now();
    p.ended_at = new Date(now).toISOString();
    p.duration_ms = now - this.startedAt;
    p.result = result;
  }
  current(): Phase | undefined {
    const p = this.list[this.list.length - 1];
    return p && p.ended_at === null ? p : undefined;
  }
}

/** Runs the rehearsal. */
export async function runRun(ctx: Context, o: RunOptions): Promise<Result<RunDocument>> {
  requireYes(ctx, o.yes || o.dryRun, text(M.yesRun));
  const { formatElapsed: coarse } = await import('../../watch/progress.js');
  // Durations to a tenth of a second under a minute: a drill's recovery time is the measurement.
  const formatElapsed = (ms: number) => (ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : coarse(ms));
  const api = await ctx.api();
  const g0 = await pickGroup(ctx, api, o.group, 'rehearse');
  const name = o.name ?? runName(g0);
  const settings = await waitSettings(ctx, o.wait);
  const phases = new Phases(ctx);

  // A drill of this name in the group is the one an earlier run created: carry on from its status.
  phases.start('preflight', t(M.phasePreflight, { group: safeLine(g0.name) }));
  const earlier = (await api.listAllDrills({ server_group_id: g0.id, name })).filter((d) => d.name === name && d.server_group_id === g0.id);
  if (earlier.length > 1) {
    throw new PreconditionError('PREFLIGHT_FAILED', text(M.manyDrills, { group: safeLine(g0.name), n: earlier.length, name }), {
      hint: text(M.manyDrillsHint, { id: g0.id }), details: { drill_ids: earlier.map((d) => d.id) },
    });
  }
  const found = earlier[0];
  if (found && (found.status === 'error' || found.status === 'error-deleting')) {
    throw new PreconditionError('PREFLIGHT_FAILED', text(M.earlierInError, { drill: safeLine(found.name), id: found.id, status: found.status }), {
      hint: text(M.earlierInErrorHint, { id: found.id, cleanup: cleanupCommand(found) }),
      details: { drill_id: found.id, drill_status: found.status, cleanup_command: cleanupCommand(found) },
    });
  }
  if (found?.status === 'deleting' && !o.dryRun) {
    phases.list.pop(); // the look-up so far belongs to the pre-flight that follows the wait
    phases.start('earlier-cleanup', t(M.phaseEarlierCleanup, { drill: safeLine(found.name) }));
    await follow(ctx, settings, drillFollow(api, found.id, 'gone'));
    phases.end();
    phases.start('preflight', t(M.phasePreflight, { group: safeLine(g0.name) }));
  }
  if (found?.status === 'available') refuseUnlessUnfinished(ctx, g0, name, found);
  const resuming = found && (found.status === 'creating' || found.status === 'available') ? found : undefined;
  let vpc: string | undefined;
  if (resuming) {
    sayNow(ctx, t(M.carryingOn, { drill: safeLine(resuming.name), id: resuming.id, status: resuming.status }));
  } else {
    vpc = (await drillPreflight(ctx, api, g0, o.vpc)).vpc?.id;
  }
  phases.end();

  const body: CreateDrillBody = { server_group_id: g0.id, name, ...(vpc ? { drill_vpc_id: vpc } : {}) };
  if (o.dryRun) {
    const r = resuming ? dryRun(await api.prepareDeleteDrill(resuming.id)) : dryRun(await api.prepareCreateDrill(body));
    const v = o.verify !== undefined;
    r.blocks.push(note(resuming
      ? t(v ? (o.keep ? M.dryResumeVerifyKeep : M.dryResumeVerify) : o.keep ? M.dryResumeKeep : M.dryResume, { drill: safeLine(resuming.name) })
      : t(v ? (o.keep ? M.dryCreateVerifyKeep : M.dryCreateVerify) : o.keep ? M.dryCreateKeep : M.dryCreate)));
    return r as Result<RunDocument>;
  }
  await confirmOrCancel(ctx, o.yes,
    t(M.confirmRun, {
      group: safeLine(g0.name),
      what: resuming ? text(M.confirmCarryOn, { drill: safeLine(resuming.name) }) : vpc ? text(M.confirmCreateInVpc, { name, vpc }) : text(M.confirmCreateNewVpc, { name }),
      verify: o.verify ? text(M.confirmVerify) : '',
      keep: text(o.keep ? M.confirmKeep : M.confirmDelete),
    }),
    text(M.verbDrillRun));

  let drill: DisasterRecoveryDrill | undefined = resuming;
  let servers: DrillServerView[] = [];
  /** Where the recovery time starts: this run's create request (none when it carries on with an earlier run's drill). */
  let startedAt: number | undefined;
  // Kept in the journal even if the run ends badly: how a later run tells this run's drill, unfinished, from a kept one.
  const facts = (drillId?: string) => journalFacts(ctx, {
    kind: 'drill', groups: [{ id: g0.id, name: g0.name }], extra: { drill_name: name, ...(drillId ? { drill_id: drillId } : {}), resumed: resuming !== undefined },
  });
  facts(resuming?.id);
  try {
    phases.start('create', resuming ? t(M.phaseCreateExists, { name, status: resuming.status }) : t(M.phaseCreate, { name, group: safeLine(g0.name) }));
    if (resuming?.status === 'creating') {
      drill = (await follow(ctx, settings, drillFollow(api, resuming.id, 'available'))).value;
    } else if (!resuming) {
      startedAt = ctx.clock.now();
      const sent = await sendCreate(ctx, api, g0, body);
      drill = await waitCreated(ctx, api, settings, g0, name, sent);
    }
    phases.end(resuming ? 'resumed' : 'ok');
    const d = drill!;
    if (!resuming) facts(d.id);

    phases.start('servers', t(M.phaseServers, { n: d.drill_servers.length }));
    const ready = await follow(ctx, settings, serversFollow(api, d));
    drill = ready.value.drill;
    servers = ready.value.servers;
    const readyAt = ctx.clock.now();
    phases.end();
    const recoveryMs = startedAt === undefined ? null : Math.max(0, readyAt - startedAt);
    sayNow(ctx, servers.length
      ? t(M.serversReady, { list: servers.map((s) => `${safeLine(s.name ?? s.drill_server_id)} ${s.addresses[0] ?? t(M.noAddress)}`).join(', ') })
      : t(M.serversReadyNone));
    if (recoveryMs !== null) sayNow(ctx, t(M.recoveryTime, { time: formatElapsed(recoveryMs) }), 'ok');

    let verify: VerifyResult | null = null;
    if (o.verify !== undefined) {
      phases.start('verify', t(M.phaseVerify, { command: o.verify }));
      verify = await runVerify(ctx, o.verify, o.verifyTimeoutMs, g0, d, servers);
      phases.end(verify.passed ? 'ok' : 'failed');
      sayNow(ctx, verify.passed ? t(M.verifyPassed)
        : verify.error ? t(M.verifyError, { error: verifyErrorText(verify.error) })
        : verify.timed_out ? t(M.verifyTimedOut, { time: formatElapsed(o.verifyTimeoutMs) })
        : verify.signal ? t(M.verifyFailedSignal, { signal: verify.signal })
        : t(M.verifyFailedExit, { code: verify.exit_code }), verify.passed ? 'ok' : 'bad');
    }

    if (!o.keep) {
      phases.start('cleanup', t(M.phaseCleanup, { drill: safeLine(d.name), effects: deleteEffects(d) }));
      const sent = await sendDelete(ctx, api, d);
      await waitDeleted(ctx, api, settings, d, sent);
      phases.end();
    }

    const gAfter = await api.getGroup(g0.id).catch(() => undefined);
    const doc: RunDocument = {
      group: {
        id: g0.id, name: g0.name, status_before: g0.status, status_after: gAfter?.status ?? null,
        production_before: g0.priority_station, production_after: gAfter?.priority_station ?? null,
      },
      drill: { id: d.id, name: d.name, drill_vpc_id: d.drill_vpc_id, status: o.keep ? drill!.status : 'deleted' },
      servers,
      resumed: resuming !== undefined,
      recovery_ms: recoveryMs,
      phases: phases.list,
      verify,
      kept: o.keep,
      cleanup_command: o.keep ? cleanupCommand(d) : null,
      result: verify && !verify.passed ? 'verify-failed' : 'passed',
    };
    return runResult(doc, formatElapsed, o.verifyTimeoutMs);
  } catch (err) {
    const p = phases.current();
    if (p) phases.end(ctx.signal.aborted ? 'unfinished' : 'failed');
    throw await failedAt(ctx, api, p?.name ?? 'create', err, { group: g0, name, drill, phases: phases.list });
  }
}

/**
 * An `available` drill of the run's name is carried on with only when the journal shows the
 * `drill run` that made it did not finish (interrupted, killed, or failed after the create).
 * A drill kept on purpose (--keep), one made by another command, or one this machine's
 * journal does not know is refused (exit 3, nothing sent) with its cleanup command: taking it
 * over would report a drill this run did not build as passed.
 */
function refuseUnlessUnfinished(ctx: Context, g: ServerGroup, name: string, found: DisasterRecoveryDrill): void {
  const earlier = earlierRunOf(ctx, g, name, found.id);
  if (earlier && (earlier.state === 'unfinished' || (earlier.state === 'finished' && earlier.exit_code !== ExitCode.OK && earlier.exit_code !== ExitCode.VERIFY_FAILED))) return;
  const who = { drill: safeLine(found.name), id: found.id, group: safeLine(g.name) };
  const message = !earlier
    ? text(M.takeOverNoRun, who)
    : earlier.state === 'running'
      ? text(M.takeOverRunning, { ...who, pid: earlier.pid, started: earlier.started_at })
      : text(M.takeOverKept, { ...who, when: earlier.ended_at ?? earlier.started_at });
  throw new PreconditionError('PREFLIGHT_FAILED', message, {
    hint: earlier?.state === 'running'
      ? text(M.takeOverRunningHint)
      : text(M.takeOverHint, { cleanup: cleanupCommand(found) }),
    details: { drill_id: found.id, drill_status: found.status, cleanup_command: cleanupCommand(found), group_id: g.id, ...(earlier ? { earlier_run: earlier.run } : {}) },
  });
}

/** The newest `drill run` in the journal that made (or was carrying on with) drill `drillId` of this name; undefined when unreadable. */
function earlierRunOf(ctx: Context, g: ServerGroup, name: string, drillId: string): Operation | undefined {
  let ops: Operation[];
  try {
    ops = foldOperations(readJournal(journalPath(ctx.env, ctx.homeDir)).records, isAlive);
  } catch {
    return undefined;
  }
  return ops.find((op) => {
    if (op.command !== 'drill run' || !op.groups.some((x) => x.id === g.id)) return false;
    const id = op.extra?.drill_id;
    if (typeof id === 'string') return id === drillId;
    // Before its drill id was known (or killed before its end record): by the drill name it used.
    // Only a run that got as far as sending (a refusal or a dry run made no drill).
    if (typeof op.extra?.drill_name === 'string') return op.extra.drill_name === name;
    return (op.jobs.length > 0 || op.state !== 'finished') && (argvName(op.argv) ?? runName(g)) === name;
  });
}

/** The value of --name in a journaled command line. */
function argvName(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--name') return argv[i + 1];
    if (argv[i].startsWith('--name=')) return argv[i].slice('--name='.length);
  }
  return undefined;
}

/** The result: the phases and the recovery time for people, the document for --json; exit 9 when verify failed. */
function runResult(doc: RunDocument, formatElapsed: (ms: number) => string, verifyTimeoutMs: number): Result<RunDocument> {
  const ms = (v: number | null) => (v === null ? '-' : formatElapsed(v));
  const blocks = [
    out(doc.resumed
      ? t(M.resultResumed, { drill: safeLine(doc.drill.name), group: safeLine(doc.group.name) })
      : t(M.resultTime, { drill: safeLine(doc.drill.name), group: safeLine(doc.group.name), time: ms(doc.recovery_ms) })),
    out(''),
    table([t(M.hPhase), t(M.hResult), t(M.hDuration), t(M.hStarted)], doc.phases.map((p) => [p.name, p.result, ms(p.duration_ms), p.started_at])),
  ];
  if (doc.servers.length) {
    blocks.push(out(''), table([t(M.hDrillServer), t(M.hStatus), t(M.hAddresses)], doc.servers.map((s) => [safeLine(s.name ?? s.drill_server_id), s.status, s.addresses.join(', ') || '-'])));
  }
  const untouched = doc.group.status_after === doc.group.status_before && doc.group.production_after === doc.group.production_before;
  blocks.push(say(untouched
    ? t(M.groupUntouched, { group: safeLine(doc.group.name), status: doc.group.status_after, production: doc.group.production_after })
    : t(M.groupChanged, {
      group: safeLine(doc.group.name), before: doc.group.status_before, prodBefore: doc.group.production_before,
      after: doc.group.status_after ?? t(M.unreadable), prodAfter: doc.group.production_after ?? '?',
    }), untouched ? 'plain' : 'warn'));
  blocks.push(doc.kept
    ? say(t(M.drillKept, { drill: safeLine(doc.drill.name), cleanup: doc.cleanup_command }))
    : say(t(M.drillDeleted, { drill: safeLine(doc.drill.name), vpc: doc.drill.drill_vpc_id }), 'dim'));
  const journal: JournalFacts = {
    kind: 'drill',
    groups: [{ id: doc.group.id, name: doc.group.name }],
    phases: doc.phases.map((p) => ({ name: p.name, group: doc.group.id, started_at: p.started_at, ...(p.ended_at ? { ended_at: p.ended_at } : {}), result: p.result === 'resumed' ? 'ok' : p.result })),
    ...(doc.recovery_ms !== null ? { recovery_ms: doc.recovery_ms } : {}),
    // The verify command is journaled as the command line is: known secrets (by the journal) and URL userinfo (here) removed.
    extra: { drill_id: doc.drill.id, drill_name: doc.drill.name, resumed: doc.resumed, kept: doc.kept, verify: doc.verify ? { ...doc.verify, command: stripUserinfo(doc.verify.command) } : null, result: doc.result },
  };
  const v = doc.verify;
  if (v && !v.passed) {
    blocks.push(say(v.error ? t(M.failedError, { error: verifyErrorText(v.error) })
      : v.timed_out ? t(M.failedTimedOut, { time: formatElapsed(verifyTimeoutMs) })
      : v.signal ? t(M.failedSignal, { signal: v.signal })
      : t(M.failedExit, { code: v.exit_code }), 'bad'));
    const why = v.error ? verifyErrorText(v.error) : v.timed_out ? text(M.whyTimedOut) : v.signal ? text(M.whySignal, { signal: v.signal }) : text(M.whyExit, { code: v.exit_code });
    const error = new SdrsError('VERIFY_FAILED', ExitCode.VERIFY_FAILED,
      text(M.verifyFailedErr, { drill: safeLine(doc.drill.name), why, after: text(doc.kept ? M.afterKept : M.afterDeleted) }), {
        hint: doc.kept ? text(M.verifyFailedKeptHint, { id: doc.drill.id, cleanup: doc.cleanup_command }) : text(M.verifyFailedHint),
        details: { drill_id: doc.drill.id, group_id: doc.group.id, verify: v, ...(doc.kept ? { cleanup_command: doc.cleanup_command } : {}) },
      });
    return { data: doc, blocks, error, journal };
  }
  blocks.push(say(doc.resumed ? t(v ? M.passedVerifyResumed : M.passedResumed) : t(v ? M.passedVerify : M.passed, { time: ms(doc.recovery_ms) }), 'ok'));
  return { data: doc, blocks, journal };
}

/**
 * An ending at a phase after the run began sending: keeps the error's code and exit code,
 * says what exists now (read when it can be) and the exact cleanup command, and that the
 * same command carries on. Marked final so the after-send report keeps it.
 */
async function failedAt(ctx: Context, api: SdrsApi, phase: Phase['name'], err: unknown, s: { group: ServerGroup; name: string; drill?: DisasterRecoveryDrill; phases: Phase[] }): Promise<unknown> {
  const e = toSdrsError(err);
  // A refusal of the create itself (a 4xx answer: nothing was made) is reported as it is.
  if (e.exitCode === ExitCode.USAGE || (e.exitCode === ExitCode.API && !s.drill && phase === 'create')) return err;
  let d = s.drill;
  let gone = false;
  if (!ctx.signal.aborted) {
    try {
      if (d) d = await api.getDrill(d.id);
      else d = (await api.listAllDrills({ server_group_id: s.group.id, name: s.name })).find((x) => x.name === s.name);
    } catch (readErr) {
      gone = d !== undefined && isDrillGone(readErr);
    }
  }
  const rerun = text(M.rerun, { drill: safeLine(s.name) });
  // A drill in an error status is not carried on (a re-run refuses it): it is cleaned up.
  // Stopped while deleting: the delete was sent (the error says how to follow it); a re-run would start a new drill.
  const carryOn = phase !== 'cleanup' && (!d || d.status === 'creating' || d.status === 'available' || d.status === 'deleting');
  const said = typeof e.details.cleanup_command === 'string';
  const exists: Text | undefined = gone
    ? text(M.existsGone, { drill: safeLine(s.name), id: d ? ` (${d.id})` : '', group: s.group.id })
    : d?.status === 'deleting'
      ? text(M.existsDeleting, { drill: safeLine(d.name), id: d.id })
    : d
      ? said
        ? carryOn ? text(M.existsOr, { rerun }) : undefined
        : text(M.existsNow, {
          drill: safeLine(d.name), id: d.id, status: d.status, lastRead: ctx.signal.aborted ? text(M.whenLastRead) : '',
          n: d.drill_servers?.length ?? 0, vpc: d.drill_vpc_id, cleanup: cleanupCommand(d), orRerun: carryOn ? text(M.orRerun, { rerun }) : '',
        })
      : text(M.existsNone, { drill: safeLine(s.name), group: s.group.id, rerun });
  const hintParts = [e.hintText, exists].filter((x): x is Text => x !== undefined && x.en !== '');
  const hint = join(hintParts, ' ');
  const out = new SdrsError(e.code, e.exitCode, text(M.stoppedAt, { group: safeLine(s.group.name), phase, message: e.text }), {
    hint,
    details: {
      ...e.details, phase, group_id: s.group.id, drill_name: s.name, phases: s.phases,
      ...(d && !gone ? { drill_id: d.id, drill_status: d.status, cleanup_command: cleanupCommand(d) } : d ? { drill_id: d.id } : {}),
    },
    cause: err,
  });
  // Once a request of this run was accepted (the drill was created, or its delete sent), an
  // ending with 1 to 4 (a refused or failed read, a bug) does not mean "nothing changed": it is
  // an unknown outcome (exit 7), keeping what exists now and the cleanup command. A definitive
  // refusal of a later request (already final) keeps its code.
  const accepted = changesMade(ctx);
  if (accepted.length && !isFinal(e) && e.exitCode >= ExitCode.INTERNAL && e.exitCode <= ExitCode.AUTH) {
    const rec = accepted[accepted.length - 1];
    const after = afterSendError(ctx, rec, out);
    return asFinal(new UnknownOutcomeError(text(M.acceptedUnknown, {
      message: out.text, operation: { en: `${rec.operation.charAt(0).toLowerCase()}${rec.operation.slice(1)}`, zh: rec.operationText?.zh ?? rec.operation }, job: rec.jobId ? text(M.acceptedJob, { job: rec.jobId }) : '',
    }), {
      hint, details: after.details, cause: err,
    }));
  }
  return asFinal(out);
}

/**
 * The environment the --verify command inherits: sdrs's own, without the credentials sdrs
 * reads (every AK/SK family's AK, SK and security token, and the IAM token). A check of the
 * drill servers has no use for cloud credentials, and a script should not get them by accident.
 */
export function verifyEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const secret = new Set<string>([...AKSK_FAMILIES.flatMap((f) => [f.ak, f.sk, f.token]), ...AUTH_TOKEN_VARS]);
  return Object.fromEntries(Object.entries(env).filter(([k]) => !secret.has(k.toUpperCase())));
}

/** The --verify command's start failure (`could not be started: <reason>`) for people; the reason is the system's. */
function verifyErrorText(error: string): Text {
  const m = /^could not be started: (.*)$/s.exec(error);
  return m ? text(M.verifyNotStarted, { reason: m[1] }) : { en: error, zh: error };
}

/** Runs the --verify command with the drill in its environment and on stdin. */
async function runVerify(ctx: Context, command: string, timeoutMs: number, g: ServerGroup, d: DisasterRecoveryDrill, servers: DrillServerView[]): Promise<VerifyResult> {
  const { spawn } = await import('node:child_process');
  const env: NodeJS.ProcessEnv = {
    ...verifyEnv(ctx.env),
    SDRS_DRILL_ID: d.id,
    SDRS_DRILL_NAME: d.name,
    SDRS_DRILL_VPC_ID: d.drill_vpc_id,
    SDRS_GROUP_ID: g.id,
    SDRS_GROUP_NAME: g.name,
    SDRS_DRILL_SERVER_COUNT: String(servers.length),
    SDRS_DRILL_SERVERS: JSON.stringify(servers),
  };
  servers.forEach((s, i) => {
    const p = `SDRS_DRILL_SERVER_${i + 1}_`;
    env[p + 'NAME'] = s.name ?? '';
    env[p + 'ID'] = s.drill_server_id;
    env[p + 'ADDRESS'] = s.addresses[0] ?? '';
    env[p + 'ADDRESSES'] = s.addresses.join(' ');
    env[p + 'PROTECTED_INSTANCE'] = s.protected_instance;
  });
  const input = JSON.stringify({ drill: { id: d.id, name: d.name, drill_vpc_id: d.drill_vpc_id, server_group_id: d.server_group_id }, group: { id: g.id, name: g.name }, servers }) + '\n';
  const t0 = ctx.clock.now();
  if (ctx.signal.aborted) throw new InterruptedError(text(M.stoppedBeforeVerify), { signal: stopSignalOf(ctx.signal.reason) });
  return new Promise<VerifyResult>((resolve, reject) => {
    // Its own process group (POSIX), so a timeout or Ctrl-C stops the whole command, not only the shell.
    const group = process.platform !== 'win32';
    const child = spawn(command, { shell: true, env, cwd: ctx.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: group });
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const kill = (sig: NodeJS.Signals) => {
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        // Already gone.
      }
    };
    const stop = () => {
      kill('SIGTERM');
      killTimer = setTimeout(() => kill('SIGKILL'), 5_000);
      killTimer.unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeoutMs);
    const onAbort = () => stop();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    if (ctx.signal.aborted) stop(); // aborted while it was being spawned
    // The command's output is for people: stderr, so stdout stays the result (--json).
    child.stdout.on('data', (b: Buffer) => ctx.io.err.write(b));
    child.stderr.on('data', (b: Buffer) => ctx.io.err.write(b));
    child.stdin.on('error', () => undefined); // a command that does not read stdin
    child.stdin.end(input);
    child.on('error', (e) => {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      resolve({ command, exit_code: null, signal: null, timed_out: false, duration_ms: ctx.clock.now() - t0, passed: false, error: `could not be started: ${e.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      ctx.signal.removeEventListener('abort', onAbort);
      if (ctx.signal.aborted) {
        reject(new InterruptedError(text(M.stoppedInVerify), { signal: stopSignalOf(ctx.signal.reason) }));
        return;
      }
      resolve({ command, exit_code: code, signal, timed_out: timedOut, duration_ms: ctx.clock.now() - t0, passed: code === 0 && !timedOut });
    });
  });
}
