/**
 * `sdrs rpo [--since 24h|7d] [--fail-above N]`: the RPO-exceedance trend, i.e. how many
 * replication pairs of the project were over their RPO at each point the service
 * recorded (tenant-wide; the service gives no per-group figure). A sparkline at a
 * terminal, a table otherwise, the points with `--json`. Exit 8 (NOT_READY, code
 * RPO_EXCEEDED) when the latest point is above `--fail-above`.
 */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import type { RpoStatistic } from '../api/types.js';
import { NotReadyError, UsageError } from '../errors.js';
import { durationMs } from '../util/duration.js';
import { printable } from '../validate.js';
import { bind, examples, parseInteger, type RunF, type Runner } from './shared/command.js';
import { out, outTone, result, say, table, type Block, type Result } from './shared/output.js';
import { t, text } from '../i18n/index.js';
import { rpo as M } from '../i18n/catalog/readiness.js';

/** Default window of the trend. */
export const DEFAULT_SINCE = '24h';
/** Longest window accepted (the service's retention is not documented). */
export const MAX_SINCE_MS = 90 * 24 * 3_600_000;

/** The options of one run. */
export interface RpoOptions {
  /** The window, ms back from now. */
  sinceMs: number;
  /** As given, for messages. */
  since: string;
  /** Exit 8 when the latest point is above this. */
  failAbove?: number;
}

/** What commander parses. */
interface RpoFlags {
  since?: string;
  failAbove?: string;
}

/** The `sdrs rpo --json` document. */
export interface RpoDocument {
  /**
   * The start of the window as the service was asked (`yyyy-MM-dd HH:mm:ss.SSS`, UTC). No
   * `end_time` is sent: the window runs to the service's now, so a clock behind the service's
   * does not hide its latest points.
   */
  start_time: string;
  /** The window as given (`24h`, `7d`). */
  since: string;
  /** The service's points, oldest first. */
  points: RpoStatistic[];
  /** The most recent point, or null when there is none in the window. */
  latest: { point_time: string; resource_num: number } | null;
  /** The most pairs over their RPO at any point of the window (0 without points). */
  max: number;
  fail_above: number | null;
}

/** `30m`, `24h`, `7d`, `1d12h`: days are allowed besides the usual units. */
export function parseSince(given: string): number {
  const v = given.trim().toLowerCase();
  const m = /^(\d+)d(.*)$/.exec(v);
  const ms = m ? Number(m[1]) * 24 * 3_600_000 + (m[2] ? (durationMs(m[2], 's') ?? NaN) : 0) : durationMs(v, 's');
  if (ms === undefined || !Number.isFinite(ms)) throw new UsageError(text(M.sinceBad, { value: printable(given) }));
  if (ms <= 0 || ms > MAX_SINCE_MS) throw new UsageError(text(M.sinceRange, { value: printable(given) }));
  return ms;
}

function parseRpo(_args: string[], f: RpoFlags): RpoOptions {
  const since = f.since ?? DEFAULT_SINCE;
  return {
    since,
    sinceMs: parseSince(since),
    ...(f.failAbove === undefined ? {} : { failAbove: parseInteger('--fail-above', f.failAbove, 0, 1_000_000, 0) }),
  };
}

/** `rpo`'s flags, help and wiring. */
export function registerRpo(cmd: Command, run: Runner, runF: RunF<RpoOptions> = runRpo): void {
  cmd
    .option('--since <duration>', 'how far back: 30m, 24h, 7d (default: 24h)')
    .option('--fail-above <n>', 'exit 8 when more than n pairs were over their RPO at the latest point');
  examples(cmd, [
    '$ sdrs rpo --since 7d',
    '$ sdrs rpo --since 1h --fail-above 0 || echo "pairs over their RPO now"',
    '$ sdrs rpo --json | jq -r ".latest.resource_num"',
  ]);
  bind(cmd, run, parseRpo, runF);
}

/** `2026-11-30 12:00:00.000`, UTC (the service's documented format; its time zone is not documented). */
export function serviceTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Reads the trend of the window; exit 8 when the latest point is above --fail-above. */
export async function runRpo(ctx: Context, o: RpoOptions): Promise<Result<RpoDocument>> {
  const api = await ctx.api();
  const now = ctx.clock.now();
  const q = { start_time: serviceTime(now - o.sinceMs), resource_type: 'replication' as const };
  const points = (await api.listRpoStatistics(q)).sort((a, b) => a.point_time.localeCompare(b.point_time));
  const last = points[points.length - 1];
  const doc: RpoDocument = {
    start_time: q.start_time,
    since: o.since,
    points,
    latest: last ? { point_time: last.point_time, resource_num: last.resource_num } : null,
    max: Math.max(0, ...points.map((p) => p.resource_num)),
    fail_above: o.failAbove ?? null,
  };
  const blocks: Block[] = [];
  if (!points.length) blocks.push(say(t(M.none, { since: o.since })));
  else if (ctx.io.stdoutIsTTY) {
    const over = last.resource_num > 0;
    blocks.push(
      out(t(M.head, { since: o.since, n: points.length, from: points[0].point_time, to: last.point_time })),
      outTone(sparkline(points.map((p) => p.resource_num), Math.max(10, (ctx.io.columns ?? 80) - 2)), doc.max > 0 ? 'warn' : 'ok'),
      outTone(t(M.latest, { n: last.resource_num, at: last.point_time, max: doc.max }), over ? 'bad' : 'ok'),
    );
  } else blocks.push(table([t(M.colTime), t(M.colOver)], points.map((p) => [p.point_time, p.resource_num])));
  const r: Result<RpoDocument> = result(doc, ...blocks);
  if (o.failAbove !== undefined && last && last.resource_num > o.failAbove) {
    r.error = new NotReadyError(text(M.exceeded, { n: last.resource_num, at: last.point_time, limit: o.failAbove }), {
      code: 'RPO_EXCEEDED',
      hint: text(M.exceededHint),
      details: { point_time: last.point_time, resource_num: last.resource_num, fail_above: o.failAbove },
    });
  }
  return r;
}

const BARS = '▁▂▃▄▅▆▇█';

/**
 * One character per point (the most of each bucket when there are more points than
 * `width`), scaled to the window's maximum; a zero is the lowest bar.
 */
export function sparkline(values: number[], width: number): string {
  const buckets: number[] = [];
  const per = Math.max(1, Math.ceil(values.length / width));
  for (let i = 0; i < values.length; i += per) buckets.push(Math.max(...values.slice(i, i + per)));
  const max = Math.max(...buckets);
  return buckets.map((v) => (max === 0 ? BARS[0] : BARS[Math.round((v / max) * (BARS.length - 1))])).join('');
}
