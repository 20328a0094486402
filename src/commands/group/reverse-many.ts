/**
 * `sdrs group reverse <group>... --to <side>` and `--all`: real DR events move
 * dozens of groups. Pre-flight for all first, one confirmation, then submit
 * and watch concurrently (bounded), and report every group.
 */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { ServerGroup, Station } from '../../api/types.js';
import { ApiError, ExitCode, InterruptedError, PreconditionError, SdrsError, stopSignalOf, toSdrsError, safeLine } from '../../errors.js';
import { mapLimit } from '../../util/pool.js';
import { confirmOrCancel } from '../shared/confirm.js';
import { dryRun, followSent, noHandOff, sendOrFollow } from '../shared/mutation.js';
import { result, table, type Result, type Tone } from '../shared/output.js';
import { resolveGroups } from '../shared/resolve.js';
import { azOf } from '../shared/sites.js';
import { mark, say } from '../shared/ui.js';
import { resumeCommand, watch, type WaitSettings } from '../shared/wait.js';
import { runPreflight, type PreflightReport } from './preflight.js';
import { createBoard } from './board.js';
import { batchGroupReads, prefetchChildren } from './bulk-reads.js';
import { reconcileReverse, reverseAction, reverseLabelText } from './reverse-request.js';
import { local, t, text, type Text } from '../../i18n/index.js';
import { joinList } from '../../i18n/compose.js';
import { reverse as M } from '../../i18n/catalog/reverse.js';

/** One group's outcome, as printed with --json. */
export interface GroupResult {
  group_id: string;
  name: string;
  job_id: string | null;
  /**
   * The group's status at the end, as last read; `unknown` (and `priority_station` null)
   * when its request may have reached the service and the group could not be read after.
   */
  status: string;
  priority_station: Station | null;
  /** `reversed`, `no-op`, `submitted` (--no-wait) or `failed`. */
  result: 'reversed' | 'no-op' | 'submitted' | 'failed';
  exit_code: number;
  error: { code: string; message: string; exit_code: number; hint?: string } | null;
  /** Set when the service's answer was lost but a read showed what happened (then `job_id` is null). */
  note?: string;
}

/** Options after flag validation. */
export interface ReverseManyOptions {
  refs: string[];
  all: boolean;
  status?: string;
  name?: string;
  to: Station;
  yes: boolean;
  skipChecks: boolean;
  dryRun: boolean;
  concurrency: number;
  settings: WaitSettings;
}

/** How long the watchers' group reads are collected into one listing (ms). */
export const GROUP_BATCH_WINDOW_MS = 200;

/** The job type of a reverse (reference 5, job types). */
export const REVERSE_JOB_TYPE = 'reverseProtectionGroupNoCG';

/** While a group still shows `reversing`, its job is read no more often than this (ms). */
export const JOB_READ_MAX_GAP_MS = 60_000;

/** Finds the groups to reverse with one listing (every page) instead of one read per group. */
export async function selectGroups(api: SdrsApi, o: Pick<ReverseManyOptions, 'refs' | 'all' | 'status' | 'name'>): Promise<ServerGroup[]> {
  if (o.all) {
    const groups = await api.listAllGroups({ ...(o.status ? { status: o.status } : {}), ...(o.name ? { name: o.name } : {}) });
    if (groups.length === 0) throw new PreconditionError('GROUP_NOT_FOUND', 'no protection group matches --all with the given filters');
    return groups;
  }
  return resolveGroups(api, o.refs);
}

/**
 * Runs the multi-group reverse: the per-group results (JSON array or table), with
 * the worst exit code as the result's error when any group did not finish.
 */
export async function reverseMany(ctx: Context, o: ReverseManyOptions): Promise<Result> {
  const api = await ctx.api();
  const groups = await selectGroups(api, o);
  const noop = groups.filter((g) => g.priority_station === o.to && g.status === 'protected');
  const todo = groups.filter((g) => !noop.includes(g));
  // With --json, nothing is printed before the checks pass: a refusal's only stderr is its JSON document.
  const lines: [string, Tone?][] = [[t(M.manySelected, { n: groups.length, todo: todo.length, to: o.to, noop: noop.length })]];
  const flush = () => {
    for (const [text, tone] of lines.splice(0)) say(ctx, text, tone);
  };
  if (!ctx.globals.json) flush();

  let checked: { g: ServerGroup; r: PreflightReport }[] = [];
  if (!o.skipChecks && todo.length > 0) {
    lines.push([t(M.manyChecks, { n: todo.length })]);
    if (!ctx.globals.json) flush();
    const checkApi = await prefetchChildren(api, todo, { servers: true });
    const reports = await mapLimit(todo, o.concurrency, (g) => runPreflight(checkApi, g, o.to));
    checked = todo.map((g, i) => ({ g, r: reports[i] }));
    const failed = checked.filter((x) => !x.r.ok);
    for (const { g, r } of checked) {
      const name = safeLine(g.name);
      const failures = r.text.failures.map((f) => local(f)).join(t({ en: '; ', zh: '；' }));
      lines.push([`  ${mark(ctx, r.ok)} ${r.ok ? t(M.manyReady, { name, n: r.instanceCount }) : t(M.manyFailedLine, { name, failures })}`]);
      for (const w of r.text.warnings) lines.push([t(M.manyWarning, { name, warning: local(w) }), 'warn']);
    }
    if (failed.length > 0) {
      if (!ctx.globals.json) flush();
      const hints = (lang: keyof Text) => [...new Set(failed.flatMap((x) => x.r.text.hints.map((h) => h[lang])))];
      throw new PreconditionError('PREFLIGHT_FAILED', text(M.manyFailed, { n: failed.length, total: todo.length, names: joinList(failed.map((x) => x.g.name)) }), {
        hint: { en: hints('en').join(' '), zh: hints('zh').join('') },
        details: { failed_groups: failed.map((x) => ({ group_id: x.g.id, name: x.g.name, failed_checks: x.r.failedChecks, checks: x.r.checks })) },
      });
    }
  }
  flush();

  if (o.dryRun) {
    const dry = dryRun(await Promise.all(todo.map((g) => api.prepareGroupAction(g.id, reverseAction(o.to)))));
    const preflight = checked.map(({ g, r }) => ({ group_id: g.id, name: g.name, ok: r.ok, checks: r.checks }));
    const withChecks = checked.length ? { ...dry, data: { ...(dry.data as object), preflight } } : dry;
    // Nothing to send: no empty request text on stdout.
    return todo.length > 0 ? withChecks : { ...withChecks, blocks: withChecks.blocks.filter((b) => b.kind !== 'out') };
  }

  if (todo.length > 0) {
    const instances = todo.reduce((n, g) => n + g.protected_instance_num, 0);
    await confirmOrCancel(ctx, o.yes, t(M.manyConfirm, { n: todo.length, to: o.to, instances }), text(M.verbReverse));
  }

  const results = new Map<string, GroupResult>();
  for (const g of noop) results.set(g.id, resultOf(g, null, 'no-op'));
  // The watchers' group reads (progress, and the final read) share listings.
  const watchApi = Object.assign(Object.create(api) as SdrsApi, {
    getGroup: batchGroupReads(api, { windowMs: GROUP_BATCH_WINDOW_MS, knownGroups: groups.length, sleep: (ms) => ctx.clock.sleep(ms) }),
  });
  const board = createBoard({ io: ctx.io, clock: ctx.clock, names: todo.map((g) => g.name) });
  /** Groups whose request the service refused outright: nothing changed, nothing to check. */
  const refused = new Set<string>();
  try {
    await mapLimit(todo, o.concurrency, async (g) => {
      if (ctx.signal.aborted) return;
      let jobId: string | null = null;
      // Whether the request may have reached the service, and whether the service refused it outright.
      let reached = false;
      let refusedOutright = false;
      try {
        board.set(g.name, 'submitting', t(M.rowSubmitting));
        const label = `to ${o.to} (${azOf(g, o.to)})`;
        const sent = await sendOrFollow(ctx, {
          operation: `Reversing ${safeLine(g.name)} ${label}`,
          operationText: reverseLabelText(g, o.to, safeLine(g.name)),
          send: async () => {
            reached = true;
            try {
              return await api.groupAction(g.id, reverseAction(o.to));
            } catch (err) {
              refusedOutright = err instanceof ApiError && err.status < 500;
              throw err;
            }
          },
          reconcile: reconcileReverse(watchApi, g, o.to),
          checkHint: `sdrs group show ${g.id}`,
          details: { group: g.name, group_id: g.id },
        });
        if (sent.kind === 'accepted') {
          // The answer (and the job id) was lost, but the group shows the reverse made or under way:
          // followed by the group's status, so the row says what really happened.
          const seen = `no clear answer from the service, but ${sent.seen}`;
          if (!o.settings.wait) {
            // Accepted, but --no-wait hands off a job id, and there is none: exit 7 for this group, saying so.
            const e = noHandOff(ctx, sent);
            results.set(g.id, { ...resultOf(sent.follow.group, null, 'submitted'), note: seen, exit_code: e.exitCode, error: errorOf(e) });
            board.set(g.name, 'done', t(M.rowNoJobId));
            return;
          }
          board.set(g.name, 'watching', t(M.rowFollowing, { seen: sent.seenText ? local(sent.seenText) : sent.seen }));
          const r = await followSent(ctx, watchApi, o.settings, { ...sent, follow: { ...sent.follow, onStatus: (st) => board.set(g.name, 'watching', t(M.rowGroupStatus, { status: st })) } });
          results.set(g.id, { ...resultOf(r.group ?? g, null, 'reversed'), note: seen });
          board.set(g.name, 'done', t(M.rowReversedSeen, { seen: sent.seenText ? local(sent.seenText) : sent.seen }));
          return;
        }
        jobId = sent.jobId;
        if (!o.settings.wait) {
          results.set(g.id, resultOf({ ...g, status: 'reversing' }, jobId, 'submitted'));
          board.set(g.name, 'done', t(M.rowSubmittedJob, { job: jobId }));
          return;
        }
        board.set(g.name, 'watching', t(M.rowJobSubmitted, { job: jobId }));
        const r = await watch(ctx, watchApi, o.settings, {
          jobId, groupId: g.id, label: t(M.toStation, { to: o.to, az: azOf(g, o.to) }),
          expect: { finalStatus: 'protected', priorityStation: o.to }, reporter: board.reporter(g.name),
          gateJobReads: { maxGapMs: JOB_READ_MAX_GAP_MS, jobType: REVERSE_JOB_TYPE },
        });
        results.set(g.id, resultOf((r.group as ServerGroup | undefined) ?? g, jobId, 'reversed'));
      } catch (err) {
        const e = toSdrsError(err);
        board.set(g.name, 'failed', local(e.text));
        const d = e.details;
        // After a request that may have changed the group, the read from before it says nothing:
        // the group as the error last saw it, or unknown.
        const stale = reached && !refusedOutright;
        if (refusedOutright) refused.add(g.id);
        results.set(g.id, {
          ...resultOf(g, jobId ?? (typeof d.job_id === 'string' && d.job_id !== '' ? d.job_id : null), 'failed'),
          status: typeof d.group_status === 'string' ? d.group_status : stale ? 'unknown' : g.status,
          priority_station: d.priority_station === 'source' || d.priority_station === 'target' ? d.priority_station : stale ? null : g.priority_station,
          exit_code: e.exitCode,
          error: errorOf(e),
        });
      }
    });
  } finally {
    board.close();
  }

  const ordered = groups.map((g) => results.get(g.id) ?? notStarted(g, ctx.signal.aborted, ctx.signal.reason));
  const res: Result<GroupResult[]> = result(
    ordered,
    table([t(M.colGroup), t(M.colResult), t(M.colStatus), t(M.colProduction), t(M.colJob), t(M.colExit)], ordered.map((r) => {
      const g = groups.find((x) => x.id === r.group_id)!;
      return [r.name, r.result, r.status, r.priority_station ? `${azOf(g, r.priority_station)} (${r.priority_station})` : 'unknown', r.job_id ?? '-', r.exit_code];
    })),
  );
  const worst = worstExit(ordered.map((r) => r.exit_code), ctx.signal.aborted ? ctx.signal.reason : undefined);
  if (worst !== ExitCode.OK) {
    const bad = ordered.filter((r) => r.exit_code !== 0);
    const resume = bad.filter((r) => r.job_id).map((r) => resumeCommand(r.job_id!));
    // A group sent to without a job id to show for it (the answer was lost): how to check it.
    const check = bad.filter((r) => !r.job_id && !refused.has(r.group_id) && r.error?.code !== 'NOT_STARTED' && !r.error?.message.startsWith('not submitted')).map((r) => `sdrs group show ${r.group_id}`);
    const parts = [
      ...(resume.length ? [text(M.manyResume, { cmds: resume.join(' ; ') })] : []),
      ...(check.length ? [text(M.manyUnknown, { n: check.length, cmds: check.join(' ; ') })] : []),
    ];
    const hint: Text | undefined = parts.length ? { en: parts.map((p) => p.en).join('. '), zh: parts.map((p) => p.zh).join('。') } : undefined;
    // The per-group results are printed first; this error then carries the worst code.
    const signalled = worst === ExitCode.INTERRUPTED || worst === ExitCode.TERMINATED || worst === ExitCode.HANGUP;
    res.error = new SdrsError(signalled ? 'INTERRUPTED' : 'SOME_GROUPS_FAILED', worst as SdrsError['exitCode'],
      {
        en: text(M.manyNotFinished, { bad: bad.length, total: ordered.length, list: bad.map((r) => text(M.manyExitItem, { name: safeLine(r.name), code: r.exit_code }).en).join(', ') }).en,
        zh: text(M.manyNotFinished, { bad: bad.length, total: ordered.length, list: bad.map((r) => text(M.manyExitItem, { name: safeLine(r.name), code: r.exit_code }).zh).join('、') }).zh,
      },
      { hint, details: { failed_groups: bad.map((r) => r.group_id) } });
  }
  return res;
}

function errorOf(e: SdrsError): NonNullable<GroupResult['error']> {
  return { code: e.code, message: e.message, exit_code: e.exitCode, ...(e.hint ? { hint: e.hint } : {}) };
}

function resultOf(g: ServerGroup, jobId: string | null, result: GroupResult['result']): GroupResult {
  return { group_id: g.id, name: g.name, job_id: jobId, status: g.status, priority_station: g.priority_station, result, exit_code: 0, error: null };
}

function notStarted(g: ServerGroup, interrupted: boolean, reason?: unknown): GroupResult {
  const code = interrupted ? worstExit([], reason ?? 'SIGINT') : ExitCode.INTERNAL;
  return { ...resultOf(g, null, 'failed'), exit_code: code, error: { code: interrupted ? 'INTERRUPTED' : 'NOT_STARTED', message: 'not submitted: nothing was sent for this group', exit_code: code } };
}

/** The documented rule: the signal's code (130, 143, 129) when interrupted, else the largest exit code among the groups. */
export function worstExit(codes: number[], abortReason?: unknown): number {
  if (abortReason !== undefined) return new InterruptedError('', { signal: stopSignalOf(abortReason) }).exitCode;
  return codes.reduce((a, b) => Math.max(a, b), 0);
}
